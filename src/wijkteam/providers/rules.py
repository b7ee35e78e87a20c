"""Pure rules for the catalogue: one row of the CSV file (a provider and one product it
is contracted for) and what is wrong with it, in Dutch, by line."""

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

from wijkteam.ijw.codes import is_valid

COLUMNS = (
    "agb_code",
    "provider",
    "contact_name",
    "phone",
    "email",
    "category",
    "product_code",
    "product_name",
    "profile_code",
    "unit",
    "tariff",
)
REQUIRED = ("agb_code", "provider", "category", "product_name")
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
FORMULA_START = ("=", "+", "-", "@")


def csv_safe(value: str) -> str:
    """A spreadsheet would run a cell that starts like a formula: quote it (the import
    takes the quote off again)."""
    return f"'{value}" if value.startswith(FORMULA_START) else value


def _unquoted(value: str) -> str:
    return value[1:] if value.startswith("'") and value[1:2] in FORMULA_START else value


@dataclass(frozen=True)
class CatalogueRow:
    agb_code: str
    provider: str
    contact_name: str
    phone: str
    email: str
    category: str
    product_code: str
    product_name: str
    profile_code: str
    unit: str
    tariff: Decimal | None


def parse_tariff(text: str) -> Decimal | None:
    """ "12,50" or "12.50" euros; empty is no tariff. Raises ValueError when unreadable."""
    text = text.strip().replace("€", "").replace(" ", "")
    if not text:
        return None
    if "," in text:
        text = text.replace(".", "").replace(",", ".")
    try:
        value = Decimal(text)
    except InvalidOperation as exc:
        raise ValueError(text) from exc
    if value < 0 or value >= Decimal("10000000"):
        raise ValueError(text)
    return value.quantize(Decimal("0.01"))


def read_row(line: int, raw: dict, profile_codes: set[str]) -> tuple[CatalogueRow | None, list]:
    """A row as the catalogue needs it, or the problems with it (each naming the line)."""
    values = {key: _unquoted((raw.get(key) or "").strip()) for key in COLUMNS}
    problems = []

    def problem(message: str) -> None:
        problems.append(_("Line %(line)d: %(problem)s") % {"line": line, "problem": message})

    for key in REQUIRED:
        if not values[key]:
            problem(_("the column %(column)s is empty.") % {"column": key})
    if values["agb_code"] and not re.fullmatch(r"\d{8}", values["agb_code"]):
        problem(_("an AGB code has eight digits."))
    if values["category"] and not is_valid("JZ020", values["category"].lstrip("0")):
        problem(_("%(code)s is not a product category (JZ020).") % {"code": values["category"]})
    if values["product_code"] and not re.fullmatch(r"\S{1,5}", values["product_code"]):
        problem(_("a product code has one to five characters, without spaces."))
    unit = values["unit"].lstrip("0")
    if values["unit"] and not is_valid("WJ756", unit):
        problem(_("%(code)s is not a unit (WJ756).") % {"code": values["unit"]})
    if values["product_code"] and not values["unit"]:
        problem(_("a product with a code needs a unit."))
    if values["profile_code"] and values["profile_code"] not in profile_codes:
        problem(
            _("profile code %(code)s is not in the profile table.")
            % {"code": values["profile_code"]}
        )
    if values["email"] and not EMAIL.match(values["email"]):
        problem(_("the e-mail address is not valid."))
    try:
        tariff = parse_tariff(values["tariff"])
    except ValueError:
        tariff = None
        problem(_("the tariff is not an amount in euros, like 85,50."))
    if problems:
        return None, problems
    return (
        CatalogueRow(
            agb_code=values["agb_code"],
            provider=values["provider"][:200],
            contact_name=values["contact_name"][:200],
            phone=values["phone"][:30],
            email=values["email"],
            category=values["category"].lstrip("0") or values["category"],
            product_code=values["product_code"],
            product_name=values["product_name"][:200],
            profile_code=values["profile_code"],
            unit=unit,
            tariff=tariff,
        ),
        [],
    )
