"""The staff registration form: a help question from any channel, with the people it
concerns. Building the service's input lives here, once."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wijkteam.core.forms import DateInput
from wijkteam.partners.models import Partner
from wijkteam.people.models import MemberRole
from wijkteam.people.rules import bsn_problem, postcode_problem

from .models import Channel, QuestionTheme, ReferrerType, Urgency
from .services import ConsentInput, IntakeInput, PersonInput


class PersonForm(forms.Form):
    given_names = forms.CharField(label=_("Given names"), max_length=200)
    surname_prefix = forms.CharField(label=_("Surname prefix"), max_length=20, required=False)
    surname = forms.CharField(label=_("Surname"), max_length=200)
    birth_date = forms.DateField(label=_("Date of birth"), widget=DateInput())
    bsn = forms.CharField(label=_("BSN"), max_length=20, required=False)
    bsn_missing_reason = forms.CharField(
        label=_("Reason BSN is missing"), max_length=200, required=False
    )
    role = forms.ChoiceField(label=_("Role in household"), choices=MemberRole.choices)
    has_parental_authority = forms.BooleanField(label=_("Has parental authority"), required=False)
    is_subject = forms.BooleanField(label=_("The question is about this person"), required=False)

    def clean_bsn(self) -> str:
        bsn = self.cleaned_data["bsn"].strip()
        if bsn and (problem := bsn_problem(bsn)):
            raise forms.ValidationError(problem)
        return bsn

    def clean_birth_date(self):
        birth_date = self.cleaned_data["birth_date"]
        if birth_date > timezone.localdate():
            raise forms.ValidationError(_("The date of birth cannot be in the future."))
        return birth_date

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("bsn") and not cleaned.get("bsn_missing_reason", "").strip():
            self.add_error("bsn_missing_reason", _("Give the BSN, or say why it is not known."))
        return cleaned

    def to_input(self) -> PersonInput:
        return PersonInput(**self.cleaned_data)


class BasePersonFormSet(forms.BaseFormSet):
    def clean(self):
        if any(self.errors):
            return
        filled = [form for form in self.forms if form.has_changed() and form.cleaned_data]
        if not filled:
            raise forms.ValidationError(_("Add at least one person."))
        if not any(form.cleaned_data.get("is_subject") for form in filled):
            raise forms.ValidationError(_("Mark at least one person the question is about."))

    def to_inputs(self) -> list[PersonInput]:
        return [form.to_input() for form in self.forms if form.has_changed() and form.cleaned_data]


PersonFormSet = forms.formset_factory(
    PersonForm, formset=BasePersonFormSet, extra=3, max_num=8, validate_max=True
)


class IntakeForm(forms.Form):
    channel = forms.ChoiceField(label=_("Channel"), choices=Channel.choices)
    referrer_type = forms.ChoiceField(label=_("Referred by"), choices=ReferrerType.choices)
    referrer_organisation = forms.CharField(
        label=_("Referrer's organisation"), max_length=200, required=False
    )
    partner = forms.ModelChoiceField(
        label=_("Through partner"),
        queryset=Partner.objects.filter(active=True).order_by("name", "pk"),
        required=False,
        empty_label=_("None"),
        help_text=_("The school or GP practice the question came through, if it is listed."),
    )
    referrer_name = forms.CharField(label=_("Referrer's name"), max_length=200, required=False)
    referrer_contact = forms.CharField(
        label=_("Referrer's phone or e-mail"), max_length=200, required=False
    )
    help_question = forms.CharField(
        label=_("Help question in the family's own words"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=5000,
    )
    urgency = forms.ChoiceField(label=_("Urgency as reported"), choices=Urgency.choices)
    themes = forms.ModelMultipleChoiceField(
        label=_("Themes"),
        queryset=QuestionTheme.objects.filter(active=True),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("What the question is about; recurring themes can get a collective offer."),
    )
    postcode = forms.CharField(label=_("Postcode"), max_length=7)
    house_number = forms.CharField(label=_("House number"), max_length=10)
    phone = forms.CharField(label=_("Phone"), max_length=30, required=False)
    email = forms.EmailField(label=_("E-mail"), required=False)
    consent_information = forms.CharField(
        label=_("Consent: which information may be shared"), max_length=300, required=False
    )
    consent_shared_with = forms.CharField(
        label=_("Consent: with whom"), max_length=300, required=False
    )
    consent_given_by = forms.CharField(label=_("Consent: given by"), max_length=200, required=False)

    def clean_postcode(self) -> str:
        postcode = self.cleaned_data["postcode"]
        if problem := postcode_problem(postcode):
            raise forms.ValidationError(problem)
        return postcode

    def clean(self):
        cleaned = super().clean()
        consent = [
            cleaned.get(f"consent_{part}", "")
            for part in ("information", "shared_with", "given_by")
        ]
        if any(consent) and not all(consent):
            self.add_error(
                "consent_given_by",
                _("Record all three: what may be shared, with whom, and who gave consent."),
            )
        return cleaned

    def to_input(self, persons: list[PersonInput]) -> IntakeInput:
        data = self.cleaned_data
        consents = []
        if data.get("consent_information"):
            consents.append(
                ConsentInput(
                    data["consent_information"],
                    data["consent_shared_with"],
                    data["consent_given_by"],
                    timezone.localdate(),
                )
            )
        return IntakeInput(
            channel=data["channel"],
            help_question=data["help_question"],
            urgency=data["urgency"],
            postcode=data["postcode"],
            house_number=data["house_number"],
            persons=persons,
            referrer_type=data["referrer_type"],
            referrer_organisation=data["referrer_organisation"],
            referrer_name=data["referrer_name"],
            referrer_contact=data["referrer_contact"],
            phone=data["phone"],
            email=data["email"],
            consents=consents,
            themes=list(data["themes"]),
            partner=data["partner"],
        )
