"""The figures pages, built once for the page and its exports: the ten KPIs, the four
views of the council dashboard (recommendations 5a/5b: cost and use, the reform
movements, experienced quality, societal effects) and the outcome indicators. Every page
compares its period with the previous one of the same length, for all districts or one;
every chart has its numbers in a table beside it, and every table goes into the CSV and
XLSX exports as shown (small counts suppressed)."""

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

from django.conf import settings
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wijkteam.accounts.models import District
from wijkteam.accounts.roles import Role
from wijkteam.allocation.models import InterventionLevel, NotGrantedReason, OtherLaw
from wijkteam.cases.models import Channel, ReferrerType
from wijkteam.core.charts import Chart, Series
from wijkteam.core.navigation import roles_of
from wijkteam.partners.queries import coverage_table
from wijkteam.plans.models import GoalResult
from wijkteam.providers.models import Intensity, Profile, Provider
from wijkteam.quality.rules import SCORES, experience_figures

from . import rules
from .measures import TEAM_KEY
from .periods import Period
from .rules import COUNT, SHARE, Cell, Counts, Disclosure, Figure, Kpi, show
from .snapshot import Freshness, counts_by_team, counts_for, freshness


@dataclass(frozen=True)
class Selection:
    """What the figures are of, and who looks at them."""

    period: Period
    district: District | None
    team_ids: list[int] | None  # None: every district, and what belongs to none
    disclosure: Disclosure
    freshness: Freshness

    @property
    def previous(self) -> Period:
        return self.period.previous()

    @property
    def where(self) -> str:
        return self.district.name if self.district else _("all districts")


def selection_for(user, period: Period, district: District | None, today: date) -> Selection:
    """Counts below the threshold are suppressed for everyone, except for a team lead
    looking at their own team's district: they may see its families anyway (ADR 0011)."""
    own = (
        district is not None
        and Role.TEAM_LEAD in roles_of(user)
        and user.team_id is not None
        and user.team.district_id == district.pk
    )
    team_ids = [district.team.pk] if district is not None and hasattr(district, "team") else None
    if district is not None and team_ids is None:
        team_ids = []
    return Selection(
        period,
        district,
        team_ids,
        Disclosure(settings.WIJKTEAM_SMALL_COUNT_THRESHOLD, exact=own),
        freshness(period, today),
    )


# --- What a page holds ------------------------------------------------------------------------


@dataclass(frozen=True)
class Table:
    caption: str
    columns: list[str]
    rows: list[tuple[str, list[Cell]]]
    name: str = ""  # short, for a sheet of an XLSX export (the caption when empty)


@dataclass
class Section:
    key: str
    title: str
    text: str = ""
    tables: list[Table] = field(default_factory=list)
    charts: list[Chart] = field(default_factory=list)
    coverage: list | None = None  # partners' coverage rows, shown with their own template


@dataclass
class Page:
    key: str
    title: str
    intro: str
    sections: list[Section]

    def export_tables(self) -> list[Table]:
        """Every table and every chart's table, in the order of the page."""
        tables = []
        for section in self.sections:
            tables += section.tables
            tables += [chart_table(chart) for chart in section.charts]
        return tables


def chart_table(chart: Chart) -> Table:
    kind = chart.extra.get("kind", COUNT)
    rows = [
        (
            label,
            [Cell(series.cells()[index], series.values[index], kind) for series in chart.series],
        )
        for index, label in enumerate(chart.labels)
    ]
    return Table(chart.title, [chart.x_label, *(s.label for s in chart.series)], rows, chart.title)


def _columns(sel: Selection, first: str) -> list[str]:
    return [first, sel.period.label, sel.previous.label, _("Change")]


def _caption(title: str, sel: Selection) -> str:
    return _("%(title)s: %(period)s against %(previous)s, %(where)s") % {
        "title": title,
        "period": sel.period.label,
        "previous": sel.previous.label,
        "where": sel.where,
    }


def indicator_table(title: str, now: Kpi, before: Kpi, sel: Selection) -> Table:
    """A KPI's indicators: this period, the previous one, the change."""
    d = sel.disclosure
    rows = [
        (
            current.label,
            [
                show(current.figure, d),
                show(earlier.figure, d),
                rules.change(current.figure, earlier.figure, d),
            ],
        )
        for current, earlier in zip(now.indicators, before.indicators, strict=True)
    ]
    return Table(_caption(title, sel), _columns(sel, _("Indicator")), rows, title)


FigureOf = Callable[[Counts], Figure]


def counted(measure: str) -> FigureOf:
    """A measure's number (summed over its keys, if it has any) as a count."""
    return lambda c: rules.count(c.total(measure))


def _figures_table(
    title: str, first: str, rows: Sequence[tuple[str, FigureOf]], sel, now, before
) -> Table:
    """One row per figure: this period, the previous one, the change."""
    d = sel.disclosure
    cells = []
    for label, figure_of in rows:
        current, earlier = figure_of(now), figure_of(before)
        cells.append(
            (label, [show(current, d), show(earlier, d), rules.change(current, earlier, d)])
        )
    return Table(_caption(title, sel), _columns(sel, first), cells, title)


def breakdown_chart(
    chart_id: str,
    title: str,
    x_label: str,
    keys: Sequence[str],
    label_of: Callable[[str], str],
    now: Mapping[str, int],
    before: Mapping[str, int],
    sel: Selection,
) -> Chart:
    """Counts per key, this period against the previous one, as bars; each period's
    counts protected as a breakdown whose total is shown elsewhere."""
    series = []
    for period, counts in ((sel.period, now), (sel.previous, before)):
        cells = rules.protect([counts.get(key, 0) for key in keys], sel.disclosure)
        series.append(
            Series(period.label, tuple(c.number for c in cells), tuple(c.text for c in cells))
        )
    return Chart(
        chart_id=chart_id,
        title=title,
        labels=tuple(label_of(key) for key in keys),
        series=tuple(series),
        kind="bar",
        x_label=x_label,
        y_label=_("Number"),
        y_min=0,
        extra={"kind": COUNT},
    )


def _keys(*breakdowns: Mapping[str, int], order: Sequence[str] = ()) -> list[str]:
    """The keys of the breakdowns: those in `order` first (in it), then the rest sorted."""
    found = {key for breakdown in breakdowns for key, n in breakdown.items() if n}
    return [key for key in order if key in found] + sorted(found - set(order))


def _label(choices) -> Callable[[str], str]:
    labels = dict(choices)
    return lambda key: capfirst(str(labels.get(key, key or _("unknown"))))


def measure_chart(chart_id, title, x_label, measure, choices, now, before, sel) -> Chart:
    """A keyed measure per key (in the order of the model's `choices`), this period
    against the previous one."""
    current, earlier = now.keyed(measure), before.keyed(measure)
    keys = _keys(current, earlier, order=[value for value, _label_ in choices])
    return breakdown_chart(chart_id, title, x_label, keys, _label(choices), current, earlier, sel)


# --- The pages -----------------------------------------------------------------------------


def _both(sel: Selection) -> tuple[Counts, Counts]:
    return counts_for(sel.period, sel.team_ids), counts_for(sel.previous, sel.team_ids)


def coverage_of(sel: Selection, today: date) -> tuple:
    """Today's coverage of schools and GP practices (the selected district's, or the
    municipality's), for the KPI awareness and findability."""
    coverage = coverage_table(today)
    row = next((r for r in coverage if r.district == sel.district), coverage[-1])
    return row.schools, row.gp_practices


def kpi_page(sel: Selection, today: date) -> Page:
    """The ten KPIs, each with its indicators."""
    now, before = _both(sel)
    sections = [
        Section(
            now_kpi.code,
            now_kpi.title,
            now_kpi.summary,
            tables=[indicator_table(now_kpi.title, now_kpi, before_kpi, sel)],
        )
        for now_kpi, before_kpi in zip(
            rules.kpis(now, coverage_of(sel, today)), rules.kpis(before), strict=True
        )
    ]
    return Page(
        "kpis",
        _("Key figures"),
        _("The ten KPIs of the team's assignment, this period against the previous one."),
        sections,
    )


def cost_and_use(sel: Selection, today: date) -> Page:
    now, before = _both(sel)
    use = _figures_table(
        _("Use and cost"),
        _("Figure"),
        [
            (_("Registrations"), counted("intakes")),
            (_("Cases registered"), counted("cases.registered")),
            (_("Decisions issued"), counted("decisions.profile")),
            (
                _("Estimated cost of allocated care"),
                lambda c: rules.money(
                    c.total("decisions.cost.profile"), c.total("decisions.profile")
                ),
            ),
            (_("Youth care started (reported by providers)"), counted("care.started")),
            (_("Youth care stopped (reported by providers)"), counted("care.stopped.reason")),
        ],
        sel,
        now,
        before,
    )
    profiles_now, profiles_before = (
        now.keyed("decisions.profile"),
        before.keyed("decisions.profile"),
    )
    profile_keys = _keys(profiles_now, profiles_before)
    profile_label = _profile_labels(profile_keys)
    decisions = breakdown_chart(
        "decisions-per-profile",
        _("Decisions issued per profile"),
        _("Profile"),
        profile_keys,
        profile_label,
        profiles_now,
        profiles_before,
        sel,
    )
    channels = measure_chart(
        "registrations-per-channel",
        _("Registrations per channel"),
        _("Channel"),
        "intakes.channel",
        Channel.choices,
        now,
        before,
        sel,
    )
    return Page(
        "cost_and_use",
        _("Cost and use"),
        _(
            "What the team and youth care were used for, and what allocated care is "
            "estimated to cost."
        ),
        [
            Section("use", _("Use and cost"), tables=[use]),
            Section(
                "profiles",
                _("Allocated care per profile"),
                _("The estimated cost is shown only where the number of decisions may be."),
                tables=[_cost_table(sel, now, before, profile_keys, profile_label)],
                charts=[decisions],
            ),
            Section("channels", _("How families reach the team"), charts=[channels]),
        ],
    )


def _profile_labels(keys: Iterable[str]) -> Callable[[str], str]:
    profiles = {p.code: p for p in Profile.objects.filter(code__in=[k for k in keys if k])}

    def label(key: str) -> str:
        if not key:
            return _("without a profile")
        profile = profiles.get(key)
        if profile is None:
            return key
        return f"{key} ({profile.get_kind_display()}, {profile.get_intensity_display()})"

    return label


def _cost_table(sel, now: Counts, before: Counts, keys, label_of) -> Table:
    """Estimated cost per profile; a profile's cost is hidden with its count."""
    d = sel.disclosure
    columns = []
    for counts in (now, before):
        decisions = counts.keyed("decisions.profile")
        cost = counts.keyed("decisions.cost.profile")
        cells = rules.protect([decisions.get(k, 0) for k in keys], d)
        columns.append(
            [
                show(rules.money(cost.get(k, 0), decisions.get(k, 0)), d)
                if cell.number is not None
                else Cell(rules.NOT_SHOWN)
                for k, cell in zip(keys, cells, strict=True)
            ]
        )
    rows = [(label_of(k), [columns[0][i], columns[1][i]]) for i, k in enumerate(keys)]
    return Table(
        _("Estimated cost per profile"), [_("Profile"), sel.period.label, sel.previous.label], rows
    )


def reform(sel: Selection, today: date) -> Page:
    """The reform movements: more solved in the community and by the team itself, fewer
    heavy allocations, and what was not granted and why (recommendation 1c)."""
    now, before = _both(sel)
    levels = measure_chart(
        "intervention-levels",
        _("Help questions per intervention level"),
        _("Intervention level"),
        "weighings.level",
        InterventionLevel.choices,
        now,
        before,
        sel,
    )
    intensities = measure_chart(
        "decision-intensity",
        _("Decisions issued per intensity"),
        _("Intensity"),
        "decisions.intensity",
        Intensity.choices,
        now,
        before,
        sel,
    )
    movement = _figures_table(
        _("The movements"),
        _("Figure"),
        [
            (
                _("Solved by advice, a community offer or the team's own support"),
                lambda c: rules.share(
                    c.total("weighings.level", rules.LIGHTER_LEVELS), c.total("weighings.level")
                ),
            ),
            (_("Own support started by the team"), counted("own_support.started")),
            (_("Referrals to a community offer"), counted("community_referrals")),
            (
                _("Heavy allocations (share of decisions)"),
                lambda c: rules.share(
                    c.get("decisions.intensity", rules.HEAVY), c.get("decisions.issued")
                ),
            ),
            (_("Asked for but not granted"), counted("not_granted.reason")),
        ],
        sel,
        now,
        before,
    )
    return Page(
        "reform",
        _("The reform movements"),
        _(
            "More solved in the community and by the team itself, fewer heavy allocations, "
            "and what was not granted and why."
        ),
        [
            Section("movements", _("The movements"), tables=[movement]),
            Section("levels", _("The weighing framework"), charts=[levels]),
            Section(
                "heavy",
                _("Light or medium, unless"),
                _("Heavier care needs a recorded reason."),
                charts=[intensities],
            ),
            Section(
                "not-granted",
                _("Not granted, and why"),
                _("What was asked for but not granted, per coded reason (recommendation 1c)."),
                tables=[_not_granted_table(sel, now, before)],
            ),
        ],
    )


def _not_granted_table(sel, now: Counts, before: Counts) -> Table:
    reasons = dict(NotGrantedReason.choices)
    laws = dict(OtherLaw.choices)
    keys = _keys(now.keyed("not_granted.reason"), before.keyed("not_granted.reason"))

    def label(key: str) -> str:
        reason, _sep, law = key.partition("|")
        text = str(reasons.get(reason, reason))
        return f"{text}: {laws[law]}" if law in laws else text

    columns = [
        rules.protect([c.get("not_granted.reason", k) for k in keys], sel.disclosure)
        for c in (now, before)
    ]
    rows = [(capfirst(label(k)), [columns[0][i], columns[1][i]]) for i, k in enumerate(keys)]
    return Table(
        _("Asked for but not granted, per reason"),
        [_("Reason"), sel.period.label, sel.previous.label],
        rows,
    )


def experienced_quality(sel: Selection, today: date) -> Page:
    """How families experienced the help: the survey, complaints, fixed faces."""
    now, before = _both(sel)
    d = sel.disclosure
    threshold = 1 if d.exact else d.threshold
    distributions = [
        experience_figures({int(k): n for k, n in c.keyed("survey.score").items()}, threshold)
        for c in (now, before)
    ]
    marks = Chart(
        chart_id="marks",
        title=_("Marks given by families"),
        labels=tuple(str(score) for score in SCORES),
        series=tuple(
            Series(
                period.label,
                tuple(int(cell) if cell.isdigit() else None for cell in figures.distribution),
                figures.distribution,
            )
            for period, figures in (
                (sel.period, distributions[0]),
                (sel.previous, distributions[1]),
            )
        ),
        kind="bar",
        x_label=_("Mark"),
        y_label=_("Number of answers"),
        y_min=0,
        extra={"kind": COUNT},
    )
    coverage = coverage_table(today)
    if sel.district is not None:
        coverage = [row for row in coverage if row.district == sel.district] + coverage[-1:]
    return Page(
        "experienced_quality",
        _("Experienced quality"),
        _("How families experienced the help: their marks, their complaints, and the fixed faces."),
        [
            Section(
                "experience",
                _("Client experiences"),
                _("A mark from 1 to 10 at an evaluation or at closure; answers carry no name."),
                tables=[
                    indicator_table(
                        _("Client experiences"),
                        rules.client_experience(now),
                        rules.client_experience(before),
                        sel,
                    )
                ],
                charts=[marks],
            ),
            Section(
                "complaints",
                _("Complaints"),
                _("Decided within the term: within six weeks, or the extended term (Awb 9:11)."),
                tables=[
                    indicator_table(
                        _("Complaints"), rules.complaints(now), rules.complaints(before), sel
                    )
                ],
            ),
            Section("coverage", _("Fixed faces"), coverage=coverage),
        ],
    )


def societal_effects(sel: Selection, today: date) -> Page:
    """Goals reached, repeated calls, and the transition at 18 without a gap."""
    now, before = _both(sel)
    goals = measure_chart(
        "goal-results",
        _("Goals at closure"),
        _("Result"),
        "goals.result",
        GoalResult.choices,
        now,
        before,
        sel,
    )
    table = _figures_table(
        _("Societal effects"),
        _("Figure"),
        [
            (
                _("Goals reached at closure"),
                lambda c: rules.share(
                    c.get("goals.result", rules.REACHED), c.total("goals.result")
                ),
            ),
            (
                _("Help ended according to plan (the team's plans and youth care)"),
                lambda c: rules.share(
                    sum(_ended(c).get(k, 0) for k in rules.ACCORDING_TO_PLAN),
                    sum(_ended(c).values()),
                ),
            ),
            (
                _("New cases that are a repeated call on help within 12 months"),
                lambda c: rules.share(c.get("repeated_call"), c.get("cases.registered")),
            ),
            (
                _("Young people turning 18 without a gap (transition checklist complete)"),
                lambda c: rules.share(c.get("turned_18.without_gap"), c.get("turned_18")),
            ),
            (_("Young people who turned 18 while their family had a plan"), counted("turned_18")),
        ],
        sel,
        now,
        before,
    )
    return Page(
        "societal_effects",
        _("Societal effects"),
        _("Whether help made a lasting difference: goals, no return, no gap at 18."),
        [
            Section("effects", _("Societal effects"), tables=[table]),
            Section("goals", _("Goal realisation"), charts=[goals]),
        ],
    )


def _ended(c: Counts) -> dict[str, int]:
    """Help that ended per national reason: the team's plans and providers' youth care."""
    ended = dict(c.keyed("closures.reason"))
    for key, n in c.keyed("care.stopped.reason").items():
        ended[key] = ended.get(key, 0) + n
    return ended


# --- Outcome indicators ------------------------------------------------------------------------

BY_DISTRICT, BY_REFERRER, BY_PROFILE, BY_PROVIDER = "district", "referrer", "profile", "provider"
BREAKDOWNS = {
    BY_DISTRICT: gettext_lazy("district"),
    BY_REFERRER: gettext_lazy("referrer"),
    BY_PROFILE: gettext_lazy("profile"),
    BY_PROVIDER: gettext_lazy("provider"),
}


def _outcome_rows(by: str, sel: Selection, c: Counts) -> list[tuple[str, rules.OutcomeRow]]:
    """The outcome indicators per group. Survey answers carry no name or case, so
    satisfaction exists per district only; goals belong to the team's plans, so they have
    no profile or provider."""
    if by == BY_DISTRICT:
        teams = counts_by_team(sel.period, sel.team_ids)
        districts = District.objects.filter(team__isnull=False).select_related("team")
        if sel.team_ids is not None:
            districts = districts.filter(team__pk__in=sel.team_ids)
        rows = []
        for district in districts.order_by("name"):
            counts = teams.get(district.team.pk) or Counts({})
            rows.append(
                (
                    district.name,
                    rules.outcome_row(
                        district.name,
                        _ended(counts),
                        registered=counts.get("cases.registered"),
                        repeated=counts.get("repeated_call"),
                        marks=counts.keyed("survey.score"),
                        goals=counts.keyed("goals.result"),
                    ),
                )
            )
        return rows
    if by == BY_REFERRER:
        ended = _merge(c.split("closures.by_referrer"), c.split("care.stopped.by_referrer"))
        registered = c.keyed("cases.registered.by_referrer")
        repeated = c.keyed("repeated_call.by_referrer")
        goals = c.split("goals.by_referrer")
        label = _label(ReferrerType.choices)
        keys = _keys(dict.fromkeys((*ended, *registered), 1), order=ReferrerType.values)
        return [
            (
                label(key),
                rules.outcome_row(
                    key,
                    ended.get(key, {}),
                    registered=registered.get(key, 0),
                    repeated=repeated.get(key, 0),
                    goals=goals.get(key, {}),
                ),
            )
            for key in keys
        ]
    own_help = c.keyed("closures.reason")
    if by == BY_PROFILE:
        ended = c.split("care.stopped.by_profile")
        label = _profile_labels(ended)
        keys = _keys(dict.fromkeys(ended, 1))
        rows = [(label(key), rules.outcome_row(key, ended[key])) for key in keys]
        return [*rows, (_("The team's own help (no profile)"), rules.outcome_row("", own_help))]
    ended = c.split("care.stopped.by_provider")
    names = dict(
        Provider.objects.filter(pk__in=[k for k in ended if k.isdigit()]).values_list("pk", "name")
    )
    rows = sorted(
        (
            (names.get(int(k), k) if k.isdigit() else k, rules.outcome_row(k, v))
            for k, v in ended.items()
        ),
        key=lambda pair: str(pair[0]),
    )
    return [
        *rows,
        (_("The Sociaal Wijkteam (the team's own help)"), rules.outcome_row(TEAM_KEY, own_help)),
    ]


def _merge(*parts: Mapping[str, Mapping[str, int]]) -> dict[str, dict[str, int]]:
    merged: dict[str, dict[str, int]] = {}
    for part in parts:
        for key, inner in part.items():
            target = merged.setdefault(key, {})
            for code, n in inner.items():
                target[code] = target.get(code, 0) + n
    return merged


OUTCOME_FIELDS = (
    ("according_to_plan", gettext_lazy("Ended according to plan")),
    ("ended_early", gettext_lazy("Ended early")),
    ("one_sided_by_client", gettext_lazy("Ended one-sidedly by the client")),
    ("repeated_call", gettext_lazy("Repeated call within 12 months")),
    ("satisfaction", gettext_lazy("Satisfaction (average mark)")),
    ("goals_reached", gettext_lazy("Goals reached")),
)


def outcomes(sel: Selection, today: date, by: str = BY_DISTRICT) -> Page:
    """The national outcome indicators (seed 001 §4.2) per district, referrer, profile or
    provider, and for the whole selection."""
    by = by if by in BREAKDOWNS else BY_DISTRICT
    d = sel.disclosure
    tables, charts = [], []
    for period in (sel.period, sel.previous):
        c = counts_for(period, sel.team_ids)
        psel = Selection(period, sel.district, sel.team_ids, d, sel.freshness)
        groups = _outcome_rows(by, psel, c)
        total = rules.outcome_row(
            "",
            _ended(c),
            registered=c.get("cases.registered"),
            repeated=c.get("repeated_call"),
            marks=c.keyed("survey.score"),
            goals=c.keyed("goals.result"),
        )
        ended_cells = rules.protect([row.ended.value for _label_, row in groups], d)
        rows = []
        for (label, row), ended in zip(groups, ended_cells, strict=True):
            rows.append(
                (
                    label,
                    [ended, *(_outcome_cell(row, name, ended, d) for name, _t in OUTCOME_FIELDS)],
                )
            )
        rows.append(
            (
                _("Total"),
                [
                    show(total.ended, d),
                    *(show(getattr(total, name), d) for name, _t in OUTCOME_FIELDS),
                ],
            )
        )
        tables.append(
            Table(
                _("Outcome indicators per %(group)s, %(period)s")
                % {"group": BREAKDOWNS[by], "period": period.label},
                [
                    capfirst(str(BREAKDOWNS[by])),
                    _("Help ended"),
                    *(str(t) for _n, t in OUTCOME_FIELDS),
                ],
                rows,
            )
        )
        if period == sel.period:
            charts.append(_according_to_plan_chart(by, rows))
    return Page(
        "outcomes",
        _("Outcome indicators"),
        _(
            "The national outcome indicators of youth care: how help ended, repeated calls, "
            "satisfaction and goal realisation."
        ),
        [
            Section(
                "outcomes",
                _("Outcome indicators per %(group)s") % {"group": BREAKDOWNS[by]},
                _(
                    "Help ended: the team's support plans closed and youth care stopped as the "
                    "providers reported it (JW307), with the national closure reason (JZ588). "
                    "Satisfaction exists per district only (the answers carry no case); goals "
                    "belong to the team's plans, not to a profile or provider."
                ),
                tables=tables,
                charts=charts,
            )
        ],
    )


def _outcome_cell(row: rules.OutcomeRow, name: str, ended: Cell, d: Disclosure) -> Cell:
    """A share of the ended help is hidden with its (protected) count."""
    if name in ("according_to_plan", "ended_early", "one_sided_by_client") and ended.number is None:
        return Cell(rules.NOT_SHOWN)
    return show(getattr(row, name), d)


def _according_to_plan_chart(by: str, rows) -> Chart:
    labels = tuple(label for label, _cells in rows)
    cells = [cells[1] for _label_, cells in rows]
    return Chart(
        chart_id="according-to-plan",
        title=_("Help ended according to plan, per %(group)s") % {"group": BREAKDOWNS[by]},
        labels=labels,
        series=(Series(_("Share"), tuple(c.number for c in cells), tuple(c.text for c in cells)),),
        kind="bar",
        x_label=capfirst(str(BREAKDOWNS[by])),
        y_label=_("Percentage"),
        y_min=0,
        y_max=100,
        extra={"kind": SHARE},
    )


PAGES: dict[str, Callable[..., Page]] = {
    "kpis": kpi_page,
    "cost_and_use": cost_and_use,
    "reform": reform,
    "experienced_quality": experienced_quality,
    "societal_effects": societal_effects,
    "outcomes": outcomes,
}
