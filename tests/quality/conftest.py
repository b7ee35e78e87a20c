"""Fixtures for complaints and the survey: clean rate limits and a filled-in complaint."""

import pytest
from django.core.cache import cache
from django.utils import timezone

from wijkteam.audit.log import AuditContext
from wijkteam.quality.services import ComplaintInput, file_complaint


@pytest.fixture(autouse=True)
def clear_rate_limits():
    cache.clear()
    yield
    cache.clear()


def complaint_data(**changes) -> dict:
    data = {
        "complainant_name": "Petra de Vries",
        "relation": "child",
        "postcode": "8011 AB",
        "house_number": "12",
        "phone": "06 12345678",
        "email": "",
        "description": "De jeugdwerker kwam drie keer niet op de afspraak en belde niet af.",
        "incident_on": "",
        "desired_outcome": "Een andere jeugdwerker.",
        "reference_given": "",
        "website": "",
        "action": "send",
    }
    data.update(changes)
    return data


def make_complaint(case=None, received_on=None, **changes):
    complaint = file_complaint(
        AuditContext.system(),
        ComplaintInput(
            complainant_name=changes.pop("complainant_name", "Petra de Vries"),
            description=changes.pop("description", "Niet teruggebeld."),
            received_on=received_on or timezone.localdate(),
            postcode="8011AB",
            house_number="12",
            **changes,
        ),
    )
    if case is not None:
        complaint.case = case
        complaint.save(update_fields=["case"])
    return complaint
