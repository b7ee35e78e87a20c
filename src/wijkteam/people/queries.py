"""Reads of residents and households. Authorisation lives here, in the QuerySets."""

from django.db.models import Prefetch, Q, QuerySet, Subquery

from .models import Household, Membership, Resident


def _granted_household_ids(user):
    from django.utils import timezone

    from wijkteam.cases.models import AccessGrant

    return AccessGrant.objects.filter(user=user, expires_at__gt=timezone.now()).values(
        "case__household_id"
    )


def own_district(user) -> Q:
    """Rows of the user's own team's district: a condition on `district_id` (one value,
    from a scalar subquery), so that indexes on the district apply."""
    if not user.team_id:
        return Q(pk__in=[])
    from wijkteam.accounts.models import Team

    team = Team.objects.filter(pk=user.team_id).order_by().values("district_id")
    return Q(district_id=Subquery(team))


def households_visible_to(user) -> QuerySet[Household]:
    """A worker sees the households of their own team's district, and another team's
    household only through a current break-the-glass grant on one of its cases."""
    if not (user.is_authenticated and user.has_perm("people.view_household")):
        return Household.objects.none()
    return Household.objects.filter(own_district(user) | Q(pk__in=_granted_household_ids(user)))


def visible_resident(user) -> Q:
    """Residents of the user's own team's district, or members of a household a current
    grant opened (a subquery, not a join: no duplicates, no DISTINCT)."""
    granted = Membership.objects.filter(household_id__in=_granted_household_ids(user))
    return own_district(user) | Q(pk__in=granted.values("resident_id"))


def residents_visible_to(user) -> QuerySet[Resident]:
    if not (user.is_authenticated and user.has_perm("people.view_resident")):
        return Resident.objects.none()
    return Resident.objects.filter(visible_resident(user))


HOUSEHOLD_LIST_ORDER = ("name", "pk")


def household_list(user, search: str = "") -> QuerySet[Household]:
    """The households of the user's own team's district (another team's household that a
    grant opened is found through the search), by name, optionally filtered by the
    household's name or a member's surname."""
    households = households_visible_to(user).filter(own_district(user)).select_related("district")
    if search:
        named = Household.objects.filter(name__icontains=search).order_by().values("pk")
        by_member = Membership.objects.filter(resident__surname__icontains=search).order_by()
        households = households.filter(pk__in=named.union(by_member.values("household_id")))
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

    Two grouped queries whatever the data size, each read from an index alone (households
    by district; residents by district and birth date); no person is ever returned. The
    counts are of the columns in those indexes (never NULL), not of the ids, which are not.
    """
    from datetime import date

    from django.conf import settings
    from django.db.models import Count

    from wijkteam.accounts.models import District
    from wijkteam.core.rules import add_months, suppress_small_count

    threshold = settings.WIJKTEAM_SMALL_COUNT_THRESHOLD
    adult_born_before = add_months(date.today(), -18 * 12)
    districts = list(District.objects.order_by("name").values("id", "name"))
    households = dict(
        Household.objects.order_by()
        .values_list("district_id")
        .annotate(n=Count("district_id"))
        .values_list("district_id", "n")
    )
    people = {
        row["district_id"]: row
        for row in Resident.objects.order_by()
        .values("district_id")
        .annotate(
            residents=Count("birth_date"),
            children=Count("birth_date", filter=Q(birth_date__gt=adult_born_before)),
        )
    }
    empty = {"residents": 0, "children": 0}
    return [
        {
            "district": row["name"],
            "households": suppress_small_count(households.get(row["id"], 0), threshold),
            "residents": suppress_small_count(people.get(row["id"], empty)["residents"], threshold),
            "children": suppress_small_count(people.get(row["id"], empty)["children"], threshold),
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
    return cases, workers, household_timeline(household, [case.pk for case in cases])
