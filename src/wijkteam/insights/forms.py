"""The filters of the figures pages and the API: a period and a district."""

from datetime import date

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from wijkteam.accounts.models import District

from .dashboard import BREAKDOWNS, BY_DISTRICT
from .periods import QUARTER, Period, default_period, parse_period, period_choices, period_of


class PeriodSelect(forms.Select):
    template_name = "insights/widgets/period_select.html"


class FigureFilterForm(forms.Form):
    """From the query string. A value that is not valid falls back to the default (the
    current year, all districts), so a page always shows figures."""

    period = forms.ChoiceField(label=_("Period"), required=False, widget=PeriodSelect)
    district = forms.ModelChoiceField(
        label=_("District"),
        queryset=District.objects.filter(team__isnull=False)
        .select_related("team")
        .order_by("name"),
        to_field_name="code",
        required=False,
        empty_label=_("All districts"),
    )

    def __init__(self, data=None, *, today: date):
        if data:
            data = data.copy()
            parsed = parse_period(data.get("period", ""))
            if parsed is not None:
                data["period"] = parsed.code  # "2026-Q2" is shown as the choice "2026-K2"
        super().__init__(data if data else None)
        self.today = today
        self.fields["period"].choices = period_choices(today)
        self.initial = {"period": default_period(today).code}

    def chosen_period(self) -> Period:
        code = self.data.get("period", "") if self.is_bound else ""
        period = parse_period(code)
        if period is None or period.start > self.today:
            return default_period(self.today)
        return period

    def chosen_district(self) -> District | None:
        if not self.is_bound:
            return None
        try:
            return self.fields["district"].clean(self.data.get("district") or None)
        except ValidationError:
            return None


class OutcomeFilterForm(FigureFilterForm):
    by = forms.ChoiceField(
        label=_("Per"), choices=list(BREAKDOWNS.items()), required=False, initial=BY_DISTRICT
    )

    def chosen_breakdown(self) -> str:
        value = self.data.get("by", "") if self.is_bound else ""
        return value if value in BREAKDOWNS else BY_DISTRICT


def current_quarter(today: date) -> Period:
    return period_of(QUARTER, today.year, (today.month - 1) // 3 + 1)


class RecurringFilterForm(FigureFilterForm):
    """As the figures' filter, but the current quarter by default: recurring questions
    are about now."""

    def __init__(self, data=None, *, today: date):
        super().__init__(data, today=today)
        self.initial = {"period": current_quarter(today).code}

    def chosen_period(self) -> Period:
        code = self.data.get("period", "") if self.is_bound else ""
        period = parse_period(code)
        if period is None or period.start > self.today:
            return current_quarter(self.today)
        return period
