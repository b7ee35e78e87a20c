"""classify_query: the kind of search, from the shape of what was typed."""

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from wijkteam.search.rules import EXACT_KINDS, QueryKind, classify_query, split_address

K = QueryKind


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # BSN: 9 digits, with the separators people type
        ("123456782", (K.BSN, "123456782")),
        (" 1234 56 782 ", (K.BSN, "123456782")),
        ("123.456.782", (K.BSN, "123456782")),
        ("123-456-782", (K.BSN, "123456782")),
        ("123456781", (K.BSN, "123456781")),  # fails the 11-check: still read as a BSN
        # birth dates, Dutch and ISO
        ("1-6-2015", (K.BIRTH_DATE, "2015-06-01")),
        ("01-06-2015", (K.BIRTH_DATE, "2015-06-01")),
        ("1/6/2015", (K.BIRTH_DATE, "2015-06-01")),
        ("01.06.2015", (K.BIRTH_DATE, "2015-06-01")),
        ("2015-06-01", (K.BIRTH_DATE, "2015-06-01")),
        ("29-2-2016", (K.BIRTH_DATE, "2016-02-29")),
        ("29-2-2015", (K.UNRECOGNISED, "29-2-2015")),  # no such day
        ("31-13-2015", (K.UNRECOGNISED, "31-13-2015")),
        ("1-6/2015", (K.UNRECOGNISED, "1-6/2015")),  # mixed separators
        # case and registration references, any case, spaces forgiven
        ("WT-2026-000001", (K.CASE_REFERENCE, "WT-2026-000001")),
        ("wt-2026-000001", (K.CASE_REFERENCE, "WT-2026-000001")),
        (" Wt 2026 000001 ", (K.CASE_REFERENCE, "WT-2026-000001")),
        ("WT2026000001", (K.CASE_REFERENCE, "WT-2026-000001")),
        ("AM-2026-000045", (K.REGISTRATION_REFERENCE, "AM-2026-000045")),
        ("am-2026-000045", (K.REGISTRATION_REFERENCE, "AM-2026-000045")),
        # addresses: postcode, optionally with a house number and addition
        ("8011AB", (K.ADDRESS, "8011AB")),
        ("8011 ab", (K.ADDRESS, "8011AB")),
        ("8011AB 12", (K.ADDRESS, "8011AB 12")),
        ("8011 AB 12", (K.ADDRESS, "8011AB 12")),
        ("8011AB12", (K.ADDRESS, "8011AB 12")),
        ("8011 AB, 12", (K.ADDRESS, "8011AB 12")),
        ("8011ab 12a", (K.ADDRESS, "8011AB 12A")),
        ("8011AB 12-2", (K.ADDRESS, "8011AB 12-2")),
        ("0811AB", (K.NAME, "0811AB")),  # postcodes never start with 0
        # names: anything else with a letter
        ("Jansen", (K.NAME, "Jansen")),
        ("de  Vries ", (K.NAME, "de Vries")),
        ("Noor Achternaam1", (K.NAME, "Noor Achternaam1")),
        ("Özdemir", (K.NAME, "Özdemir")),
        ("WT-2026", (K.NAME, "WT-2026")),
        ("Jo", (K.NAME, "Jo")),
        # too short, or not recognisable
        ("", (K.TOO_SHORT, "")),
        ("   ", (K.TOO_SHORT, "")),
        ("J", (K.TOO_SHORT, "J")),
        (" J ", (K.TOO_SHORT, "J")),
        ("12345678", (K.UNRECOGNISED, "12345678")),
        ("1234567890", (K.UNRECOGNISED, "1234567890")),
        ("8011", (K.UNRECOGNISED, "8011")),
        ("?!", (K.UNRECOGNISED, "?!")),
        ("١٢٣٤٥٦٧٨٢", (K.UNRECOGNISED, "١٢٣٤٥٦٧٨٢")),  # only ASCII digits count
    ],
)
def test_examples(text, expected):
    assert classify_query(text) == expected


def test_only_bsn_and_case_reference_are_exact():
    assert {K.BSN, K.CASE_REFERENCE} == EXACT_KINDS


def test_split_address():
    assert split_address("8011AB 12") == ("8011AB", "12")
    assert split_address("8011AB") == ("8011AB", "")


@given(st.text(max_size=120))
def test_never_raises_and_the_normalised_form_is_stable(text):
    kind, normalised = classify_query(text)
    assert isinstance(kind, QueryKind)
    if kind != K.TOO_SHORT:
        assert classify_query(normalised) == (kind, normalised)


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31)), st.data())
def test_every_written_form_of_a_date_is_that_birth_date(day, data):
    separator = data.draw(st.sampled_from("-/."))
    padded = data.draw(st.booleans())
    d, m = (f"{day.day:02d}", f"{day.month:02d}") if padded else (str(day.day), str(day.month))
    dutch = f"{d}{separator}{m}{separator}{day.year:04d}"
    assert classify_query(dutch) == (K.BIRTH_DATE, day.isoformat())
    assert classify_query(day.isoformat()) == (K.BIRTH_DATE, day.isoformat())


@given(st.text(alphabet="0123456789", min_size=9, max_size=9), st.data())
def test_nine_digits_with_separators_are_a_bsn(digits, data):
    separators = [data.draw(st.sampled_from(["", "", " ", ".", "-"])) for _ in range(8)]
    typed = digits[0] + "".join(s + c for s, c in zip(separators, digits[1:], strict=True))
    assert classify_query(typed) == (K.BSN, digits)


@given(
    st.sampled_from(["WT", "AM"]),
    st.integers(2000, 2099),
    st.integers(0, 999_999),
    st.data(),
)
def test_references_in_any_case(prefix, year, number, data):
    reference = f"{prefix}-{year}-{number:06d}"
    typed = "".join(c.lower() if data.draw(st.booleans(), label="lower") else c for c in reference)
    kind = K.CASE_REFERENCE if prefix == "WT" else K.REGISTRATION_REFERENCE
    assert classify_query(typed) == (kind, reference)


@given(
    st.integers(1000, 9999),
    st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZ", min_size=2, max_size=2),
    st.one_of(st.none(), st.integers(1, 99999)),
    st.booleans(),
)
def test_postcodes_with_or_without_number(area, letters, number, spaced):
    typed = f"{area}{' ' if spaced else ''}{letters.lower()}"
    expected = f"{area}{letters}"
    if number is not None:
        typed += f" {number}"
        expected += f" {number}"
    assert classify_query(typed) == (K.ADDRESS, expected)


@given(st.text(alphabet="abcdefghijklmnopqrstuvwxyzéëïö -'", min_size=2, max_size=40))
def test_words_are_names_and_never_exact(text):
    kind, _normalised = classify_query(text)
    assert kind not in EXACT_KINDS
    assert kind in (K.NAME, K.TOO_SHORT, K.UNRECOGNISED)
