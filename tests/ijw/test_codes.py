"""The project's own copy of the national code lists matches the iJw 3.2 release."""

import csv
from pathlib import Path

import pytest

from wijkteam.ijw.codes import choices, code_list, describe, is_valid

SHARED = Path(__file__).resolve().parents[3] / "shared" / "ijw" / "codes" / "codes-in-messages.csv"


def test_closure_reasons_and_product_categories():
    assert describe("JZ588", "31") == "Levering is volgens plan beeindigd."
    assert is_valid("JZ020", "43") and is_valid("JZ020", "44") and not is_valid("JZ020", "99")
    assert describe("WJ756", "4") == "Uur"
    assert describe("JZ588", "999") == "999"


def test_choices_leave_out_withdrawn_codes_and_keep_the_asked_order():
    codes = [code for code, _ in choices("JZ002")]
    assert "1" not in codes  # "Administratieve correctie (vervallen)"
    assert codes[:2] == ["2", "3"]
    assert [c for c, _ in choices("JZ588", codes=("34", "31"))] == ["34", "31"]


def test_unknown_list_is_an_error():
    with pytest.raises(KeyError):
        code_list("XX999")


@pytest.mark.skipif(not SHARED.exists(), reason="needs ../shared/ijw beside the project")
def test_every_code_is_the_release_code():
    release = {}
    with SHARED.open(encoding="utf-8-sig") as handle:
        for row in csv.DictReader(handle):
            release[(row["Codelijst"].split(":")[0], row["Code"].strip())] = row[
                "Documentatie"
            ].strip()
    for name in ("JZ020", "JZ588", "WJ756", "WMO757", "COD327", "WJ001"):
        for code, entry in code_list(name).items():
            assert release[(name, code)] == entry.description
