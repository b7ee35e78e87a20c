from django.conf import settings

from wijkteam.accounts.roles import SPEC_BY_ROLE

from .navigation import nav_for, roles_of


def layout(request) -> dict:
    user = getattr(request, "user", None)
    roles = roles_of(user) if user is not None else frozenset()
    return {
        "municipality_name": settings.WIJKTEAM_MUNICIPALITY_NAME,
        "nav_items": nav_for(roles, request.path) if roles else [],
        "user_role_labels": [SPEC_BY_ROLE[role].label for role in sorted(roles)],
        "demo_mode": settings.WIJKTEAM_DEMO_MODE,
    }
