"""Pure rules for partners: codes, who may be a fixed contact, coverage."""

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from wijkteam.core.rules import Reason, Verdict
from wijkteam.partners.rules import (
    ContactFacts,
    Coverage,
    fixed_contact_verdict,
    normalise_code,
    partner_code_problem,
)

TODAY = date(2026, 3, 2)


def test_codes():
    assert partner_code_problem("school", "12AB") is None
    assert partner_code_problem("school", "12ab00") is None
    assert partner_code_problem("school", "") is None
    assert partner_code_problem("school", "1234") is not None
    assert partner_code_problem("gp_practice", "0105 1234") is None
    assert partner_code_problem("gp_practice", "12AB") is not None
    assert partner_code_problem("other", "anything") is None
    assert normalise_code(" 12-ab.00 ") == "12AB00"


def _facts(**changes) -> ContactFacts:
    base = {
        "partner_active": True,
        "partner_district_id": 1,
        "staff_team_district_id": 1,
        "staff_active": True,
        "vog": Verdict(True),
        "starts_on": TODAY,
        "current_staff_id": None,
        "latest_starts_on": None,
        "latest_ends_on": None,
        "staff_id": 7,
    }
    base.update(changes)
    return ContactFacts(**base)


def test_a_team_member_with_a_current_vog_may_be_the_contact():
    assert fixed_contact_verdict(_facts()).allowed


def test_another_team_an_inactive_partner_and_a_missing_vog_are_refused():
    vog = Verdict(False, (Reason("vog_missing", "Geen VOG."),))
    verdict = fixed_contact_verdict(_facts(staff_team_district_id=2, partner_active=False, vog=vog))
    assert set(verdict.codes) == {
        "contact_other_team",
        "partner_inactive",
        "contact_needs_vog",
        "vog_missing",
    }


def test_periods_do_not_overlap_and_the_same_contact_is_not_assigned_twice():
    verdict = fixed_contact_verdict(
        _facts(current_staff_id=7, latest_starts_on=TODAY, starts_on=TODAY)
    )
    assert set(verdict.codes) == {"contact_unchanged", "contact_starts_too_early"}
    ended = _facts(latest_starts_on=date(2026, 1, 1), latest_ends_on=date(2026, 3, 5))
    assert fixed_contact_verdict(ended).codes == ("contact_starts_too_early",)
    assert fixed_contact_verdict(
        _facts(latest_starts_on=date(2026, 1, 1), latest_ends_on=date(2026, 3, 1))
    ).allowed


def test_ending_needs_a_current_contact():
    assert fixed_contact_verdict(_facts(staff_id=None)).codes == ("no_current_contact",)
    assert fixed_contact_verdict(
        _facts(staff_id=None, current_staff_id=3, latest_starts_on=date(2026, 1, 1))
    ).allowed


def test_coverage_against_the_target():
    gps = Coverage(total=10, covered=9, target_percent=90)
    assert gps.met and gps.percent == 90 and gps.missing == 0 and gps.label == "doel gehaald"
    short = Coverage(total=7, covered=6, target_percent=90)  # 85.7%
    assert not short.met and short.percent == 85 and short.missing == 1
    assert short.label == "doel niet gehaald"
    none = Coverage(total=0, covered=0, target_percent=100)
    assert none.met is None and none.percent is None


@given(
    total=st.integers(min_value=1, max_value=500),
    data=st.data(),
    target=st.integers(min_value=0, max_value=100),
)
def test_met_exactly_when_the_share_reaches_the_target(total, data, target):
    covered = data.draw(st.integers(min_value=0, max_value=total))
    figure = Coverage(total, covered, target)
    assert figure.met == (covered / total * 100 >= target - 1e-9)
    # Rounding down never shows a share at the target that does not meet it.
    assert figure.met or figure.percent < target
    # Covering the missing ones meets the target.
    assert Coverage(total, covered + figure.missing, target).met
