"""Spreadsheet exports (CSV) that a spreadsheet program cannot be tricked by.

A cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return is read by Excel
and LibreOffice as a formula — text typed by a resident or a provider could then run a
formula on the analyst's machine (CSV injection, OWASP). Every text cell of an export
passes through `safe_cell`, which puts an apostrophe in front of such text so it is shown
as typed. Numbers stay numbers. `csv_response` writes a whole export that way.
"""

import csv
from collections.abc import Iterable, Sequence

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


def csv_response(filename: str, header: Sequence[str], rows: Iterable[Sequence]) -> HttpResponse:
    """A download; a BOM first, so Excel reads the UTF-8 (ë, é) right."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{slugify(filename)}.csv"'
    response["Cache-Control"] = "no-store"
    response.write("\ufeff")
    write_csv(response, header, rows)
    return response
