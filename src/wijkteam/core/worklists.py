"""Work lists on "Mijn werk" and the Team page: the most urgent rows and how many there
are in all. A list never grows with the data; what is not shown is counted."""

from dataclasses import dataclass

from django.db.models import Count, QuerySet, Window

WORKLIST_SIZE = 25


@dataclass(frozen=True)
class Worklist:
    """The most urgent rows (at most WORKLIST_SIZE) and how many there are in all."""

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


def first_and_total(queryset: QuerySet, size: int = WORKLIST_SIZE) -> tuple[list, int]:
    """The first `size` rows of an ordered queryset and how many rows match in all, in one
    query: the total is a window count over every matching row (`COUNT(*) OVER ()`),
    computed before the limit — the same number as `queryset.count()`, without a second
    query to compile and run."""
    if size <= 0:  # only the number
        return [], queryset.count()
    rows = list(queryset.annotate(worklist_total=Window(Count("*")))[:size])
    return rows, (rows[0].worklist_total if rows else 0)
