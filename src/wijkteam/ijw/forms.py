"""Forms for the message pages: filtering the list and placing a request for allocation."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import MessageKind

SHOW = [
    ("", _("all messages")),
    ("problem", _("needing attention")),
    ("pending", _("waiting for the outbox")),
    ("placement", _("requests awaiting a district")),
]


class MessageFilterForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Message"),
        required=False,
        choices=[("", _("every kind"))] + [c for c in MessageKind.choices if c[0]],
    )
    show = forms.ChoiceField(label=_("Show"), required=False, choices=SHOW)


class PlacementForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    postcode = forms.CharField(
        label=_("Postcode"),
        max_length=7,
        help_text=_("The family's address decides the district, and so the team."),
    )
    house_number = forms.CharField(label=_("House number"), max_length=10)
