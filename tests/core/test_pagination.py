"""Keyset pagination: every row once, in order, forwards and backwards; only ids in links."""

import pytest
from django.http import QueryDict
from django.test import RequestFactory
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase

from wijkteam.core.pagination import KeysetPage, keyset_page, page_links
from wijkteam.people.models import Household

from ..factories import DistrictFactory


def _walk_forward(queryset, ordering, size):
    seen, page = [], keyset_page(queryset, ordering, size=size)
    while True:
        seen.extend(page.items)
        if not page.next_after:
            return seen, page
        page = keyset_page(queryset, ordering, after=page.next_after, size=size)


def _walk_backward(queryset, ordering, page, size):
    seen = list(page.items)
    while page.previous_before:
        page = keyset_page(queryset, ordering, before=page.previous_before, size=size)
        seen = page.items + seen
    return seen, page


class KeysetWalks(TestCase):
    @settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(
        names=st.lists(st.sampled_from(["Aa", "Bb", "Cc", "Dd"]), max_size=23),
        size=st.integers(1, 6),
        descending=st.booleans(),
    )
    def test_every_row_once_in_order_both_ways(self, names, size, descending):
        district = DistrictFactory()
        for name in names:  # duplicates on purpose: the id breaks the tie
            Household.objects.create(name=name, district=district)
        queryset = Household.objects.filter(district=district)
        ordering = ["-name", "-pk"] if descending else ["name", "pk"]
        expected = list(queryset.order_by(*ordering))

        forward, last = _walk_forward(queryset, ordering, size)
        assert forward == expected
        backward, first = _walk_backward(queryset, ordering, last, size)
        assert backward == expected
        assert first.at_start


@pytest.mark.django_db
def test_a_cursor_that_is_gone_or_nonsense_gives_the_first_page():
    district = DistrictFactory()
    rows = [Household.objects.create(name=f"H{i:02d}", district=district) for i in range(5)]
    queryset = Household.objects.filter(district=district)
    first = keyset_page(queryset, ["name", "pk"], size=2)
    assert first.items == rows[:2] and first.at_start and first.next_after == rows[1].pk
    for cursor in ("abc", "-1", "", None, "9" * 30, str(rows[-1].pk + 1000)):
        page = keyset_page(queryset, ["name", "pk"], after=cursor, size=2)
        assert page.items == rows[:2] and page.at_start
    # Another district's row is not a boundary for this list.
    stranger = Household.objects.create(name="H00", district=DistrictFactory())
    page = keyset_page(queryset, ["name", "pk"], after=stranger.pk, size=2)
    assert page.at_start


def test_the_ordering_must_end_with_the_id():
    with pytest.raises(ValueError, match="pk"):
        keyset_page(Household.objects.none(), ["name"], size=2)


def test_links_keep_the_filter_and_carry_only_an_id():
    request = RequestFactory().get("/gezinnen/", {"q": "Jansen", "after": "12"})
    links = page_links(request, KeysetPage([], next_after=40, previous_before=13, at_start=False))
    assert QueryDict(links["next"][1:]) == QueryDict("q=Jansen&after=40")
    assert QueryDict(links["previous"][1:]) == QueryDict("q=Jansen&before=13")
    assert QueryDict(links["first"][1:]) == QueryDict("q=Jansen")
    assert page_links(request, KeysetPage([])) == {"first": "", "previous": "", "next": ""}
