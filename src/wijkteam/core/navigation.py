"""Navigation and landing pages by role: one table, read by the layout and the home view."""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from wijkteam.accounts.roles import Role

CASEWORK_ROLES = frozenset(
    {
        Role.CASE_WORKER,
        Role.BEHAVIOURAL_EXPERT,
        Role.SAFETY_OFFICER,
        Role.QUALITY_OFFICER,
        Role.COMPLAINTS_OFFICER,
        Role.TEAM_LEAD,
    }
)


@dataclass(frozen=True)
class NavItem:
    label: Promise
    url_name: str
    roles: frozenset[Role]


NAV_ITEMS: tuple[NavItem, ...] = (
    NavItem(_("My work"), "core:my_work", CASEWORK_ROLES - {Role.TEAM_LEAD}),
    NavItem(_("Team"), "accounts:team", frozenset({Role.TEAM_LEAD})),
    NavItem(_("Households"), "people:household_list", CASEWORK_ROLES),
    NavItem(_("Search"), "search:search", CASEWORK_ROLES),
    NavItem(_("Community offers"), "catalogue:offer_list", CASEWORK_ROLES),
    NavItem(
        _("Figures"),
        "insights:dashboard",
        frozenset({Role.ANALYST, Role.TEAM_LEAD, Role.QUALITY_OFFICER}),
    ),
    NavItem(
        _("Complaints"),
        "quality:complaint_list",
        frozenset({Role.COMPLAINTS_OFFICER, Role.TEAM_LEAD}),
    ),
    NavItem(
        _("Partners"),
        "partners:partner_list",
        frozenset(
            {
                Role.CASE_WORKER,
                Role.BEHAVIOURAL_EXPERT,
                Role.SAFETY_OFFICER,
                Role.TEAM_LEAD,
                Role.ADMINISTRATOR,
            }
        ),
    ),
    NavItem(_("Staff"), "accounts:staff_list", frozenset({Role.ADMINISTRATOR})),
    NavItem(_("Subject access"), "privacy:subject_access", frozenset({Role.PRIVACY_OFFICER})),
    NavItem(
        _("Retention"), "privacy:retention", frozenset({Role.PRIVACY_OFFICER, Role.ADMINISTRATOR})
    ),
    NavItem(
        _("Providers"), "providers:provider_list", frozenset({Role.TEAM_LEAD, Role.ADMINISTRATOR})
    ),
    NavItem(_("iJw messages"), "ijw:message_list", frozenset({Role.TEAM_LEAD, Role.ADMINISTRATOR})),
)

# The first role a user holds, in this order, decides their landing page.
LANDING_BY_ROLE: tuple[tuple[Role, str], ...] = (
    (Role.TEAM_LEAD, "accounts:team"),
    (Role.CASE_WORKER, "core:my_work"),
    (Role.BEHAVIOURAL_EXPERT, "core:my_work"),
    (Role.SAFETY_OFFICER, "core:my_work"),
    (Role.QUALITY_OFFICER, "core:my_work"),
    (Role.COMPLAINTS_OFFICER, "core:my_work"),
    (Role.ADMINISTRATOR, "accounts:staff_list"),
    (Role.ANALYST, "insights:dashboard"),
    (Role.PRIVACY_OFFICER, "privacy:subject_access"),
)


def roles_of(user) -> frozenset[Role]:
    """The roles a user holds; cached on the user object for the request."""
    if not user.is_authenticated:
        return frozenset()
    cached = getattr(user, "_wijkteam_roles", None)
    if cached is None:
        names = user.groups.values_list("name", flat=True)
        cached = frozenset(Role(name) for name in names if name in Role._value2member_map_)
        user._wijkteam_roles = cached
    return cached


def landing_url_name(roles: frozenset[Role]) -> str | None:
    for role, url_name in LANDING_BY_ROLE:
        if role in roles:
            return url_name
    return None


def nav_for(roles: frozenset[Role], current_path: str) -> list[dict]:
    items = []
    for item in NAV_ITEMS:
        if item.roles & roles:
            url = reverse(item.url_name)
            items.append({"label": item.label, "url": url, "current": current_path.startswith(url)})
    return items
