"""Known data gives known numbers: every measure counted from the records of known.py,
stored by the refresh, and read back per period and district (team). The numbers below
are worked out by hand in known.py's comments."""

from datetime import date

import pytest

from wijkteam.insights import rules
from wijkteam.insights.models import FigureMonth, MonthlyFigure
from wijkteam.insights.periods import parse_period
from wijkteam.insights.snapshot import counts_by_team, counts_for, freshness, refresh
from wijkteam.providers.models import Profile, Provider

from . import known

EXACT = rules.Disclosure(5, exact=True)
SUPPRESSED = rules.Disclosure(5)


@pytest.fixture
def figures(world):
    data = known.build(world)
    refresh(date(2026, 1, 1), known.APRIL, today=known.TODAY)
    return data


def _march(world, team=None):
    team_ids = None if team is None else [team.pk]
    return counts_for(parse_period("2026-03"), team_ids)


def test_registrations_channels_and_office_hours(world, figures):
    c = _march(world, world.team)
    assert c.get("intakes") == 5
    assert c.keyed("intakes.channel") == {
        "online": 1,
        "phone": 1,
        "gp_practice": 1,
        "school_support_team": 1,
        "email": 1,
    }
    assert c.keyed("intakes.referrer") == {"self": 2, "network": 1, "gp": 1, "school": 1}
    assert c.get("intakes.outside_office_hours") == 2  # Saturday 11:00, Tuesday 20:00


def test_first_contact_norm_triage_and_support_while_waiting(world, figures):
    c = _march(world, world.team)
    assert c.get("cases.registered") == 5
    assert c.get("cases.first_contact.on_time") == 3
    assert c.get("cases.first_contact.late") == 1
    assert c.get("cases.first_contact.overdue") == 1
    assert c.get("cases.first_contact.days") == 3 + 6 + 0 + 1
    assert c.get("cases.breached") == 2
    assert c.get("cases.breached.supported") == 1
    assert c.get("support_while_waiting.given") == 1
    assert c.get("cases.triaged") == 3
    assert c.get("cases.triage.days") == 1 + 2 + 0
    assert c.keyed("cases.triage_outcome") == {"case": 2, "advice": 1}


def test_throughput_and_process_quality_of_closed_cases(world, figures):
    c = _march(world, world.team)
    assert c.get("cases.closed") == 3
    assert c.get("cases.closed.days") == 1 + 384 + 79
    assert c.get("cases.closed.at_triage") == 1
    assert c.get("cases.closed.at_triage.days") == 1
    assert c.get("cases.closed.within_3m") == 2
    assert c.get("cases.closed.3_12m") == 0
    assert c.get("cases.closed.over_12m") == 1
    assert c.get("cases.closed.worked") == 2
    assert c.get("cases.closed.worked.safety") == 1
    assert c.get("cases.closed.worked.agreed_plan") == 1
    assert (c.get("children"), c.get("children.spoken_to"), c.get("children.reason")) == (3, 1, 0)


def test_closures_goals_care_and_repeated_call(world, figures):
    c = _march(world, world.team)
    assert c.get("closures") == 1
    assert c.keyed("closures.reason") == {"31": 1}
    assert c.keyed("goals.result") == {"reached": 2, "partly": 1}
    assert c.keyed("goals.by_referrer") == {"self|reached": 2, "self|partly": 1}
    assert c.keyed("care.stopped.reason") == {"31": 1, "32": 1}
    medium = Profile.objects.get(kind="recovery", intensity="medium").code
    heavy = Profile.objects.get(kind="recovery", intensity="heavy").code
    assert c.keyed("care.stopped.by_profile") == {f"{medium}|31": 1, f"{heavy}|32": 1}
    brug = Provider.objects.get(name="Jeugdhulp De Brug").pk
    linde = Provider.objects.get(name="Kinderhuis De Linde").pk
    assert c.keyed("care.stopped.by_provider") == {f"{brug}|31": 1, f"{linde}|32": 1}
    assert c.get("repeated_call") == 1
    assert c.keyed("repeated_call.by_referrer") == {"self": 1}


def test_decisions_weighings_and_the_teams_own_help(world, figures):
    c = _march(world, world.team)
    medium = Profile.objects.get(kind="recovery", intensity="medium").code
    heavy = Profile.objects.get(kind="recovery", intensity="heavy").code
    assert c.get("decisions.issued") == 2
    assert c.keyed("decisions.profile") == {medium: 1, heavy: 1}
    assert c.keyed("decisions.cost.profile") == {medium: 100000, heavy: 250050}
    assert c.keyed("decisions.intensity") == {"medium": 1, "heavy": 1}
    assert c.get("decisions.within_year") == 1  # 15 March to 15 March is a day too long
    assert c.keyed("weighings.level") == {"advice": 1, "own_support": 1, "customised_care": 2}
    assert c.keyed("not_granted.reason") == {"other_law|wlz": 1}
    assert c.get("own_support.started") == 1
    assert c.get("community_referrals") == 1
    assert (c.get("evaluations"), c.get("evaluations.team_present")) == (2, 1)


def test_survey_complaints_and_turning_18(world, figures):
    c = _march(world, world.team)
    assert c.keyed("survey.score") == {"8": 1, "9": 1, "5": 1}
    assert (c.get("survey.invited"), c.get("survey.answered")) == (4, 3)
    assert c.get("complaints.received") == 1
    assert c.get("complaints.on_time") == 1
    assert c.get("complaints.well_founded") == 1
    assert (c.get("turned_18"), c.get("turned_18.without_gap")) == (2, 1)


def test_district_filter_and_all_districts(world, figures):
    zuid = _march(world, world.other_team)
    assert zuid.get("cases.registered") == 1
    assert zuid.keyed("cases.triage_outcome") == {"community": 1}
    assert zuid.get("cases.closed.at_triage") == 1
    # Answered at triage with a referral, the same day: that was the first contact.
    assert zuid.get("cases.first_contact.on_time") == 1
    assert zuid.get("cases.first_contact.days") == 0
    every = _march(world)
    assert every.get("cases.registered") == 6
    assert every.get("intakes") == 6
    assert every.keyed("intakes.channel")["online"] == 2
    by_team = counts_by_team(parse_period("2026-03"))
    assert by_team[world.team.pk].get("cases.registered") == 5
    assert by_team[world.other_team.pk].get("cases.registered") == 1


def test_period_filter_month_quarter_previous(world, figures):
    noord = [world.team.pk]
    assert counts_for(parse_period("2026-02"), noord).get("cases.registered") == 1
    assert counts_for(parse_period("2026-01"), noord).get("cases.registered") == 1
    # The quarter is the sum of its months.
    assert counts_for(parse_period("2026-K1"), noord).get("cases.registered") == 7
    assert parse_period("2026-03").previous() == parse_period("2026-02")
    assert counts_for(parse_period("2025-K4"), noord).get("cases.registered") == 0


def test_refresh_replaces_its_months_and_stamps_them(world, figures):
    before = MonthlyFigure.objects.count()
    refresh(date(2026, 3, 1), known.APRIL, today=known.TODAY)
    assert MonthlyFigure.objects.count() == before  # replaced, not added
    stamp = freshness(parse_period("2026-K1"), known.TODAY)
    assert stamp.complete and stamp.computed_at is not None
    assert set(FigureMonth.objects.values_list("month", flat=True)) >= {
        date(2026, 1, 1),
        date(2026, 2, 1),
        date(2026, 3, 1),
    }
    later = freshness(parse_period("2026-K2"), known.TODAY)
    assert later.missing == [date(2026, 4, 1)]


def test_the_kpis_of_march_for_team_noord(world, figures):
    c = _march(world, world.team)
    shown = {
        kpi.code: {i.code: rules.show(i.figure, EXACT).text for i in kpi.indicators}
        for kpi in rules.kpis(c)
    }
    assert shown["awareness"]["registrations"] == "5"
    assert shown["awareness"]["self_found"] == "60%"  # self 2 + network 1 of 5
    assert shown["awareness"]["direct_referral"] == "20%"
    assert shown["reachability"]["outside_office_hours"] == "40%"
    assert shown["waiting_time"]["first_contact_on_time"] == "60%"  # 3 of 5 due
    assert shown["waiting_time"]["days_to_first_contact"] == "2,5"  # 10 days over 4
    assert shown["support_while_waiting"]["supported"] == "50%"
    assert shown["throughput"]["days_closed"] == "154,7"  # 464 / 3
    assert shown["throughput"]["over_a_year"] == "33%"
    assert shown["client_experience"]["mean_mark"] == "7,3"  # 22 / 3
    assert shown["client_experience"]["response"] == "75%"
    assert shown["complaints"]["on_time"] == "100%"
    assert shown["effectiveness"]["goals_reached"] == "67%"
    assert shown["effectiveness"]["repeated_call"] == "20%"
    assert shown["effectiveness"]["care_according_to_plan"] == "50%"
    assert shown["efficiency"]["solved_lightly"] == "50%"
    assert shown["efficiency"]["cost"] == "€ 3.501"  # € 3.500,50
    assert shown["process_quality"]["safety"] == "50%"
    assert shown["process_quality"]["child_voice"] == "33%"
    assert shown["process_quality"]["team_at_evaluations"] == "50%"
    assert shown["process_quality"]["decisions_within_year"] == "50%"


def test_the_same_kpis_for_an_analyst_are_suppressed(world, figures):
    c = _march(world, world.team)
    shown = {
        kpi.code: {i.code: rules.show(i.figure, SUPPRESSED).text for i in kpi.indicators}
        for kpi in rules.kpis(c)
    }
    assert shown["awareness"]["registrations"] == "5"  # five is shown
    assert shown["waiting_time"]["first_contact_overdue"] == "<5"
    assert shown["waiting_time"]["first_contact_on_time"] == "–"  # 3 of 5: a small part
    assert shown["efficiency"]["cost"] == "–"  # two decisions
    assert shown["throughput"]["days_closed"] == "–"  # three cases


def test_the_command_and_the_nightly_job_compute_the_figures(world, capsys):
    from django.core.management import call_command

    known.build(world)
    call_command("refresh_figures", "--since", "2026-01", "--until", "2026-03")
    assert "3 month(s) computed" in capsys.readouterr().out
    assert counts_for(parse_period("2026-03"), [world.team.pk]).get("cases.registered") == 5
    call_command("refresh_figures", "--since", "2001-01", "--until", "2001-01")
    assert "may have been destroyed by retention" in capsys.readouterr().err
    call_command("run_scheduled_jobs")
    assert "figures: figures of 13 month(s) computed" in capsys.readouterr().out
