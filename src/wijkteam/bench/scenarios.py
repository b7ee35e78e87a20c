"""What the benchmark measures: one table of scenarios, and the targets they are held to.

A scenario is one kind of request made by one kind of user. `bench_prepare` turns each
into concrete requests per simulated user (their own cases, their team's households, names
and BSNs of residents in their district), so this module needs no database and no load
tool. A page is added with one line here (the council dashboard, for one year and one
district from the analyst's pools `year` and `district`, is the last).
"""

from dataclasses import dataclass

# Who makes the requests; `bench_prepare` signs in volume staff of these roles.
CASE_WORKER, TEAM_LEAD, ANALYST = "case_worker", "team_lead", "analyst"

# Target classes (see TARGETS).
FLOOR, PAGE, SEARCH, DASHBOARD = "floor", "page", "search", "dashboard"
# A change (a POST that saves and redirects): held to "no errors" only.
WRITE = "write"


@dataclass(frozen=True)
class Scenario:
    key: str
    title: str
    role: str
    url_name: str  # reversed by bench_prepare with `args` taken from the user's pools
    args: tuple[str, ...] = ()
    method: str = "GET"
    # POST fields or query parameters: name → pool key (a value drawn from the pool).
    form: tuple[tuple[str, str], ...] = ()
    query: tuple[tuple[str, str], ...] = ()
    target: str = PAGE
    ok_status: int = 200  # what a successful answer is (302 for a saved form)


SCENARIOS: tuple[Scenario, ...] = (
    Scenario("floor", "Framework floor (minimal view)", CASE_WORKER, "bench_floor", target=FLOOR),
    Scenario("my_work", "Mijn werk (case worker)", CASE_WORKER, "core:my_work"),
    Scenario("team", "Team page with waiting list (team lead)", TEAM_LEAD, "accounts:team"),
    Scenario("household", "Household page", CASE_WORKER, "people:household_detail", ("household",)),
    Scenario(
        "search_name",
        "Search by name",
        CASE_WORKER,
        "search:search",
        method="POST",
        form=(("q", "name"),),
        target=SEARCH,
    ),
    Scenario(
        "search_bsn",
        "Search by BSN",
        CASE_WORKER,
        "search:search",
        method="POST",
        form=(("q", "bsn"),),
        target=SEARCH,
    ),
    Scenario("case", "Case page with timeline", CASE_WORKER, "cases:case_detail", ("case",)),
    Scenario("api_cases", "API case list", CASE_WORKER, "api:case-list"),
    # Writing while others read: a case worker records a contact moment (a note) on one
    # of their own cases — saved, audited, on the timeline — and is sent back to the case.
    Scenario(
        "contact_write",
        "Contact moment recorded (write)",
        CASE_WORKER,
        "cases:contact_moment",
        ("case",),
        method="POST",
        form=(
            ("version", "version"),
            ("occurred_on", "today"),
            ("kind", "contact_kind"),
            ("note", "note"),
        ),
        target=WRITE,
        ok_status=302,
    ),
    # The council dashboard for one year and one district: the ten KPIs against the year
    # before, from the monthly figures (ADR 0011).
    Scenario(
        "dashboard",
        "Council dashboard, a year of one district (analyst)",
        ANALYST,
        "insights:dashboard",
        query=(("period", "year"), ("district", "district")),
        target=DASHBOARD,
    ),
)
SCENARIOS_BY_KEY = {scenario.key: scenario for scenario in SCENARIOS}
FLOOR_KEY = "floor"


@dataclass(frozen=True)
class Target:
    """One promise of issue 8, checked for a target class at a number of users."""

    statistic: str  # "median" or "p95"
    limit_ms: float
    strict: bool = False  # "under" (<) instead of "at most" (≤)

    def met(self, value_ms: float) -> bool:
        return value_ms < self.limit_ms if self.strict else value_ms <= self.limit_ms

    @property
    def label(self) -> str:
        return f"{self.statistic} {'<' if self.strict else '≤'} {self.limit_ms:g} ms"


# At 1,000,000 cases: the case worker's pages, the household page and the API list at a
# median ≤ 30 ms with 1 user and ≤ 150 ms with 16; search p95 ≤ 100 ms; the yearly
# council dashboard under 500 ms. Every page within 5× the floor at 1 user; no errors.
TARGETS: dict[tuple[str, int], Target] = {
    (PAGE, 1): Target("median", 30),
    (PAGE, 16): Target("median", 150),
    (SEARCH, 1): Target("p95", 100),
    (DASHBOARD, 1): Target("median", 500, strict=True),
}
FLOOR_MULTIPLE_LIMIT = 5.0
FLOOR_MULTIPLE_USERS = 1
