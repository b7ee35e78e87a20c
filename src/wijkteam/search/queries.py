"""The file search. Results come only from what the user may see
(`households_visible_to`, `cases_visible_to`); another team's file is at most *named as
existing*, and only for an exact BSN or case reference (`case_outside_team`)."""

from dataclasses import dataclass, field
from datetime import date

from django.db.models import (
    BooleanField,
    Exists,
    ExpressionWrapper,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
)

from wijkteam.cases.models import OPEN_STATUSES, Case, Intake
from wijkteam.cases.queries import cases_visible_to
from wijkteam.core.pagination import KeysetPage, keyset_page
from wijkteam.people.models import Household, Membership, Resident
from wijkteam.people.queries import households_visible_to, visible_resident

from .rules import EXACT_KINDS, QueryKind, classify_query, name_terms, split_address

SEARCH_LIMIT = 25


@dataclass(frozen=True)
class SearchResult:
    kind: QueryKind
    households: list[Household] = field(default_factory=list)
    # More households matched than are shown: the next page, or a narrower search.
    more: bool = False
    page: KeysetPage = field(default_factory=lambda: KeysetPage([]))

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


RESULT_ORDER = ("name", "pk")


def search_files(
    user, query: str, limit: int = SEARCH_LIMIT, *, after=None, before=None
) -> SearchResult:
    """Households the user may see that match `query`, by name, a page of `limit` at a
    time (keyset), each with its members (oldest first) and the open cases the user may
    see, in a fixed number of queries whatever the count."""
    kind, normalised = classify_query(query)
    if not may_search(user):
        return SearchResult(kind)
    matching = _matching_households(kind, normalised, user)
    if matching is None:
        return SearchResult(kind)
    households = (
        households_visible_to(user)
        .filter(pk__in=matching)
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
    )
    page = keyset_page(households, RESULT_ORDER, after=after, before=before, size=limit)
    return SearchResult(kind, page.items, more=bool(page.next_after), page=page)


def _matching_households(kind: QueryKind, normalised: str, user) -> QuerySet | None:
    """The ids of households that match one kind of query (a subquery), or None when
    nothing can match. Each kind is answered from an index: BSN (unique), birth date,
    postcode and house number, references (unique), names (trigram, on PostgreSQL)."""
    if kind == QueryKind.NAME:
        return _name_match(name_terms(normalised), user)
    if kind == QueryKind.BSN:
        return _households_of(Resident.objects.filter(bsn=normalised))
    if kind == QueryKind.BIRTH_DATE:
        return _households_of(Resident.objects.filter(birth_date=date.fromisoformat(normalised)))
    if kind == QueryKind.ADDRESS:
        postcode, number = split_address(normalised)
        residents = Resident.objects.filter(postcode=postcode)
        if number:
            residents = residents.filter(house_number__iexact=number)
        return _households_of(residents)
    if kind == QueryKind.CASE_REFERENCE:
        return cases_visible_to(user).filter(reference__iexact=normalised).values("household_id")
    if kind == QueryKind.REGISTRATION_REFERENCE:
        visible = cases_visible_to(user).values("pk")
        intakes = Intake.objects.filter(reference__iexact=normalised, case__in=visible)
        return intakes.values("case__household_id")
    return None


def _households_of(residents: QuerySet[Resident]) -> QuerySet:
    return Membership.objects.filter(resident__in=residents).values("household_id")


def _name_match(terms: list[str], user) -> QuerySet:
    """Households with one member who has every word in their given names, prefix or
    surname, together with households whose name has every word. A UNION rather than an
    OR, so that PostgreSQL answers both halves from their trigram indexes; residents the
    user may not see are left out early (the households are checked again after)."""
    person = Q()
    household = Q()
    for term in terms:
        person &= (
            Q(given_names__icontains=term)
            | Q(surname_prefix__icontains=term)
            | Q(surname__icontains=term)
        )
        household &= Q(name__icontains=term)
    by_member = _households_of(Resident.objects.filter(person).filter(visible_resident(user)))
    return by_member.order_by().union(Household.objects.filter(household).order_by().values("pk"))


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
    # NOT EXISTS per candidate (a few rows, by primary key), not NOT IN over every
    # visible case.
    hidden = (
        cases.exclude(Exists(cases_visible_to(user).filter(pk=OuterRef("pk"))))
        .exclude(Exists(households_visible_to(user).filter(pk=OuterRef("household_id"))))
        .annotate(open_first=ExpressionWrapper(Q(status__in=OPEN_STATUSES), BooleanField()))
        .order_by("-open_first", "-registered_at", "-pk")
    )
    return hidden.first()
