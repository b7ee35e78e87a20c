"""Reads of residents and households. Authorisation lives here, in the QuerySets."""

from django.db.models import Prefetch, Q, QuerySet

from .models import Household, Membership, Resident


def _granted_household_ids(user):
    from django.utils import timezone

    from wijkteam.cases.models import AccessGrant

    return AccessGrant.objects.filter(user=user, expires_at__gt=timezone.now()).values(
        "case__household_id"
    )


def households_visible_to(user) -> QuerySet[Household]:
    """A worker sees the households of their own team's district, and another team's
    household only through a current break-the-glass grant on one of its cases."""
    if not (user.is_authenticated and user.has_perm("people.view_household")):
        return Household.objects.none()
    own = Q(district__team__id=user.team_id) if user.team_id else Q(pk__in=[])
    return Household.objects.filter(own | Q(pk__in=_granted_household_ids(user)))


def residents_visible_to(user) -> QuerySet[Resident]:
    if not (user.is_authenticated and user.has_perm("people.view_resident")):
        return Resident.objects.none()
    own = Q(district__team__id=user.team_id) if user.team_id else Q(pk__in=[])
    granted = Q(memberships__household_id__in=_granted_household_ids(user))
    return Resident.objects.filter(own | granted).distinct()


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


def household_picture(household: Household):
    """The integral client picture: cases (open first), every involved worker, timeline.

    A fixed number of queries whatever the household's history.
    """
    from django.db.models import Case as SqlCase
    from django.db.models import IntegerField, Value, When

    from wijkteam.accounts.models import User
    from wijkteam.cases.models import OPEN_STATUSES, Case
    from wijkteam.cases.queries import household_timeline

    cases = list(
        Case.objects.filter(household=household)
        .select_related("worker", "team")
        .annotate(
            open_first=SqlCase(
                When(status__in=OPEN_STATUSES, then=Value(0)),
                default=Value(1),
                output_field=IntegerField(),
            )
        )
        .order_by("open_first", "-registered_at")
    )
    workers = list(
        User.objects.filter(assignments__case__household=household)
        .distinct()
        .order_by("last_name", "first_name")
    )
    return cases, workers, household_timeline(household)
