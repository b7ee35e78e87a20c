"""The figures pages (the KPIs, the council dashboard's four views, the outcome
indicators) with their CSV and XLSX exports, and the team lead's dashboard. Thin: the
filters, one builder, render."""

from django.contrib.auth.decorators import login_required, permission_required
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wijkteam.audit.log import log_read
from wijkteam.audit.models import AuditPurpose
from wijkteam.core.exports import ExportTable, tables_csv_response, tables_xlsx_response

from . import dashboard
from .exports import export_rows
from .forms import FigureFilterForm, OutcomeFilterForm, RecurringFilterForm
from .queries import team_dashboard as team_dashboard_data
from .recurring import recurring_questions as recurring_data

AGGREGATES = "accounts.view_aggregates"
# The pages of the figures, in the order of their navigation: key → (route name, label).
PAGES = {
    "kpis": ("insights:dashboard", gettext_lazy("Key figures (KPIs)")),
    "cost_and_use": ("insights:cost_and_use", gettext_lazy("Cost and use")),
    "reform": ("insights:reform", gettext_lazy("Reform movements")),
    "experienced_quality": ("insights:experienced_quality", gettext_lazy("Experienced quality")),
    "societal_effects": ("insights:societal_effects", gettext_lazy("Societal effects")),
    "outcomes": ("insights:outcomes", gettext_lazy("Outcome indicators")),
}
FORMATS = {"csv": tables_csv_response, "xlsx": tables_xlsx_response}


def _build(request, key: str):
    if key not in PAGES:
        raise Http404
    today = timezone.localdate()
    form_class = OutcomeFilterForm if key == "outcomes" else FigureFilterForm
    form = form_class(request.GET, today=today)
    selection = dashboard.selection_for(
        request.user, form.chosen_period(), form.chosen_district(), today
    )
    extra = {"by": form.chosen_breakdown()} if key == "outcomes" else {}
    return form, selection, dashboard.PAGES[key](selection, today, **extra)


@login_required
@permission_required(AGGREGATES, raise_exception=True)
def figures_page(request, key: str):
    form, selection, page = _build(request, key)
    query = request.GET.urlencode()
    context = {
        "form": form,
        "selection": selection,
        "page": page,
        "pages": [
            {"url": reverse(route), "label": label, "current": name == key}
            for name, (route, label) in PAGES.items()
        ],
        "exports": [
            (
                f"{reverse('insights:export', args=[key, fmt])}{'?' + query if query else ''}",
                label,
            )
            for fmt, label in (("csv", _("CSV")), ("xlsx", _("Excel (XLSX)")))
        ],
        "is_hub": key == "kpis",
    }
    return render(request, "insights/page.html", context)


@login_required
@permission_required(AGGREGATES, raise_exception=True)
def export(request, key: str, fmt: str):
    """The page's tables as shown (small counts suppressed), as CSV or XLSX."""
    if fmt not in FORMATS:
        raise Http404
    _form, selection, page = _build(request, key)
    tables = [
        ExportTable(table.caption, table.columns, export_rows(table), table.name)
        for table in page.export_tables()
    ]
    filename = f"{page.title} {selection.where} {selection.period.code}"
    return FORMATS[fmt](filename, [*_about(selection), *tables])


def _about(selection) -> list[ExportTable]:
    """A first table that says what the export is of, and how small counts are shown."""
    d = selection.disclosure
    computed = selection.freshness.computed_at
    rows = [
        (_("Period"), selection.period.label),
        (_("Compared with"), selection.previous.label),
        (_("District"), selection.where),
        (
            _("Small counts"),
            _("exact (your own team)")
            if d.exact
            else _(
                "below %(threshold)d shown as <%(threshold)d; x: hidden so that a small "
                "count cannot be worked out"
            )
            % {"threshold": d.threshold},
        ),
        (
            _("Computed at"),
            timezone.localtime(computed).strftime("%Y-%m-%d %H:%M") if computed else _("not yet"),
        ),
    ]
    return [ExportTable(_("About these figures"), [_("What"), _("Value")], rows)]


@login_required
@permission_required("accounts.lead_team", raise_exception=True)
def team_dashboard(request):
    """The team lead's dashboard: what needs their attention in the team, live and exact."""
    data = team_dashboard_data(request.user, timezone.localdate())
    log_read(request, data.shown_records(), purpose=AuditPurpose.SUPERVISION)
    return render(
        request, "insights/team_dashboard.html", {"data": data, "team": request.user.team}
    )


@login_required
@permission_required(AGGREGATES, raise_exception=True)
def recurring_questions(request):
    """Recurring questions per partner and district: numbers only; the partner's fixed
    contact for those who may see partners (the team lead), never for the analyst."""
    today = timezone.localdate()
    form = RecurringFilterForm(request.GET, today=today)
    selection = dashboard.selection_for(
        request.user, form.chosen_period(), form.chosen_district(), today
    )
    data = recurring_data(
        selection, today, show_contacts=request.user.has_perm("partners.view_partner")
    )
    return render(
        request,
        "insights/recurring.html",
        {"form": form, "selection": selection, "data": data},
    )
