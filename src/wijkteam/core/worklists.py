"""Work lists on "Mijn werk" and the Team page: the most urgent rows and how many there
are in all. A list never grows with the data; what is not shown is counted."""

from dataclasses import dataclass

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
