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


def test_several_tables_as_one_csv_and_one_xlsx_workbook():
    from openpyxl import load_workbook

    from wijkteam.core.exports import (
        ExportTable,
        Formatted,
        tables_csv_response,
        tables_xlsx_response,
    )

    tables = [
        ExportTable(
            "Kosten: 2026 [per profiel]", ["Profiel", "Aantal"], [["=1+1", 12], ["HZ", "<5"]]
        ),
        ExportTable(
            "Kosten: 2026 [per profiel]", ["Wat", "Aandeel"], [["-2", Formatted(0.25, "0%", "25%")]]
        ),
        ExportTable("x" * 40, ["a"], [], sheet="Korte naam"),
    ]
    rows = list(
        csv.reader(
            io.StringIO(tables_csv_response("Cijfers", tables).content.decode("utf-8-sig")),
            delimiter=";",
        )
    )
    assert rows[:4] == [
        ["Kosten: 2026 [per profiel]"],
        ["Profiel", "Aantal"],
        ["'=1+1", "12"],
        ["HZ", "<5"],
    ]
    assert ["'-2", "25%"] in rows  # the text as shown, for Dutch spreadsheets
    response = tables_xlsx_response("Cijfers", tables)
    assert response["Content-Disposition"] == 'attachment; filename="cijfers.xlsx"'
    workbook = load_workbook(io.BytesIO(response.content))
    # Sheet names: Excel's forbidden characters gone, at most 31 characters, unique.
    assert workbook.sheetnames == [
        "Kosten 2026 per profiel",
        "Kosten 2026 per profiel (2)",
        "Korte naam",
    ]
    first = workbook.worksheets[0]
    formula = first.cell(row=3, column=1)
    assert formula.value == "'=1+1" and formula.data_type == "s"  # text, never a formula
    assert first.cell(row=3, column=2).value == 12
    share = workbook.worksheets[1].cell(row=3, column=2)
    assert share.value == 0.25 and share.number_format == "0%"
    assert workbook.worksheets[1].cell(row=3, column=1).value == "'-2"
