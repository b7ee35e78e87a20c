"""Pure rules for intake, triage, lifecycle and assignment. No database, no clock."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from wijkteam.accounts.roles import Role
from wijkteam.core.rules import Reason, Verdict

from .models import CaseStatus, TriageOutcome, Urgency

# --- Response norms ------------------------------------------------------------------


@dataclass(frozen=True)
class ResponseNorms:
    """Working days for first contact per urgency, and calendar days for a home visit."""

    crisis_working_days: int = 0
    urgent_working_days: int = 2
    regular_working_days: int = 5
    regular_home_visit_days: int = 7

    def first_contact_days(self, urgency: str) -> int:
        return {
            Urgency.CRISIS: self.crisis_working_days,
            Urgency.URGENT: self.urgent_working_days,
        }.get(urgency, self.regular_working_days)


def add_working_days(start: date, days: int, holidays: Iterable[date] = ()) -> date:
    """`days` working days after `start` (Monday–Friday, skipping holidays).

    Zero working days is the same day, or the next working day when `start` is not one.
    """
    closed = set(holidays)

    def is_working(day: date) -> bool:
        return day.weekday() < 5 and day not in closed

    day = start
    while not is_working(day):
        day += timedelta(days=1)
    remaining = days
    while remaining > 0:
        day += timedelta(days=1)
        if is_working(day):
            remaining -= 1
    return day


@dataclass(frozen=True)
class NormStatus:
    due: date
    met_on: date | None
    breached: bool
    days_late: int

    @property
    def label(self) -> str:
        if self.met_on:
            return _("first contact on time") if not self.breached else _("first contact late")
        if self.breached:
            return ngettext(
                "first contact %(days)d day overdue",
                "first contact %(days)d days overdue",
                self.days_late,
            ) % {"days": self.days_late}
        return _("first contact due")


def first_contact_norm(
    urgency: str,
    registered_on: date,
    first_contact_on: date | None,
    today: date,
    norms: ResponseNorms,
    holidays: Iterable[date] = (),
) -> NormStatus:
    """When first contact is due, and whether the norm is breached (as of `today`)."""
    due = add_working_days(registered_on, norms.first_contact_days(urgency), holidays)
    reference = first_contact_on or today
    late = (reference - due).days
    return NormStatus(due, first_contact_on, late > 0, max(late, 0))


def waiting_days(registered_on: date, today: date) -> int:
    return max((today - registered_on).days, 0)


# --- Lifecycle -----------------------------------------------------------------------

CASEWORK = frozenset({Role.CASE_WORKER, Role.TEAM_LEAD})
LEAD = frozenset({Role.TEAM_LEAD})


@dataclass(frozen=True)
class Transition:
    source: str
    target: str
    roles: frozenset[Role]
    needs_reason: bool = False


# The one table of allowed moves and who may make them.
TRANSITIONS: tuple[Transition, ...] = (
    Transition(CaseStatus.REGISTERED, CaseStatus.TRIAGE, CASEWORK),
    Transition(CaseStatus.TRIAGE, CaseStatus.CLARIFICATION, CASEWORK),
    Transition(CaseStatus.TRIAGE, CaseStatus.CLOSED, CASEWORK),
    Transition(CaseStatus.CLARIFICATION, CaseStatus.IN_PROGRESS, CASEWORK),
    Transition(CaseStatus.IN_PROGRESS, CaseStatus.CLOSING, CASEWORK),
    Transition(CaseStatus.CLOSING, CaseStatus.IN_PROGRESS, CASEWORK, needs_reason=True),
    Transition(CaseStatus.CLOSING, CaseStatus.CLOSED, CASEWORK, needs_reason=True),
    Transition(CaseStatus.CLOSED, CaseStatus.CLARIFICATION, LEAD, needs_reason=True),
)
TRANSITION_BY_MOVE = {(t.source, t.target): t for t in TRANSITIONS}


def transition_verdict(source: str, target: str, roles: Iterable[str], reason: str = "") -> Verdict:
    """May someone with these roles move a case from `source` to `target`?"""
    move = TRANSITION_BY_MOVE.get((source, target))
    labels = dict(CaseStatus.choices)
    if move is None:
        return Verdict(
            False,
            (
                Reason(
                    "transition_not_allowed",
                    _("A case cannot go from “%(source)s” to “%(target)s”.")
                    % {"source": labels.get(source, source), "target": labels.get(target, target)},
                ),
            ),
        )
    if not move.roles & set(roles):
        return Verdict(
            False,
            (
                Reason(
                    "transition_role",
                    _("Your role may not move a case from “%(source)s” to “%(target)s”.")
                    % {"source": labels[source], "target": labels[target]},
                ),
            ),
        )
    if move.needs_reason and not reason.strip():
        return Verdict(False, (Reason("transition_reason", _("Give a reason for this step.")),))
    return Verdict(True)


def allowed_targets(source: str, roles: Iterable[str]) -> list[str]:
    role_set = set(roles)
    return [t.target for t in TRANSITIONS if t.source == source and t.roles & role_set]


def awaits_triage(status: str) -> bool:
    """Registered and triage cases move on through the triage form, which records the
    outcome; the plain status change is not offered for them."""
    return status in (CaseStatus.REGISTERED, CaseStatus.TRIAGE)


def status_change_targets(status: str, roles: Iterable[str]) -> list[str]:
    """The statuses offered on the status-change page for this case and these roles."""
    return [] if awaits_triage(status) else allowed_targets(status, roles)


def status_after_triage(outcome: str) -> str:
    """Advice and a community referral close the case at once; otherwise it is opened."""
    if outcome == TriageOutcome.CASE:
        return CaseStatus.CLARIFICATION
    return CaseStatus.CLOSED


# --- Assignment ----------------------------------------------------------------------


@dataclass(frozen=True)
class Candidate:
    worker_id: int
    expertise: frozenset[str]
    open_cases: int
    knows_household: bool
    youth_verdict: Verdict


@dataclass(frozen=True)
class Ranked:
    candidate: Candidate
    score: int
    matched: tuple[str, ...]
    eligible: bool


def rank_candidates(
    candidates: Iterable[Candidate], wanted: Iterable[str], *, needs_vog: bool
) -> list[Ranked]:
    """Rank workers for a case: continuity first, then expertise match, then low caseload.

    Score = 10 for knowing the household + 3 per matching expertise − open cases.
    Workers who may not take the case (no current VOG on a youth case) come last.
    """
    wanted_set = set(wanted)
    ranked = []
    for candidate in candidates:
        matched = tuple(sorted(candidate.expertise & wanted_set))
        score = (10 if candidate.knows_household else 0) + 3 * len(matched) - candidate.open_cases
        eligible = candidate.youth_verdict.allowed or not needs_vog
        ranked.append(Ranked(candidate, score, matched, eligible))
    return sorted(ranked, key=lambda r: (not r.eligible, -r.score, r.candidate.worker_id))
