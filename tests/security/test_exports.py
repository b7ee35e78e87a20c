"""CSV exports cannot carry a formula into a spreadsheet (CSV injection)."""

import csv
import io

from hypothesis import given
from hypothesis import strategies as st

from wijkteam.core.exports import FORMULA_STARTS, csv_response, safe_cell


def test_formula_starts_are_neutralised():
    for dangerous in ('=HYPERLINK("http://x")', "+31 6 1234", "-2+3", "@SUM(A1)", "\tx", "\r="):
        assert safe_cell(dangerous) == "'" + dangerous
    assert safe_cell("Familie de Vries") == "Familie de Vries"
    assert safe_cell(-3) == -3 and safe_cell(2.5) == 2.5 and safe_cell(None) == ""
    assert safe_cell(True) == "ja"


@given(st.text())
def test_no_text_cell_starts_a_formula(text):
    cell = safe_cell(text)
    assert not str(cell).startswith(FORMULA_STARTS)
    assert str(cell).removeprefix("'") == text or cell == text


def test_the_response_is_a_safe_semicolon_csv():
    response = csv_response("Aanbieders export", ["naam", "tarief"], [["=cmd|' /C calc'!A0", 12]])
    assert response["Content-Disposition"] == 'attachment; filename="aanbieders-export.csv"'
    text = response.content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert rows == [["naam", "tarief"], ["'=cmd|' /C calc'!A0", "12"]]
