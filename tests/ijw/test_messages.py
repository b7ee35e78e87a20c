"""Generated messages for varied inputs, each validated against ../shared/ijw/xsd: the
allocation (JW301) and the return messages JW306, JW308 and JW316 (and a provider's
JW302), accepted or rejected with each kind of return code."""

from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from wijkteam.ijw import build, schema
from wijkteam.ijw.allocations import split_house_number
from wijkteam.ijw.codes import from_message, in_message
from wijkteam.ijw.parse import read_xml

SHARED_XSD = Path(__file__).resolve().parents[3] / "shared" / "ijw" / "xsd"
pytestmark = pytest.mark.skipif(not SHARED_XSD.is_dir(), reason="needs ../shared/ijw/xsd")

DAY = date(2026, 3, 2)
HEADER = build.Header("0193", "12345678", "WT0000000042", DAY)
PROVIDER_HEADER = build.Header("12345678", "0193", "AB-2026-001", DAY)


@pytest.fixture(autouse=True)
def xsd(settings):
    settings.IJW_XSD_DIR = str(SHARED_XSD)


def valid(kind: str, xml: bytes) -> bool:
    result = schema.validate(kind, xml)
    assert result.checked, f"no schema for {kind}"
    assert result.errors == (), result.errors
    return True


CLIENTS = [
    build.Client("999990019", date(2012, 3, 4), build.Name("Jansen")),
    build.Client(
        "999990020",
        date(2009, 12, 31),
        build.Name("Berg", "van den", "Sem Johannes"),
        address=build.Address("8011AB", 12, "a"),
        phone="06-12345678",
        relations=(
            build.Relation("17", "10", build.Name("Berg", "van den", "Anna"), phone="0381234567"),
            build.Relation(
                "18", "11", build.Name("Yilmaz", "", "Ayla"), build.Address("8021CD", 3)
            ),
        ),
    ),
    build.Client(
        "123456782",
        date(2020, 1, 1),
        build.Name("Ö" * 210, "", "Zoë-Lynn"),
        address=build.Address("8041XY", 99999, "", "bis"),
    ),
]
PRODUCTS = [
    [
        build.AllocatedProduct(
            1,
            "45",
            "45A01",
            datetime(2026, 3, 2, 9, 5),
            DAY,
            DAY,
            volume=1,
            unit="1",
            frequency="1",
        )
    ],
    [
        build.AllocatedProduct(
            123456789,
            "43",
            "43A01",
            datetime(2026, 3, 2, 23, 59, 59),
            DAY,
            DAY + timedelta(days=364),
            volume=7,
            unit="14",
            frequency="2",
            provider_reference="VERZOEK-2026-0001",
            comment="Contact: Wijkteam Noord.",
        ),
        build.AllocatedProduct(
            7,
            "54",
            "",
            datetime(2026, 3, 2, 10, 0),
            DAY,
            DAY + timedelta(days=90),
            budget_cents=1_250_000,
        ),
    ],
    [
        build.AllocatedProduct(
            8,
            "45",
            "HM",
            datetime(2026, 3, 2, 10, 0),
            DAY,
            DAY + timedelta(days=30),
            change_reason="5",
            volume=20000,
            unit="83",
            frequency="4",
        ),
        build.AllocatedProduct(
            9,
            "45",
            "HZ",
            datetime(2026, 3, 2, 10, 0),
            DAY,
            DAY,
            change_reason="13",
            volume=40,
            unit="84",
            frequency="6",
        ),
    ],
]


@pytest.mark.parametrize("client", CLIENTS, ids=["minimal", "family", "long-name"])
@pytest.mark.parametrize("products", PRODUCTS, ids=["per-day", "residential-and-budget", "changes"])
def test_jw301_for_varied_inputs_passes_its_schema(client, products):
    assert valid("JW301", build.jw301(HEADER, client, products))


@settings(max_examples=40, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    surname=st.text(st.characters(categories=["L"]), min_size=1, max_size=60),
    given=st.text(st.characters(categories=["L", "Zs"]), max_size=40),
    house=st.text("0123456789abcXYZ -", max_size=8),
    volume=st.integers(0, 99_999_999),
    unit=st.sampled_from(["1", "4", "14", "16", "82", "83", "84"]),
    frequency=st.sampled_from(["1", "2", "4", "6"]),
    days=st.integers(0, 364),
)
def test_jw301_passes_its_schema_for_any_name_address_and_volume(
    surname, given, house, volume, unit, frequency, days
):
    parts = split_house_number(house)
    address = build.Address("8011AB", *parts) if parts else None
    client = build.Client(
        "999990019", date(2015, 6, 1), build.Name(surname, "", given.strip()), address=address
    )
    product = build.AllocatedProduct(
        5,
        "45",
        "45A01",
        datetime(2026, 3, 2, 8, 0),
        DAY,
        DAY + timedelta(days=days),
        volume=volume,
        unit=unit,
        frequency=frequency,
    )
    assert valid("JW301", build.jw301(HEADER, client, [product]))


def _returned(kind, xml, **options) -> bytes:
    return build.return_message(
        etree.fromstring(xml),
        identification="WT0000000099",
        dated_on=DAY,
        xsd_versions=("0.1.0", "0.1.0"),
        **options,
    )


START = build.jw305(
    PROVIDER_HEADER,
    CLIENTS[1],
    [build.StartItem(11, "45", "45A01", DAY), build.StartItem(12, "54", "", DAY, DAY, "3")],
)
STOP = build.jw307(
    PROVIDER_HEADER,
    CLIENTS[0],
    [build.StopItem(11, "45", "45A01", DAY, DAY + timedelta(days=40), "31")],
)
REQUEST = build.jw315(
    PROVIDER_HEADER,
    CLIENTS[2],
    [
        build.RequestItem(
            "REF-1",
            "45",
            DAY,
            "2",
            product_code="45A01",
            end=DAY + timedelta(90),
            volume=3,
            unit="4",
            frequency="2",
            referrer_name="Huisarts Bos",
            referrer_agb="01234567",
        ),
        build.RequestItem(
            "REF-2", "54", DAY, "4", budget_cents=500_000, end=DAY + timedelta(days=180)
        ),
    ],
    comment="Verwezen na spreekuur.",
)


@pytest.mark.parametrize(
    ("kind", "xml", "item"),
    [
        ("JW306", START, "StartProduct"),
        ("JW308", STOP, "StopProduct"),
        ("JW316", REQUEST, "AangevraagdProduct"),
    ],
)
def test_every_kind_of_return_passes_its_schema(kind, xml, item):
    heen = {"JW306": "JW305", "JW308": "JW307", "JW316": "JW315"}[kind]
    assert valid(heen, xml)
    count = len(etree.fromstring(xml).findall(f".//{{*}}{item}"))
    accepted = _returned(kind, xml)
    technical = _returned(kind, xml, header_codes=["0001"])
    duplicate = _returned(kind, xml, header_codes=["9056"])
    per_item = _returned(
        kind,
        xml,
        header_codes=["0200"],
        class_codes={"Client": [["0200"]], item: [["9019"]] + [["0200"]] * (count - 1)},
    )
    for message in (accepted, technical, duplicate, per_item):
        assert valid(kind, message)
    root = etree.fromstring(per_item)
    assert root.findtext("{*}Header/{*}BerichtCode") == build.MESSAGE_CODE[kind]
    assert root.findtext("{*}Header/{*}IdentificatieRetour") == "WT0000000099"
    # The received header is kept: its identification, sender and receiver.
    assert root.findtext("{*}Header/{*}BerichtIdentificatie/{*}Identificatie") == "AB-2026-001"
    assert root.findtext("{*}Header/{*}Afzender") == "12345678"
    codes = [c.text for c in root.iter("{*}RetourCode")]
    # Document order: the header's code, each item's, then the client's own (its last).
    assert codes[0] == "0200" and codes[1] == "9019" and codes[-1] == "0200"
    assert etree.fromstring(accepted).find("{*}Client") is None
    assert etree.fromstring(accepted).find("{*}Header/{*}RetourCodes") is None


def test_a_providers_return_on_an_allocation_passes_its_schema():
    allocation = build.jw301(HEADER, CLIENTS[1], PRODUCTS[1])
    codes = {
        "Client": [["0200"]],
        "Relatie": [["0200"], ["0200"]],
        "Contact": [["0200"]] * 3,
        "ToegewezenProduct": [["0200"], ["9332"]],
    }
    assert valid("JW302", _returned("JW302", allocation, header_codes=["0200"], class_codes=codes))
    assert valid("JW302", _returned("JW302", allocation))


def test_codes_in_messages_have_their_width():
    assert in_message("WJ756", "4") == "04" and in_message("WJ001", "1") == "0001"
    assert in_message("WJ001", "S300") == "S300" and in_message("JZ020", "45") == "45"
    assert from_message("WJ001", "0001") == "1" and from_message("JZ588", "02") == "2"
    assert from_message("WJ756", "99") == "99"


def test_house_numbers_are_split_for_the_address():
    assert split_house_number("12") == (12, "", "")
    assert split_house_number("12a") == (12, "a", "")
    assert split_house_number("12 - 3") == (12, "", "3")
    assert split_house_number("") is None and split_house_number("a12") is None


def test_without_schemas_a_message_is_not_schema_checked(settings):
    settings.IJW_XSD_DIR = ""
    result = schema.validate("JW301", build.jw301(HEADER, CLIENTS[0], PRODUCTS[0]))
    assert not result.checked and result.valid is None


def test_the_release_with_only_Basisschema_xsd_works(tmp_path, settings):
    for path in SHARED_XSD.iterdir():
        if path.name != "basisschema.xsd":
            (tmp_path / path.name).write_bytes(path.read_bytes())
    settings.IJW_XSD_DIR = str(tmp_path)
    assert valid("JW305", START)


def test_schema_errors_do_not_show_values():
    wrong = START.replace(b"999990020", b"99999002")
    result = schema.validate("JW305", wrong)
    assert result.errors and all("99999002" not in error for error in result.errors)


def test_entities_are_not_resolved(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("geheim")
    evil = (
        f'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY s SYSTEM "file://{secret}">]><x>&s;</x>'
    ).encode()
    assert b"geheim" not in etree.tostring(read_xml(evil))
