from datetime import date

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wijkteam.core.forms import DateInput


class CertificateOfConductForm(forms.Form):
    issued_on = forms.DateField(
        label=_("Date of issue"),
        widget=DateInput(),
        help_text=_("The date printed on the certificate of conduct (VOG)."),
    )
    checked_on = forms.DateField(
        label=_("Checked on"),
        widget=DateInput(),
        help_text=_("The day you saw the original certificate."),
    )

    def __init__(self, *args, today: date | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today or timezone.localdate()
        if not self.is_bound:
            self.initial.setdefault("checked_on", self.today)

    def clean_issued_on(self) -> date:
        issued_on = self.cleaned_data["issued_on"]
        if issued_on > self.today:
            raise forms.ValidationError(_("The date of issue cannot be in the future."))
        return issued_on

    def clean_checked_on(self) -> date:
        checked_on = self.cleaned_data["checked_on"]
        if checked_on > self.today:
            raise forms.ValidationError(_("The check date cannot be in the future."))
        return checked_on

    def clean(self):
        cleaned = super().clean()
        issued_on, checked_on = cleaned.get("issued_on"), cleaned.get("checked_on")
        if issued_on and checked_on and checked_on < issued_on:
            self.add_error(
                "checked_on", _("The certificate cannot have been checked before it was issued.")
            )
        return cleaned
