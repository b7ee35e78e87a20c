"""Registry entries for the case pages (see registry.py)."""

from wijkteam.accounts.roles import Role

from .registry_base import CASEWORK, Endpoint, url

LEADS = frozenset({Role.TEAM_LEAD})


def _case(world):
    return world.case.pk


CASES_ENDPOINTS: tuple = (
    Endpoint("cases:register", url("cases:register"), CASEWORK),
    Endpoint("cases:case_detail", url("cases:case_detail", _case), CASEWORK, personal_data=True),
    Endpoint("cases:triage", url("cases:triage", _case), CASEWORK, personal_data=True),
    Endpoint(
        "cases:change_status", url("cases:change_status", _case), CASEWORK, personal_data=True
    ),
    Endpoint("cases:assign", url("cases:assign", _case), LEADS, personal_data=True),
    Endpoint(
        "cases:support_while_waiting",
        url("cases:support_while_waiting", _case),
        LEADS,
        personal_data=True,
    ),
    Endpoint(
        "cases:contact_moment", url("cases:contact_moment", _case), CASEWORK, personal_data=True
    ),
)

CASES_OTHER_TEAM_URLS: tuple = (
    ("cases:case_detail", url("cases:case_detail", lambda w: w.other_case.pk)),
    ("cases:triage", url("cases:triage", lambda w: w.other_case.pk)),
    ("cases:assign", url("cases:assign", lambda w: w.other_case.pk)),
    ("cases:contact_moment", url("cases:contact_moment", lambda w: w.other_case.pk)),
)
