"""The file search. Results come only from what the user may see
(`households_visible_to`, `cases_visible_to`); another team's file is at most *named as
existing*, and only for an exact BSN or case reference (`case_outside_team`)."""

from dataclasses import dataclass, field
from datetime import date

from django.db.models import BooleanField, ExpressionWrapper, Prefetch, Q, QuerySet

from wijkteam.cases.models import OPEN_STATUSES, Case, Intake
from wijkteam.cases.queries import cases_visible_to
from wijkteam.people.models import Household, Membership, Resident
from wijkteam.people.queries import households_visible_to

from .rules import EXACT_KINDS, QueryKind, classify_query, name_terms, split_address

SEARCH_LIMIT = 25


@dataclass(frozen=True)
class SearchResult:
    kind: QueryKind
    households: list[Household] = field(default_factory=list)
    # More households matched than `limit`: the user should narrow the search.
    more: bool = False

    def shown(self) -> list:
        """Every record of personal data the result shows: for the audit log."""
        records: list = []
        for household in self.households:
            records.append(household)
            records.extend(m.resident for m in household.memberships.all())
            records.extend(household.open_cases)
        return records


def may_search(user) -> bool:
    return user.is_authenticated and user.has_perm("cases.view_case")


def search_files(user, query: str, limit: int = SEARCH_LIMIT) -> SearchResult:
    """Households the user may see that match `query`, each with its members (oldest
    first) and the open cases the user may see, in three queries whatever the count."""
    kind, normalised = classify_query(query)
    if not may_search(user):
        return SearchResult(kind)
    match = _match(kind, normalised, user)
    if match is None:
        return SearchResult(kind)
    households = list(
        households_visible_to(user)
        .filter(match)
        .select_related("district")
        .prefetch_related(
            Prefetch(
                "memberships",
                queryset=Membership.objects.select_related("resident").order_by(
                    "resident__birth_date", "resident__pk"
                ),
            ),
            Prefetch(
                "cases",
                queryset=cases_visible_to(user)
                .filter(status__in=OPEN_STATUSES)
                .order_by("registered_at", "pk"),
                to_attr="open_cases",
            ),
        )
        .order_by("name", "pk")[: limit + 1]
    )
    return SearchResult(kind, households[:limit], more=len(households) > limit)


def _match(kind: QueryKind, normalised: str, user) -> Q | None:
    """The condition on Household for one kind of query, or None when nothing can match."""
    if kind == QueryKind.NAME:
        return _name_match(name_terms(normalised))
    if kind == QueryKind.BSN:
        return Q(pk__in=_households_of(Resident.objects.filter(bsn=normalised)))
    if kind == QueryKind.BIRTH_DATE:
        born = date.fromisoformat(normalised)
        return Q(pk__in=_households_of(Resident.objects.filter(birth_date=born)))
    if kind == QueryKind.ADDRESS:
        postcode, number = split_address(normalised)
        residents = Resident.objects.filter(postcode=postcode)
        if number:
            residents = residents.filter(house_number__iexact=number)
        return Q(pk__in=_households_of(residents))
    if kind == QueryKind.CASE_REFERENCE:
        cases = cases_visible_to(user).filter(reference__iexact=normalised)
        return Q(pk__in=cases.values("household_id"))
    if kind == QueryKind.REGISTRATION_REFERENCE:
        visible = cases_visible_to(user).values("pk")
        intakes = Intake.objects.filter(reference__iexact=normalised, case__in=visible)
        return Q(pk__in=intakes.values("case__household_id"))
    return None


def _households_of(residents: QuerySet[Resident]):
    return Membership.objects.filter(resident__in=residents).values("household_id")


def _name_match(terms: list[str]) -> Q:
    """Every word in one member's given names, prefix or surname, or in the household's
    name. Portable (icontains); PostgreSQL could add trigram similarity later."""
    person = Q()
    household = Q()
    for term in terms:
        person &= (
            Q(given_names__icontains=term)
            | Q(surname_prefix__icontains=term)
            | Q(surname__icontains=term)
        )
        household &= Q(name__icontains=term)
    return Q(pk__in=_households_of(Resident.objects.filter(person))) | household


def case_outside_team(user, query: str) -> Case | None:
    """Another team's case that an *exact* BSN or case reference points at, when the user
    cannot see that file: the only thing break-the-glass may offer (open cases first, then
    the most recent). Never for a name, birth date or address. Not for display: the
    caller may say that a file exists, nothing more."""
    kind, normalised = classify_query(query)
    if kind not in EXACT_KINDS or not may_search(user):
        return None
    if kind == QueryKind.BSN:
        cases = Case.objects.filter(household__memberships__resident__bsn=normalised)
    else:
        cases = Case.objects.filter(reference__iexact=normalised)
    hidden = (
        cases.exclude(pk__in=cases_visible_to(user).values("pk"))
        .exclude(household__in=households_visible_to(user).values("pk"))
        .annotate(open_first=ExpressionWrapper(Q(status__in=OPEN_STATUSES), BooleanField()))
        .order_by("-open_first", "-registered_at", "-pk")
    )
    return hidden.first()
