"""National iJw 3.2 code lists, read once from `data/codelists.csv`.

The file is the project's own data: the lists the product uses at run time (product
category JZ020, closure reason JZ588, unit WJ756, frequency WMO757, referrer COD327,
legal status WJ232, change reason JZ002, return codes WJ001, gender COD046, request
lists WJ758-WJ760, yes/no COD260), taken from the iJw 3.2 release. When Zorginstituut
Nederland changes a list, the CSV changes with it (docs/ijw.md).
"""

import csv
from dataclasses import dataclass
from functools import cache
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data" / "codelists.csv"


@dataclass(frozen=True)
class Code:
    list: str
    code: str
    description: str
    withdrawn: bool  # "(vervallen)": still readable in old messages, not to be used anew


@cache
def _all() -> dict[str, dict[str, Code]]:
    lists: dict[str, dict[str, Code]] = {}
    with DATA.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            description = row["description"]
            withdrawn = "(vervallen)" in description
            lists.setdefault(row["list"], {})[row["code"]] = Code(
                row["list"], row["code"], description, withdrawn
            )
    return lists


def code_list(name: str) -> dict[str, Code]:
    """Every code of one list (KeyError for a list the product does not carry)."""
    return _all()[name]


def is_valid(name: str, code: str) -> bool:
    return code in code_list(name)


def describe(name: str, code: str) -> str:
    """The national description of a code, or the code itself when it is unknown."""
    found = code_list(name).get(code)
    return found.description if found else code


def choices(name: str, *, codes: tuple[str, ...] | None = None) -> list[tuple[str, str]]:
    """(code, "code – description") pairs for a form or model field, in code order,
    without withdrawn codes; `codes` limits them to a subset in that order."""
    entries = code_list(name)
    wanted = codes or tuple(sorted(entries, key=lambda c: (len(c), c)))
    return [(c, f"{c} – {entries[c].description}") for c in wanted if not entries[c].withdrawn]


# In the messages codes have a fixed width with leading zeros ("04" for an hour, "0001"
# for a technical rejection); the lists above keep them as the release's code lists do.
MESSAGE_WIDTH = {
    "COD046": 1,
    "COD260": 1,
    "COD327": 2,
    "JZ002": 2,
    "JZ020": 2,
    "JZ588": 2,
    "WJ001": 4,
    "WJ232": 2,
    "WJ756": 2,
    "WJ758": 1,
    "WJ759": 1,
    "WJ760": 1,
    "WMO757": 1,
}


def in_message(name: str, code: str) -> str:
    """A code as it is written in a message: "4" of WJ756 is "04", "1" of WJ001 "0001"."""
    return code.zfill(MESSAGE_WIDTH[name]) if code.isdigit() else code


def from_message(name: str, value: str) -> str:
    """The list's code for a value read from a message ("0001" → "1"); a value the list
    does not know is returned as it is (the caller checks with `is_valid`)."""
    value = value.strip()
    if value.isdigit():
        short = value.lstrip("0") or "0"
        if short in code_list(name):
            return short
    return value
