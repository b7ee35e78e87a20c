from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wijkteam.core.forms import DateInput

from .rules import bsn_problem, postcode_problem
from .services import ResidentChanges


class ResidentForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    given_names = forms.CharField(label=_("Given names"), max_length=200)
    surname_prefix = forms.CharField(label=_("Surname prefix"), max_length=20, required=False)
    surname = forms.CharField(label=_("Surname"), max_length=200)
    birth_date = forms.DateField(label=_("Date of birth"), widget=DateInput())
    bsn = forms.CharField(label=_("BSN"), max_length=20, required=False)
    bsn_missing_reason = forms.CharField(
        label=_("Reason BSN is missing"), max_length=200, required=False
    )
    postcode = forms.CharField(label=_("Postcode"), max_length=7, required=False)
    house_number = forms.CharField(label=_("House number"), max_length=10, required=False)
    phone = forms.CharField(label=_("Phone"), max_length=30, required=False)
    email = forms.EmailField(label=_("E-mail"), required=False)

    def clean_bsn(self) -> str:
        bsn = self.cleaned_data["bsn"].strip()
        if bsn and (problem := bsn_problem(bsn)):
            raise forms.ValidationError(problem)
        return bsn

    def clean_postcode(self) -> str:
        postcode = self.cleaned_data["postcode"].strip()
        if postcode and (problem := postcode_problem(postcode)):
            raise forms.ValidationError(problem)
        return postcode

    def clean_birth_date(self):
        birth_date = self.cleaned_data["birth_date"]
        if birth_date > timezone.localdate():
            raise forms.ValidationError(_("The date of birth cannot be in the future."))
        return birth_date

    def changes(self) -> ResidentChanges:
        data = {k: v for k, v in self.cleaned_data.items() if k != "version"}
        return ResidentChanges(**data)
