"""Pure rules for support plans: agreement, own support and its bound, referrals,
evaluations and when they fall due, escalation, closure, the transition at 18 and the
repeated call on help. No database, no clock: dates come in as arguments."""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from wijkteam.core.rules import Reason, Verdict, add_months
from wijkteam.ijw import codes

from .models import (
    ChecklistState,
    CoordinationHolder,
    EvaluationDecision,
    EvaluationKind,
    GoalPriority,
    ReconsiderDecision,
    ScaledDownTo,
)

MIN_TEXT = 10  # a reason or description shorter than this says nothing
MAX_GOALS_AT_ONCE = 3  # "not everything at once" (Rekenkamer 001 §3.3)
CHILD_AGREES_FROM_AGE = 12  # from 12 a child consents to help alongside the parents (WGBO)
ADULT_AGE = 18
EXTENDED_CARE_UNTIL = 23


def _day(value: date) -> str:
    return date_format(value, "j F Y")


def _verdict(reasons: list[Reason], warnings: Iterable[Reason] = ()) -> Verdict:
    return Verdict(not reasons, tuple(reasons), tuple(warnings))


def _short(text: str) -> bool:
    return len(text.strip()) < MIN_TEXT


# --- Coordination and agreement ------------------------------------------------------------


@dataclass(frozen=True)
class CoordinationFacts:
    has_coordinator: bool
    process: str
    process_by: str
    content: str
    content_by: str
    court_measure: bool


NAMED_HOLDERS = frozenset(
    {
        CoordinationHolder.CERTIFIED_INSTITUTION,
        CoordinationHolder.PROVIDER,
        CoordinationHolder.OTHER,
    }
)


def coordination_verdict(
    facts: CoordinationFacts, *, youths_turning_18: Sequence[str] = ()
) -> Verdict:
    """Who holds which coordination. A named coordinator is needed; a holder outside the
    team and family needs a name. Warns when a court measure applies and the certified
    institution holds neither, and when a young person turns 18 and the team does not
    hold both (Rekenkamer rec. 2c: the team keeps both through the transition)."""
    reasons, warnings = [], []
    if not facts.has_coordinator:
        reasons.append(Reason("plan_no_coordinator", _("Name the coordinator of the plan.")))
    if facts.process in NAMED_HOLDERS and not facts.process_by.strip():
        reasons.append(
            Reason(
                "process_coordination_name",
                _("Say who holds process coordination: the person or organisation."),
            )
        )
    if facts.content in NAMED_HOLDERS and not facts.content_by.strip():
        reasons.append(
            Reason(
                "content_coordination_name",
                _("Say who holds content coordination: the person or organisation."),
            )
        )
    holders = {facts.process, facts.content}
    if facts.court_measure and CoordinationHolder.CERTIFIED_INSTITUTION not in holders:
        warnings.append(
            Reason(
                "court_measure_coordination",
                _(
                    "A court measure applies: the certified institution usually holds "
                    "coordination. Record who holds which, and agree it with them."
                ),
            )
        )
    if youths_turning_18 and holders != {CoordinationHolder.TEAM}:
        warnings.append(
            Reason(
                "transition_coordination",
                _(
                    "%(names)s turns 18 soon: the team keeps process and content "
                    "coordination through the transition."
                )
                % {"names": ", ".join(youths_turning_18)},
            )
        )
    return _verdict(reasons, warnings)


@dataclass(frozen=True)
class GoalFacts:
    priority: str
    actions: int


@dataclass(frozen=True)
class AgreementInput:
    agreed_on: date | None
    how: str
    parent_ids: frozenset[int]
    child_ids: frozenset[int]
    children_note: str = ""
    note: str = ""


@dataclass(frozen=True)
class Member:
    """A household member as the agreement rule sees them."""

    id: int
    given_names: str
    age: int


def goals_verdict(goals: Sequence[GoalFacts]) -> Verdict:
    """At least one goal; every goal that starts now has an action; not too many at once."""
    reasons, warnings = [], []
    if not goals:
        reasons.append(Reason("plan_no_goals", _("Add at least one goal to the plan.")))
    now = [goal for goal in goals if goal.priority == GoalPriority.NOW]
    without = sum(goal.actions == 0 for goal in now)
    if without:
        reasons.append(
            Reason(
                "plan_goal_without_action",
                ngettext(
                    "%(count)d goal you start with now has no action yet: say who does "
                    "what, by when.",
                    "%(count)d goals you start with now have no action yet: say who does "
                    "what, by when.",
                    without,
                )
                % {"count": without},
            )
        )
    if goals and not now:
        reasons.append(Reason("plan_nothing_now", _("Choose at least one goal to start with now.")))
    if len(now) > MAX_GOALS_AT_ONCE:
        warnings.append(
            Reason(
                "goals_all_at_once",
                _(
                    "%(count)d goals start now. Not everything at once: choose what comes "
                    "first and put the rest on “next” or “later”."
                )
                % {"count": len(now)},
            )
        )
    return _verdict(reasons, warnings)


def agreement_verdict(data: AgreementInput, members: Sequence[Member], today: date) -> Verdict:
    """Parents and child agreed: a date (not in the future), how, at least one adult
    member of the household, and every child of 12 or older agreed — or the note says
    how they were involved and why they did not agree."""
    reasons = []
    if data.agreed_on is None:
        reasons.append(Reason("agreement_date", _("Record the date of the agreement.")))
    elif data.agreed_on > today:
        reasons.append(Reason("agreement_date", _("The agreement cannot be in the future.")))
    if not data.how:
        reasons.append(Reason("agreement_how", _("Say how the plan was agreed.")))
    by_id = {member.id: member for member in members}
    adults = {m.id for m in members if m.age >= ADULT_AGE}
    if not data.parent_ids & adults:
        reasons.append(
            Reason("agreement_no_parent", _("Record which parent agreed with the plan."))
        )
    if data.parent_ids - adults or data.child_ids - by_id.keys():
        reasons.append(Reason("agreement_not_member", _("Choose members of this family only.")))
    for member in members:
        if (
            CHILD_AGREES_FROM_AGE <= member.age < ADULT_AGE
            and member.id not in data.child_ids
            and _short(data.children_note)
        ):
            reasons.append(
                Reason(
                    "agreement_child_missing",
                    _(
                        "%(name)s is %(age)d: record that they agreed, or say how they were "
                        "involved and why they did not agree."
                    )
                    % {"name": member.given_names, "age": member.age},
                )
            )
    return _verdict(reasons)


def combine(*verdicts: Verdict) -> Verdict:
    """One verdict of several rules: allowed when all allow; every reason and warning."""
    reasons = tuple(r for verdict in verdicts for r in verdict.reasons)
    warnings = tuple(w for verdict in verdicts for w in verdict.warnings)
    return Verdict(not reasons, reasons, warnings)


# --- Own support (eigen inzet) ------------------------------------------------------------


@dataclass(frozen=True)
class OwnSupportBound:
    """Short or low-intensity: at most this many months or contacts (configurable)."""

    months: int = 3
    contacts: int = 12


def bound_message(bound: OwnSupportBound) -> str:
    return _(
        "Own support is short or light: at most %(months)d months or %(contacts)d contacts."
    ) % {"months": bound.months, "contacts": bound.contacts}


def own_support_verdict(
    *,
    started_on: date,
    planned_end_on: date,
    planned_contacts: int,
    beyond_bound_reason: str,
    bound: OwnSupportBound,
) -> Verdict:
    """Planned help within the bound, or past it only with a reason (then a warning)."""
    reasons, warnings = [], []
    if planned_end_on < started_on:
        reasons.append(
            Reason("own_support_end_before_start", _("The planned end is before the start."))
        )
    if planned_contacts < 1:
        reasons.append(Reason("own_support_contacts", _("Plan at least one contact.")))
    beyond = planned_end_on > add_months(started_on, bound.months) or (
        planned_contacts > bound.contacts
    )
    if beyond:
        message = bound_message(bound)
        if _short(beyond_bound_reason):
            reasons.append(
                Reason(
                    "own_support_beyond_bound",
                    _("%(bound)s Say why this help needs more, or refer or allocate instead.")
                    % {"bound": message},
                )
            )
        else:
            warnings.append(Reason("own_support_beyond_bound", message))
    return _verdict(reasons, warnings)


def review_point(
    started_on: date, planned_end_on: date, planned_contacts: int, bound: OwnSupportBound
) -> tuple[date, int]:
    """When to ask the worker to reconsider: at the bound, or — when the plan reaches
    past it with a reason — at the planned end and number of contacts."""
    bound_on = add_months(started_on, bound.months)
    return max(bound_on, planned_end_on), max(bound.contacts, planned_contacts)


def past_bound_verdict(
    *, today: date, contacts: int, review_on: date, review_contacts: int
) -> Verdict:
    """Allowed while within the review point; past it, the worker decides: continue with
    a reason, refer or allocate."""
    reasons = []
    if today > review_on:
        reasons.append(
            Reason(
                "own_support_past_date",
                _("This own support was to be reconsidered on %(date)s.")
                % {"date": _day(review_on)},
            )
        )
    if contacts > review_contacts:
        reasons.append(
            Reason(
                "own_support_past_contacts",
                _("%(count)d contacts so far, more than the %(bound)d planned.")
                % {"count": contacts, "bound": review_contacts},
            )
        )
    return _verdict(reasons)


def reconsider_verdict(
    *,
    decision: str,
    reason: str,
    continue_until: date | None,
    continue_contacts: int | None,
    contacts: int,
    today: date,
) -> Verdict:
    """Continue needs a reason and a new point to reconsider; refer or allocate a note."""
    reasons = []
    if decision not in ReconsiderDecision.values:
        reasons.append(Reason("reconsider_decision", _("Choose a decision.")))
    if _short(reason):
        reasons.append(
            Reason("reconsider_reason", _("Give the reason for this decision (a sentence)."))
        )
    if decision == ReconsiderDecision.CONTINUE:
        if continue_until is None or continue_until <= today:
            reasons.append(
                Reason(
                    "reconsider_until",
                    _("Say until when the own support continues (a date after today)."),
                )
            )
        if continue_contacts is not None and continue_contacts <= contacts:
            reasons.append(
                Reason(
                    "reconsider_contacts",
                    _("The number of contacts in all must be more than the %(count)d so far.")
                    % {"count": contacts},
                )
            )
    return _verdict(reasons)


# --- Referral to a community offer ----------------------------------------------------------


@dataclass(frozen=True)
class OfferFacts:
    min_age: int | None
    max_age: int | None
    capacity: int | None
    waiting_weeks: int


def referral_verdict(
    *,
    warm_handover: bool,
    handover_note: str,
    contact_at_offer: str,
    referred_on: date,
    today: date,
    person_age: int,
    offer: OfferFacts,
) -> Verdict:
    """A warm handover is the norm: say how it went (or why there was none) and name the
    contact person at the offer. Warns about age, a full offer or a waiting time."""
    reasons, warnings = [], []
    if referred_on > today:
        reasons.append(Reason("referral_date", _("The referral cannot be in the future.")))
    if _short(handover_note):
        reasons.append(
            Reason(
                "referral_handover_note",
                _("Describe the warm handover: how you introduced the family to the offer.")
                if warm_handover
                else _("Say why there was no warm handover."),
            )
        )
    if warm_handover and not contact_at_offer.strip():
        reasons.append(
            Reason(
                "referral_contact",
                _("Name the contact person at the offer you handed the family over to."),
            )
        )
    if (offer.min_age is not None and person_age < offer.min_age) or (
        offer.max_age is not None and person_age > offer.max_age
    ):
        warnings.append(
            Reason("offer_age", _("This offer is meant for another age group: check with them."))
        )
    if offer.capacity == 0:
        warnings.append(Reason("offer_full", _("This offer has no places free at the moment.")))
    if offer.waiting_weeks:
        warnings.append(
            Reason(
                "offer_waiting",
                ngettext(
                    "This offer has a waiting time of %(weeks)d week.",
                    "This offer has a waiting time of %(weeks)d weeks.",
                    offer.waiting_weeks,
                )
                % {"weeks": offer.waiting_weeks},
            )
        )
    return _verdict(reasons, warnings)


# --- Evaluations -------------------------------------------------------------------------


def team_absent_warning() -> Reason:
    return Reason(
        "team_absent",
        _(
            "Nobody from the team was present. The team is always present at the start "
            "meeting, the interim and the final evaluation."
        ),
    )


def evaluation_verdict(
    *,
    kind: str,
    held_on: date,
    today: date,
    team_present: bool,
    goal_ids: frozenset[int],
    results: dict[int, str],
    decision: str,
    decision_note: str,
    next_evaluation_on: date | None,
) -> Verdict:
    """Results for every goal (except at the start meeting), a note for any decision
    other than "continue", a next date after this one; warns when the team was absent."""
    reasons, warnings = [], []
    if held_on > today:
        reasons.append(Reason("evaluation_date", _("An evaluation cannot be in the future.")))
    if set(results) - goal_ids:
        reasons.append(Reason("evaluation_unknown_goal", _("Give results for this plan's goals.")))
    if kind != EvaluationKind.START and goal_ids - set(results):
        reasons.append(
            Reason(
                "evaluation_result_missing",
                _("Record the result of every goal: reached, partly reached or not reached."),
            )
        )
    if decision != EvaluationDecision.CONTINUE and _short(decision_note):
        reasons.append(Reason("evaluation_decision_note", _("Explain the decision in a sentence.")))
    if next_evaluation_on is not None and next_evaluation_on <= held_on:
        reasons.append(
            Reason("evaluation_next_date", _("The next evaluation comes after this one."))
        )
    if not team_present:
        warnings.append(team_absent_warning())
    return _verdict(reasons, warnings)


class DueBasis:
    INTERVAL = "interval"
    PLANNED = "planned"
    DECISION = "decision"


@dataclass(frozen=True)
class EvaluationDue:
    due_on: date
    basis: str
    period: tuple[date, date] | None = None

    def overdue(self, today: date) -> bool:
        return self.due_on < today

    @property
    def label(self) -> str:
        if self.basis == DueBasis.DECISION and self.period:
            return _("halfway through the decision of %(start)s to %(end)s") % {
                "start": _day(self.period[0]),
                "end": _day(self.period[1]),
            }
        if self.basis == DueBasis.PLANNED:
            return _("as planned at the last evaluation")
        return _("at least once a year")


def decision_midpoint(start: date, end: date) -> date:
    return start + timedelta(days=(end - start).days // 2)


# An evaluation held up to a month before a decision period's midpoint counts for it.
MIDPOINT_EARLY_MONTHS = 1


def next_evaluation_due(
    *,
    agreed_on: date,
    held_on: Iterable[date],
    planned_next: date | None,
    decision_periods: Iterable[tuple[date, date]],
    interval_months: int,
) -> EvaluationDue:
    """When the next evaluation of a running plan falls due: the earliest of

    - `interval_months` after the last evaluation (or after the first agreement);
    - the date planned at the last evaluation;
    - halfway through every decision period (`(start, end)`) that no evaluation has
      covered yet — one held on or after a month before that midpoint covers it.
    """
    held = sorted(held_on)
    last = max([agreed_on, *held])
    candidates = [EvaluationDue(add_months(last, interval_months), DueBasis.INTERVAL)]
    if planned_next is not None and planned_next > last:
        candidates.append(EvaluationDue(planned_next, DueBasis.PLANNED))
    for start, end in decision_periods:
        if end < start:
            continue
        midpoint = decision_midpoint(start, end)
        covered_from = add_months(midpoint, -MIDPOINT_EARLY_MONTHS)
        if not any(day >= covered_from for day in held):
            candidates.append(EvaluationDue(midpoint, DueBasis.DECISION, (start, end)))
    return min(candidates, key=lambda due: (due.due_on, due.basis))


# --- Escalation (doorzettingsmacht) -------------------------------------------------------


def escalation_verdict(*, stuck: str, tried: str, deadline: date, today: date) -> Verdict:
    reasons = []
    if _short(stuck):
        reasons.append(Reason("escalation_stuck", _("Describe what is stuck (a sentence).")))
    if _short(tried):
        reasons.append(
            Reason("escalation_tried", _("Say who is involved and what was tried already."))
        )
    if deadline < today:
        reasons.append(Reason("escalation_deadline", _("The deadline cannot be in the past.")))
    return _verdict(reasons)


def resolution_verdict(resolution: str) -> Verdict:
    if _short(resolution):
        return _verdict(
            [Reason("escalation_resolution", _("Record what was decided (a sentence)."))]
        )
    return _verdict([])


# --- Closure ----------------------------------------------------------------------------

CLOSURE_LIST = "JZ588"
# The national closure reasons (iJw JZ588) the team uses, most common first.
CLOSURE_REASON_CODES = ("31", "34", "32", "33", "35", "39", "2")
PLANNED_CLOSURE = "31"
NOTE_NEEDED_FOR = frozenset(
    {ScaledDownTo.COMMUNITY, ScaledDownTo.WMO, ScaledDownTo.SCHOOL, ScaledDownTo.OTHER}
)
CLOSABLE_CASE_STATUSES = ("in_progress", "closing")


def closure_reason_choices() -> list[tuple[str, str]]:
    return codes.choices(CLOSURE_LIST, codes=CLOSURE_REASON_CODES)


def closure_reason_label(code: str) -> str:
    """ "31 – Levering is volgens plan beeindigd.": the code with its national text."""
    return f"{code} – {codes.describe(CLOSURE_LIST, code)}"


def closure_verdict(
    *,
    reason_code: str,
    closed_on: date,
    today: date,
    goal_ids: frozenset[int],
    results: dict[int, str],
    scaled_down_to: str,
    scaled_down_note: str,
    experience_request: str,
    open_escalations: int,
    case_status: str,
) -> Verdict:
    """A national closure reason, the result of every goal, where help was scaled down
    to, the request for the family's experience; no escalation left open."""
    reasons = []
    if reason_code not in CLOSURE_REASON_CODES or not codes.is_valid(CLOSURE_LIST, reason_code):
        reasons.append(
            Reason("closure_reason", _("Choose the reason the help ends from the national list."))
        )
    if closed_on > today:
        reasons.append(Reason("closure_date", _("The closure cannot be in the future.")))
    if goal_ids - set(results) or set(results) - goal_ids:
        reasons.append(
            Reason(
                "closure_result_missing",
                _("Record the result of every goal: reached, partly reached or not reached."),
            )
        )
    if not scaled_down_to:
        reasons.append(Reason("closure_scaled_down", _("Say where help was scaled down to.")))
    elif scaled_down_to in NOTE_NEEDED_FOR and not scaled_down_note.strip():
        reasons.append(
            Reason("closure_scaled_down_note", _("Say which offer or organisation it is."))
        )
    if not experience_request:
        reasons.append(
            Reason(
                "closure_experience",
                _("Record how the family was asked about their experience, or why not."),
            )
        )
    if open_escalations:
        reasons.append(
            Reason(
                "closure_open_escalation",
                _("An escalation on this plan is still open: the team lead resolves it first."),
            )
        )
    if case_status not in CLOSABLE_CASE_STATUSES:
        reasons.append(
            Reason(
                "closure_case_status",
                _("Only a case in progress or closing can be closed with its plan."),
            )
        )
    return _verdict(reasons)


def repeated_call(
    previous_closures: Iterable[date], registered_on: date, months: int
) -> date | None:
    """A new help question within `months` of a closure for the same person is a
    repeated call on help: the latest such closure date, or None."""
    since = add_months(registered_on, -months)
    within = [day for day in previous_closures if since <= day <= registered_on]
    return max(within, default=None)


# --- Turning 18 -----------------------------------------------------------------------------


def eighteenth_birthday(birth_date: date) -> date:
    return add_months(birth_date, 12 * ADULT_AGE)


def transition_due(birth_date: date, today: date, warning_months: int) -> bool:
    """A young person is due for the transition checklist from `warning_months` before
    their 18th birthday until as long after it (while the checklist is not complete)."""
    birthday = eighteenth_birthday(birth_date)
    return add_months(birthday, -warning_months) <= today <= add_months(birthday, warning_months)


def transition_birth_window(today: date, warning_months: int) -> tuple[date, date]:
    """Birth dates (inclusive) of those due for the transition on `today`."""
    return (
        add_months(today, -12 * ADULT_AGE - warning_months),
        add_months(today, -12 * ADULT_AGE + warning_months),
    )


def transition_warning(name: str, birth_date: date, today: date) -> Reason:
    birthday = eighteenth_birthday(birth_date)
    if birthday > today:
        message = _(
            "%(name)s turns 18 on %(date)s: extended youth care up to 23 unless not needed, "
            "adult support, income, health insurance and housing — fill in the transition "
            "checklist."
        )
    else:
        message = _("%(name)s turned 18 on %(date)s and the transition checklist is not complete.")
    return Reason("transition_18_due", message % {"name": name, "date": _day(birthday)})


CHECKLIST_ITEMS = ("wmo_handover", "income", "health_insurance", "housing")


@dataclass(frozen=True)
class TransitionFacts:
    extended_care: bool
    extended_care_not_needed_reason: str
    states: dict[str, str]  # item -> ChecklistState
    team_keeps_coordination: bool


def transition_verdict(facts: TransitionFacts, labels: dict[str, str]) -> Verdict:
    """Complete when extended youth care is on (the default) or its absence reasoned,
    and every item is arranged or not needed. Warns when the team hands over
    coordination (rec. 2c: it keeps it through the transition)."""
    reasons, warnings = [], []
    if not facts.extended_care and _short(facts.extended_care_not_needed_reason):
        reasons.append(
            Reason(
                "transition_extended_care_reason",
                _(
                    "Extended youth care up to 23 is the default: say why it is not needed "
                    "for this young person."
                ),
            )
        )
    for item in CHECKLIST_ITEMS:
        if facts.states.get(item, ChecklistState.TO_DO) == ChecklistState.TO_DO:
            reasons.append(
                Reason(
                    f"transition_{item}",
                    _("Still to arrange: %(item)s.") % {"item": labels.get(item, item)},
                )
            )
    if not facts.team_keeps_coordination:
        warnings.append(
            Reason(
                "transition_coordination",
                _("The team keeps process and content coordination through the transition."),
            )
        )
    return _verdict(reasons, warnings)
