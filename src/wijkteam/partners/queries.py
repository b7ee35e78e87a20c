"""Reads of partners and coverage. Every member of staff who works with partners sees
all partners of the municipality (a family's school may lie in another district); a
team lead assigns contacts only for partners in their own team's district."""

from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet

from wijkteam.accounts.models import District, User
from wijkteam.accounts.queries import with_staff_details, youth_case_verdict

from .models import COVERED_KINDS, FixedContact, Partner, PartnerKind
from .rules import Coverage

PARTNER_LIST_ORDER = ("name", "pk")


def current_on(day: date) -> Q:
    """Fixed contacts current on `day`."""
    return Q(starts_on__lte=day) & (Q(ends_on__isnull=True) | Q(ends_on__gte=day))


def is_current(contact: FixedContact, day: date) -> bool:
    """The same as `current_on`, for a contact already loaded."""
    return contact.starts_on <= day and (contact.ends_on is None or contact.ends_on >= day)


def current_contact(partner: Partner, day: date) -> FixedContact | None:
    return (
        FixedContact.objects.filter(current_on(day), partner=partner)
        .select_related("staff")
        .order_by("-starts_on", "-id")
        .first()
    )


def latest_contact(partner: Partner) -> FixedContact | None:
    """The partner's most recent contact period (ended or not)."""
    return partner.fixed_contacts.order_by("-starts_on", "-id").first()


def partners_visible_to(user) -> QuerySet[Partner]:
    if not (user.is_authenticated and user.has_perm("partners.view_partner")):
        return Partner.objects.none()
    return Partner.objects.all()


def partners_assignable_by(user) -> QuerySet[Partner]:
    """Partners whose fixed contact this user may assign: a team lead's own district."""
    if not user.has_perm("partners.assign_fixedcontact") or not user.team_id:
        return Partner.objects.none()
    return partners_visible_to(user).filter(district_id=user.team.district_id)


def with_current_contact(partners: QuerySet[Partner], day: date) -> QuerySet[Partner]:
    """Each partner with `current_contacts` (a list of at most one, in practice) and its
    district, in a fixed number of queries."""
    return partners.select_related("district").prefetch_related(
        Prefetch(
            "fixed_contacts",
            queryset=FixedContact.objects.filter(current_on(day)).select_related("staff"),
            to_attr="current_contacts",
        )
    )


@dataclass(frozen=True)
class PartnerFilter:
    kind: str = ""
    district: str = ""  # district code
    without_contact: bool = False


def partner_list(user, day: date, chosen: PartnerFilter) -> QuerySet[Partner]:
    partners = partners_visible_to(user)
    if chosen.kind:
        partners = partners.filter(kind=chosen.kind)
    if chosen.district:
        partners = partners.filter(district__code=chosen.district)
    if chosen.without_contact:
        partners = partners.filter(active=True).exclude(
            Exists(FixedContact.objects.filter(current_on(day), partner=OuterRef("pk")))
        )
    return with_current_contact(partners, day)


def partner_detail(user, pk: int) -> Partner:
    """Raises Partner.DoesNotExist when the user may not see partners."""
    return (
        partners_visible_to(user)
        .select_related("district")
        .prefetch_related(
            Prefetch(
                "fixed_contacts",
                queryset=FixedContact.objects.select_related("staff", "assigned_by"),
            )
        )
        .get(pk=pk)
    )


@dataclass(frozen=True)
class ContactCandidate:
    user: User
    vog: object  # Verdict


def contact_candidates(partner: Partner, today: date) -> list[ContactCandidate]:
    """Active members of the team of the partner's district, with their VOG verdict."""
    users = with_staff_details(
        User.objects.filter(is_active=True, team__district_id=partner.district_id)
    )
    return [ContactCandidate(user, youth_case_verdict(user, today)) for user in users]


# --- Coverage --------------------------------------------------------------------------


@dataclass(frozen=True)
class CoverageRow:
    district: District | None  # None: the whole municipality
    schools: Coverage
    gp_practices: Coverage


def coverage_targets() -> dict[str, int]:
    return {
        PartnerKind.SCHOOL: settings.WIJKTEAM_COVERAGE_TARGET_SCHOOLS,
        PartnerKind.GP_PRACTICE: settings.WIJKTEAM_COVERAGE_TARGET_GP_PRACTICES,
    }


def coverage_table(day: date) -> list[CoverageRow]:
    """Per district and in total: active schools and GP practices, and how many of them
    have a current fixed contact, against the targets. Two queries."""
    covered = Exists(FixedContact.objects.filter(current_on(day), partner=OuterRef("pk")))
    counts = (
        Partner.objects.filter(active=True, kind__in=COVERED_KINDS)
        .annotate(has_contact=covered)
        .values("district_id", "kind")
        .annotate(total=Count("pk"), covered=Count("pk", filter=Q(has_contact=True)))
    )
    found = {(row["district_id"], row["kind"]): (row["total"], row["covered"]) for row in counts}
    targets = coverage_targets()

    def figure(keys, kind) -> Coverage:
        pairs = [found.get((key, kind), (0, 0)) for key in keys]
        return Coverage(sum(p[0] for p in pairs), sum(p[1] for p in pairs), targets[kind])

    districts = list(District.objects.order_by("name"))
    rows = [
        CoverageRow(d, figure([d.pk], PartnerKind.SCHOOL), figure([d.pk], PartnerKind.GP_PRACTICE))
        for d in districts
    ]
    every = [d.pk for d in districts]
    rows.append(
        CoverageRow(None, figure(every, PartnerKind.SCHOOL), figure(every, PartnerKind.GP_PRACTICE))
    )
    return rows
