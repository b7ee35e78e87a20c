"""Keyset pagination for lists that grow with the data (households, waiting list, Mijn
werk, search results, access logs).

A page is asked for as "after row 123" or "before row 123": the id of the last or first
row shown, never a page number. The database seeks to that row's sort key through an
index and reads one page plus one row; there is no OFFSET (which reads and throws away
every earlier row) and no COUNT (which reads them all). Only an id travels in the URL,
never a name or another value of the sort key. A row that has gone (or that the user may
no longer see) sends the user back to the first page.

`ordering` is a list of field or annotation names, `-` for descending, ending with `pk`
or `-pk` so that every row has a place of its own.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from functools import reduce
from operator import and_, or_

from django.db.models import Q, QuerySet

AFTER, BEFORE = "after", "before"


@dataclass(frozen=True)
class KeysetPage:
    items: list
    next_after: int | None = None  # id of the last row, when there is a next page
    previous_before: int | None = None  # id of the first row, when there is a previous one
    at_start: bool = True

    @property
    def has_other_pages(self) -> bool:
        return bool(self.next_after or not self.at_start)

    def __iter__(self):
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)


def _cursor(value) -> int | None:
    text = str(value or "")
    return int(text) if text.isdigit() and len(text) < 19 else None


def _seek(ordering: Sequence[str], values: dict, forward: bool) -> Q:
    """Rows after (forward) or before the boundary row in `ordering`: the usual
    lexicographic OR, plus a bound on the first key so an index can seek to it."""
    keys = [(name.lstrip("-"), name.startswith("-")) for name in ordering]

    def beyond(name: str, descending: bool, strict: bool) -> Q:
        upward = forward != descending
        lookup = ("gt" if upward else "lt") + ("" if strict else "e")
        return Q(**{f"{name}__{lookup}": values[name]})

    alternatives = []
    for index, (name, descending) in enumerate(keys):
        equal = [Q(**{other: values[other]}) for other, _ in keys[:index]]
        alternatives.append(reduce(and_, [*equal, beyond(name, descending, strict=True)]))
    first_name, first_descending = keys[0]
    return beyond(first_name, first_descending, strict=False) & reduce(or_, alternatives)


def _reversed(ordering: Sequence[str]) -> list[str]:
    return [name[1:] if name.startswith("-") else f"-{name}" for name in ordering]


def keyset_page(
    queryset: QuerySet,
    ordering: Sequence[str],
    *,
    after=None,
    before=None,
    size: int = 25,
) -> KeysetPage:
    """One page of `queryset` in `ordering`, after or before the row with that id."""
    if ordering[-1].lstrip("-") != "pk":
        raise ValueError("keyset ordering must end with pk or -pk")
    boundary_id, forward = _cursor(after), True
    if boundary_id is None:
        boundary_id, forward = _cursor(before), False
    names = [name.lstrip("-") for name in ordering]
    boundary = None
    if boundary_id is not None:
        boundary = queryset.filter(pk=boundary_id).values(*names).first()
    if boundary is None:
        rows = list(queryset.order_by(*ordering)[: size + 1])
        return KeysetPage(rows[:size], rows[size - 1].pk if len(rows) > size else None)
    if forward:
        rows = list(
            queryset.filter(_seek(ordering, boundary, True)).order_by(*ordering)[: size + 1]
        )
        items = rows[:size]
        return KeysetPage(
            items,
            next_after=items[-1].pk if len(rows) > size else None,
            previous_before=items[0].pk if items else None,
            at_start=False,
        )
    rows = list(
        queryset.filter(_seek(ordering, boundary, False)).order_by(*_reversed(ordering))[: size + 1]
    )
    items = list(reversed(rows[:size]))
    return KeysetPage(
        items,
        next_after=items[-1].pk if items else None,
        previous_before=items[0].pk if len(rows) > size else None,
        at_start=len(rows) <= size,
    )


@dataclass(frozen=True)
class BoundedList:
    """The first rows of a work list (the most urgent) and how many there are in all:
    a section of "Mijn werk" that stays the same size whatever the backlog."""

    rows: list
    total: int

    def __iter__(self):
        return iter(self.rows)

    def __len__(self) -> int:
        return len(self.rows)

    def __bool__(self) -> bool:
        return bool(self.rows)

    @property
    def more(self) -> int:
        return self.total - len(self.rows)


def page_links(request, page: KeysetPage) -> dict:
    """Query strings for the first, previous and next page, keeping the other parameters
    (a filter) of the current address."""
    params = request.GET.copy()
    for name in (AFTER, BEFORE):
        params.pop(name, None)

    def link(name: str | None = None, value: int | None = None) -> str:
        query = params.copy()
        if name:
            query[name] = str(value)
        return "?" + query.urlencode() if query else "?"

    return {
        "first": "" if page.at_start else link(),
        "previous": link(BEFORE, page.previous_before) if page.previous_before else "",
        "next": link(AFTER, page.next_after) if page.next_after else "",
    }
