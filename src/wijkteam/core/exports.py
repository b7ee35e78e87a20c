"""Spreadsheet exports (CSV and XLSX) that a spreadsheet program cannot be tricked by.

A cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return is read by Excel
and LibreOffice as a formula — text typed by a resident or a provider could then run a
formula on the analyst's machine (CSV injection, OWASP). Every text cell of an export
passes through `safe_cell`, which puts an apostrophe in front of such text so it is shown
as typed. Numbers stay numbers. `csv_response` writes a whole export that way;
`tables_csv_response` and `tables_xlsx_response` write several tables (the figures pages).
In an XLSX file every text cell is, besides, written as text (never as a formula), with
openpyxl (ADR 0011).
"""

import csv
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from io import BytesIO

from django.http import HttpResponse
from django.utils.text import slugify

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value) -> object:
    """The value as it may go into a spreadsheet cell."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, int | float):
        return value
    text = str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def write_csv(handle, header: Sequence[str], rows: Iterable[Sequence]) -> None:
    """CSV with a semicolon (what Dutch spreadsheet settings expect), every cell safe."""
    writer = csv.writer(handle, delimiter=";")
    writer.writerow([safe_cell(h) for h in header])
    for row in rows:
        writer.writerow([safe_cell(value) for value in row])


def _download(content_type: str, filename: str, extension: str) -> HttpResponse:
    response = HttpResponse(content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{slugify(filename)}.{extension}"'
    response["Cache-Control"] = "no-store"
    return response


def csv_response(filename: str, header: Sequence[str], rows: Iterable[Sequence]) -> HttpResponse:
    """A download; a BOM first, so Excel reads the UTF-8 (ë, é) right."""
    response = _download("text/csv; charset=utf-8", filename, "csv")
    response.write("\ufeff")
    write_csv(response, header, rows)
    return response


@dataclass(frozen=True)
class Formatted:
    """A number with the spreadsheet format it is shown in (XLSX: "0%", "0.0", "€ #,##0");
    a CSV file gets its text as shown ("45%", "7,4"), which Dutch spreadsheets read."""

    value: int | float
    number_format: str
    text: str


@dataclass(frozen=True)
class ExportTable:
    caption: str
    header: Sequence[str]
    rows: Sequence[Sequence]
    sheet: str = ""  # the XLSX sheet's name; the caption's start when empty


def _plain(value) -> object:
    return value.text if isinstance(value, Formatted) else value


def tables_csv_response(filename: str, tables: Iterable[ExportTable]) -> HttpResponse:
    """Several tables in one CSV file: per table its caption, its header and its rows,
    and an empty line after it."""
    response = _download("text/csv; charset=utf-8", filename, "csv")
    response.write("\ufeff")
    writer = csv.writer(response, delimiter=";")
    for table in tables:
        writer.writerow([safe_cell(table.caption)])
        write_csv(response, table.header, ([_plain(v) for v in row] for row in table.rows))
        writer.writerow([])
    return response


XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
SHEET_TITLE_LENGTH = 31  # Excel's limit
SHEET_TITLE_FORBIDDEN = str.maketrans(dict.fromkeys("[]:*?/\\", " "))


def _sheet_title(caption: str, used: set[str]) -> str:
    plain = " ".join(caption.translate(SHEET_TITLE_FORBIDDEN).split())
    base = plain[:SHEET_TITLE_LENGTH].strip() or "Tabel"
    title, number = base, 2
    while title.lower() in used:
        suffix = f" ({number})"
        title, number = base[: SHEET_TITLE_LENGTH - len(suffix)] + suffix, number + 1
    used.add(title.lower())
    return title


def tables_xlsx_response(filename: str, tables: Iterable[ExportTable]) -> HttpResponse:
    """Several tables in one XLSX workbook, one sheet each: its caption in the first row,
    then its header and rows. Text through `safe_cell` and stored as text."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    workbook = Workbook(write_only=True)
    used: set[str] = set()
    bold = Font(bold=True)

    def cell(sheet, value, *, strong=False):
        number_format = None
        if isinstance(value, Formatted):
            value, number_format = value.value, value.number_format
        value = safe_cell(value)
        written = WriteOnlyCell(sheet, value=value)
        if isinstance(value, str):
            written.data_type = "s"  # text, never a formula
        if number_format:
            written.number_format = number_format
        if strong:
            written.font = bold
        return written

    for table in tables:
        sheet = workbook.create_sheet(_sheet_title(table.sheet or table.caption, used))
        sheet.append([cell(sheet, table.caption, strong=True)])
        sheet.append([cell(sheet, h, strong=True) for h in table.header])
        for row in table.rows:
            sheet.append([cell(sheet, value) for value in row])
    if not used:
        workbook.create_sheet("Tabel")
    buffer = BytesIO()
    workbook.save(buffer)
    response = _download(XLSX_TYPE, filename, "xlsx")
    response.write(buffer.getvalue())
    return response
