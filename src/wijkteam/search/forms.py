"""Forms of the search pages."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .rules import MAX_QUERY_LENGTH, MIN_QUERY_LENGTH, QueryKind, classify_query

BSN_IN_URL_MESSAGE = _(
    "Search for a BSN with the search field on this page, not in the web address: a BSN "
    "must not end up in web addresses."
)


class SearchForm(forms.Form):
    q = forms.CharField(
        label=_("Name, BSN, date of birth, reference or postcode"),
        min_length=MIN_QUERY_LENGTH,
        max_length=MAX_QUERY_LENGTH,
        help_text=_(
            "For example: Jansen, 123456782, 1-6-2015, WT-2026-000123, AM-2026-000045 "
            "or 8011 AB 12."
        ),
        widget=forms.TextInput(
            attrs={"type": "search", "autocomplete": "off", "spellcheck": "false"}
        ),
    )

    # In the address bar (GET) a BSN is refused: it would end up in history and logs.
    def __init__(self, *args, in_url: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.in_url = in_url

    def clean_q(self) -> str:
        query = self.cleaned_data["q"]
        if self.in_url and classify_query(query)[0] == QueryKind.BSN:
            raise forms.ValidationError(BSN_IN_URL_MESSAGE, code="bsn_in_url")
        return query


class AccessRequestForm(forms.Form):
    # The minimum length is the service's rule (reason_too_short), shown at this field.
    reason = forms.CharField(
        label=_("Why do you need this file for your work?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "At least 10 characters. Your name, your reason and the time are recorded and "
            "shown to the team lead of the team that holds the file."
        ),
    )
