"""Pure rules about residents: BSN (11-check) and age."""

from datetime import date

from django.utils.translation import gettext as _

BSN_WEIGHTS = (9, 8, 7, 6, 5, 4, 3, 2, -1)
TEST_BSN_RANGE = (999_900_006, 999_999_990)


def normalise_bsn(raw: str) -> str:
    """Strip spaces, dots and dashes people type; keep everything else for the check."""
    return "".join(ch for ch in raw.strip() if ch not in " .-")


def passes_eleven_check(bsn: str) -> bool:
    if len(bsn) != 9 or not bsn.isdigit():
        return False
    total = sum(int(digit) * weight for digit, weight in zip(bsn, BSN_WEIGHTS, strict=True))
    return total % 11 == 0 and bsn != "000000000"


def is_test_bsn(bsn: str) -> bool:
    return bsn.isdigit() and TEST_BSN_RANGE[0] <= int(bsn) <= TEST_BSN_RANGE[1]


def bsn_problem(raw: str) -> str | None:
    """Why this is not a valid BSN, in Dutch for the person typing it, or None."""
    bsn = normalise_bsn(raw)
    if not bsn.isdigit():
        return _("A BSN consists of digits only.")
    if len(bsn) != 9:
        return _("A BSN has 9 digits; this one has %(count)d.") % {"count": len(bsn)}
    if not passes_eleven_check(bsn):
        return _("This BSN does not pass the 11-check; check for a typing error.")
    return None


def normalise_postcode(raw: str) -> str:
    return raw.replace(" ", "").upper()


def postcode_problem(raw: str) -> str | None:
    """Why this is not a Dutch postcode (1234 AB), in Dutch, or None."""
    postcode = normalise_postcode(raw)
    if len(postcode) != 6 or not postcode[:4].isdigit() or not postcode[4:].isalpha():
        return _("A postcode has four digits and two letters, for example 8011 AB.")
    if postcode[0] == "0":
        return _("A postcode does not start with 0.")
    return None


def district_for_postcode(postcode: str, areas: dict[str, int]) -> int | None:
    """The district id for a postcode from the postcode table (area -> district id)."""
    return areas.get(normalise_postcode(postcode)[:4])


def age_on(birth_date: date, day: date) -> int:
    years = day.year - birth_date.year
    if (day.month, day.day) < (birth_date.month, birth_date.day):
        years -= 1
    return years
