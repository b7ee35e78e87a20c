"""The KPIs and outcome indicators as pure functions of counts. No database, no clock.

`queries.counts_for` gathers the counts of a period and a selection of districts (the
`Counts` below: measure name and key → a number, see `measures.MEASURES`); each KPI is one
function here that turns counts into `Indicator`s of raw figures: a count, a share (part
of a whole), a mean (a total over a number) or money (cents over a number of decisions).
`show` then decides what may be shown to whom (`Disclosure`): counts below the threshold
are "<5", and every share, mean or sum made of such a count is not shown ("–"). The
definitions, with the recorded fields they count, are in docs/kpis.md.
"""

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from wijkteam.core.rules import suppress_small_count

# --- Counts -------------------------------------------------------------------------------


class Counts:
    """Counts of one period and selection: (measure, key) → number, summed over its
    months and districts. `known` (the measure names there are) makes reading an unknown
    name an error, so a KPI cannot silently count nothing."""

    def __init__(self, values: Mapping[tuple[str, str], int], known: Iterable[str] = ()):
        self._values = dict(values)
        self._known = frozenset(known)

    def _check(self, measure: str) -> None:
        if self._known and measure not in self._known:
            raise KeyError(f"unknown measure {measure!r}")

    def get(self, measure: str, key: str = "") -> int:
        self._check(measure)
        return self._values.get((measure, key), 0)

    def keyed(self, measure: str) -> dict[str, int]:
        """Every key of a measure with its number (a breakdown)."""
        self._check(measure)
        return {key: n for (name, key), n in self._values.items() if name == measure}

    def total(self, measure: str, keys: Iterable[str] | None = None) -> int:
        """The sum over the keys of a measure (all, or the given ones)."""
        breakdown = self.keyed(measure)
        if keys is None:
            return sum(breakdown.values())
        return sum(breakdown.get(key, 0) for key in keys)

    def split(self, measure: str) -> dict[str, dict[str, int]]:
        """A measure whose keys are `a|b`, as {a: {b: number}}."""
        result: dict[str, dict[str, int]] = {}
        for key, n in self.keyed(measure).items():
            first, _sep, second = key.partition("|")
            result.setdefault(first, {})
            result[first][second] = result[first].get(second, 0) + n
        return result


# --- Figures and what may be shown -----------------------------------------------------

COUNT, SHARE, MEAN, MONEY, NONE = "count", "share", "mean", "money", "none"
POINTS = "points"  # a change of a share, in percentage points
NOT_SHOWN = "–"  # a share, mean or sum made of a small count, or nothing to divide by
HIDDEN_TOO = "x"  # complementary suppression: would give a small count away (CBS: "geheim")


@dataclass(frozen=True)
class Disclosure:
    """Who looks: counts below `threshold` are suppressed unless `exact` (a team lead
    looking at their own team, whose families they may see anyway)."""

    threshold: int
    exact: bool = False

    def hides(self, n: int) -> bool:
        return not self.exact and 0 < n < self.threshold


@dataclass(frozen=True)
class Figure:
    """A raw figure. COUNT: `value`. SHARE: `value` of `base`. MEAN: `value` (a total)
    over `base` items. MONEY: `value` cents over `base` decisions. `protected` is False
    for figures about organisations (partners' coverage), which identify no family."""

    kind: str
    value: int = 0
    base: int = 0
    protected: bool = True

    def hidden_by(self, disclosure: Disclosure) -> bool:
        if not self.protected or self.kind == NONE:
            return False
        if self.kind == COUNT:
            return disclosure.hides(self.value)
        if self.kind == SHARE:
            rest = self.base - self.value
            return any(disclosure.hides(n) for n in (self.base, self.value, rest))
        return disclosure.hides(self.base)  # a mean or a sum: by its number of items

    @property
    def number(self) -> float | int | None:
        """The figure as one number (a percentage for a share, euros for money)."""
        if self.kind == COUNT:
            return self.value
        if self.kind in (SHARE, MEAN) and self.base:
            return self.value * (100 if self.kind == SHARE else 1) / self.base
        if self.kind == MONEY:
            return self.value / 100
        return None


def count(value: int) -> Figure:
    return Figure(COUNT, value)


def share(part: int, whole: int, *, protected: bool = True) -> Figure:
    return Figure(SHARE, part, whole, protected)


def mean(total: int, items: int) -> Figure:
    return Figure(MEAN, total, items)


def money(cents: int, items: int) -> Figure:
    return Figure(MONEY, cents, items)


NOTHING = Figure(NONE)


@dataclass(frozen=True)
class Cell:
    """What a table cell, a chart and an export get: the text as shown, and the number
    (None when it may not be shown or there is none). `kind` tells an export how to
    write the number."""

    text: str
    number: float | int | None = None
    kind: str = NONE

    def __str__(self) -> str:
        return self.text


def rounded(value: float, places: int = 0) -> float:
    """Half up, as people round (12.5% is 13%), not Python's half to even."""
    step = Decimal(1).scaleb(-places)
    result = Decimal(str(value)).quantize(step, rounding=ROUND_HALF_UP)
    return int(result) if places == 0 else float(result)


def _decimal(value: float, places: int = 1) -> str:
    return number_format(rounded(value, places), places, force_grouping=True)


def show(figure: Figure, disclosure: Disclosure) -> Cell:
    """The figure as the viewer may see it."""
    if figure.kind == COUNT:
        text = (
            str(figure.value)
            if disclosure.exact or not figure.protected
            else suppress_small_count(figure.value, disclosure.threshold)
        )
        hidden = figure.hidden_by(disclosure)
        return Cell(text, None if hidden else figure.value, COUNT)
    if figure.kind == NONE or figure.number is None or figure.hidden_by(disclosure):
        return Cell(NOT_SHOWN)
    number = figure.number
    if figure.kind == SHARE:
        return Cell(f"{rounded(number)}%", rounded(number, 1), SHARE)
    if figure.kind == MONEY:
        euros = number_format(rounded(number), 0, force_grouping=True)
        return Cell(f"€ {euros}", number, MONEY)
    return Cell(_decimal(number), rounded(number, 1), MEAN)


def change(current: Figure, previous: Figure, disclosure: Disclosure) -> Cell:
    """The difference with the previous period: in numbers for counts, in percentage
    points for shares; not shown when either side is not."""
    now, before = show(current, disclosure), show(previous, disclosure)
    if now.number is None or before.number is None:
        return Cell(NOT_SHOWN)
    if current.kind == SHARE:
        points = rounded(now.number) - rounded(before.number)
        return Cell(_("%(sign)s%(points)d pp") % _signed(points), points, POINTS)
    difference = now.number - before.number
    if current.kind == COUNT:
        signed = _signed(int(difference))
        return Cell(f"{signed['sign']}{signed['points']}", int(difference), COUNT)
    if current.kind == MONEY:
        whole = rounded(difference)
        text = f"{'+' if whole > 0 else '−' if whole < 0 else ''}€ "
        return Cell(text + number_format(abs(whole), 0, force_grouping=True), whole, MONEY)
    tenths = rounded(difference, 1)
    sign = "+" if tenths > 0 else "−" if tenths < 0 else ""
    return Cell(sign + _decimal(abs(tenths)), tenths, MEAN)


def _signed(n: int) -> dict:
    return {"sign": "+" if n > 0 else "−" if n < 0 else "", "points": abs(n)}


def protect(counts: Sequence[int], disclosure: Disclosure) -> list[Cell]:
    """The cells of a breakdown whose total is shown: small counts "<5", and when exactly
    one cell is suppressed, the smallest other non-zero cell is hidden too ("x"), so the
    small one cannot be worked out from the total (complementary suppression)."""
    cells = [show(count(n), disclosure) for n in counts]
    hidden = [i for i, n in enumerate(counts) if disclosure.hides(n)]
    if len(hidden) == 1:
        others = [i for i, n in enumerate(counts) if n > 0 and i not in hidden]
        if others:
            smallest = min(others, key=lambda i: (counts[i], i))
            cells[smallest] = Cell(HIDDEN_TOO, None, COUNT)
    return cells


# --- Indicators and KPIs --------------------------------------------------------------------


@dataclass(frozen=True)
class Indicator:
    code: str
    label: str
    figure: Figure


@dataclass(frozen=True)
class Kpi:
    code: str
    title: str
    summary: str
    indicators: tuple[Indicator, ...]


# Keys used by the KPIs (the models' choice values, kept here so the rules stay pure).
SELF_FOUND = ("self", "network")  # cases.ReferrerType
DIRECT_REFERRAL = ("gp_practice", "medical_specialist")  # cases.DIRECT_REFERRAL_CHANNELS
FIXED_FACE_CHANNELS = ("school_support_team",)
LIGHTER_LEVELS = ("advice", "community", "own_support")  # allocation.InterventionLevel
CUSTOMISED_CARE = "customised_care"
FRONT_DOOR_OUTCOMES = ("advice", "community")  # cases.TriageOutcome closed at triage
HEAVY = "heavy"  # providers.Intensity
# National closure reasons (iJw JZ588) as the outcome indicators group them.
ACCORDING_TO_PLAN = ("31",)
ENDED_EARLY = ("32", "33", "34", "35")
ONE_SIDED_BY_CLIENT = ("32",)
REACHED, PARTLY, NOT_REACHED = "reached", "partly", "not_reached"  # plans.GoalResult
HIGH_MARKS = range(8, 11)
LOW_MARKS = range(1, 6)


def _marks(c: Counts) -> tuple[int, int]:
    """Number of survey answers and the sum of their marks."""
    scores = c.keyed("survey.score")
    return sum(scores.values()), sum(int(k) * n for k, n in scores.items())


def awareness(c: Counts, coverage: Sequence | None = None) -> Kpi:
    """Bekendheid en vindbaarheid: do families and partners find the team? `coverage`
    (partners.queries.coverage_table's total row: schools and GP practices with a fixed
    contact) is today's, so it is given for the current period only."""
    intakes = c.get("intakes")
    indicators = [
        Indicator("registrations", _("Registrations"), count(intakes)),
        Indicator(
            "self_found",
            _("Found the team themselves (the family, or family and friends)"),
            share(c.total("intakes.referrer", SELF_FOUND), intakes),
        ),
        Indicator(
            "fixed_faces",
            _("Through the school support team (a fixed face)"),
            share(c.total("intakes.channel", FIXED_FACE_CHANNELS), intakes),
        ),
        Indicator(
            "direct_referral",
            _("Referred directly by a GP or medical specialist (reaches the team late)"),
            share(c.total("intakes.channel", DIRECT_REFERRAL), intakes),
        ),
    ]
    if coverage is not None:
        schools, gps = coverage
        indicators += [
            Indicator(
                "schools_covered",
                _("Schools with a fixed contact today (target %(target)d%%)")
                % {"target": schools.target_percent},
                share(schools.covered, schools.total, protected=False),
            ),
            Indicator(
                "gp_practices_covered",
                _("GP practices with a fixed contact today (target %(target)d%%)")
                % {"target": gps.target_percent},
                share(gps.covered, gps.total, protected=False),
            ),
        ]
    else:
        indicators += [
            Indicator("schools_covered", _("Schools with a fixed contact today"), NOTHING),
            Indicator(
                "gp_practices_covered", _("GP practices with a fixed contact today"), NOTHING
            ),
        ]
    return Kpi(
        "awareness",
        _("Awareness and findability"),
        _("How families find the team: themselves, through a fixed face, or late."),
        tuple(indicators),
    )


def reachability(c: Counts) -> Kpi:
    """Bereikbaarheid: how and when the team is reached."""
    intakes = c.get("intakes")
    return Kpi(
        "reachability",
        _("Reachability"),
        _("How the team is reached, and outside office hours."),
        (
            Indicator("registrations", _("Registrations"), count(intakes)),
            Indicator(
                "online",
                _("Registered online"),
                share(c.get("intakes.channel", "online"), intakes),
            ),
            Indicator(
                "outside_office_hours",
                _("Registered outside office hours (evenings, nights, weekends)"),
                share(c.get("intakes.outside_office_hours"), intakes),
            ),
            Indicator(
                "phone_walk_in",
                _("By phone or walk-in"),
                share(c.total("intakes.channel", ("phone", "walk_in")), intakes),
            ),
        ),
    )


def waiting_time(c: Counts) -> Kpi:
    """Wachttijd en intake: first contact within the response norm, and triage."""
    on_time = c.get("cases.first_contact.on_time")
    due = on_time + c.get("cases.first_contact.late") + c.get("cases.first_contact.overdue")
    made = on_time + c.get("cases.first_contact.late")
    triaged = c.get("cases.triaged")
    return Kpi(
        "waiting_time",
        _("Waiting time and intake"),
        _("First contact within the response norm; how long until first contact and triage."),
        (
            Indicator("registered", _("Cases registered"), count(c.get("cases.registered"))),
            Indicator(
                "first_contact_on_time",
                _("First contact within the norm (of the cases whose norm has passed)"),
                share(on_time, due),
            ),
            Indicator(
                "first_contact_overdue",
                _("Still no first contact, norm passed"),
                count(c.get("cases.first_contact.overdue")),
            ),
            Indicator(
                "days_to_first_contact",
                _("Average days from registration to first contact"),
                mean(c.get("cases.first_contact.days"), made),
            ),
            Indicator(
                "days_to_triage",
                _("Average days from registration to triage"),
                mean(c.get("cases.triage.days"), triaged),
            ),
            Indicator(
                "triage_case",
                _("Triage: a case was opened"),
                share(c.get("cases.triage_outcome", "case"), triaged),
            ),
        ),
    )


def support_while_waiting(c: Counts) -> Kpi:
    """Wachttijdondersteuning: help while a family waits past the norm."""
    breached = c.get("cases.breached")
    return Kpi(
        "support_while_waiting",
        _("Support while waiting"),
        _("Families who waited past the response norm, and whether they had support."),
        (
            Indicator("breached", _("Cases past the response norm"), count(breached)),
            Indicator(
                "supported",
                _("Of those: support while waiting recorded"),
                share(c.get("cases.breached.supported"), breached),
            ),
            Indicator(
                "given",
                _("Support while waiting given in the period"),
                count(c.get("support_while_waiting.given")),
            ),
        ),
    )


def throughput(c: Counts) -> Kpi:
    """Doorlooptijd: from registration to closure; longer than a year counts as long."""
    closed = c.get("cases.closed")
    at_triage = c.get("cases.closed.at_triage")
    worked = closed - at_triage
    return Kpi(
        "throughput",
        _("Throughput time"),
        _("How long from registration until the case closed; over a year counts as long."),
        (
            Indicator("closed", _("Cases closed"), count(closed)),
            Indicator(
                "days_closed",
                _("Average days from registration to closure"),
                mean(c.get("cases.closed.days"), closed),
            ),
            Indicator(
                "days_closed_at_triage",
                _("Average days, closed at triage (advice or a community offer)"),
                mean(c.get("cases.closed.at_triage.days"), at_triage),
            ),
            Indicator(
                "days_closed_worked",
                _("Average days, closed after casework"),
                mean(c.get("cases.closed.days") - c.get("cases.closed.at_triage.days"), worked),
            ),
            Indicator(
                "within_3_months",
                _("Closed within three months (90 days)"),
                share(c.get("cases.closed.within_3m"), closed),
            ),
            Indicator(
                "over_a_year",
                _("Took longer than a year (365 days): long"),
                share(c.get("cases.closed.over_12m"), closed),
            ),
        ),
    )


def client_experience(c: Counts) -> Kpi:
    """Cliëntervaringen: the survey at evaluations and closure (marks 1 to 10)."""
    answers, total = _marks(c)
    scores = c.keyed("survey.score")
    invited = c.get("survey.invited")
    return Kpi(
        "client_experience",
        _("Client experiences"),
        _("Families' marks from 1 to 10 at an evaluation or closure."),
        (
            Indicator("invited", _("Survey invitations"), count(invited)),
            Indicator("response", _("Filled in"), share(c.get("survey.answered"), invited)),
            Indicator("answers", _("Answers"), count(answers)),
            Indicator("mean_mark", _("Average mark"), mean(total, answers)),
            Indicator(
                "high",
                _("Mark 8 or higher"),
                share(sum(scores.get(str(s), 0) for s in HIGH_MARKS), answers),
            ),
            Indicator(
                "low",
                _("Insufficient (1–5)"),
                share(sum(scores.get(str(s), 0) for s in LOW_MARKS), answers),
            ),
        ),
    )


def complaints(c: Counts) -> Kpi:
    """Klachten: under the municipal procedure (Awb chapter 9); late means decided after
    six weeks, or after the extended term."""
    received = c.get("complaints.received")
    decided = c.get("complaints.decided")
    return Kpi(
        "complaints",
        _("Complaints"),
        _("Complaints about the team, and whether they were decided within the legal term."),
        (
            Indicator("received", _("Complaints received"), count(received)),
            Indicator("decided", _("Decided"), count(decided)),
            Indicator(
                "on_time",
                _("Decided within the term (Awb 9:11)"),
                share(c.get("complaints.on_time"), decided),
            ),
            Indicator(
                "well_founded",
                _("(Partly) well-founded"),
                share(c.get("complaints.well_founded"), decided),
            ),
            Indicator("extended", _("Term extended"), count(c.get("complaints.extended"))),
        ),
    )


def effectiveness(c: Counts) -> Kpi:
    """Effectiviteit: help ended as planned, goals reached, no repeated call."""
    closures = c.get("closures")
    goals = c.total("goals.result")
    stopped = c.total("care.stopped.reason")
    return Kpi(
        "effectiveness",
        _("Effectiveness"),
        _("Whether help ended as planned, goals were reached and families did not return."),
        (
            Indicator("plans_closed", _("Support plans closed"), count(closures)),
            Indicator(
                "plans_according_to_plan",
                _("Plans closed according to plan"),
                share(c.total("closures.reason", ACCORDING_TO_PLAN), closures),
            ),
            Indicator(
                "goals_reached",
                _("Goals reached at closure"),
                share(c.get("goals.result", REACHED), goals),
            ),
            Indicator(
                "goals_partly",
                _("Goals partly reached at closure"),
                share(c.get("goals.result", PARTLY), goals),
            ),
            Indicator(
                "repeated_call",
                _("New cases that are a repeated call on help within 12 months"),
                share(c.get("repeated_call"), c.get("cases.registered")),
            ),
            Indicator(
                "care_according_to_plan",
                _("Youth care ended according to plan (provider's message)"),
                share(c.total("care.stopped.reason", ACCORDING_TO_PLAN), stopped),
            ),
        ),
    )


def efficiency(c: Counts) -> Kpi:
    """Efficiëntie: solved lightly (advice, community, the team's own support) versus
    customised care; the cost of allocated care."""
    weighed = c.total("weighings.level")
    triaged = c.get("cases.triaged")
    decisions = c.total("decisions.profile")
    cents = c.total("decisions.cost.profile")
    return Kpi(
        "efficiency",
        _("Efficiency"),
        _("As light as possible: advice, the community and own support against customised care."),
        (
            Indicator("weighed", _("Help questions weighed"), count(weighed)),
            Indicator(
                "solved_lightly",
                _("Solved by advice, a community offer or the team's own support"),
                share(c.total("weighings.level", LIGHTER_LEVELS), weighed),
            ),
            Indicator(
                "customised_care",
                _("Customised youth care"),
                share(c.get("weighings.level", CUSTOMISED_CARE), weighed),
            ),
            Indicator(
                "front_door",
                _("Closed at triage with advice or a community offer"),
                share(c.total("cases.triage_outcome", FRONT_DOOR_OUTCOMES), triaged),
            ),
            Indicator("decisions", _("Decisions issued"), count(decisions)),
            Indicator("cost", _("Estimated cost of allocated care"), money(cents, decisions)),
            Indicator(
                "cost_per_decision",
                _("Average estimated cost per decision"),
                money(cents // decisions if decisions else 0, decisions),
            ),
        ),
    )


def process_quality(c: Counts) -> Kpi:
    """Proceskwaliteit: the right way of working, on record."""
    worked = c.get("cases.closed.worked")
    children = c.get("children")
    evaluations = c.get("evaluations")
    decisions = c.get("decisions.issued")
    return Kpi(
        "process_quality",
        _("Process quality"),
        _("Of the cases closed after casework: safety, the child's voice, an agreed plan."),
        (
            Indicator("worked", _("Cases closed after casework"), count(worked)),
            Indicator(
                "safety",
                _("A completed safety assessment on record"),
                share(c.get("cases.closed.worked.safety"), worked),
            ),
            Indicator(
                "child_voice",
                _("Children spoken to, or the reason why not recorded"),
                share(c.get("children.spoken_to") + c.get("children.reason"), children),
            ),
            Indicator(
                "plan_agreed",
                _("A support plan agreed with the family"),
                share(c.get("cases.closed.worked.agreed_plan"), worked),
            ),
            Indicator(
                "team_at_evaluations",
                _("Evaluations with the team present"),
                share(c.get("evaluations.team_present"), evaluations),
            ),
            Indicator(
                "decisions_within_year",
                _("Decisions issued for at most one year"),
                share(c.get("decisions.within_year"), decisions),
            ),
        ),
    )


def kpis(c: Counts, coverage: Sequence | None = None) -> tuple[Kpi, ...]:
    """The ten KPIs of the team's assignment (seed 003), in its order."""
    return (
        awareness(c, coverage),
        reachability(c),
        waiting_time(c),
        support_while_waiting(c),
        throughput(c),
        client_experience(c),
        complaints(c),
        effectiveness(c),
        efficiency(c),
        process_quality(c),
    )


# --- Outcome indicators (the national set, seed 001 §4.2) -------------------------------------


@dataclass(frozen=True)
class OutcomeRow:
    """The outcome indicators of one group (a district, referrer, profile or provider)."""

    key: str
    ended: Figure
    according_to_plan: Figure
    ended_early: Figure
    one_sided_by_client: Figure
    repeated_call: Figure
    satisfaction: Figure
    goals_reached: Figure


def outcome_row(
    key: str,
    reasons: Mapping[str, int],
    *,
    registered: int | None = None,
    repeated: int = 0,
    marks: Mapping[str, int] | None = None,
    goals: Mapping[str, int] | None = None,
) -> OutcomeRow:
    """From the closure reasons (JZ588) of the help that ended; the new cases and how
    many were a repeated call; the survey marks; the goal results. A part that cannot be
    broken down this way (None) is not shown."""
    ended = sum(reasons.values())

    def of_ended(codes) -> Figure:
        return share(sum(reasons.get(code, 0) for code in codes), ended)

    if marks is not None:
        answers = sum(marks.values())
        satisfaction = mean(sum(int(k) * n for k, n in marks.items()), answers)
    else:
        satisfaction = NOTHING
    goal_figure = (
        share(goals.get(REACHED, 0), sum(goals.values())) if goals is not None else NOTHING
    )
    return OutcomeRow(
        key,
        count(ended),
        of_ended(ACCORDING_TO_PLAN),
        of_ended(ENDED_EARLY),
        of_ended(ONE_SIDED_BY_CLIENT),
        share(repeated, registered) if registered is not None else NOTHING,
        satisfaction,
        goal_figure,
    )


# --- Recurring questions (bundelen van vragen) ---------------------------------------------


def recurring(counts: Mapping[tuple[str, str], int], threshold: int) -> list[tuple[str, str, int]]:
    """(theme, group) → number of help questions, as the rows that recur: those counted
    at least `threshold` times, most first, then by theme and group. Pure."""
    rows = [(theme, group, n) for (theme, group), n in counts.items() if n >= max(threshold, 1)]
    return sorted(rows, key=lambda row: (-row[2], row[0], row[1]))
