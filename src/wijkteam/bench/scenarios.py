"""What the benchmark measures: one table of scenarios, and the targets they are held to.

A scenario is one kind of request made by one kind of user. `bench_prepare` turns each
into concrete requests per simulated user (their own cases, their team's households, names
and BSNs of residents in their district), so this module needs no database and no load
tool. A page is added with one line here (the council dashboard, for one year and one
district from the analyst's pools `year` and `district`, is the last).

A mixed scenario (`mix`) has no request of its own: each of its users draws, request by
request, one of the listed kinds by weight — reads and writes at the same moment. Kinds
are scenarios of SCENARIOS or of MIX_ONLY (requests measured only within a mix).
"""

import re
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
    # A saved form's redirect must go here: a URL name, reversed with the request's first
    # `redirect_args` path arguments and then `redirect_any` arbitrary ids (a new record).
    # Without it any Location but the sign-in page will do.
    redirect_to: str = ""
    redirect_args: int = 1
    redirect_any: int = 0
    # A pool whose drawn value is a dict with the form (`form`) and the path's arguments
    # (`args`): for requests whose fields and records belong together.
    form_from: str = ""
    # Open the form first, as a browser does, and post the `version` it shows (the
    # optimistic lock): the request is then two, the GET measured as "<key>:form".
    read_first: bool = False
    mix: tuple[tuple[str, int], ...] = ()  # (kind, weight) for a mixed scenario


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
        redirect_to="cases:case_detail",
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
    # Reads and writes at the same moment (issue 9): each of 16 case workers draws, request
    # by request, Mijn werk, a case, a household, a search, or a change — a contact moment,
    # a new registration, a goal of their own plan changed. About 1 in 4 requests writes.
    Scenario(
        "mixed",
        "Mixed reads and writes (case workers)",
        CASE_WORKER,
        "",
        target=WRITE,
        mix=(
            ("my_work", 3),
            ("case", 3),
            ("household", 2),
            ("search_name", 1),
            ("search_bsn", 1),
            ("contact_write", 2),
            ("register", 1),
            ("plan_goal", 1),
        ),
    ),
)
# Requests measured only as part of a mix.
MIX_ONLY: tuple[Scenario, ...] = (
    # A staff registration of a new help question by phone, walk-in or e-mail, with its
    # people (the person formset): a new family, case and intake on the waiting list.
    Scenario(
        "register",
        "Registration of a help question (write)",
        CASE_WORKER,
        "cases:register",
        method="POST",
        form_from="registration",
        target=WRITE,
        ok_status=302,
        redirect_to="cases:case_detail",  # the new case: any id
        redirect_args=0,
        redirect_any=1,
    ),
    # A plan edit: one of the goals of the user's own plan reworded. Each simulated user
    # has plans of its own, and posts the plan's version read from the form it opened.
    Scenario(
        "plan_goal",
        "Goal of a support plan changed (write)",
        CASE_WORKER,
        "plans:goal",
        method="POST",
        form_from="plan_goal",
        target=WRITE,
        ok_status=302,
        redirect_to="plans:plan",
        read_first=True,
    ),
)
SCENARIOS_BY_KEY = {scenario.key: scenario for scenario in SCENARIOS}
KINDS_BY_KEY = {scenario.key: scenario for scenario in (*SCENARIOS, *MIX_ONLY)}
FLOOR_KEY = "floor"

_INPUT = re.compile(r"<input\b[^>]*>")
_ATTRIBUTE = re.compile(r'([a-z-]+)="([^"]*)"')


def form_value(html: str, name: str) -> str | None:
    """The value of the form field `name` in a page (a hidden version, the CSRF token), as a
    browser would send it back; None when the page has no such field."""
    for tag in _INPUT.findall(html or ""):
        attributes = dict(_ATTRIBUTE.findall(tag))
        if attributes.get("name") == name:
            return attributes.get("value", "")
    return None


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
