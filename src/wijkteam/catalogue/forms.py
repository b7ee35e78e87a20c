from django import forms
from django.utils.translation import gettext_lazy as _

from wijkteam.accounts.models import District

from .models import OfferCategory
from .queries import OfferSearch


class OfferSearchForm(forms.Form):
    q = forms.CharField(label=_("Search"), max_length=100, required=False)
    category = forms.ChoiceField(
        label=_("Kind of offer"),
        choices=[("", _("all kinds"))] + list(OfferCategory.choices),
        required=False,
    )
    district = forms.ChoiceField(label=_("District"), required=False)
    age = forms.IntegerField(label=_("Age"), min_value=0, max_value=120, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["district"].choices = [("", _("all districts"))] + [
            (str(d.pk), d.name) for d in District.objects.all()
        ]

    def search(self) -> OfferSearch:
        if not self.is_valid():
            return OfferSearch()
        data = self.cleaned_data
        return OfferSearch(
            text=data["q"].strip(),
            category=data["category"],
            district_id=int(data["district"]) if data["district"] else None,
            age=data["age"],
        )
