"""The conftest sets `TODAY` again for each test of a module that asks for it, so a test
run that crosses midnight in Amsterdam compares today's date with the product's today."""

from datetime import date

from django.utils import timezone

TODAY = date(2000, 1, 1)  # as if the module had been imported long ago
TODAY_IS_LIVE = True


def test_today_is_the_day_the_test_runs():
    assert timezone.localdate() == TODAY
