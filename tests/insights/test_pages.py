"""The figures pages, their exports and the API: the same numbers as the rules give,
small counts suppressed for the analyst in pages AND exports, exact for the team lead's
own district; no person ever shown to an analyst; constant query counts."""

import csv
import io
from datetime import date

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from wijkteam.accounts.roles import Role
from wijkteam.insights.snapshot import refresh
from wijkteam.people.models import Household, Resident
from wijkteam.providers.models import Provider

from ..registry_insights import PAGES
from . import known

MARCH_NOORD = {"period": "2026-03", "district": "noord"}
ON_TIME = "First contact within the norm (of the cases whose norm has passed)"


@pytest.fixture
def figures(world, settings):
    data = known.build(world)
    refresh(date(2026, 1, 1), known.APRIL, today=known.TODAY)
    settings.LANGUAGE_CODE = "en"
    return data


def _english(client):
    client.cookies["django_language"] = "en"
    return client


def _row(page, label: str) -> list[str]:
    for section in page.sections:
        for table in section.tables:
            for row_label, cells in table.rows:
                if row_label == label:
                    return [str(cell) for cell in cells]
    raise AssertionError(f"no row {label!r}")


def test_the_analyst_sees_suppressed_figures(world, client_as, figures):
    client = _english(client_as(Role.ANALYST))
    response = client.get(reverse("insights:dashboard"), MARCH_NOORD)
    assert response.status_code == 200
    page = response.context["page"]
    # March: 3 of 5 on time (a small part, so no share); February: 1 case.
    assert _row(page, ON_TIME) == ["–", "–", "–"]
    assert _row(page, "Cases registered") == ["5", "<5", "–"]
    assert _row(page, "Still no first contact, norm passed") == ["<5", "0", "–"]
    html = response.content.decode()
    assert "&lt;5" in html and "60%" not in html


def test_the_team_lead_sees_their_own_district_exactly(world, client_as, figures):
    client = _english(client_as(Role.TEAM_LEAD))
    page = client.get(reverse("insights:dashboard"), MARCH_NOORD).context["page"]
    assert _row(page, ON_TIME) == ["60%", "100%", "−40 pp"]
    assert _row(page, "Cases registered") == ["5", "1", "+4"]
    # Another district, or all of them: suppressed like everyone else.
    other = client.get(reverse("insights:dashboard"), {"period": "2026-03", "district": "zuid"})
    assert _row(other.context["page"], "Cases registered") == ["<5", "0", "–"]
    every = client.get(reverse("insights:dashboard"), {"period": "2026-03"})
    assert _row(every.context["page"], "Still no first contact, norm passed") == ["<5", "0", "–"]


def test_period_against_period_and_the_district_filter(world, client_as, figures):
    client = _english(client_as(Role.TEAM_LEAD))
    quarter = client.get(reverse("insights:dashboard"), {"period": "2026-Q1", "district": "noord"})
    assert _row(quarter.context["page"], "Cases registered") == ["7", "0", "+7"]
    html = quarter.content.decode()
    assert '<option value="2026-K1" selected>' in html  # "Q1" is read as "K1"
    assert '<option value="noord" selected>' in html
    selection = quarter.context["selection"]
    assert (selection.period.code, selection.previous.code) == ("2026-K1", "2025-K4")


def test_every_view_shows_charts_with_their_tables(world, client_as, figures):
    client = _english(client_as(Role.ANALYST))
    for route in PAGES:
        response = client.get(reverse(route), MARCH_NOORD)
        assert response.status_code == 200, route
        html = response.content.decode()
        assert html.count("<canvas") == html.count("wt-chart__table"), route
    cost = client.get(reverse("insights:cost_and_use"), MARCH_NOORD).content.decode()
    assert 'data-wt-chart="decisions-per-profile-data"' in cost
    assert "Decisions issued per profile: the numbers" in cost


def test_the_four_views_of_the_council_dashboard(world, client_as, figures):
    client = _english(client_as(Role.TEAM_LEAD))

    def page(route):
        return client.get(reverse(route), MARCH_NOORD).context["page"]

    use = page("insights:cost_and_use")
    assert _row(use, "Decisions issued") == ["2", "0", "+2"]
    assert _row(use, "Estimated cost of allocated care") == ["€ 3,501", "€ 0", "+€ 3,501"]
    assert _row(use, "Youth care stopped (reported by providers)") == ["2", "0", "+2"]
    reform = page("insights:reform")
    assert _row(reform, "Solved by advice, a community offer or the team's own support")[0] == "50%"
    assert _row(reform, "Heavy allocations (share of decisions)")[0] == "50%"
    assert _row(reform, "Own support started by the team")[0] == "1"
    assert _row(reform, "Falls under another law: Wlz (long-term care)") == ["1", "0"]
    effects = page("insights:societal_effects")
    assert _row(effects, "Goals reached at closure")[0] == "67%"
    assert _row(effects, "Help ended according to plan (the team's plans and youth care)")[0] == (
        "67%"  # the plan (31) and one of the two stops of care (31; the other 32)
    )
    assert _row(effects, "New cases that are a repeated call on help within 12 months")[0] == "20%"
    assert (
        _row(effects, "Young people turning 18 without a gap (transition checklist complete)")[0]
        == "50%"
    )
    quality = page("insights:experienced_quality")
    assert _row(quality, "Average mark")[0] == "7.3"
    marks = quality.sections[0].charts[0]
    assert dict(zip(marks.labels, marks.series[0].cells(), strict=True))["8"] == "1"


def test_outcome_indicators_per_group(world, client_as, figures):
    client = _english(client_as(Role.TEAM_LEAD))
    for by in ("district", "referrer", "profile", "provider"):
        response = client.get(reverse("insights:outcomes"), {**MARCH_NOORD, "by": by})
        assert response.status_code == 200
    page = client.get(reverse("insights:outcomes"), {**MARCH_NOORD, "by": "provider"}).context[
        "page"
    ]
    table = page.sections[0].tables[0]
    rows = {label: [str(c) for c in cells] for label, cells in table.rows}
    # Jeugdhulp De Brug: stopped according to plan; De Linde: one-sidedly by the client.
    assert rows["Jeugdhulp De Brug"][:4] == ["1", "100%", "0%", "0%"]
    assert rows["Kinderhuis De Linde"][:4] == ["1", "0%", "100%", "100%"]
    assert rows["The Sociaal Wijkteam (the team's own help)"][:2] == ["1", "100%"]
    assert rows["Total"][0] == "3"


def _csv(response) -> list[list[str]]:
    text = response.content.decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text), delimiter=";"))


def _xlsx(response):
    return load_workbook(io.BytesIO(response.content))


def test_exports_hold_the_page_as_shown_for_the_analyst(world, client_as, figures):
    client = _english(client_as(Role.ANALYST))
    url = reverse("insights:export", args=["kpis", "csv"])
    rows = _csv(client.get(url, MARCH_NOORD))
    assert ["Cases registered", "5", "<5", "–"] in rows
    assert ["Still no first contact, norm passed", "<5", "0", "–"] in rows
    assert [ON_TIME, "–", "–", "–"] in rows
    workbook = _xlsx(client.get(reverse("insights:export", args=["kpis", "xlsx"]), MARCH_NOORD))
    sheet = workbook["Waiting time and intake"]
    values = {row[0]: row[1:4] for row in sheet.iter_rows(min_row=3, values_only=True)}
    assert values["Cases registered"] == (5, "<5", "–")  # a number where it may be shown
    assert values["Still no first contact, norm passed"] == ("<5", 0, "–")
    assert values[ON_TIME] == ("–", "–", "–")
    about = {row[0]: row[1] for row in workbook["About these figures"].iter_rows(values_only=True)}
    assert about["District"] == "Noord" and about["Period"] == "March 2026"


def test_exports_are_exact_for_the_team_lead_of_the_district(world, client_as, figures):
    client = _english(client_as(Role.TEAM_LEAD))
    rows = _csv(client.get(reverse("insights:export", args=["kpis", "csv"]), MARCH_NOORD))
    assert [ON_TIME, "60%", "100%", "−40 pp"] in rows
    workbook = _xlsx(client.get(reverse("insights:export", args=["kpis", "xlsx"]), MARCH_NOORD))
    cell = next(
        row[1]
        for row in workbook["Waiting time and intake"].iter_rows(min_row=3)
        if row[0].value == ON_TIME
    )
    assert cell.value == 0.6 and cell.number_format == "0%"


def test_every_page_exports_as_csv_and_xlsx(world, client_as, figures):
    client = _english(client_as(Role.QUALITY_OFFICER))
    for key in ("kpis", "cost_and_use", "reform", "experienced_quality", "societal_effects"):
        for fmt, kind in (("csv", "text/csv"), ("xlsx", "spreadsheetml")):
            response = client.get(reverse("insights:export", args=[key, fmt]), MARCH_NOORD)
            assert response.status_code == 200 and kind in response["Content-Type"], (key, fmt)
            assert response["Content-Disposition"].startswith("attachment;")
    outcomes = client.get(
        reverse("insights:export", args=["outcomes", "csv"]), {**MARCH_NOORD, "by": "referrer"}
    )
    assert outcomes.status_code == 200
    assert client.get(reverse("insights:export", args=["nothing", "csv"])).status_code == 404
    assert client.get(reverse("insights:export", args=["kpis", "pdf"])).status_code == 404


def test_a_formula_in_a_providers_name_stays_text_in_the_exports(world, client_as, figures):
    Provider.objects.filter(name="Jeugdhulp De Brug").update(name='=HYPERLINK("x","y")')
    client = _english(client_as(Role.TEAM_LEAD))
    query = {**MARCH_NOORD, "by": "provider"}
    rows = _csv(client.get(reverse("insights:export", args=["outcomes", "csv"]), query))
    assert any(row and row[0] == '\'=HYPERLINK("x","y")' for row in rows)
    workbook = _xlsx(client.get(reverse("insights:export", args=["outcomes", "xlsx"]), query))
    cells = [row[0] for sheet in workbook for row in sheet.iter_rows() if row[0].value]
    found = [c for c in cells if "HYPERLINK" in str(c.value)]
    assert found and all(c.data_type == "s" and c.value.startswith("'") for c in found)


def test_the_api_gives_the_kpis_as_the_pages_do(world, client_as, figures):
    client = _english(client_as(Role.ANALYST))
    body = client.get(reverse("api:kpis"), MARCH_NOORD).json()
    assert (body["period"], body["previous_period"], body["district"]) == (
        "2026-03",
        "2026-02",
        "noord",
    )
    assert body["exact"] is False and body["small_count_threshold"] == 5
    assert body["complete"] is True and body["computed_at"]
    waiting = next(k for k in body["kpis"] if k["code"] == "waiting_time")
    on_time = next(i for i in waiting["indicators"] if i["code"] == "first_contact_on_time")
    assert (on_time["value"], on_time["number"]) == ("–", None)
    overdue = next(i for i in waiting["indicators"] if i["code"] == "first_contact_overdue")
    assert (overdue["value"], overdue["number"], overdue["previous"]) == ("<5", None, "0")
    lead = _english(client_as(Role.TEAM_LEAD)).get(reverse("api:kpis"), MARCH_NOORD).json()
    waiting = next(k for k in lead["kpis"] if k["code"] == "waiting_time")
    on_time = next(i for i in waiting["indicators"] if i["code"] == "first_contact_on_time")
    assert (lead["exact"], on_time["value"], on_time["number"]) == (True, "60%", 60.0)


@pytest.mark.parametrize(
    "query", [{"period": "2099"}, {"period": "maart"}, {"district": "nergens"}]
)
def test_the_api_refuses_a_period_or_district_it_does_not_know(world, client_as, query):
    response = client_as(Role.ANALYST).get(reverse("api:kpis"), query)
    assert response.status_code == 400 and response.json()["code"] == "invalid"


def test_a_page_with_an_unknown_period_shows_the_current_year(world, client_as):
    response = client_as(Role.ANALYST).get(reverse("insights:dashboard"), {"period": "2099"})
    assert response.status_code == 200
    assert response.context["selection"].period.kind == "year"


def test_analysts_never_see_a_person(world, client_as, figures):
    """No name, BSN, case reference, family name or staff name on any page, export or API
    answer the analyst can reach."""
    client = client_as(Role.ANALYST)
    answers = []
    for query in (MARCH_NOORD, {"period": "2026"}, {"period": "2026-K1"}):
        for route in PAGES:
            answers.append(client.get(reverse(route), query))
        for by in ("referrer", "profile", "provider", "district"):
            answers.append(client.get(reverse("insights:outcomes"), {**query, "by": by}))
            for fmt in ("csv", "xlsx"):
                url = reverse("insights:export", args=["outcomes", fmt])
                answers.append(client.get(url, {**query, "by": by}))
        for key in ("kpis", "cost_and_use", "reform", "experienced_quality", "societal_effects"):
            for fmt in ("csv", "xlsx"):
                answers.append(client.get(reverse("insights:export", args=[key, fmt]), query))
        answers.append(client.get(reverse("api:kpis"), query))
    texts = []
    for response in answers:
        assert response.status_code == 200
        if response["Content-Type"].startswith("application/vnd.openxml"):
            workbook = _xlsx(response)
            texts.append(
                " ".join(
                    str(v)
                    for sheet in workbook
                    for row in sheet.iter_rows(values_only=True)
                    for v in row
                    if v is not None
                )
            )
        else:
            texts.append(response.content.decode("utf-8-sig"))
    text = "\n".join(texts)
    persons = [
        *(r.surname for r in Resident.objects.all()),
        *(r.bsn for r in Resident.objects.exclude(bsn=None)),
        *(h.name for h in Household.objects.all()),
        *(c.reference for c in figures.cases.values()),
        world.case.reference,
        # Staff, except the analyst themselves (signed in: their name is in the header).
        *(u.last_name for role, u in world.users.items() if role != Role.ANALYST),
    ]
    shown = [value for value in persons if value and value in text]
    assert not shown, f"an analyst saw: {shown}"
    # And no page of a person opens for them (the registry's role table covers every one).
    assert (
        client.get(reverse("people:household_detail", args=[world.household.pk])).status_code == 403
    )


def test_the_analyst_lands_on_the_dashboard_which_links_the_other_figures(world, client_as):
    client = client_as(Role.ANALYST)
    assert client.get(reverse("core:home"))["Location"] == reverse("insights:dashboard")
    html = client.get(reverse("insights:dashboard")).content.decode()
    for route in ("quality:figures", "allocation:figures", "core:figures", *PAGES[1:]):
        assert f'href="{reverse(route)}' in html, route


def test_figures_pages_run_a_constant_number_of_queries(
    world, client_as, figures, django_assert_max_num_queries
):
    client = client_as(Role.ANALYST)
    urls = [reverse(route) for route in PAGES] + [
        reverse("insights:export", args=["kpis", "xlsx"]),
        reverse("api:kpis"),
    ]
    counts = {}
    for url in urls:
        client.get(url, {"period": "2026"})
        with django_assert_max_num_queries(40) as captured:
            client.get(url, {"period": "2026"})
        counts[url] = len(captured.captured_queries)
    # Ten times the data in the same months: the same number of queries.
    for _ in range(3):
        known.build_more(world)
    refresh(date(2026, 1, 1), known.APRIL, today=known.TODAY)
    for url in urls:
        with django_assert_max_num_queries(counts[url]):
            assert client.get(url, {"period": "2026"}).status_code == 200
