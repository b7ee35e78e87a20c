"""Reads of staff. Authorisation lives here, in the QuerySets."""

from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.db.models import Prefetch, QuerySet

from wijkteam.core.rules import Verdict

from .models import CertificateOfConduct, User
from .roles import SPEC_BY_ROLE, Role
from .rules import may_receive_youth_cases


def staff_visible_to(viewer) -> QuerySet[User]:
    """Administrators see all staff; a team lead sees their own team; others nobody."""
    if not viewer.is_authenticated:
        return User.objects.none()
    if viewer.has_perm("accounts.manage_staff"):
        return User.objects.all()
    if viewer.has_perm("accounts.view_staff") and viewer.team_id:
        return User.objects.filter(team_id=viewer.team_id)
    return User.objects.none()


def with_staff_details(users: QuerySet[User]) -> QuerySet[User]:
    """Everything a staff overview shows, in a fixed number of queries."""
    return users.select_related("team").prefetch_related(
        "groups",
        "expertise",
        Prefetch(
            "certificates",
            queryset=CertificateOfConduct.objects.select_related("checked_by").order_by(
                "-issued_on"
            ),
        ),
    )


def youth_case_verdict(user: User, today: date) -> Verdict:
    """The VOG rule for one user, using prefetched certificates when present."""
    if not user.works_with_youth:
        return Verdict(True)
    return may_receive_youth_cases(
        [certificate.issued_on for certificate in user.certificates.all()],
        today=today,
        validity_months=settings.WIJKTEAM_VOG_VALIDITY_MONTHS,
        warning_days=settings.WIJKTEAM_VOG_WARNING_DAYS,
    )


@dataclass(frozen=True)
class StaffRow:
    user: User
    roles: list
    expertise: list
    latest_certificate: CertificateOfConduct | None
    verdict: Verdict


def staff_rows(users: QuerySet[User], today: date) -> list[StaffRow]:
    rows = []
    for user in with_staff_details(users):
        certificates = list(user.certificates.all())
        roles = [
            SPEC_BY_ROLE[Role(group.name)].label
            for group in user.groups.all()
            if group.name in Role._value2member_map_
        ]
        rows.append(
            StaffRow(
                user=user,
                roles=roles,
                expertise=list(user.expertise.all()),
                latest_certificate=certificates[0] if certificates else None,
                verdict=youth_case_verdict(user, today),
            )
        )
    return rows
