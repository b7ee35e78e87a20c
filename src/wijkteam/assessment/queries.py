"""Reads of question clarification, life domains, the explanatory analysis, the child's
voice and consultations. Which cases and households a user may see is decided by
`cases.queries.cases_visible_to` and `people.queries.households_visible_to`; everything
here is reached through one of those."""

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import Prefetch
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from wijkteam.cases.models import Case, ContactMoment, ContactPresence
from wijkteam.core.charts import Chart, Series
from wijkteam.core.rules import Verdict, add_months
from wijkteam.people.models import Household, Membership, Resident
from wijkteam.people.rules import age_on

from .models import (
    ChildVoice,
    LifeDomain,
    LifeDomainAssessment,
    LifeDomainScore,
    QuestionClarification,
)
from .rules import (
    STEP_4_SOURCES,
    ChildVoiceFacts,
    ClarificationFacts,
    DomainScore,
    applies_to_person,
    child_voice_verdict,
    clarification_verdict,
    lowest_first,
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
    household = case._state.fields_cache.get("household")
    if household is not None and "memberships" in getattr(
        household, "_prefetched_objects_cache", {}
    ):
        # The case page has read the family with its members already.
        memberships = household.memberships.all()
    else:
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
    return child_voice_verdict_of_rows(child_voice_rows(case, today))


def child_voice_verdict_of_rows(rows: list[ChildVoiceRow]) -> Verdict:
    """The same verdict from rows already read (a page that shows them too)."""
    return child_voice_verdict(
        ChildVoiceFacts(row.child.given_names, row.spoken_to, row.reason_recorded) for row in rows
    )


# --- Life domains ---------------------------------------------------------------------

MAX_CHART_ASSESSMENTS = 4


def life_domains_for(age: int) -> list[LifeDomain]:
    """The active domains that apply to a person of this age, in their order."""
    return [
        d for d in LifeDomain.objects.filter(active=True) if applies_to_person(d.applies_to, age)
    ]


def _household_scores(household: Household) -> list[LifeDomainScore]:
    return list(
        LifeDomainScore.objects.filter(assessment__household_id=household.pk)
        .select_related("assessment__resident", "assessment__assessed_by", "domain", "level")
        .order_by("assessment__assessed_on", "assessment__recorded_at", "id")
    )


@dataclass
class LifeDomainPicture:
    """The household's latest score per person and domain, lowest first, with the
    existential-security flags and a chart of each person's average over time."""

    latest: list[DomainScore]
    flags: list[DomainScore]
    low: list[DomainScore]
    chart: Chart | None
    assessed_people: int


def life_domain_picture(household: Household) -> LifeDomainPicture:
    """One query whatever the number of people, domains or assessments."""
    scores = _household_scores(household)
    latest: dict[tuple[int, int], DomainScore] = {}
    per_day: dict[date, dict[int, list[int]]] = {}
    names: dict[int, str] = {}
    for score in scores:
        resident = score.assessment.resident
        names[resident.pk] = resident.given_names
        key = (resident.pk, score.domain_id)
        previous = latest.get(key)
        latest[key] = DomainScore(
            person=resident.given_names,
            domain=score.domain.name,
            value=score.level.value,
            low=score.level.counts_as_low,
            existential_security=score.domain.existential_security,
            assessed_on=score.assessment.assessed_on,
            previous_value=previous.value if previous else None,
        )
        per_day.setdefault(score.assessment.assessed_on, {}).setdefault(resident.pk, []).append(
            score.level.value
        )
    ordered = lowest_first(latest.values())
    return LifeDomainPicture(
        latest=ordered,
        flags=[s for s in ordered if s.low and s.existential_security],
        low=[s for s in ordered if s.low],
        chart=_average_chart(per_day, names) if per_day else None,
        assessed_people=len(names),
    )


def _average_chart(per_day: dict, names: dict[int, str]) -> Chart:
    days = sorted(per_day)
    series = []
    for person_id, name in names.items():
        values = tuple(
            round(sum(per_day[day][person_id]) / len(per_day[day][person_id]), 1)
            if person_id in per_day[day]
            else None
            for day in days
        )
        series.append(Series(name, values))
    return Chart(
        chart_id="life-domains-average",
        title=_(
            "Average self-reliance per person over time (1 acute problems – 5 fully self-reliant)"
        ),
        labels=tuple(date_format(day, "j M Y") for day in days),
        series=tuple(series),
        x_label=_("Assessment date"),
        y_label=_("Average score"),
        y_min=1,
        y_max=5,
        y_step=1,
    )


@dataclass
class PersonLifeDomains:
    domains: list[LifeDomain]
    assessments: list[LifeDomainAssessment]
    chart: Chart | None


def person_life_domains(household: Household, resident: Resident, age: int) -> PersonLifeDomains:
    """One person's assessments, newest first, and a chart of the last few per domain."""
    domains = life_domains_for(age)
    assessments = list(
        LifeDomainAssessment.objects.filter(household=household, resident=resident)
        .select_related("assessed_by")
        .prefetch_related(
            Prefetch("scores", queryset=LifeDomainScore.objects.select_related("domain", "level"))
        )
    )
    chart = None
    shown = list(reversed(assessments[:MAX_CHART_ASSESSMENTS]))
    if shown:
        scored = {score.domain for assessment in shown for score in assessment.scores.all()}
        chart_domains = sorted(scored, key=lambda domain: (domain.order, domain.name))
        series = []
        for assessment in shown:
            by_domain = {s.domain_id: s.level.value for s in assessment.scores.all()}
            series.append(
                Series(
                    date_format(assessment.assessed_on, "j M Y"),
                    tuple(by_domain.get(d.pk) for d in chart_domains),
                )
            )
        chart = Chart(
            chart_id="person-life-domains",
            title=_("Scores per life domain, the last assessments"),
            labels=tuple(d.name for d in chart_domains),
            series=tuple(series),
            kind="bar",
            x_label=_("Life domain"),
            y_label=_("Score"),
            y_min=0,
            y_max=5,
            y_step=1,
        )
    return PersonLifeDomains(domains, assessments, chart)


# --- The child's voice counted (for the team lead and the KPIs) -------------------------


@dataclass(frozen=True)
class ChildVoiceFigures:
    children: int
    spoken_to: int
    reason: int

    @property
    def nothing(self) -> int:
        return self.children - self.spoken_to - self.reason


CHILD_VOICE_FIGURES_SQL = """
SELECT COUNT(*),
       COALESCE(SUM(CASE WHEN pairs.spoken THEN 1 ELSE 0 END), 0),
       COALESCE(SUM(CASE WHEN pairs.reason AND NOT pairs.spoken THEN 1 ELSE 0 END), 0)
FROM (
    SELECT
        (EXISTS (SELECT 1 FROM {voice} v
                 WHERE v.case_id = c.id AND v.child_id = m.resident_id AND v.spoken_to)
         OR EXISTS (SELECT 1 FROM {presence} p INNER JOIN {contact} cm ON cm.id = p.contact_id
                    WHERE cm.case_id = c.id AND p.resident_id = m.resident_id
                      AND p.child_spoken_to)) AS spoken,
        EXISTS (SELECT 1 FROM {voice} v
                WHERE v.case_id = c.id AND v.child_id = m.resident_id AND NOT v.spoken_to)
            AS reason
    FROM {case} c
    INNER JOIN {membership} m ON m.household_id = c.household_id
    INNER JOIN {resident} r ON r.id = m.resident_id
    WHERE c.id IN ({cases}) AND r.birth_date > %s
) pairs
"""


def child_voice_figures(cases, today: date) -> ChildVoiceFigures:
    """Per child of each case: spoken to, a reason recorded, or nothing. The database
    counts in one pass over the (case, child) pairs — the cases' households' members
    under 18 — with an index lookup or two per pair, so the Python does not grow with the
    number of cases and the database does the least it can per case. One query; the
    cases are a subquery."""
    cutoff = add_months(today, -12 * YOUTH_AGE)  # born after this: under 18 today
    try:
        cases_sql, cases_params = cases.order_by().values("pk").query.sql_with_params()
    except EmptyResultSet:
        return ChildVoiceFigures(0, 0, 0)
    sql = CHILD_VOICE_FIGURES_SQL.format(
        voice=ChildVoice._meta.db_table,
        presence=ContactPresence._meta.db_table,
        contact=ContactMoment._meta.db_table,
        case=Case._meta.db_table,
        membership=Membership._meta.db_table,
        resident=Resident._meta.db_table,
        cases=cases_sql,
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*cases_params, connection.ops.adapt_datefield_value(cutoff)])
        children, spoken_to, reason = cursor.fetchone()
    return ChildVoiceFigures(int(children), int(spoken_to), int(reason))
