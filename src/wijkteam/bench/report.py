"""From response times to the benchmark's table and JSON. Pure: no load tool, no database."""

import math
import statistics
from dataclasses import asdict, dataclass, field

from .scenarios import (
    FLOOR_KEY,
    FLOOR_MULTIPLE_LIMIT,
    FLOOR_MULTIPLE_USERS,
    SCENARIOS_BY_KEY,
    TARGETS,
)


@dataclass(frozen=True)
class Measurement:
    """One scenario at one number of concurrent users."""

    scenario: str
    users: int
    requests: int
    errors: int
    median_ms: float | None
    p95_ms: float | None
    requests_per_second: float
    seconds: float
    cpu_percent: dict = field(default_factory=dict)  # of one core: server, load, machine
    error_samples: tuple[str, ...] = ()
    # A mixed scenario's kinds of request: kind → requests, errors, median_ms, p95_ms.
    kinds: dict = field(default_factory=dict)

    @property
    def server_cpu_ms(self) -> float | None:
        """The server's CPU time per request: steadier than response times on a machine
        that others share (it does not count waiting for a core, nor PostgreSQL)."""
        if not self.requests or "server" not in self.cpu_percent:
            return None
        return self.cpu_percent["server"] * 10 * self.seconds / self.requests


def percentile(values: list[float], fraction: float) -> float | None:
    """Nearest-rank percentile (p95 of 20 values is the 19th smallest)."""
    if not values:
        return None
    ordered = sorted(values)
    rank = max(1, math.ceil(fraction * len(ordered)))
    return ordered[rank - 1]


def measure(
    scenario: str,
    users: int,
    durations_ms: list[float],
    errors: int,
    seconds: float,
    cpu_percent: dict | None = None,
    error_samples: tuple[str, ...] = (),
    kinds: dict | None = None,
) -> Measurement:
    """`kinds`: for a mixed scenario, per kind of request its durations and errors."""
    per_kind = {
        kind: {
            "requests": len(values["durations_ms"]) + values["errors"],
            "errors": values["errors"],
            "median_ms": statistics.median(values["durations_ms"])
            if values["durations_ms"]
            else None,
            "p95_ms": percentile(values["durations_ms"], 0.95),
        }
        for kind, values in sorted((kinds or {}).items())
    }
    return Measurement(
        scenario=scenario,
        users=users,
        requests=len(durations_ms) + errors,
        errors=errors,
        median_ms=statistics.median(durations_ms) if durations_ms else None,
        p95_ms=percentile(durations_ms, 0.95),
        requests_per_second=(len(durations_ms) + errors) / seconds if seconds > 0 else 0.0,
        seconds=seconds,
        cpu_percent=dict(cpu_percent or {}),
        error_samples=tuple(error_samples),
        kinds=per_kind,
    )


@dataclass(frozen=True)
class Check:
    label: str
    met: bool


@dataclass(frozen=True)
class Row:
    measurement: Measurement
    title: str
    floor_multiple: float | None
    checks: tuple[Check, ...]

    @property
    def met(self) -> bool:
        return all(check.met for check in self.checks)


def evaluate(measurements: list[Measurement]) -> list[Row]:
    """Each measurement with its multiple of the floor (same number of users) and the
    targets it is held to."""
    floors = {m.users: m.median_ms for m in measurements if m.scenario == FLOOR_KEY}
    rows = []
    for m in measurements:
        scenario = SCENARIOS_BY_KEY[m.scenario]
        floor = floors.get(m.users)
        multiple = m.median_ms / floor if floor and m.median_ms is not None else None
        checks = [Check("no errors", m.errors == 0 and m.requests > 0)]
        target = TARGETS.get((scenario.target, m.users))
        if target is not None:
            value = m.median_ms if target.statistic == "median" else m.p95_ms
            checks.append(Check(target.label, value is not None and target.met(value)))
        if m.scenario != FLOOR_KEY and m.users == FLOOR_MULTIPLE_USERS:
            checks.append(
                Check(
                    f"≤ {FLOOR_MULTIPLE_LIMIT:g}× floor",
                    multiple is not None and multiple <= FLOOR_MULTIPLE_LIMIT,
                )
            )
        rows.append(Row(m, scenario.title, multiple, tuple(checks)))
    return rows


def _number(value: float | None, digits: int = 1) -> str:
    return "—" if value is None else f"{value:,.{digits}f}"


def _cpu(usage: dict) -> str:
    """CPU use in the measured window, in % of one core: the server (gunicorn and its
    workers), the load tool, and the whole machine (200% = both cores busy)."""
    if not usage:
        return "—"
    return "/".join(str(usage.get(key, "?")) for key in ("server", "load", "machine"))


def render_table(rows: list[Row]) -> str:
    """The one table: median, p95, requests/s, errors, multiple of the floor, targets."""
    header = (
        "scenario",
        "users",
        "median ms",
        "p95 ms",
        "req/s",
        "errors",
        "× floor",
        "CPU % srv/load/all",
        "srv CPU ms",
        "targets",
    )
    lines = [
        (
            row.title,
            str(row.measurement.users),
            _number(row.measurement.median_ms),
            _number(row.measurement.p95_ms),
            _number(row.measurement.requests_per_second),
            str(row.measurement.errors),
            _number(row.floor_multiple),
            _cpu(row.measurement.cpu_percent),
            _number(row.measurement.server_cpu_ms),
            ", ".join(f"{'✓' if c.met else '✗'} {c.label}" for c in row.checks),
        )
        for row in rows
    ]
    widths = [max(len(line[i]) for line in [header, *lines]) for i in range(len(header))]

    def format_line(cells) -> str:
        left = [cells[0].ljust(widths[0])]
        right = [cell.rjust(width) for cell, width in zip(cells[1:-1], widths[1:-1], strict=True)]
        return "  ".join([*left, *right, cells[-1]]).rstrip()

    rule = "  ".join("-" * width for width in widths)
    return "\n".join([format_line(header), rule, *(format_line(line) for line in lines)])


def render_markdown(rows: list[Row]) -> str:
    """The same table for docs/performance.md."""
    out = [
        "| scenario | users | median ms | p95 ms | req/s | errors | × floor | CPU % srv/load/all "
        "| srv CPU ms | targets |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
    ]
    for row in rows:
        m = row.measurement
        checks = ", ".join(f"{'✓' if c.met else '✗'} {c.label}" for c in row.checks)
        out.append(
            f"| {row.title} | {m.users} | {_number(m.median_ms)} | {_number(m.p95_ms)} | "
            f"{_number(m.requests_per_second)} | {m.errors} | {_number(row.floor_multiple)} | "
            f"{_cpu(m.cpu_percent)} | {_number(m.server_cpu_ms)} | {checks} |"
        )
    return "\n".join(out)


def render_kinds_markdown(rows: list[Row]) -> str:
    """Per kind of request of the mixed scenarios: requests, errors, median and p95."""
    out = []
    for row in rows:
        m = row.measurement
        if not m.kinds:
            continue
        if not out:
            out += [
                "| scenario | users | kind of request | requests | errors | median ms | p95 ms |",
                "| --- | ---: | --- | ---: | ---: | ---: | ---: |",
            ]
        for kind, figures in m.kinds.items():
            out.append(
                f"| {row.title} | {m.users} | {kind} | {figures['requests']} | "
                f"{figures['errors']} | {_number(figures['median_ms'])} | "
                f"{_number(figures['p95_ms'])} |"
            )
    return "\n".join(out)


def as_json(rows: list[Row], meta: dict) -> dict:
    return {
        "meta": meta,
        "all_targets_met": all(row.met for row in rows),
        "results": [
            {
                **asdict(row.measurement),
                "title": row.title,
                "floor_multiple": row.floor_multiple,
                "server_cpu_ms_per_request": row.measurement.server_cpu_ms,
                "checks": [asdict(check) for check in row.checks],
            }
            for row in rows
        ],
    }
