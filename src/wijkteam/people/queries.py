"""Reads of residents and households. Authorisation lives here, in the QuerySets."""

from django.db.models import Prefetch, Q, QuerySet

from .models import Household, Membership, Resident


def households_visible_to(user) -> QuerySet[Household]:
    """A worker sees the households of their own team's district; nobody else sees any.

    Access outside the team (break-the-glass) is added by the intake issue.
    """
    if not (user.is_authenticated and user.has_perm("people.view_household") and user.team_id):
        return Household.objects.none()
    return Household.objects.filter(district_id=user.team.district_id)


def residents_visible_to(user) -> QuerySet[Resident]:
    if not (user.is_authenticated and user.has_perm("people.view_resident") and user.team_id):
        return Resident.objects.none()
    return Resident.objects.filter(district_id=user.team.district_id)


def household_list(user, search: str = "") -> QuerySet[Household]:
    households = households_visible_to(user).select_related("district")
    if search:
        households = households.filter(
            Q(name__icontains=search) | Q(members__surname__icontains=search)
        ).distinct()
    return households.prefetch_related(
        Prefetch("memberships", queryset=Membership.objects.select_related("resident"))
    )


def household_detail(user, pk: int) -> Household:
    """Raises Household.DoesNotExist for a household the user may not see (a 404)."""
    return (
        households_visible_to(user)
        .select_related("district")
        .prefetch_related(
            Prefetch(
                "memberships",
                queryset=Membership.objects.select_related("resident").order_by(
                    "resident__birth_date"
                ),
            )
        )
        .get(pk=pk)
    )


def figures_per_district() -> list[dict]:
    """Households, residents and children (under 18) per district, small counts suppressed.

    Three grouped queries whatever the data size; no person is ever returned.
    """
    from datetime import date

    from django.conf import settings
    from django.db.models import Count

    from wijkteam.accounts.models import District
    from wijkteam.core.rules import add_months, suppress_small_count

    threshold = settings.WIJKTEAM_SMALL_COUNT_THRESHOLD
    today = date.today()
    adult_born_before = add_months(today, -18 * 12)
    districts = list(District.objects.order_by("name").values("id", "name"))
    households = dict(
        Household.objects.values_list("district_id")
        .annotate(n=Count("id"))
        .values_list("district_id", "n")
    )
    residents = dict(
        Resident.objects.values_list("district_id")
        .annotate(n=Count("id"))
        .values_list("district_id", "n")
    )
    children = dict(
        Resident.objects.filter(birth_date__gt=adult_born_before)
        .values_list("district_id")
        .annotate(n=Count("id"))
        .values_list("district_id", "n")
    )
    return [
        {
            "district": row["name"],
            "households": suppress_small_count(households.get(row["id"], 0), threshold),
            "residents": suppress_small_count(residents.get(row["id"], 0), threshold),
            "children": suppress_small_count(children.get(row["id"], 0), threshold),
        }
        for row in districts
    ]
