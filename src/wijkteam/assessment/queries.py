"""Reads of question clarification, life domains, the explanatory analysis, the child's
voice and consultations. Which cases and households a user may see is decided by
`cases.queries.cases_visible_to` and `people.queries.households_visible_to`; everything
here is reached through one of those."""

from dataclasses import dataclass
from datetime import date

from wijkteam.cases.models import Case, ContactPresence
from wijkteam.core.rules import Verdict
from wijkteam.people.models import Membership, Resident
from wijkteam.people.rules import age_on

from .models import ChildVoice, QuestionClarification
from .rules import (
    STEP_4_SOURCES,
    ChildVoiceFacts,
    ClarificationFacts,
    child_voice_verdict,
    clarification_verdict,
)

YOUTH_AGE = 18

# --- Question clarification -----------------------------------------------------------


def clarification_of(case: Case) -> QuestionClarification | None:
    return QuestionClarification.objects.filter(case_id=case.pk).first()


def clarification_facts(clarification: QuestionClarification | None) -> ClarificationFacts:
    if clarification is None:
        return ClarificationFacts()
    return ClarificationFacts(
        support_question=clarification.support_question,
        problems=clarification.problems,
        support_needed=clarification.support_needed,
        step_4_sources={key: getattr(clarification, key) for key in STEP_4_SOURCES},
        own_means_conclusion=clarification.own_means_conclusion,
        own_support=clarification.own_support,
        own_support_conclusion=clarification.own_support_conclusion,
    )


def clarification_verdict_for_case(case: Case) -> Verdict:
    """Are steps 1–5 of the six-step question clarification recorded well enough to
    consider a customised provision (step 6)? Not allowed → one Reason per missing or
    insufficient step (codes `clarification_step_<n>_missing`, `…_insufficient`, or
    `…_sufficient` when step 4 or 5 concludes the need is met without one), with Dutch
    messages that say what to record."""
    return clarification_verdict(clarification_facts(clarification_of(case)))


# --- The child's voice ----------------------------------------------------------------


def children_of(case: Case, today: date) -> list[Resident]:
    """The children of a case: the members of its household who are under 18 on `today`
    (the whole family, not only the persons the question is about), youngest last."""
    memberships = Membership.objects.filter(household_id=case.household_id).select_related(
        "resident"
    )
    return sorted(
        (m.resident for m in memberships if age_on(m.resident.birth_date, today) < YOUTH_AGE),
        key=lambda resident: (resident.birth_date, resident.pk),
    )


@dataclass(frozen=True)
class SpokenInContact:
    """A contact moment at which the child was spoken to (when, how, by whom)."""

    spoken_on: date
    how: str
    by: object


@dataclass(frozen=True)
class ChildVoiceRow:
    child: Resident
    age: int
    latest: ChildVoice | None  # the latest record on the child's voice page
    contact: SpokenInContact | None  # the latest contact moment where they were spoken to

    @property
    def spoken_to(self) -> bool:
        return self.contact is not None or bool(self.latest and self.latest.spoken_to)

    @property
    def reason_recorded(self) -> bool:
        return bool(self.latest and not self.latest.spoken_to)

    @property
    def recorded(self) -> bool:
        return self.spoken_to or self.reason_recorded


def child_voice_rows(case: Case, today: date) -> list[ChildVoiceRow]:
    """Per child of the case: the latest record and the latest contact moment at which
    they were spoken to. Three queries whatever the number of children or records."""
    children = children_of(case, today)
    ids = [child.pk for child in children]
    latest: dict[int, ChildVoice] = {}
    for record in (
        ChildVoice.objects.filter(case_id=case.pk, child_id__in=ids)
        .select_related("spoken_by", "recorded_by")
        .order_by("-recorded_at", "-id")
    ):
        latest.setdefault(record.child_id, record)
    contacts: dict[int, SpokenInContact] = {}
    for presence in (
        ContactPresence.objects.filter(
            contact__case_id=case.pk, resident_id__in=ids, child_spoken_to=True
        )
        .select_related("contact__worker")
        .order_by("-contact__occurred_on", "-id")
    ):
        contact = presence.contact
        contacts.setdefault(
            presence.resident_id,
            SpokenInContact(contact.occurred_on, contact.get_kind_display(), contact.worker),
        )
    return [
        ChildVoiceRow(
            child, age_on(child.birth_date, today), latest.get(child.pk), contacts.get(child.pk)
        )
        for child in children
    ]


def child_voice_verdict_for_case(case: Case, today: date) -> Verdict:
    """Every child of the case (the household's members under 18 on `today`) has either
    a "spoken to" record — on the child's voice page, or a contact moment at which the
    child was spoken to (when, how, by whom) — or a recorded reason why not (too young,
    refused, safety, other with text). Not allowed → a Reason per child that names the
    child by given name, code `child_voice_missing`."""
    return child_voice_verdict(
        ChildVoiceFacts(row.child.given_names, row.spoken_to, row.reason_recorded)
        for row in child_voice_rows(case, today)
    )
