"""The KPI rules: pure functions of counts, what may be shown, and the periods."""

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from wijkteam.insights import rules
from wijkteam.insights.measures import MEASURES
from wijkteam.insights.periods import default_period, parse_period, period_choices
from wijkteam.insights.rules import Counts, Disclosure, count, mean, money, protect, share, show
from wijkteam.partners.rules import Coverage

ANALYST = Disclosure(5)
LEAD = Disclosure(5, exact=True)


def counts(**values) -> Counts:
    """Counts from keyword arguments: `a__b="x"` → measure "a.b"; a dict value is keyed."""
    found = {}
    for name, value in values.items():
        measure = name.replace("__", ".")
        if isinstance(value, dict):
            found.update({(measure, str(k)): n for k, n in value.items()})
        else:
            found[(measure, "")] = value
    return Counts(found, MEASURES)


# --- What may be shown ----------------------------------------------------------------


def test_small_counts_are_suppressed_for_the_analyst_not_for_the_lead():
    assert show(count(3), ANALYST).text == "<5" and show(count(3), ANALYST).number is None
    assert show(count(3), LEAD).text == "3"
    assert show(count(0), ANALYST).text == "0"  # zero identifies nobody
    assert show(count(5), ANALYST).text == "5"


def test_a_share_of_a_small_count_is_not_shown():
    assert show(share(12, 20), ANALYST).text == "60%"
    assert show(share(3, 20), ANALYST).text == "–"  # the part is small
    assert show(share(18, 20), ANALYST).text == "–"  # the rest (2) is small
    assert show(share(3, 4), ANALYST).text == "–"  # the whole is small
    assert show(share(0, 20), ANALYST).text == "0%"
    assert show(share(20, 20), ANALYST).text == "100%"
    assert show(share(3, 20), LEAD).text == "15%"
    assert show(share(0, 0), LEAD).text == "–"  # nothing to divide by


def test_a_mean_or_an_amount_of_few_items_is_not_shown():
    assert show(mean(23, 3), ANALYST).text == "–"
    assert show(mean(23, 3), LEAD).text == "7,7"
    assert show(mean(100, 10), ANALYST).text == "10,0"
    assert show(money(123456789, 7), ANALYST).text == "€ 1.234.568"
    assert show(money(100, 2), ANALYST).text == "–"


def test_organisations_are_not_suppressed():
    assert show(share(1, 3, protected=False), ANALYST).text == "33%"


def test_change_against_the_previous_period():
    assert rules.change(count(12), count(9), ANALYST).text == "+3"
    assert rules.change(count(9), count(12), ANALYST).text == "−3"
    assert rules.change(count(12), count(3), ANALYST).text == "–"  # one side is suppressed
    assert rules.change(share(10, 20), share(6, 20), ANALYST).text == "+20 %-punt"
    assert rules.change(mean(50, 10), mean(40, 10), ANALYST).text == "+1,0"


def test_complementary_suppression_in_a_breakdown():
    cells = protect([20, 3, 9, 40], ANALYST)
    assert [c.text for c in cells] == ["20", "<5", "x", "40"]  # 9 would give 3 away
    assert [c.text for c in protect([20, 3, 2, 40], ANALYST)] == ["20", "<5", "<5", "40"]
    assert [c.text for c in protect([20, 3, 0, 40], LEAD)] == ["20", "3", "0", "40"]
    assert [c.text for c in protect([3, 0], ANALYST)] == ["<5", "0"]  # nothing else to hide


@given(st.lists(st.integers(min_value=0, max_value=60), min_size=1, max_size=12))
def test_no_single_small_count_can_be_worked_out_from_the_total(values):
    cells = protect(values, ANALYST)
    hidden = [i for i, cell in enumerate(cells) if cell.number is None]
    small = [i for i, n in enumerate(values) if 0 < n < 5]
    assert set(small) <= set(hidden)
    # The total minus what is shown is never one small count on its own (unless the
    # total is itself that small count, and so suppressed too).
    hidden_non_zero = [i for i in hidden if values[i]]
    assert len(hidden_non_zero) != 1 or sum(values) < 5


# --- One function per KPI ------------------------------------------------------------------


def _figures(kpi) -> dict[str, str]:
    return {i.code: show(i.figure, LEAD).text for i in kpi.indicators}


def test_awareness():
    c = counts(
        intakes=40,
        intakes__referrer={"self": 10, "network": 6, "school": 24},
        intakes__channel={"school_support_team": 8, "gp_practice": 4, "medical_specialist": 1},
    )
    cover = (Coverage(10, 10, 100), Coverage(10, 8, 90))
    found = _figures(rules.awareness(c, cover))
    assert found == {
        "registrations": "40",
        "self_found": "40%",
        "fixed_faces": "20%",
        "direct_referral": "13%",  # 5 of 40: one in eight (DOMAIN §3.1), rounded half up
        "schools_covered": "100%",
        "gp_practices_covered": "80%",
    }
    assert _figures(rules.awareness(c))["schools_covered"] == "–"  # the past: no coverage


def test_reachability():
    c = counts(
        intakes=20,
        intakes__channel={"online": 9, "phone": 5, "walk_in": 1},
        intakes__outside_office_hours=6,
    )
    found = _figures(rules.reachability(c))
    assert (found["online"], found["outside_office_hours"], found["phone_walk_in"]) == (
        "45%",
        "30%",
        "30%",
    )


def test_waiting_time():
    c = counts(
        cases__registered=12,
        cases__first_contact__on_time=8,
        cases__first_contact__late=1,
        cases__first_contact__overdue=1,
        cases__first_contact__days=27,
        cases__triaged=10,
        cases__triage__days=15,
        cases__triage_outcome={"case": 6, "advice": 4},
    )
    found = _figures(rules.waiting_time(c))
    assert found["first_contact_on_time"] == "80%"
    assert found["days_to_first_contact"] == "3,0"  # 27 days over 9 contacts
    assert found["days_to_triage"] == "1,5"
    assert found["triage_case"] == "60%"


def test_support_while_waiting():
    c = counts(cases__breached=8, cases__breached__supported=6, support_while_waiting__given=9)
    assert _figures(rules.support_while_waiting(c)) == {
        "breached": "8",
        "supported": "75%",
        "given": "9",
    }


def test_throughput():
    c = counts(
        cases__closed=10,
        cases__closed__days=1000,
        cases__closed__at_triage=4,
        cases__closed__at_triage__days=8,
        cases__closed__within_3m=5,
        cases__closed__over_12m=2,
    )
    found = _figures(rules.throughput(c))
    assert found["days_closed"] == "100,0"
    assert found["days_closed_at_triage"] == "2,0"
    assert found["days_closed_worked"] == "165,3"  # 992 / 6
    assert (found["within_3_months"], found["over_a_year"]) == ("50%", "20%")


def test_client_experience():
    c = counts(survey__score={"4": 1, "8": 2, "10": 1}, survey__invited=8, survey__answered=4)
    found = _figures(rules.client_experience(c))
    assert found["mean_mark"] == "7,5"
    assert (found["high"], found["low"], found["response"]) == ("75%", "25%", "50%")


def test_complaints():
    c = counts(
        complaints__received=6,
        complaints__decided=4,
        complaints__on_time=3,
        complaints__well_founded=1,
        complaints__extended=1,
    )
    found = _figures(rules.complaints(c))
    assert (found["on_time"], found["well_founded"], found["extended"]) == ("75%", "25%", "1")


def test_effectiveness():
    c = counts(
        closures=4,
        closures__reason={"31": 3, "34": 1},
        goals__result={"reached": 5, "partly": 3, "not_reached": 2},
        repeated_call=2,
        cases__registered=20,
        care__stopped__reason={"31": 1, "32": 1},
    )
    found = _figures(rules.effectiveness(c))
    assert found["plans_according_to_plan"] == "75%"
    assert (found["goals_reached"], found["goals_partly"]) == ("50%", "30%")
    assert found["repeated_call"] == "10%"
    assert found["care_according_to_plan"] == "50%"


def test_efficiency():
    c = counts(
        weighings__level={"advice": 2, "community": 3, "own_support": 3, "customised_care": 2},
        cases__triaged=10,
        cases__triage_outcome={"advice": 3, "community": 1, "case": 6},
        decisions__profile={"H2": 2, "": 1},
        decisions__cost__profile={"H2": 300000, "": 60050},
    )
    found = _figures(rules.efficiency(c))
    assert (found["solved_lightly"], found["customised_care"]) == ("80%", "20%")
    assert found["front_door"] == "40%"
    assert found["cost"] == "€ 3.601"  # € 3.600,50, rounded half up
    assert found["cost_per_decision"] == "€ 1.200"


def test_process_quality():
    c = counts(
        cases__closed__worked=10,
        cases__closed__worked__safety=9,
        cases__closed__worked__agreed_plan=7,
        children=12,
        children__spoken_to=9,
        children__reason=2,
        evaluations=5,
        evaluations__team_present=4,
        decisions__issued=4,
        decisions__within_year=4,
    )
    found = _figures(rules.process_quality(c))
    assert found == {
        "worked": "10",
        "safety": "90%",
        "child_voice": "92%",
        "plan_agreed": "70%",
        "team_at_evaluations": "80%",
        "decisions_within_year": "100%",
    }


def test_ten_kpis_in_the_order_of_the_assignment():
    codes = [kpi.code for kpi in rules.kpis(counts())]
    assert codes == [
        "awareness",
        "reachability",
        "waiting_time",
        "support_while_waiting",
        "throughput",
        "client_experience",
        "complaints",
        "effectiveness",
        "efficiency",
        "process_quality",
    ]


def test_a_kpi_cannot_read_a_measure_that_does_not_exist():
    with pytest.raises(KeyError):
        counts().get("no.such.measure")


def test_outcome_row():
    row = rules.outcome_row(
        "x",
        {"31": 6, "32": 2, "34": 1, "39": 1},
        registered=20,
        repeated=5,
        marks={"8": 3, "6": 1},
        goals={"reached": 3, "partly": 1},
    )
    assert show(row.ended, LEAD).text == "10"
    assert show(row.according_to_plan, LEAD).text == "60%"
    assert show(row.ended_early, LEAD).text == "30%"
    assert show(row.one_sided_by_client, LEAD).text == "20%"
    assert show(row.repeated_call, LEAD).text == "25%"
    assert show(row.satisfaction, LEAD).text == "7,5"
    assert show(row.goals_reached, LEAD).text == "75%"
    assert show(rules.outcome_row("y", {"31": 1}).satisfaction, LEAD).text == "–"


# --- Periods --------------------------------------------------------------------------------


def test_periods_and_the_previous_one():
    assert parse_period("2026").start == date(2026, 1, 1)
    assert parse_period("2026").previous().code == "2025"
    assert parse_period("2026-K1").previous().code == "2025-K4"
    assert parse_period("2026-q2").code == "2026-K2"
    assert parse_period("2026-01").previous().code == "2025-12"
    assert parse_period("2026-03").end == date(2026, 4, 1)
    assert parse_period("2026-K3").months() == [
        date(2026, 7, 1),
        date(2026, 8, 1),
        date(2026, 9, 1),
    ]
    for wrong in ("", "26", "2026-13", "2026-K5", "1999", "2026-3"):
        assert parse_period(wrong) is None, wrong
    assert default_period(date(2026, 12, 7)).code == "2026"


def test_period_choices_stop_at_today():
    groups = period_choices(date(2026, 4, 15), years_back=1)
    codes = [code for _year, options in groups for code, _label in options]
    assert "2026-04" in codes and "2026-05" not in codes and "2026-K2" in codes
    assert "2026-K3" not in codes and "2025-12" in codes and codes[0] == "2026"
