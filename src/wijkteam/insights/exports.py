"""The figures pages' tables as export rows: counts as numbers, shares, means and money as
formatted numbers in XLSX (their text in CSV), and whatever may not be shown as the text
the page shows ("<5", "x", "–"). Written by `core.exports` (formula-safe)."""

from wijkteam.core.exports import Formatted

from .rules import COUNT, MEAN, MONEY, SHARE, Cell

NUMBER_FORMATS = {SHARE: "0%", MEAN: "0.0", MONEY: '"€" #,##0'}


def export_value(cell) -> object:
    if not isinstance(cell, Cell):
        return str(cell)
    if cell.number is None:
        return cell.text
    if cell.kind == COUNT:
        return int(cell.number)
    if cell.kind in NUMBER_FORMATS:
        value = cell.number / 100 if cell.kind == SHARE else cell.number
        return Formatted(value, NUMBER_FORMATS[cell.kind], cell.text)
    return cell.text


def export_rows(table) -> list[list]:
    """One row per table row: its label, then its cells."""
    return [[str(label), *(export_value(cell) for cell in cells)] for label, cells in table.rows]
