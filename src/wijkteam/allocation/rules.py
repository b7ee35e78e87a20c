"""Pure rules for the weighing framework and for decisions: what may be recorded, drafted,
issued, co-signed, ended and withdrawn, and the estimated cost. No database, no clock:
the services gather the facts and pass them in."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.utils import formats
from django.utils.translation import gettext as _

from wijkteam.accounts.roles import Role
from wijkteam.core.rules import Reason, Verdict, add_months
from wijkteam.ijw.codes import is_valid
from wijkteam.providers.models import Intensity

from .models import DecisionStatus, InterventionLevel, NotGrantedReason, OtherLaw

# Product categories with a stay (verblijf): residential care is always life-changing.
# 43 and 44 are today's codes; 35–38 the 2015 codes "met verblijf", still in the list.
RESIDENTIAL_CATEGORIES = frozenset({"35", "36", "37", "38", "43", "44"})
# Youth care runs up to the 18th birthday, extended youth care up to the 23rd.
YOUTH_MAX_AGE = 23
MIN_REASON_LENGTH = 10
MIN_HEAVY_REASON_LENGTH = 20
OBJECTION_WEEKS = 6  # Algemene wet bestuursrecht, art. 6:7

RECORDERS = frozenset({Role.CASE_WORKER, Role.BEHAVIOURAL_EXPERT, Role.TEAM_LEAD})
COSIGNERS = frozenset({Role.BEHAVIOURAL_EXPERT})


def _no(code: str, message: str) -> Verdict:
    return Verdict(False, (Reason(code, message),))


def combine(*verdicts: Verdict) -> Verdict:
    """All reasons and warnings of several verdicts; allowed only when each is."""
    reasons = tuple(r for v in verdicts for r in v.reasons)
    warnings = tuple(w for v in verdicts for w in v.warnings)
    return Verdict(all(v.allowed for v in verdicts), reasons, warnings)


def _day(value: date) -> str:
    return formats.date_format(value, "j F Y")


# --- The weighing framework -----------------------------------------------------------


@dataclass(frozen=True)
class WeighingInput:
    level: str
    reason: str
    decided_on: date
    not_granted: str = ""
    not_granted_reason: str = ""
    other_law: str = ""
    not_granted_explanation: str = ""


def weighing_verdict(data: WeighingInput, today: date) -> Verdict:
    """A weighing names a level and why; what was asked for but not granted has a coded
    reason (and the law, for "another law"; an explanation, for "other")."""
    reasons = []
    if data.level not in InterventionLevel.values:
        reasons.append(Reason("level_missing", _("Choose the intervention level.")))
    if len(data.reason.strip()) < MIN_REASON_LENGTH:
        reasons.append(
            Reason(
                "weighing_reason_missing",
                _("Explain why this level fits (at least %(count)d characters).")
                % {"count": MIN_REASON_LENGTH},
            )
        )
    if data.decided_on > today:
        reasons.append(Reason("weighed_in_future", _("The date cannot be in the future.")))
    what, why = data.not_granted.strip(), data.not_granted_reason
    if what and not why:
        reasons.append(Reason("not_granted_reason_missing", _("Say why this was not granted.")))
    if why and not what:
        reasons.append(
            Reason("not_granted_what_missing", _("Say what was asked for but not granted."))
        )
    if why and why not in NotGrantedReason.values:
        reasons.append(Reason("not_granted_reason_missing", _("Choose a reason from the list.")))
    if why == NotGrantedReason.OTHER_LAW and data.other_law not in OtherLaw.values:
        reasons.append(Reason("other_law_missing", _("Say which law it falls under.")))
    if why == NotGrantedReason.OTHER and not data.not_granted_explanation.strip():
        reasons.append(Reason("not_granted_explanation_missing", _("Explain the other reason.")))
    return Verdict(not reasons, tuple(reasons))


# --- Decisions: content ----------------------------------------------------------------


def is_life_changing(category: str, marked: bool) -> bool:
    """Residential care always is; other decisions when the worker marks them so."""
    return marked or category in RESIDENTIAL_CATEGORIES


def last_allowed_day(start: date, max_months: int) -> date:
    """A decision from 1 January for twelve months runs at most until 31 December."""
    return add_months(start, max_months) - timedelta(days=1)


def period_verdict(start: date, end: date | None, max_months: int) -> Verdict:
    if end is None:
        return _no("end_missing", _("Give the end date: a decision always ends."))
    if end < start:
        return _no("end_before_start", _("The end date is before the start date."))
    if end > last_allowed_day(start, max_months):
        return _no(
            "period_too_long",
            _(
                "A decision runs for at most %(months)d months: from %(start)s until "
                "%(last)s at the latest. Evaluate, then issue a new decision if needed."
            )
            % {
                "months": max_months,
                "start": _day(start),
                "last": _day(last_allowed_day(start, max_months)),
            },
        )
    return Verdict(True)


def intensity_verdict(intensity: str, heavy_reason: str) -> Verdict:
    """ "Licht of midden, tenzij": heavy only with a recorded reason."""
    if intensity not in Intensity.values:
        return _no("intensity_missing", _("Choose the intensity: light, medium or heavy."))
    if intensity == Intensity.HEAVY and len(heavy_reason.strip()) < MIN_HEAVY_REASON_LENGTH:
        return _no(
            "heavy_reason_missing",
            _(
                "Light or medium, unless: record why light or medium help is not enough "
                "(at least %(count)d characters)."
            )
            % {"count": MIN_HEAVY_REASON_LENGTH},
        )
    return Verdict(True)


def volume_verdict(
    product_code: str, unit: str, volume: int | None, frequency: str, budget: Decimal | None
) -> Verdict:
    """The iJw allocation variants: a product with a code gets a volume, a unit and a
    frequency (never a budget); a category without a code gets a budget (never a
    volume). Units 14, 16, 83 and 84 are allocated per week, month or period (CS343)."""
    if product_code:
        reasons = []
        if budget is not None:
            reasons.append(
                Reason(
                    "budget_with_product", _("A product with a code gets a volume, not a budget.")
                )
            )
        if not volume:
            reasons.append(Reason("volume_missing", _("Give the volume (more than 0).")))
        if not unit or not is_valid("WJ756", unit):
            reasons.append(
                Reason(
                    "unit_missing", _("The contracted product has no unit: ask the administrator.")
                )
            )
        if not frequency or not is_valid("WMO757", frequency):
            reasons.append(Reason("frequency_missing", _("Choose the frequency.")))
        elif unit in ("14", "16", "83", "84") and frequency == "1":
            reasons.append(
                Reason(
                    "frequency_per_day",
                    _("This unit is allocated per week, per month or for the whole period."),
                )
            )
        return Verdict(not reasons, tuple(reasons))
    if volume or frequency:
        return _no(
            "volume_without_product",
            _("A category without a product code gets a budget, not a volume."),
        )
    if budget is None or budget <= 0:
        return _no("budget_missing", _("Give the budget in euros (more than 0)."))
    if budget * 100 > 99_999_999:
        return _no("budget_too_high", _("The budget can be at most 999,999.99 euros."))
    return Verdict(True)


def youth_verdict(age_on_start: int, in_household: bool) -> Verdict:
    if not in_household:
        return _no("youth_not_in_household", _("Choose a member of this household."))
    if age_on_start >= YOUTH_MAX_AGE:
        return _no(
            "youth_too_old",
            _("Youth care is for young people under %(age)d on the start date.")
            % {"age": YOUTH_MAX_AGE},
        )
    return Verdict(True)


@dataclass(frozen=True)
class DraftFacts:
    """What a decision says, for the rules about its content."""

    category: str
    product_code: str
    unit: str
    volume: int | None
    frequency: str
    budget: Decimal | None
    start: date
    end: date | None
    intensity: str
    heavy_reason: str
    motivation: str
    youth_age_on_start: int
    youth_in_household: bool
    product_contracted: bool
    max_months: int


def draft_verdict(facts: DraftFacts) -> Verdict:
    """The rules about a decision's content, checked on every save of the draft."""
    verdicts = [
        youth_verdict(facts.youth_age_on_start, facts.youth_in_household),
        period_verdict(facts.start, facts.end, facts.max_months),
        intensity_verdict(facts.intensity, facts.heavy_reason),
        volume_verdict(facts.product_code, facts.unit, facts.volume, facts.frequency, facts.budget),
    ]
    if not facts.product_contracted:
        verdicts.append(
            _no(
                "product_not_contracted",
                _("This provider is no longer contracted for this product: choose another."),
            )
        )
    if len(facts.motivation.strip()) < MIN_REASON_LENGTH:
        verdicts.append(
            _no(
                "motivation_missing",
                _("Write what was decided and why, for the letter to the family."),
            )
        )
    return combine(*verdicts)


# --- Decisions: no stacking (iJw TR302 / OP259) ------------------------------------------


@dataclass(frozen=True)
class Allocated:
    """An allocation for the overlap rule: product, period and the decision's reference."""

    reference: str
    category: str
    product_code: str
    start: date
    end: date


def same_product(a: Allocated, b: Allocated) -> bool:
    """TR302: the same product code; without a code, the same category."""
    if a.product_code and b.product_code:
        return a.product_code == b.product_code and a.category == b.category
    return a.category == b.category


def overlap_verdict(new: Allocated, others: Iterable[Allocated]) -> Verdict:
    """No overlapping periods for the same product for the same young person."""
    reasons = []
    for other in others:
        if same_product(new, other) and new.start <= other.end and other.start <= new.end:
            reasons.append(
                Reason(
                    "overlapping_period",
                    _(
                        "Decision %(reference)s already allocates this product from %(start)s "
                        "until %(end)s: the periods may not overlap (iJw TR302). End that "
                        "decision first, or choose other dates."
                    )
                    % {
                        "reference": other.reference,
                        "start": _day(other.start),
                        "end": _day(other.end),
                    },
                )
            )
    return Verdict(not reasons, tuple(reasons))


# --- Decisions: before they are issued -------------------------------------------------


@dataclass(frozen=True)
class IssueFacts:
    draft: DraftFacts
    case_open: bool
    youth_has_bsn: bool
    youth_has_address: bool
    overlap: Verdict
    clarification: Verdict
    safety: Verdict  # with crisis=True for crisis care: allowed, with warnings
    crisis: bool = False
    crisis_reason: str = ""


def gate_verdict(clarification: Verdict, safety: Verdict, crisis: bool, crisis_reason: str):
    """The six clarification steps recorded up to step 5, and a completed, current
    safety assessment; crisis care may go ahead without the assessment, with a reason
    (ADR 0005: the assessment is then due within a few working days)."""
    verdicts = [clarification, safety]
    deferred = any(w.code == "safety_deferred_crisis" for w in safety.warnings)
    if crisis and deferred and not crisis_reason.strip():
        verdicts.append(
            _no(
                "crisis_reason_missing",
                _("Crisis care without a current safety assessment: record why it cannot wait."),
            )
        )
    return combine(*verdicts)


def issue_verdict(facts: IssueFacts) -> Verdict:
    """Everything that must hold before a decision leaves: its content, no overlap, the
    gate (clarification and safety), an open case, and what the iJw message needs."""
    verdicts = [
        draft_verdict(facts.draft),
        facts.overlap,
        gate_verdict(facts.clarification, facts.safety, facts.crisis, facts.crisis_reason),
    ]
    if not facts.case_open:
        verdicts.append(_no("case_not_open", _("The case is closed: reopen it first.")))
    if not facts.youth_has_bsn:
        verdicts.append(
            _no(
                "youth_bsn_missing",
                _("The young person has no BSN on record: the provider cannot be told (iJw)."),
            )
        )
    if not facts.youth_has_address:
        verdicts.append(
            _no(
                "address_missing",
                _("Record the family's postcode and house number: the provider needs an address."),
            )
        )
    return combine(*verdicts)


# --- The lifecycle ----------------------------------------------------------------------


@dataclass(frozen=True)
class Move:
    action: str
    source: str
    target: str
    roles: frozenset[Role]
    needs_note: bool = False


# The one table of the decision's lifecycle: which moves exist and who may make them.
MOVES: tuple[Move, ...] = (
    Move("submit", DecisionStatus.DRAFT, DecisionStatus.AWAITING_COSIGN, RECORDERS),
    Move("issue", DecisionStatus.DRAFT, DecisionStatus.ISSUED, RECORDERS),
    Move("cosign", DecisionStatus.AWAITING_COSIGN, DecisionStatus.ISSUED, COSIGNERS),
    Move("return", DecisionStatus.AWAITING_COSIGN, DecisionStatus.DRAFT, COSIGNERS, True),
    Move("discard", DecisionStatus.DRAFT, DecisionStatus.WITHDRAWN, RECORDERS),
    Move("discard", DecisionStatus.AWAITING_COSIGN, DecisionStatus.WITHDRAWN, RECORDERS),
    Move("end", DecisionStatus.ISSUED, DecisionStatus.ENDED, RECORDERS, True),
    Move("withdraw", DecisionStatus.ISSUED, DecisionStatus.WITHDRAWN, RECORDERS, True),
    # The period is over: the daily job `end_expired_decisions`, never a person.
    Move("expire", DecisionStatus.ISSUED, DecisionStatus.ENDED, frozenset()),
)
MOVE_BY_ACTION = {(m.source, m.action): m for m in MOVES}
ACTIONS = tuple(dict.fromkeys(m.action for m in MOVES if m.roles))


def transition_verdict(
    status: str, action: str, roles: Iterable[str], *, life_changing: bool, note: str = ""
) -> Verdict:
    """May someone with these roles take this step on a decision in this status?"""
    move = MOVE_BY_ACTION.get((status, action))
    labels = dict(DecisionStatus.choices)
    if move is None:
        return _no(
            "transition_not_allowed",
            _("This step is not possible for a decision that is “%(status)s”.")
            % {"status": labels.get(status, status)},
        )
    if not move.roles & set(roles):
        if action in ("cosign", "return"):
            return _no("cosign_role", _("Only a behavioural expert co-signs a decision."))
        return _no("transition_role", _("Your role may not take this step."))
    if action == "issue" and life_changing:
        return _no(
            "cosign_needed",
            _(
                "This decision changes the child's life: a behavioural expert co-signs it "
                "before it is issued. Submit it for co-signature."
            ),
        )
    if action == "submit" and not life_changing:
        return _no(
            "cosign_not_needed",
            _("This decision needs no co-signature: issue it directly."),
        )
    if move.needs_note and not note.strip():
        return _no("note_missing", _("Say why."))
    return Verdict(True)


def available_actions(status: str, roles: Iterable[str], *, life_changing: bool) -> list[str]:
    """The steps offered on a decision's page to someone with these roles."""
    role_set = set(roles)
    offered = []
    for move in MOVES:
        if move.source != status or not move.roles & role_set:
            continue
        if move.action == "issue" and life_changing:
            continue
        if move.action == "submit" and not life_changing:
            continue
        offered.append(move.action)
    return offered


def cosign_verdict(author_ids: Iterable[int | None], cosigner_id: int) -> Verdict:
    """Four eyes: the behavioural expert who co-signs did not draft or submit it."""
    if cosigner_id in set(author_ids):
        return _no(
            "cosign_same_person",
            _(
                "Four eyes: a behavioural expert other than the one who drafted or submitted "
                "this decision co-signs it."
            ),
        )
    return Verdict(True)


def end_verdict(start: date, end: date, ended_on: date | None, change_reason: str) -> Verdict:
    """Ending early: on a day within the period, with a reason from JZ002."""
    reasons = []
    if ended_on is None or not start <= ended_on <= end:
        reasons.append(
            Reason(
                "ended_on_outside",
                _("The last day of care lies between %(start)s and %(end)s.")
                % {"start": _day(start), "end": _day(end)},
            )
        )
    if not change_reason or not is_valid("JZ002", change_reason) or change_reason in ("1", "13"):
        reasons.append(Reason("change_reason_missing", _("Choose the reason for ending.")))
    return Verdict(not reasons, tuple(reasons))


def withdraw_verdict(care_started: bool) -> Verdict:
    """Withdrawing treats the allocation as never sent (JZ002 13): only before care
    started; after that, end it."""
    if care_started:
        return _no(
            "care_started",
            _("The provider has started the care: end the decision instead of withdrawing it."),
        )
    return Verdict(True)


def objection_verdict(issued_on: date | None, received_on: date, today: date) -> Verdict:
    """An objection to an issued decision; one received after six weeks is recorded with
    a warning (the objection committee decides whether the delay is excusable)."""
    if issued_on is None:
        return _no("objection_not_issued", _("Only an issued decision can be objected to."))
    if received_on > today:
        return _no("received_in_future", _("The date cannot be in the future."))
    if received_on < issued_on:
        return _no("received_before_issue", _("The objection cannot predate the decision."))
    if received_on > issued_on + timedelta(weeks=OBJECTION_WEEKS):
        return Verdict(
            True,
            warnings=(
                Reason(
                    "objection_late",
                    _("Received after the six weeks for an objection (Awb): recorded as late."),
                ),
            ),
        )
    return Verdict(True)


def objection_deadline(issued_on: date) -> date:
    return issued_on + timedelta(weeks=OBJECTION_WEEKS)


# --- Estimated cost -----------------------------------------------------------------------

CENT = Decimal("0.01")
DAYS_PER_MONTH = Decimal(365) / Decimal(12)


def allocated_units(volume: int, frequency: str, start: date, end: date) -> Decimal:
    """Units over the whole period: per day, per week (7 days), per month (a twelfth of
    a year) or in total."""
    days = Decimal((end - start).days + 1)
    per = {
        "1": days,
        "2": days / Decimal(7),
        "4": days / DAYS_PER_MONTH,
        "6": Decimal(1),
    }[frequency]
    return Decimal(volume) * per


def estimated_cost(
    *,
    volume: int | None,
    frequency: str,
    tariff: Decimal | None,
    budget: Decimal | None,
    start: date,
    end: date,
) -> Decimal | None:
    """The estimated cost of a decision in euros: the budget, or the allocated units
    times the contracted tariff per unit; None when the catalogue has no tariff."""
    if budget is not None:
        return budget.quantize(CENT)
    if not volume or not frequency or tariff is None:
        return None
    return (allocated_units(volume, frequency, start, end) * tariff).quantize(
        CENT, rounding=ROUND_HALF_UP
    )
