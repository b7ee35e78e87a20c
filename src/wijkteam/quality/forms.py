"""Forms: the public complaint form and survey (no sign-in, B1 Dutch with "u"), the
complaints officer's forms, and the survey invitation on a case."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from wijkteam.core.forms import DateInput
from wijkteam.portal.forms import (
    CHOICE_TEMPLATE,
    HONEYPOT,
    ErrorLink,
    PublicForm,
    _email,
    _field_anchor,
    _house_number,
    _phone,
    _postcode,
    _radio,
    _text,
    check_house_number,
    check_phone,
    check_postcode,
)

from .models import (
    STAFF_CHANNEL_CHOICES,
    ComplainantRelation,
    ComplaintOutcome,
    SurveyOccasion,
)
from .queries import Period, quarter, whole_year
from .rules import MAX_EXTENSION_WEEKS, SCORES, complaint_targets
from .services import ComplaintInput

# Plain words for the resident (B1, "u").
RELATION_CHOICES = [
    (ComplainantRelation.SELF, _("For myself")),
    (ComplainantRelation.CHILD, _("For my child")),
    (ComplainantRelation.OTHER, _("For someone else, with their permission")),
]


class PublicErrors:
    """The error summary of a public page with one form (portal/_error_summary.html)."""

    def __init__(self, form: forms.Form):
        self.form = form

    @property
    def has_errors(self) -> bool:
        return bool(self.form.errors)

    def error_links(self) -> list[ErrorLink]:
        links = [ErrorLink("", str(error)) for error in self.form.non_field_errors()]
        for name in self.form.fields:
            bound = self.form[name]
            links += [
                ErrorLink(_field_anchor(bound), f"{bound.label}: {error}") for error in bound.errors
            ]
        return links

    @property
    def is_bot(self) -> bool:
        return bool(self.form.data.get(HONEYPOT, "").strip())


class ComplaintFields(forms.Form):
    """What every complaint needs (Awb 9:4: who complains, about what), for the public
    form and the complaints officer's form alike."""

    complainant_name = _text(200, label=_("Your name"), autocomplete="name")
    relation = forms.ChoiceField(
        label=_("Who is the complaint for?"),
        choices=RELATION_CHOICES,
        widget=_radio(),
        template_name=CHOICE_TEMPLATE,
    )
    postcode = _postcode()
    house_number = _house_number()
    phone = _phone(label=_("Phone number"), required=False)
    email = _email(label=_("E-mail address"))
    description = forms.CharField(
        label=_("What is your complaint about?"),
        max_length=6000,
        widget=forms.Textarea(attrs={"rows": 7}),
        help_text=_("Tell us what happened, who was involved and why you are not satisfied."),
    )
    incident_on = forms.DateField(
        label=_("When did it happen?"),
        required=False,
        widget=DateInput(),
        help_text=_("Don't know the exact day? Fill in about when."),
    )
    desired_outcome = forms.CharField(
        label=_("What would you like to happen?"),
        max_length=3000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    reference_given = _text(
        40,
        label=_("Your registration or file number"),
        required=False,
        help_text=_(
            "For example AM-2026-000123 or WT-2026-000123. Don't know it? Leave this empty."
        ),
    )

    def clean_postcode(self):
        return check_postcode(self.cleaned_data["postcode"])

    def clean_house_number(self):
        return check_house_number(self.cleaned_data["house_number"])

    def clean_phone(self):
        return check_phone(self.cleaned_data["phone"])

    def clean_incident_on(self):
        day = self.cleaned_data["incident_on"]
        if day and day > timezone.localdate():
            raise forms.ValidationError(_("The date cannot be in the future."), code="future")
        return day

    # The resident must be reachable; a letter to the complaints officer may give only
    # the address.
    require_contact = True

    def clean(self):
        cleaned = super().clean()
        data = self.cleaned_data
        if (
            self.require_contact
            and not data.get("phone")
            and not data.get("email")
            and not self.has_error("phone")
        ):
            self.add_error(
                "phone",
                forms.ValidationError(
                    _("Fill in a phone number or an e-mail address, so that we can reach you."),
                    code="unreachable",
                ),
            )
        return cleaned

    def complaint_input(self, *, received_on, channel) -> ComplaintInput:
        data = self.cleaned_data
        return ComplaintInput(
            complainant_name=data["complainant_name"],
            relation=data["relation"],
            postcode=data["postcode"],
            house_number=data["house_number"],
            phone=data["phone"],
            email=data["email"],
            description=data["description"],
            incident_on=data["incident_on"],
            desired_outcome=data["desired_outcome"],
            reference_given=data["reference_given"],
            received_on=received_on,
            channel=channel,
        )


class PublicComplaintForm(PublicForm, ComplaintFields):
    """The resident's own form (with the honeypot)."""


class StaffComplaintForm(ComplaintFields):
    """The complaints officer records a complaint that came in by phone, letter, e-mail
    or in person, on the complainant's behalf."""

    channel = forms.ChoiceField(
        label=_("Received by"),
        choices=STAFF_CHANNEL_CHOICES,
        widget=forms.RadioSelect,
    )
    received_on = forms.DateField(
        label=_("Received on"),
        widget=DateInput(),
        help_text=_("The six-week term runs from the day the complaint was received."),
    )

    field_order = ["channel", "received_on"]
    require_contact = False

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial.setdefault("received_on", timezone.localdate())
        self.fields["complainant_name"].label = _("Name of the complainant")
        self.fields["relation"].choices = ComplainantRelation.choices
        self.fields["relation"].label = _("The complainant complains")
        self.fields["description"].label = _("What the complaint is about")
        self.fields["description"].help_text = _("In the complainant's own words.")
        self.fields["incident_on"].label = _("When it happened")
        self.fields["incident_on"].help_text = ""
        self.fields["desired_outcome"].label = _("What the complainant would like")
        self.fields["reference_given"].label = _("Reference the complainant gave")
        self.fields["reference_given"].help_text = _(
            "Link the complaint to a case afterwards, on the complaint's page."
        )

    def clean_received_on(self):
        day = self.cleaned_data["received_on"]
        if day > timezone.localdate():
            raise forms.ValidationError(_("The date cannot be in the future."), code="future")
        return day


class VersionedForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, complaint, **kwargs):
        super().__init__(*args, **kwargs)
        self.complaint = complaint
        self.initial.setdefault("version", complaint.version)


class ComplaintStatusForm(VersionedForm):
    target = forms.ChoiceField(label=_("Next step"), widget=forms.RadioSelect)
    outcome = forms.ChoiceField(
        label=_("Outcome"),
        required=False,
        choices=[("", _("— only for a decision —")), *ComplaintOutcome.choices],
        help_text=_("Needed when the complaint is decided."),
    )
    note = forms.CharField(
        label=_("Findings and conclusion, or how it was withdrawn"),
        required=False,
        max_length=6000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Needed for a decision or a withdrawal; for other steps optional."),
    )

    def __init__(self, *args, roles, **kwargs):
        super().__init__(*args, **kwargs)
        targets = complaint_targets(self.complaint.status, roles)
        labels = {
            "acknowledged": _("Acknowledge receipt (you become the complaint's handler)"),
            "in_handling": _("Start handling: hear the complainant and look into it"),
            "decided": _("Decide: record the outcome and conclusion"),
            "withdrawn": _("The complainant withdrew the complaint"),
        }
        self.fields["target"].choices = [(t, labels.get(t, t)) for t in targets]


class ExtensionForm(VersionedForm):
    weeks = forms.TypedChoiceField(label=_("Extend by"), coerce=int)
    reason = forms.CharField(
        label=_("Why more time is needed"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    informed_on = forms.DateField(
        label=_("Complainant told in writing on"),
        widget=DateInput(),
        help_text=_("The law requires telling the complainant before the term ends (Awb 9:11)."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["weeks"].choices = [
            (n, ngettext("%(weeks)d week", "%(weeks)d weeks", n) % {"weeks": n})
            for n in range(1, MAX_EXTENSION_WEEKS + 1)
        ]


class LinkCaseForm(VersionedForm):
    case_reference = forms.CharField(
        label=_("Case reference"),
        required=False,
        max_length=20,
        help_text=_(
            "For example WT-2026-000123. Leave empty to remove the link. The team lead of "
            "the case's team can then read the complaint."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.complaint.case_id:
            self.initial.setdefault("case_reference", self.complaint.case.reference)


# --- The survey ---------------------------------------------------------------------------


class InvitationForm(forms.Form):
    occasion = forms.ChoiceField(
        label=_("Occasion"), choices=SurveyOccasion.choices, widget=forms.RadioSelect
    )

    def __init__(self, *args, case=None, user=None, roles=(), **kwargs):
        # The case action runner passes the case, user and roles; the occasion is all
        # this form asks.
        super().__init__(*args, **kwargs)


class SurveyForm(PublicForm):
    score = forms.TypedChoiceField(
        label=_("What mark do you give our help?"),
        coerce=int,
        choices=[(n, str(n)) for n in SCORES],
        widget=_radio(),
        template_name=CHOICE_TEMPLATE,
        help_text=_("1 is very bad, 10 is excellent."),
        error_messages={"required": _("Choose a mark from 1 to 10.")},
    )
    went_well = forms.CharField(
        label=_("What went well?"),
        required=False,
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    could_be_better = forms.CharField(
        label=_("What could we do better?"),
        required=False,
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


# --- Figures ------------------------------------------------------------------------------

YEARS_BACK = 4


class PeriodForm(forms.Form):
    """The period of the figures, from the query string: a year, or one of its quarters."""

    year = forms.TypedChoiceField(label=_("Year"), coerce=int)
    quarter = forms.TypedChoiceField(
        label=_("Quarter"), coerce=int, empty_value=None, required=False
    )

    def __init__(self, data=None, *, today):
        super().__init__(data if data and "year" in data else None)
        self.today = today
        years = range(today.year, today.year - YEARS_BACK - 1, -1)
        self.fields["year"].choices = [(year, str(year)) for year in years]
        self.fields["quarter"].choices = [
            ("", gettext("Whole year")),
            *((n, gettext("Quarter %(number)d") % {"number": n}) for n in range(1, 5)),
        ]
        self.initial = {"year": today.year, "quarter": ""}

    def period(self) -> Period:
        if self.is_bound and self.is_valid():
            year, number = self.cleaned_data["year"], self.cleaned_data["quarter"]
        else:
            year, number = self.today.year, None
        return quarter(year, number) if number else whole_year(year)
