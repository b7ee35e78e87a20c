"""Quality in figures: client experience and complaints per team and period, and the
coverage of schools and GP practices — aggregates only, small counts suppressed — and,
for the team lead and the quality officer, the open answers (never with a name)."""

from django.conf import settings
from django.contrib.auth.decorators import login_required, permission_required
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from wijkteam.audit.log import log_read
from wijkteam.core.charts import Chart, Series
from wijkteam.core.pagination import AFTER, BEFORE, keyset_page, page_links
from wijkteam.core.rules import suppress_small_count
from wijkteam.partners.queries import coverage_table

from .forms import PeriodForm
from .queries import ANSWER_ORDER, answers_visible_to, complaint_figures, experience_table
from .rules import SCORES

ANSWERS = "quality.view_experience_answers"
PAGE_SIZE = 25


def _score_chart(total_row) -> Chart:
    figures = total_row.figures
    values = tuple(
        None if figures.suppressed or not cell.isdigit() else int(cell)
        for cell in figures.distribution
    )
    return Chart(
        chart_id="scores",
        title=_("Marks given in the period (whole municipality)"),
        labels=tuple(str(score) for score in SCORES),
        series=(Series(_("Number of answers"), values, figures.distribution),),
        kind="bar",
        x_label=_("Mark"),
        y_label=_("Number of answers"),
        y_min=0,
    )


@login_required
@permission_required("accounts.view_aggregates", raise_exception=True)
def figures(request):
    today = timezone.localdate()
    period_form = PeriodForm(request.GET, today=today)
    period = period_form.period()
    threshold = settings.WIJKTEAM_SMALL_COUNT_THRESHOLD
    experience = experience_table(period, threshold)
    context = {
        "period_form": period_form,
        "period": period,
        "experience": experience,
        "chart": _score_chart(experience[-1]),
        "complaints": complaint_figures(period, threshold),
        "coverage": coverage_table(today),
        "small_count_threshold": threshold,
        "suppressed_label": suppress_small_count(1, threshold),
        "can_read_answers": request.user.has_perm(ANSWERS),
    }
    return render(request, "quality/figures.html", context)


@login_required
@permission_required(ANSWERS, raise_exception=True)
def answers(request):
    today = timezone.localdate()
    period_form = PeriodForm(request.GET, today=today)
    period = period_form.period()
    page = keyset_page(
        answers_visible_to(request.user, period),
        ANSWER_ORDER,
        after=request.GET.get(AFTER),
        before=request.GET.get(BEFORE),
        size=PAGE_SIZE,
    )
    log_read(request, page.items)
    context = {
        "period_form": period_form,
        "period": period,
        "answers": page.items,
        "links": page_links(request, page),
        "first_page": page.at_start,
    }
    return render(request, "quality/answers.html", context)
