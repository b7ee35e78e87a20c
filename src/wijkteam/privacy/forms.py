"""Forms of the privacy officer's pages."""

from django import forms
from django.utils.translation import gettext_lazy as _

from wijkteam.people.rules import bsn_problem, normalise_bsn

REFERENCE_HELP = _("The number of the request in the municipality's records, e.g. AVG-2026-014.")


class SubjectLookupForm(forms.Form):
    bsn = forms.CharField(
        label=_("BSN of the resident"),
        max_length=20,
        help_text=_("Check the requester's identity first; the BSN is not stored in the log."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "inputmode": "numeric"}),
    )

    @staticmethod
    def not_found_message() -> str:
        return str(
            _(
                "No resident with this BSN is known. Check the number with the requester; "
                "if it is right, the product holds no data about them."
            )
        )

    def clean_bsn(self) -> str:
        problem = bsn_problem(self.cleaned_data["bsn"])
        if problem:
            raise forms.ValidationError(problem, code="bsn_invalid")
        return normalise_bsn(self.cleaned_data["bsn"])


class SubjectExportForm(forms.Form):
    FORMATS = (("pdf", _("PDF, for the resident")), ("json", _("JSON, machine-readable")))

    request_reference = forms.CharField(
        label=_("Request reference"), max_length=60, help_text=REFERENCE_HELP
    )
    format = forms.ChoiceField(
        label=_("Format"), choices=FORMATS, widget=forms.RadioSelect, initial="pdf"
    )
