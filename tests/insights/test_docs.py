"""docs/kpis.md says what the code computes: every KPI has its section, in the order of
the assignment and under its code, and every indicator the code shows is in its section's
table (by its English label, as written before any parenthesis)."""

import re
from pathlib import Path

from django.utils import translation

from wijkteam.insights import rules
from wijkteam.insights.measures import MEASURES
from wijkteam.insights.rules import Counts
from wijkteam.partners.rules import Coverage

DOC = Path(__file__).resolve().parents[2] / "docs" / "kpis.md"
HEADING = re.compile(r"^### (\d+)\. .* \(`(\w+)`\)$", re.MULTILINE)


def _sections() -> dict[str, str]:
    text = DOC.read_text("utf-8")
    found = list(HEADING.finditer(text))
    sections = {}
    for i, match in enumerate(found):
        end = found[i + 1].start() if i + 1 < len(found) else text.index("\n## ", match.end())
        sections[match.group(2)] = text[match.end() : end]
    return sections


def _kpis():
    coverage = (Coverage(10, 9, 100), Coverage(10, 9, 90))
    with translation.override("en"):
        return [
            (kpi.code, [str(i.label) for i in kpi.indicators])
            for kpi in rules.kpis(Counts({}, MEASURES), coverage)
        ]


def test_every_kpi_has_its_section_in_the_order_of_the_code():
    numbered = [(int(m.group(1)), m.group(2)) for m in HEADING.finditer(DOC.read_text("utf-8"))]
    assert numbered == [(n, code) for n, (code, _) in enumerate(_kpis(), start=1)]


def test_every_indicator_is_defined_in_its_kpis_section():
    sections = _sections()
    missing = []
    for code, labels in _kpis():
        for label in labels:
            head = label.split(" (")[0].strip()
            if head.lower() not in sections[code].lower():
                missing.append(f"{code}: {head}")
    assert not missing, "indicators without a definition in docs/kpis.md: " + "; ".join(missing)
