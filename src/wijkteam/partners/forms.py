"""Forms for the partner pages: the list's filter and the fixed contact's assignment."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wijkteam.accounts.models import District
from wijkteam.core.forms import DateInput

from .models import PartnerKind
from .queries import PartnerFilter

NOBODY = "none"


class PartnerFilterForm(forms.Form):
    """The list's filter, from the query string; anything unknown is ignored."""

    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("All kinds")), *PartnerKind.choices]
    )
    district = forms.ChoiceField(label=_("District"), required=False)
    without_contact = forms.BooleanField(label=_("Only without a fixed contact"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["district"].choices = [
            ("", _("All districts")),
            *District.objects.order_by("name").values_list("code", "name"),
        ]

    def chosen(self) -> PartnerFilter:
        if not self.is_valid():
            return PartnerFilter()
        data = self.cleaned_data
        return PartnerFilter(data["kind"], data["district"], data["without_contact"])


class FixedContactForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    staff = forms.ChoiceField(label=_("Fixed contact"), widget=forms.RadioSelect)
    starts_on = forms.DateField(
        label=_("From"),
        widget=DateInput(),
        help_text=_("The current contact, if any, ends the day before."),
    )

    def __init__(self, *args, partner, candidates, has_current: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.partner = partner
        self.initial.setdefault("version", partner.version)
        self.initial.setdefault("starts_on", timezone.localdate())
        # Everyone is a choice: the service refuses one without a current VOG, with the
        # reason (the page offers them disabled, with that reason beside them).
        choices = [(str(c.user.pk), str(c.user)) for c in candidates]
        if has_current:
            choices.append((NOBODY, _("Nobody: end the current contact")))
        self.fields["staff"].choices = choices
        self.users = {str(c.user.pk): c.user for c in candidates}

    def chosen_staff(self):
        value = self.cleaned_data["staff"]
        return None if value == NOBODY else self.users[value]
