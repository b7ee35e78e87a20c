"""Registry entries for the KPIs, the council dashboard, the outcome indicators, their
exports and API, and the team lead's dashboard (see registry.py)."""

from wijkteam.accounts.roles import Role

from .registry_base import DOCUMENT, Endpoint, url

FIGURES = frozenset({Role.ANALYST, Role.TEAM_LEAD, Role.QUALITY_OFFICER})
PAGES = (
    "insights:dashboard",
    "insights:cost_and_use",
    "insights:reform",
    "insights:experienced_quality",
    "insights:societal_effects",
    "insights:outcomes",
    "insights:recurring",
)

INSIGHTS_ENDPOINTS: tuple[Endpoint, ...] = (
    *(Endpoint(route, url(route), FIGURES) for route in PAGES),
    Endpoint(
        "insights:export",
        url("insights:export", "kpis", "xlsx"),
        FIGURES,
        tags=frozenset({DOCUMENT}),
    ),
    # Staff names, and the families that had many workers: read by the team lead only.
    Endpoint(
        "insights:team_dashboard",
        url("insights:team_dashboard"),
        frozenset({Role.TEAM_LEAD}),
        personal_data=True,
    ),
)

INSIGHTS_API_ENDPOINTS: tuple[Endpoint, ...] = (
    Endpoint("api:kpis", url("api:kpis"), FIGURES, api=True),
)
