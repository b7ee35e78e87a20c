"""Fixtures for the public forms: a clean rate-limit counter and filled-in posts."""

import pytest
from django.core.cache import cache

VALID_BSN = "123456782"
OTHER_VALID_BSN = "111222333"


@pytest.fixture(autouse=True)
def clear_rate_limits():
    cache.clear()
    yield
    cache.clear()


def children_data(*children, total=None) -> dict:
    data = {
        "children-TOTAL_FORMS": str(total if total is not None else max(len(children), 1)),
        "children-INITIAL_FORMS": "0",
    }
    for index, (given_names, surname, birth_date) in enumerate(children):
        data[f"children-{index}-given_names"] = given_names
        data[f"children-{index}-surname"] = surname
        data[f"children-{index}-birth_date"] = birth_date
    return data


def self_registration_data(children=(("Emre", "Demir", "2013-09-01"),), **changes) -> dict:
    data = {
        "submitter": "parent",
        "given_names": "Ayşe",
        "surname": "Demir",
        "birth_date": "1985-03-04",
        "bsn": VALID_BSN,
        "postcode": "8011 AB",
        "house_number": "12",
        "phone": "06 12345678",
        "email": "",
        "help_question": "Onze zoon wil niet meer naar school en we weten niet wat we moeten doen.",
        "urgency": "regular",
        "consent_contact": "on",
        "consent_ask_others": "on",
        "website": "",
        "action": "send",
        **children_data(*children),
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def partner_data(children=(("Lotte", "Jansen", "2014-02-10"),), **changes) -> dict:
    data = {
        "referrer_organisation": "Basisschool De Klimop",
        "referrer_name": "Meester Bram",
        "referrer_role": "school",
        "referrer_phone": "038 1234567",
        "referrer_email": "bram@klimop.example",
        "parent_name": "Sanne Jansen",
        "postcode": "8011 CD",
        "house_number": "3a",
        "family_phone": "0687654321",
        "help_question": "Lotte is vaak afwezig en lijkt thuis veel zorgtaken te hebben.",
        "urgency": "urgent",
        "consent_confirmed": "on",
        "website": "",
        "action": "send",
        **children_data(*children),
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}
