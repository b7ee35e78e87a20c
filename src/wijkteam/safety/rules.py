"""Pure rules for safety: the risk level, the safety gate (complete and current, or crisis),
four-eyes review, the reporting code's decision framework, role conflict, signals that
belong together and the Verwijsindex age. No database, no clock."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from wijkteam.core.rules import Reason, Verdict, add_months

from .models import AssessmentStatus, FrameworkOutcome, RiskLevel

LEVEL_ORDER = tuple(RiskLevel.values)  # low < elevated < high < acute


def _day(day: date) -> str:
    return date_format(day, "j F Y")


def refusal(code: str, message: str) -> Verdict:
    return Verdict(False, (Reason(code, message),))


# --- The risk level of an instrument's answers -------------------------------------


@dataclass(frozen=True)
class AnswerScore:
    score: int
    minimum_level: str = ""


def risk_level(answers: Iterable[AnswerScore], bands: Iterable[tuple[int, str]]) -> tuple[int, str]:
    """Total score and resulting level: the highest band the total reaches, raised to the
    highest `minimum_level` any single answer sets. Without a band it is low."""
    answers = list(answers)
    total = sum(answer.score for answer in answers)
    level = RiskLevel.LOW.value
    for min_score, band_level in sorted(bands):
        if total >= min_score and LEVEL_ORDER.index(band_level) > LEVEL_ORDER.index(level):
            level = band_level
    for answer in answers:
        if answer.minimum_level and LEVEL_ORDER.index(answer.minimum_level) > LEVEL_ORDER.index(
            level
        ):
            level = answer.minimum_level
    return total, level


MAX_REASSESS_MONTHS = 12


def safety_assessment_verdict(
    *,
    unanswered: Iterable[str],
    conclusion: str,
    assessed_on: date,
    reassess_on: date | None,
    today: date,
) -> Verdict:
    """Is a safety assessment complete enough to submit for review?"""
    reasons = []
    missing = list(unanswered)
    if missing:
        reasons.append(
            Reason(
                "risk_items_unanswered",
                _("Answer every question of the instrument. Not answered: %(items)s.")
                % {"items": "; ".join(missing)},
            )
        )
    if not conclusion.strip():
        reasons.append(
            Reason("conclusion_missing", _("Write the conclusion: how safe is the child now?"))
        )
    if assessed_on > today:
        reasons.append(Reason("assessed_in_future", _("The date cannot be in the future.")))
    if reassess_on is None:
        reasons.append(Reason("reassess_missing", _("Set the date of the next assessment.")))
    elif reassess_on <= assessed_on:
        reasons.append(
            Reason("reassess_too_early", _("The next assessment must come after this one."))
        )
    elif reassess_on > add_months(assessed_on, MAX_REASSESS_MONTHS):
        reasons.append(
            Reason(
                "reassess_too_late",
                _("Assess safety again within %(months)d months.")
                % {"months": MAX_REASSESS_MONTHS},
            )
        )
    return Verdict(not reasons, tuple(reasons))


# --- The safety gate: a completed, current assessment (or crisis care) --------------


@dataclass(frozen=True)
class SafetyFacts:
    """What is on record for a case.

    `latest_completed_reassess_on`: the re-assessment date of the most recently reviewed
    assessment (None when none was ever completed); `pending_review`: an assessment
    awaits review or was returned; `crisis_due_on`: the due date of a crisis exception
    recorded after the latest completed assessment (None when there is none).
    """

    latest_completed_reassess_on: date | None = None
    pending_review: bool = False
    crisis_due_on: date | None = None


def safety_status_reasons(facts: SafetyFacts, today: date) -> tuple[Reason, ...]:
    """Why there is no completed, current safety assessment; empty when there is one."""
    reassess_on = facts.latest_completed_reassess_on
    if reassess_on is not None and reassess_on >= today:
        return ()
    reasons = []
    if reassess_on is not None:
        reasons.append(
            Reason(
                "safety_assessment_overdue",
                _(
                    "The safety assessment is overdue since %(date)s: assess safety again and "
                    "have a colleague review it."
                )
                % {"date": _day(reassess_on)},
            )
        )
    if facts.pending_review:
        reasons.append(
            Reason(
                "safety_assessment_not_reviewed",
                _(
                    "The safety assessment has not yet been reviewed by a second colleague "
                    "(four eyes); it counts once it has been."
                ),
            )
        )
    elif reassess_on is None:
        reasons.append(
            Reason(
                "safety_assessment_missing",
                _(
                    "No safety assessment is on record for this case. Assess safety with the "
                    "risk-assessment instrument and have a colleague review it."
                ),
            )
        )
    if facts.crisis_due_on is not None and facts.crisis_due_on < today:
        reasons.append(
            Reason(
                "safety_crisis_overdue",
                _(
                    "After crisis care the safety assessment was due on %(date)s and is not "
                    "yet completed."
                )
                % {"date": _day(facts.crisis_due_on)},
            )
        )
    return tuple(reasons)


def safety_verdict(facts: SafetyFacts, today: date, *, crisis: bool = False) -> Verdict:
    """A completed (four-eyes) and current safety assessment is on record.

    With `crisis` and no such assessment the answer is allowed, with the warning
    `safety_deferred_crisis` first and what is missing after it (as warnings): crisis
    care is never held up, but the exception must be recorded and the assessment follows.
    """
    reasons = safety_status_reasons(facts, today)
    if not reasons:
        return Verdict(True)
    if crisis:
        deferred = Reason(
            "safety_deferred_crisis",
            _(
                "Crisis care goes ahead without a current safety assessment. Record why; the "
                "assessment is then due within a few working days."
            ),
        )
        return Verdict(True, (), (deferred, *reasons))
    return Verdict(False, reasons)


# --- Four eyes: the review lifecycle ---------------------------------------------------


@dataclass(frozen=True)
class ReviewMove:
    source: str
    target: str
    needs_note: bool


# The one table of the safety assessment's moves. A new assessment starts awaiting
# review; only a colleague other than the author may complete or return it; the author
# resubmits a returned one after changing it.
REVIEW_MOVES: tuple[ReviewMove, ...] = (
    ReviewMove(AssessmentStatus.AWAITING_REVIEW, AssessmentStatus.COMPLETED, needs_note=False),
    ReviewMove(AssessmentStatus.AWAITING_REVIEW, AssessmentStatus.RETURNED, needs_note=True),
    ReviewMove(AssessmentStatus.RETURNED, AssessmentStatus.AWAITING_REVIEW, needs_note=False),
)


def review_verdict(
    status: str, target: str, *, author_id: int, reviewer_id: int, note: str = ""
) -> Verdict:
    """May this colleague move the assessment from `status` to `target`?"""
    move = next((m for m in REVIEW_MOVES if (m.source, m.target) == (status, target)), None)
    if move is None:
        return refusal(
            "review_not_allowed",
            _("This safety assessment cannot go from “%(source)s” to “%(target)s”.")
            % {
                "source": AssessmentStatus(status).label,
                "target": AssessmentStatus(target).label,
            },
        )
    if target == AssessmentStatus.AWAITING_REVIEW:
        if author_id != reviewer_id:
            return refusal(
                "resubmit_by_author", _("Only the author resubmits a returned assessment.")
            )
        return Verdict(True)
    if author_id == reviewer_id:
        return refusal(
            "review_same_person",
            _(
                "A second colleague must review this assessment (four eyes): you cannot "
                "review your own."
            ),
        )
    if move.needs_note and not note.strip():
        return refusal("review_note_missing", _("Say what must change before it can count."))
    return Verdict(True)


# --- The reporting code's decision framework --------------------------------------------


@dataclass(frozen=True)
class FrameworkAnswers:
    """The five questions; None is "not yet answered"."""

    suspicion: bool | None = None
    acute_or_structural: bool | None = None
    can_help: bool | None = None
    help_accepted: bool | None = None
    help_brings_safety: bool | None = None


@dataclass(frozen=True)
class FrameworkDecision:
    """`outcome` is a FrameworkOutcome, or None while a needed answer is missing;
    `reason` explains it (or says which question to answer next)."""

    outcome: str | None
    reason: Reason

    @property
    def must_report(self) -> bool:
        return self.outcome == FrameworkOutcome.REPORT


def _unanswered(number: int) -> FrameworkDecision:
    return FrameworkDecision(
        None,
        Reason(
            f"framework_question_{number}_unanswered",
            _("Answer question %(number)d of the decision framework.") % {"number": number},
        ),
    )


def decision_framework(answers: FrameworkAnswers) -> FrameworkDecision:
    """The legal logic of the reporting code's decision framework (afwegingskader).

    1. No suspicion → close and record. 2. Acute or structural unsafety → report.
    3. Cannot offer or organise effective help → report. 4. Help not accepted → report.
    5. Help does not bring safety in time → report; it does → help and follow; not yet
    known → help, and answer question 5 when the effect can be judged.
    """
    if answers.suspicion is None:
        return _unanswered(1)
    if not answers.suspicion:
        return FrameworkDecision(
            FrameworkOutcome.CLOSE,
            Reason(
                "framework_no_suspicion",
                _(
                    "There is no suspicion of domestic violence or child abuse: record this "
                    "and close."
                ),
            ),
        )
    if answers.acute_or_structural is None:
        return _unanswered(2)
    if answers.acute_or_structural:
        return FrameworkDecision(
            FrameworkOutcome.REPORT,
            Reason(
                "framework_acute_or_structural",
                _("There is acute or structural unsafety: report to Veilig Thuis."),
            ),
        )
    if answers.can_help is None:
        return _unanswered(3)
    if not answers.can_help:
        return FrameworkDecision(
            FrameworkOutcome.REPORT,
            Reason(
                "framework_cannot_help",
                _("Effective help cannot be offered or organised: report to Veilig Thuis."),
            ),
        )
    if answers.help_accepted is None:
        return _unanswered(4)
    if not answers.help_accepted:
        return FrameworkDecision(
            FrameworkOutcome.REPORT,
            Reason(
                "framework_help_not_accepted",
                _("Those involved do not accept the help: report to Veilig Thuis."),
            ),
        )
    if answers.help_brings_safety is False:
        return FrameworkDecision(
            FrameworkOutcome.REPORT,
            Reason(
                "framework_help_not_effective",
                _("The help does not bring the necessary safety in time: report to Veilig Thuis."),
            ),
        )
    if answers.help_brings_safety is None:
        return FrameworkDecision(
            FrameworkOutcome.HELP,
            Reason(
                "framework_help_follow",
                _(
                    "Offer or organise the help and follow the safety closely; answer question "
                    "5 as soon as the effect can be judged."
                ),
            ),
        )
    return FrameworkDecision(
        FrameworkOutcome.HELP,
        Reason(
            "framework_help_safe",
            _("The help brings the necessary safety: continue it and keep following the safety."),
        ),
    )


@dataclass(frozen=True)
class ProcedureFacts:
    signals_summary: str = ""
    colleague_consulted: bool = False
    family_talked: bool = False
    family_not_talked_reason: str = ""
    answers: FrameworkAnswers = FrameworkAnswers()
    decision_note: str = ""


def conclude_procedure_verdict(facts: ProcedureFacts) -> Verdict:
    """May the reporting code's step 5 (decide) be recorded? Steps 1, 2 and 4 are needed;
    step 3 too, unless talking with the family is not safe (then the reason)."""
    reasons = []
    if not facts.signals_summary.strip():
        reasons.append(Reason("step_1_missing", _("Step 1: describe the signals.")))
    if not facts.colleague_consulted:
        reasons.append(
            Reason(
                "step_2_missing",
                _("Step 2: consult a colleague first (and Veilig Thuis if you wish)."),
            )
        )
    if not facts.family_talked and not facts.family_not_talked_reason.strip():
        reasons.append(
            Reason(
                "step_3_missing",
                _("Step 3: talk with the family, or record why that would not be safe."),
            )
        )
    decision = decision_framework(facts.answers)
    if decision.outcome is None:
        reasons.append(decision.reason)
    if not facts.decision_note.strip():
        reasons.append(Reason("step_5_note_missing", _("Step 5: explain the decision.")))
    return Verdict(not reasons, tuple(reasons))


# --- Role conflict ------------------------------------------------------------------------


def role_conflict_verdict(
    reporter_id: int, case_worker_id: int | None, second_workers: Iterable[int] = ()
) -> Verdict:
    """Allowed, with a warning when the reporter is also the family's case worker and no
    second worker has taken the reporting role."""
    if case_worker_id is None or reporter_id != case_worker_id:
        return Verdict(True)
    if any(worker != case_worker_id for worker in second_workers):
        return Verdict(True)
    return Verdict(
        True,
        (),
        (
            Reason(
                "role_conflict",
                _(
                    "The worker who reports to Veilig Thuis is also this family's case worker. "
                    "Helper and reporter in one person can harm the trust the help needs: let "
                    "a second worker take the reporting role."
                ),
            ),
        ),
    )


# --- Signals that belong together ------------------------------------------------------

SIGNAL_WINDOW_DAYS = 183
SIGNALS_TOGETHER = 3
PERSONS_TOGETHER = 2


def combined_signals_verdict(signals: Iterable[tuple[int, date]], today: date) -> Verdict:
    """Small risks that together are serious: several recent signals about more than one
    household member give a warning to weigh them together."""
    since = today - timedelta(days=SIGNAL_WINDOW_DAYS)
    recent = [(person, day) for person, day in signals if since <= day <= today]
    persons = {person for person, _day in recent}
    if len(recent) >= SIGNALS_TOGETHER and len(persons) >= PERSONS_TOGETHER:
        return Verdict(
            True,
            (),
            (
                Reason(
                    "signals_together",
                    _(
                        "%(signals)d signals about %(persons)d members of this household in the "
                        "last six months. Each may seem small: weigh them together, with a "
                        "colleague."
                    )
                    % {"signals": len(recent), "persons": len(persons)},
                ),
            ),
        )
    return Verdict(True)


# --- Verwijsindex and crisis ---------------------------------------------------------------

INDEX_MAX_AGE = 23


def index_registration_verdict(age: int, registered_on: date, today: date) -> Verdict:
    reasons = []
    if age >= INDEX_MAX_AGE:
        reasons.append(
            Reason(
                "index_age",
                _("The Verwijsindex is for young people under %(age)d.") % {"age": INDEX_MAX_AGE},
            )
        )
    if registered_on > today:
        reasons.append(Reason("registered_in_future", _("The date cannot be in the future.")))
    return Verdict(not reasons, tuple(reasons))


def crisis_exception_verdict(reason: str) -> Verdict:
    if not reason.strip():
        return refusal(
            "crisis_reason_missing",
            _("Say why crisis care cannot wait for a safety assessment."),
        )
    return Verdict(True)
