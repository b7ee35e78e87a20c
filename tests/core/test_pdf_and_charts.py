"""The shared document and chart helpers."""

import io

import pytest
from django.template.loader import render_to_string
from pypdf import PdfReader

from wijkteam.core.charts import Chart, Series
from wijkteam.core.pdf import pdf_response, render_pdf


def pdf_text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def test_a_template_renders_to_a_pdf_with_its_text(settings):
    settings.WIJKTEAM_MUNICIPALITY_NAME = "Gemeente Proefdorp"
    pdf = render_pdf("pdf/base.html", {})
    assert pdf.startswith(b"%PDF-")
    text = pdf_text(pdf)
    assert "Gemeente Proefdorp" in text
    assert "Sociaal Wijkteam" in text


def test_the_pdf_response_names_no_person_and_is_not_cached():
    response = pdf_response(b"%PDF-1.7", "Ondersteuningsplan WT-2026-000001")
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        'inline; filename="ondersteuningsplan-wt-2026-000001.pdf"'
    )
    assert response["Cache-Control"] == "no-store"


def test_a_chart_shows_its_numbers_as_a_table():
    chart = Chart(
        chart_id="scores",
        title="Scores",
        labels=("jan", "feb"),
        series=(
            Series("Financiën", (2, 3.5)),
            Series("Wonen", (None, 4), display=("<5", "4")),
        ),
        x_label="Maand",
    )
    assert chart.table_rows() == [("jan", ("2", "<5")), ("feb", ("3,5", "4"))]
    html = render_to_string("core/_chart.html", {"chart": chart})
    assert 'data-wt-chart="scores-data"' in html
    assert '<script id="scores-data" type="application/json">' in html
    assert '<td class="utrecht-table__cell">3,5</td>' in html
    assert chart.config()["series"][1]["values"] == [None, 4]


def test_a_series_must_match_the_labels():
    with pytest.raises(ValueError, match="does not match"):
        Chart("x", "X", ("a", "b"), (Series("s", (1,)),))
