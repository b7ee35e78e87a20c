"""Pure rules of the file search: what kind of query someone typed, from its shape.

`classify_query` never touches the database. Exact kinds (BSN, case reference) are the
only ones that may ever point at another team's file (break-the-glass); fuzzy kinds
(name, birth date, address) only ever search the user's own files.
"""

import re
from datetime import date
from enum import StrEnum

from wijkteam.people.rules import normalise_bsn, normalise_postcode

MIN_QUERY_LENGTH = 2
MAX_QUERY_LENGTH = 100
MAX_NAME_TERMS = 5


class QueryKind(StrEnum):
    NAME = "name"
    BSN = "bsn"
    BIRTH_DATE = "birth_date"
    CASE_REFERENCE = "case_reference"
    REGISTRATION_REFERENCE = "registration_reference"
    ADDRESS = "address"
    TOO_SHORT = "too_short"
    UNRECOGNISED = "unrecognised"


# Only an exact identifier may reveal that another team has a file (never its content).
EXACT_KINDS = frozenset({QueryKind.BSN, QueryKind.CASE_REFERENCE})

_REFERENCE = re.compile(r"^(WT|AM)\s*-?\s*(\d{4})\s*-?\s*(\d{6,10})$", re.ASCII)
_DUTCH_DATE = re.compile(r"^(\d{1,2})([-/.])(\d{1,2})\2(\d{4})$", re.ASCII)
_ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$", re.ASCII)
# 1234 AB, optionally with a house number and addition: "8011AB 12", "8011 ab 12-a".
_ADDRESS = re.compile(
    r"^([1-9]\d{3})\s?([A-Z]{2})(?:[\s,]*(\d{1,5}(?:[\s-]?[A-Z0-9]{1,4})?))?$", re.ASCII
)
_LETTER = re.compile(r"[^\W\d_]")


def classify_query(text: str) -> tuple[QueryKind, str]:
    """The kind of query and its normalised form.

    - BSN: 9 digits, spaces, dots and dashes allowed → "123456782"
    - birth date: "1-6-2015", "01/06/2015", "01.06.2015" or "2015-06-01" → "2015-06-01"
    - case reference "WT-2026-000001" / registration "AM-2026-000001", any case →
      upper case with dashes
    - address: postcode with optional house number "8011 ab 12" → "8011AB 12"
    - name: anything else with a letter → the words, single-spaced
    """
    stripped = " ".join(text.split())
    if len(stripped) < MIN_QUERY_LENGTH:
        return QueryKind.TOO_SHORT, stripped

    upper = stripped.upper()
    reference = _REFERENCE.match(upper)
    if reference:
        prefix, year, number = reference.groups()
        kind = QueryKind.CASE_REFERENCE if prefix == "WT" else QueryKind.REGISTRATION_REFERENCE
        return kind, f"{prefix}-{year}-{number}"

    birth_date = _parse_date(stripped)
    if birth_date is not None:
        return QueryKind.BIRTH_DATE, birth_date.isoformat()
    if _DUTCH_DATE.match(stripped) or _ISO_DATE.match(stripped):
        return QueryKind.UNRECOGNISED, stripped  # a date's shape, but no such day

    bsn = normalise_bsn(stripped)
    if len(bsn) == 9 and bsn.isascii() and bsn.isdigit():
        return QueryKind.BSN, bsn

    address = _ADDRESS.match(upper)
    if address:
        postcode = normalise_postcode(address.group(1) + address.group(2))
        number = (address.group(3) or "").replace(" ", "")
        return QueryKind.ADDRESS, f"{postcode} {number}" if number else postcode

    if _LETTER.search(stripped):
        return QueryKind.NAME, stripped
    return QueryKind.UNRECOGNISED, stripped


def _parse_date(text: str) -> date | None:
    dutch = _DUTCH_DATE.match(text)
    iso = _ISO_DATE.match(text)
    if dutch:
        day, _separator, month, year = dutch.groups()
    elif iso:
        year, month, day = iso.groups()
    else:
        return None
    try:
        return date(int(year), int(month), int(day))
    except ValueError:
        return None


def name_terms(normalised: str) -> list[str]:
    """The words of a name query; at most a few, so a pasted paragraph stays cheap."""
    return normalised.split()[:MAX_NAME_TERMS]


def split_address(normalised: str) -> tuple[str, str]:
    """ "8011AB 12" → ("8011AB", "12"); "8011AB" → ("8011AB", "")."""
    postcode, _space, number = normalised.partition(" ")
    return postcode, number
