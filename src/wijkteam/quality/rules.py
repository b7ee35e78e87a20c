"""Pure rules for complaints and the client-experience survey. No database, no clock:
callers pass today's date and the facts.

Complaints follow the municipal complaints procedure, Awb chapter 9: a decision within
six weeks of receipt (9:11 lid 1), extendable once by at most four weeks with the
complainant told in writing (9:11 lid 2). A term that ends on a Saturday, Sunday or
public holiday runs to the next working day (Algemene termijnenwet, art. 1).
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from wijkteam.accounts.roles import Role
from wijkteam.core.rules import Reason, Verdict, add_months, suppress_small_count

from .models import (
    OPEN_COMPLAINT_STATUSES,
    ComplaintOutcome,
    ComplaintStatus,
    SurveyOccasion,
)

TERM_WEEKS = 6  # Awb 9:11 lid 1
MAX_EXTENSION_WEEKS = 4  # Awb 9:11 lid 2
LATE_COMPLAINT_MONTHS = 12  # Awb 9:8 lid 1 sub b: more than a year after the conduct

# --- The legal deadline ---------------------------------------------------------------


def term_end(received_on: date, weeks: int, holidays: Iterable[date] = ()) -> date:
    """The last day of a term of `weeks` weeks from receipt, moved past a weekend or
    public holiday (Algemene termijnenwet)."""
    closed = set(holidays)
    end = received_on + timedelta(weeks=weeks)
    while end.weekday() >= 5 or end in closed:
        end += timedelta(days=1)
    return end


def decision_due(
    received_on: date, extension_weeks: int = 0, holidays: Iterable[date] = ()
) -> date:
    """The day by which the complaint must be decided: six weeks after receipt, plus the
    extension."""
    return term_end(received_on, TERM_WEEKS + extension_weeks, holidays)


class DeadlineState:
    ON_TIME = "on_time"
    DUE_SOON = "due_soon"
    OVERDUE = "overdue"
    CLOSED_ON_TIME = "closed_on_time"
    CLOSED_LATE = "closed_late"


@dataclass(frozen=True)
class Deadline:
    due: date
    state: str
    days_left: int  # negative when overdue; for a closed complaint, as on the day it closed
    extended: bool

    @property
    def warning(self) -> bool:
        return self.state in (DeadlineState.DUE_SOON, DeadlineState.OVERDUE)

    @property
    def label(self) -> str:
        if self.state == DeadlineState.OVERDUE:
            return ngettext(
                "%(days)d day past the deadline",
                "%(days)d days past the deadline",
                -self.days_left,
            ) % {"days": -self.days_left}
        if self.state == DeadlineState.DUE_SOON:
            if self.days_left == 0:
                return _("due today")
            return ngettext("due in %(days)d day", "due in %(days)d days", self.days_left) % {
                "days": self.days_left
            }
        if self.state == DeadlineState.CLOSED_ON_TIME:
            return _("handled within the term")
        if self.state == DeadlineState.CLOSED_LATE:
            return _("handled after the term")
        return _("within the term")


def deadline(
    *,
    received_on: date,
    extension_weeks: int,
    status: str,
    closed_on: date | None,
    today: date,
    warning_days: int,
    holidays: Iterable[date] = (),
) -> Deadline:
    """The complaint's deadline and how it stands on `today` (or stood when it closed)."""
    due = decision_due(received_on, extension_weeks, holidays)
    extended = extension_weeks > 0
    if status not in OPEN_COMPLAINT_STATUSES:
        end = closed_on or today
        state = DeadlineState.CLOSED_ON_TIME if end <= due else DeadlineState.CLOSED_LATE
        return Deadline(due, state, (due - end).days, extended)
    left = (due - today).days
    if left < 0:
        state = DeadlineState.OVERDUE
    elif left <= warning_days:
        state = DeadlineState.DUE_SOON
    else:
        state = DeadlineState.ON_TIME
    return Deadline(due, state, left, extended)


def extension_verdict(
    *,
    status: str,
    received_on: date,
    extension_weeks_so_far: int,
    weeks: int | None,
    reason: str,
    informed_on: date | None,
    today: date,
    holidays: Iterable[date] = (),
) -> Verdict:
    """May the handling be extended (Awb 9:11 lid 2)? Once, by at most four weeks, within
    the original term, with a reason, and only once the complainant has been told."""
    reasons = []
    if status not in OPEN_COMPLAINT_STATUSES:
        reasons.append(
            Reason("complaint_closed", _("This complaint has been decided or withdrawn."))
        )
    elif extension_weeks_so_far:
        reasons.append(
            Reason(
                "extension_once",
                _("The term can be extended only once (Awb 9:11); it already has been."),
            )
        )
    elif today > decision_due(received_on, 0, holidays):
        reasons.append(
            Reason(
                "extension_too_late",
                _("The term has already passed: it can only be extended before it ends."),
            )
        )
    if weeks is None or not 1 <= weeks <= MAX_EXTENSION_WEEKS:
        reasons.append(
            Reason(
                "extension_weeks",
                _("Extend by one to %(max)d weeks.") % {"max": MAX_EXTENSION_WEEKS},
            )
        )
    if not reason.strip():
        reasons.append(Reason("extension_reason", _("Say why the complaint needs more time.")))
    if informed_on is None:
        reasons.append(
            Reason(
                "extension_not_informed",
                _("Tell the complainant in writing first, and record the date you did."),
            )
        )
    elif informed_on > today:
        reasons.append(Reason("informed_in_future", _("The date cannot be in the future.")))
    elif informed_on < received_on:
        reasons.append(
            Reason(
                "informed_before_receipt",
                _("The date cannot be before the complaint was received."),
            )
        )
    return Verdict(not reasons, tuple(reasons))


def late_complaint_warning(incident_on: date | None, received_on: date) -> Reason | None:
    """Conduct more than a year before the complaint need not be handled (Awb 9:8 lid 1
    sub b): a warning for the complaints officer, never a refusal."""
    if incident_on is None or incident_on > add_months(received_on, -LATE_COMPLAINT_MONTHS):
        return None
    return Reason(
        "complaint_about_old_conduct",
        _(
            "What the complaint is about happened more than a year before it was received "
            "(%(date)s). The municipality does not have to handle it (Awb 9:8); you may still."
        )
        % {"date": date_format(incident_on)},
    )


def complaint_input_verdict(
    *, name: str, description: str, received_on: date, incident_on: date | None, today: date
) -> Verdict:
    """What a complaint needs before it is recorded (Awb 9:4: who complains and about what)."""
    reasons = []
    if not name.strip():
        reasons.append(
            Reason("complainant_name_missing", _("Fill in the name of the complainant."))
        )
    if not description.strip():
        reasons.append(
            Reason("complaint_description_missing", _("Describe what the complaint is about."))
        )
    if received_on > today:
        reasons.append(Reason("received_in_future", _("The date cannot be in the future.")))
    if incident_on is not None and incident_on > received_on:
        reasons.append(
            Reason(
                "incident_after_receipt",
                _("What the complaint is about cannot have happened after it was received."),
            )
        )
    return Verdict(not reasons, tuple(reasons))


# --- The lifecycle ------------------------------------------------------------------------

HANDLER = frozenset({Role.COMPLAINTS_OFFICER})
# Who may read complaints: the complaints officer every complaint of the municipality, a
# team lead those linked to a case of their team (queries.complaints_visible_to).
VIEWERS = frozenset({Role.COMPLAINTS_OFFICER, Role.TEAM_LEAD})


@dataclass(frozen=True)
class ComplaintMove:
    source: str
    target: str
    roles: frozenset[Role]
    needs_note: bool = False
    needs_outcome: bool = False


S = ComplaintStatus
# The one table of allowed moves and who may make them. A complaint resolved at once to
# the complainant's satisfaction may be decided straight after acknowledgement (Awb 9:5).
COMPLAINT_MOVES: tuple[ComplaintMove, ...] = (
    ComplaintMove(S.RECEIVED, S.ACKNOWLEDGED, HANDLER),
    ComplaintMove(S.ACKNOWLEDGED, S.IN_HANDLING, HANDLER),
    ComplaintMove(S.ACKNOWLEDGED, S.DECIDED, HANDLER, needs_note=True, needs_outcome=True),
    ComplaintMove(S.IN_HANDLING, S.DECIDED, HANDLER, needs_note=True, needs_outcome=True),
    ComplaintMove(S.RECEIVED, S.WITHDRAWN, HANDLER, needs_note=True),
    ComplaintMove(S.ACKNOWLEDGED, S.WITHDRAWN, HANDLER, needs_note=True),
    ComplaintMove(S.IN_HANDLING, S.WITHDRAWN, HANDLER, needs_note=True),
)
MOVE_BY_STEP: Mapping[tuple[str, str], ComplaintMove] = {
    (m.source, m.target): m for m in COMPLAINT_MOVES
}


def complaint_move_verdict(
    source: str, target: str, roles: Iterable[str], *, note: str = "", outcome: str = ""
) -> Verdict:
    """May someone with these roles move a complaint from `source` to `target`?"""
    labels = dict(ComplaintStatus.choices)
    names = {"source": labels.get(source, source), "target": labels.get(target, target)}
    move = MOVE_BY_STEP.get((source, target))
    if move is None:
        message = _("A complaint cannot go from “%(source)s” to “%(target)s”.") % names
        return Verdict(False, (Reason("complaint_move_not_allowed", message),))
    if not move.roles & set(roles):
        message = _(
            "Only the complaints officer moves a complaint from “%(source)s” to “%(target)s”."
        )
        return Verdict(False, (Reason("complaint_move_role", message % names),))
    reasons = []
    if move.needs_outcome and outcome not in ComplaintOutcome.values:
        reasons.append(Reason("complaint_outcome_missing", _("Choose the outcome.")))
    if move.needs_note and not note.strip():
        if target == S.DECIDED:
            text = _("Write down the findings and the conclusion told to the complainant.")
        else:
            text = _("Write down how and when the complainant withdrew the complaint.")
        reasons.append(Reason("complaint_note_missing", text))
    return Verdict(not reasons, tuple(reasons))


def complaint_targets(source: str, roles: Iterable[str]) -> list[str]:
    role_set = set(roles)
    return [m.target for m in COMPLAINT_MOVES if m.source == source and m.roles & role_set]


# --- The client-experience survey ----------------------------------------------------

SCORES = tuple(range(1, 11))
LOW_SCORES = frozenset(range(1, 6))  # 1–5: "onvoldoende" on the Dutch school scale
HIGH_SCORES = frozenset({8, 9, 10})

# Which case statuses each occasion fits: an evaluation happens while help runs, a
# closure survey when the case is closing or just closed.
OCCASION_STATUSES = {
    SurveyOccasion.EVALUATION: frozenset({"in_progress", "closing"}),
    SurveyOccasion.CLOSURE: frozenset({"closing", "closed"}),
}


def invitation_verdict(case_status: str, occasion: str) -> Verdict:
    if occasion not in OCCASION_STATUSES:
        return Verdict(False, (Reason("survey_occasion", _("Choose evaluation or closure.")),))
    if case_status not in OCCASION_STATUSES[occasion]:
        if occasion == SurveyOccasion.EVALUATION:
            text = _("A survey at an evaluation is for a case in progress or closing.")
        else:
            text = _("A survey at closure is for a case that is closing or closed.")
        return Verdict(False, (Reason("survey_case_status", text),))
    return Verdict(True)


def month_of(day: date) -> date:
    return day.replace(day=1)


@dataclass(frozen=True)
class ExperienceFigures:
    """Survey figures for one group (a team, a district, the municipality) and period,
    as shown: small counts suppressed, and with them every figure that could give a
    family away (the mean and the shares of a handful of answers)."""

    count: str
    mean: str
    low_share: str
    high_share: str
    distribution: tuple[str, ...]  # per score 1..10
    suppressed: bool


def _percent(part: int, whole: int) -> str:
    return f"{round(part * 100 / whole)}%"


def experience_figures(distribution: Mapping[int, int], threshold: int) -> ExperienceFigures:
    """Count, mean (one decimal), the share scoring 1–5 ("onvoldoende") and 8–10, and the
    number per score, from the number of answers per score. Below `threshold` answers
    only the (suppressed) count is shown; single scores below it are suppressed too."""
    count = sum(distribution.get(score, 0) for score in SCORES)
    cells = tuple(suppress_small_count(distribution.get(s, 0), threshold) for s in SCORES)
    if count == 0 or count < threshold:
        dash = "–"
        return ExperienceFigures(
            suppress_small_count(count, threshold), dash, dash, dash, (dash,) * 10, count > 0
        )
    total = sum(score * distribution.get(score, 0) for score in SCORES)
    mean = f"{total / count:.1f}".replace(".", ",")
    low = sum(distribution.get(s, 0) for s in LOW_SCORES)
    high = sum(distribution.get(s, 0) for s in HIGH_SCORES)
    return ExperienceFigures(
        str(count), mean, _percent(low, count), _percent(high, count), cells, False
    )
