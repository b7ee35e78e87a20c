"""Pure rules for question clarification, life domains, the child's voice and
consultations. No database, no clock: callers pass the facts and `today`."""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext as _

from wijkteam.core.rules import Reason, Verdict

from .models import NotSpokenReason, Sufficiency

# --- Question clarification -----------------------------------------------------------

# A finding shorter than this says too little to be traceable for the family.
MIN_FINDING_LENGTH = 20

STEP_4_SOURCES = (
    "own_means",
    "usual_help",
    "informal_care",
    "social_network",
    "community_solutions",
)


@dataclass(frozen=True)
class ClarificationFacts:
    """What is recorded for steps 1–5 (empty strings where nothing is)."""

    support_question: str = ""
    problems: str = ""
    support_needed: str = ""
    step_4_sources: Mapping[str, str] | None = None
    own_means_conclusion: str = ""
    own_support: str = ""
    own_support_conclusion: str = ""


def _step_4_source_labels() -> dict[str, str]:
    return {
        "own_means": _("own means and abilities"),
        "usual_help": _("usual help from household members"),
        "informal_care": _("informal care"),
        "social_network": _("help from the social network"),
        "community_solutions": _("community solutions"),
    }


def _text_step(number: int, text: str, what: str) -> Reason | None:
    if not text.strip():
        return Reason(
            f"clarification_step_{number}_missing",
            _("Step %(number)d is not recorded: describe %(what)s.")
            % {"number": number, "what": what},
        )
    if len(text.strip()) < MIN_FINDING_LENGTH:
        return Reason(
            f"clarification_step_{number}_insufficient",
            _(
                "Step %(number)d says too little to be traceable for the family: describe "
                "%(what)s in at least %(min)d characters."
            )
            % {"number": number, "what": what, "min": MIN_FINDING_LENGTH},
        )
    return None


def _sufficiency_step(
    number: int, has_finding: bool, missing_parts: list[str], conclusion: str, what: str
) -> Reason | None:
    if not has_finding and not conclusion:
        return Reason(
            f"clarification_step_{number}_missing",
            _(
                "Step %(number)d is not recorded: describe %(what)s and conclude whether it is "
                "enough."
            )
            % {"number": number, "what": what},
        )
    problems = []
    if missing_parts:
        problems.append(_("record a finding on: %(parts)s") % {"parts": ", ".join(missing_parts)})
    if not conclusion:
        problems.append(_("conclude whether this is enough"))
    if problems:
        return Reason(
            f"clarification_step_{number}_insufficient",
            _("Step %(number)d is incomplete: %(problems)s.")
            % {"number": number, "problems": "; ".join(problems)},
        )
    if conclusion == Sufficiency.SUFFICIENT:
        return Reason(
            f"clarification_step_{number}_sufficient",
            _(
                "Step %(number)d concludes that %(what)s is enough, so a customised provision "
                "is not needed. Change the conclusion if that is no longer so."
            )
            % {"number": number, "what": what},
        )
    return None


def clarification_verdict(facts: ClarificationFacts) -> Verdict:
    """Are steps 1–5 recorded well enough to consider a customised provision (step 6)?

    Steps 1–3 need a finding of at least MIN_FINDING_LENGTH characters. Step 4 needs a
    finding on each of its five sources and a conclusion; step 5 a finding and a
    conclusion. A conclusion "sufficient" at step 4 or 5 means the need is met without a
    customised provision. One reason per step that falls short.
    """
    sources = dict(facts.step_4_sources or {})
    labels = _step_4_source_labels()
    missing_sources = [labels[key] for key in STEP_4_SOURCES if not sources.get(key, "").strip()]
    reasons = [
        _text_step(1, facts.support_question, _("the support question, in the family's words")),
        _text_step(2, facts.problems, _("the problems in self-reliance and participation")),
        _text_step(3, facts.support_needed, _("the support needed, by nature and extent")),
        _sufficiency_step(
            4,
            len(missing_sources) < len(STEP_4_SOURCES),
            missing_sources if len(missing_sources) < len(STEP_4_SOURCES) else [],
            facts.own_means_conclusion,
            _("what own means, usual help, informal care, network and community offer"),
        ),
        _sufficiency_step(
            5,
            bool(facts.own_support.strip()),
            [],
            facts.own_support_conclusion,
            _("the support the team itself can give"),
        ),
    ]
    found = tuple(reason for reason in reasons if reason is not None)
    return Verdict(not found, found)


def clarification_progress(facts: ClarificationFacts) -> dict[int, bool]:
    """Per step 1–5: is it recorded well enough (for the progress list on the page)?"""
    codes = clarification_verdict(facts).codes
    return {
        step: not any(code.startswith(f"clarification_step_{step}_") for code in codes)
        for step in range(1, 6)
    }


# --- The child's voice ----------------------------------------------------------------

# From this age a child can be spoken with at their own level; for an older child who
# cannot speak, the reason is "other" with an explanation.
TOO_YOUNG_BELOW_AGE = 4


@dataclass(frozen=True)
class ChildVoiceFacts:
    given_name: str
    spoken_to: bool
    reason_recorded: bool


def child_voice_verdict(children: Iterable[ChildVoiceFacts]) -> Verdict:
    """Every child has a "spoken to" record or a recorded reason why not."""
    reasons = tuple(
        Reason(
            "child_voice_missing",
            _(
                "It is not recorded whether %(name)s was spoken to, or why not. We always "
                "speak with the child, unless: record the conversation or the reason."
            )
            % {"name": child.given_name},
        )
        for child in children
        if not (child.spoken_to or child.reason_recorded)
    )
    return Verdict(not reasons, reasons)


@dataclass(frozen=True)
class ChildVoiceInput:
    spoken_to: bool
    spoken_on: date | None = None
    setting: str = ""
    spoken_by_id: int | None = None
    reason: str = ""
    reason_text: str = ""


def child_voice_record_verdict(
    data: ChildVoiceInput, *, birth_date: date, age: int, today: date
) -> Verdict:
    """Is this record of the child's voice complete and plausible?"""
    reasons = []
    if data.spoken_to:
        if data.spoken_on is None:
            reasons.append(Reason("child_voice_date", _("Say when you spoke with the child.")))
        elif data.spoken_on > today:
            reasons.append(Reason("child_voice_date", _("The date cannot be in the future.")))
        elif data.spoken_on < birth_date:
            reasons.append(
                Reason("child_voice_date", _("The date cannot be before the child's birth."))
            )
        if not data.setting:
            reasons.append(Reason("child_voice_setting", _("Say how you spoke with the child.")))
        if data.spoken_by_id is None:
            reasons.append(Reason("child_voice_by", _("Say who spoke with the child.")))
        return Verdict(not reasons, tuple(reasons))
    if not data.reason:
        reasons.append(
            Reason("child_voice_reason", _("Give the reason the child was not spoken to."))
        )
    elif data.reason == NotSpokenReason.TOO_YOUNG and age >= TOO_YOUNG_BELOW_AGE:
        reasons.append(
            Reason(
                "child_voice_not_too_young",
                _(
                    "A child of %(age)d can be spoken with at their own level. If that is not "
                    "possible, choose “other reason” and explain why."
                )
                % {"age": age},
            )
        )
    elif data.reason == NotSpokenReason.OTHER and not data.reason_text.strip():
        reasons.append(Reason("child_voice_reason_text", _("Explain the other reason.")))
    return Verdict(not reasons, tuple(reasons))


# --- Life domains ---------------------------------------------------------------------


@dataclass(frozen=True)
class DomainScore:
    person: str
    domain: str
    value: int
    low: bool
    existential_security: bool
    assessed_on: date
    previous_value: int | None = None

    @property
    def change(self) -> int | None:
        return None if self.previous_value is None else self.value - self.previous_value

    @property
    def change_size(self) -> int:
        return abs(self.change or 0)


def lowest_first(scores: Iterable[DomainScore]) -> list[DomainScore]:
    """Low existential-security scores first (the first priority), then lowest first."""
    return sorted(
        scores,
        key=lambda s: (not (s.low and s.existential_security), s.value, s.person, s.domain),
    )


def existential_security_flags(scores: Iterable[DomainScore]) -> list[DomainScore]:
    """The latest scores on income, debts or housing that are low: the first priority."""
    return [s for s in lowest_first(scores) if s.low and s.existential_security]


def applies_to_person(applies_to: str, age: int) -> bool:
    if applies_to == "adults":
        return age >= 18
    if applies_to == "children":
        return age < 18
    return True


def life_domain_assessment_verdict(
    scored: int, assessed_on: date | None, *, birth_date: date, today: date
) -> Verdict:
    reasons = []
    if not scored:
        reasons.append(Reason("no_scores", _("Score at least one life domain.")))
    if assessed_on is not None and assessed_on > today:
        reasons.append(Reason("assessed_in_future", _("The date cannot be in the future.")))
    if assessed_on is not None and assessed_on < birth_date:
        reasons.append(
            Reason("assessed_before_birth", _("The date cannot be before the person's birth."))
        )
    return Verdict(not reasons, tuple(reasons))


# --- Consultations --------------------------------------------------------------------

# Which role a colleague needs to be consulted as this kind of expert.
CONSULTANT_ROLE = {
    "behavioural_expert": "behavioural_expert",
    "gz_psychologist": "behavioural_expert",
    "safety_officer": "safety_officer",
}


def consultation_verdict(
    kind: str, consultant_roles: Iterable[str] | None, asked_on: date, today: date
) -> Verdict:
    """May this colleague be consulted as this kind of expert, on this date?"""
    reasons = []
    if consultant_roles is not None and CONSULTANT_ROLE.get(kind) not in set(consultant_roles):
        reasons.append(
            Reason(
                "consultant_role",
                _("This colleague does not hold the role to be consulted as this expert."),
            )
        )
    if asked_on > today:
        reasons.append(Reason("asked_in_future", _("The date cannot be in the future.")))
    return Verdict(not reasons, tuple(reasons))


def advice_verdict(advice: str, advised_on: date | None, asked_on: date, today: date) -> Verdict:
    reasons = []
    if not advice.strip():
        reasons.append(Reason("advice_missing", _("Record the advice that was given.")))
    if advised_on is None:
        reasons.append(Reason("advice_date", _("Say when the advice was given.")))
    elif advised_on < asked_on:
        reasons.append(
            Reason("advice_date", _("The advice cannot be given before the question was asked."))
        )
    elif advised_on > today:
        reasons.append(Reason("advice_date", _("The date cannot be in the future.")))
    return Verdict(not reasons, tuple(reasons))
