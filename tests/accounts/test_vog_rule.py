"""The VOG rule: who may be given youth cases. Boundaries first, then properties."""

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from wijkteam.accounts.rules import certificate_valid_until, may_receive_youth_cases
from wijkteam.core.rules import add_months

TODAY = date(2026, 11, 22)


def verdict(*issued, today=TODAY, months=36, warning_days=60):
    return may_receive_youth_cases(
        list(issued), today=today, validity_months=months, warning_days=warning_days
    )


def test_no_certificate_is_refused_with_reason():
    result = verdict()
    assert not result.allowed
    assert result.codes == ("vog_missing",)
    assert "VOG" in result.message


def test_issued_today_is_current():
    assert verdict(TODAY).allowed


def test_last_day_of_validity_is_still_current():
    issued = date(2023, 11, 23)  # valid until (not including) 2026-11-23
    assert certificate_valid_until(issued, 36) == date(2026, 11, 23)
    assert verdict(issued).allowed


def test_exactly_validity_period_ago_is_expired():
    issued = date(2023, 11, 22)
    result = verdict(issued)
    assert not result.allowed
    assert result.codes == ("vog_expired",)
    assert "22 november 2023" in result.message or "November 22, 2023" in result.message


def test_configurable_period():
    issued = date(2025, 11, 22)
    assert not verdict(issued, months=12).allowed
    assert verdict(issued, months=13).allowed


def test_most_recent_certificate_counts():
    assert verdict(date(2019, 1, 1), date(2025, 1, 1)).allowed


def test_future_certificate_alone_is_refused_as_data_error():
    result = verdict(TODAY + timedelta(days=1))
    assert result.codes == ("vog_issued_in_future",)


def test_future_certificate_does_not_hide_an_expired_one():
    result = verdict(date(2020, 1, 1), TODAY + timedelta(days=3))
    assert result.codes == ("vog_expired",)


def test_warning_inside_warning_window_but_still_allowed():
    issued = add_months(TODAY, -36) + timedelta(days=60)  # expires in exactly 60 days
    result = verdict(issued)
    assert result.allowed
    assert [w.code for w in result.warnings] == ["vog_expiring"]


def test_no_warning_just_outside_window():
    issued = add_months(TODAY, -36) + timedelta(days=61)
    result = verdict(issued)
    assert result.allowed and not result.warnings


def test_add_months_clamps_to_month_end():
    assert add_months(date(2024, 2, 29), 12) == date(2025, 2, 28)
    assert add_months(date(2024, 1, 31), 1) == date(2024, 2, 29)
    assert add_months(date(2024, 5, 31), -3) == date(2024, 2, 29)


@given(
    issued=st.dates(min_value=date(2000, 1, 1), max_value=date(2030, 12, 31)),
    today=st.dates(min_value=date(2000, 1, 1), max_value=date(2030, 12, 31)),
    months=st.integers(min_value=1, max_value=120),
)
def test_allowed_exactly_while_inside_validity(issued, today, months):
    result = verdict(issued, today=today, months=months, warning_days=0)
    inside = issued <= today < add_months(issued, months)
    assert result.allowed == inside
    assert result.allowed or result.reasons
