"""The catalogue in and out of CSV: a round trip, all-or-nothing imports with the
problems named by line, the profile table, and quoting cells a spreadsheet would run."""

from decimal import Decimal

import pytest

from wijkteam.audit.log import AuditContext
from wijkteam.audit.models import AuditEntry
from wijkteam.core.errors import RuleViolation
from wijkteam.providers.models import ContractedProduct, Profile, Provider
from wijkteam.providers.rules import parse_tariff
from wijkteam.providers.services import export_catalogue, import_catalogue

CTX = AuditContext.system(name="test")
HEADER = (
    "agb_code,provider,contact_name,phone,email,category,product_code,product_name,"
    "profile_code,unit,tariff\n"
)
GOOD = HEADER + (
    "12345678,Jeugdhulp De Brug,Sanne Vos,038-1234567,info@debrug.example,"
    '45,HM,Herstel midden,HM,4,"82,50"\n'
    "12345678,Jeugdhulp De Brug,Sanne Vos,038-1234567,info@debrug.example,54,,Jeugd-ggz budget,,,\n"
    "87654321,Gezinshuis De Linde,,+31 38 7654321,,43,43A01,Verblijf gezinshuis,,14,210.00\n"
)


def test_the_default_profile_table(db):
    assert {(p.kind, p.intensity): p.code for p in Profile.objects.all()} == {
        ("recovery", "light"): "HL",
        ("recovery", "medium"): "HM",
        ("recovery", "heavy"): "HZ",
        ("lasting", "light"): "DL",
        ("lasting", "medium"): "DM",
        ("lasting", "heavy"): "DZ",
    }


def test_import_and_export_round_trip(db):
    summary = import_catalogue(CTX, GOOD)
    assert (summary.providers_created, summary.products_created) == (2, 3)
    product = ContractedProduct.objects.get(product_code="HM")
    assert product.profile.intensity == "medium" and product.tariff == Decimal("82.50")
    assert Provider.objects.get(agb_code="87654321").phone == "+31 38 7654321"
    exported = export_catalogue()
    assert "'+31 38 7654321" in exported  # a spreadsheet would run "+31…" as a formula
    again = import_catalogue(CTX, exported)
    assert (again.providers_created, again.products_created) == (0, 0)
    assert (again.providers_updated, again.products_updated) == (2, 3)
    assert Provider.objects.get(agb_code="87654321").phone == "+31 38 7654321"
    assert AuditEntry.objects.filter(object_type="providers.contractedproduct").count() == 6


def test_a_file_with_problems_changes_nothing_and_names_each_line(db):
    bad = GOOD + "1234,Te kort,,,,99,,Iets,XX,77,veel\n"
    with pytest.raises(RuleViolation) as caught:
        import_catalogue(CTX, bad)
    messages = [reason.message for reason in caught.value.verdict.reasons]
    assert all(message.startswith("Regel 5") for message in messages)
    assert len(messages) == 5  # AGB, category, unit, profile, tariff
    assert not Provider.objects.exists()


def test_semicolons_as_dutch_spreadsheets_write_them(db):
    text = GOOD.replace(",", ";").replace('"82;50"', "82,50")
    assert import_catalogue(CTX, text).products_created == 3


def test_the_columns_are_required(db):
    with pytest.raises(RuleViolation):
        import_catalogue(CTX, "naam,code\nx,y\n")


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("82,50", Decimal("82.50")),
        ("1.234,5", Decimal("1234.50")),
        ("€ 7", Decimal("7.00")),
        ("", None),
    ],
)
def test_tariffs_as_people_type_them(text, value):
    assert parse_tariff(text) == value


def test_an_unreadable_tariff(db):
    with pytest.raises(ValueError):
        parse_tariff("-3")
