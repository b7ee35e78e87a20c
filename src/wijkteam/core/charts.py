"""Charts with their numbers beside them: one shape for every chart in the product.

A view builds a `Chart`; the template `core/_chart.html` draws it with the vendored
Chart.js (`static/js/charts.js`) and always shows the same numbers as a table, so a
screen-reader user, a printed page and a browser without JavaScript lose nothing.
Series are told apart by line style and marker as well as colour. A value that may not
be shown (a suppressed small count) is `None` in the chart and its `display` text in
the table.
"""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Series:
    label: str
    values: tuple[float | int | None, ...]
    # What the table shows per value, when it differs from the number ("<5", "3 – ernstig").
    display: tuple[str, ...] | None = None

    def cells(self) -> tuple[str, ...]:
        if self.display is not None:
            return self.display
        return tuple("–" if value is None else _number(value) for value in self.values)


@dataclass(frozen=True)
class Chart:
    """A line or bar chart: one category axis (`labels`), one or more series."""

    chart_id: str  # unique on the page; used for the element ids
    title: str
    labels: tuple[str, ...]
    series: tuple[Series, ...]
    kind: str = "line"  # "line" or "bar"
    x_label: str = ""
    y_label: str = ""
    y_min: float | None = None
    y_max: float | None = None
    y_step: float | None = None
    extra: dict = field(default_factory=dict)

    def __post_init__(self):
        if self.kind not in ("line", "bar"):
            raise ValueError(f"unknown chart kind {self.kind!r}")
        for series in self.series:
            if len(series.values) != len(self.labels):
                raise ValueError(f"series {series.label!r} does not match the labels")

    @property
    def data_id(self) -> str:
        return f"{self.chart_id}-data"

    def config(self) -> dict:
        """The data the browser script needs, for `json_script` (no code, only data)."""
        return {
            "kind": self.kind,
            "labels": list(self.labels),
            "series": [{"label": s.label, "values": list(s.values)} for s in self.series],
            "xLabel": self.x_label,
            "yLabel": self.y_label,
            "yMin": self.y_min,
            "yMax": self.y_max,
            "yStep": self.y_step,
        }

    def table_rows(self) -> list[tuple[str, tuple[str, ...]]]:
        """Rows of the data table: one per label, one cell per series."""
        columns = [series.cells() for series in self.series]
        return [
            (label, tuple(column[index] for column in columns))
            for index, label in enumerate(self.labels)
        ]


def _number(value: float | int) -> str:
    if isinstance(value, float) and not value.is_integer():
        return f"{value:.1f}".replace(".", ",")
    return str(int(value))
