"""The public forms: self-registration by residents and referral by partners.

Each page is a bundle of one form and a formset of children. The bundle validates both,
turns them into the service's `IntakeInput`, and lists its errors for the error summary.
"""

import re
from dataclasses import dataclass
from datetime import date

from django import forms
from django.forms.utils import ErrorDict, ErrorList
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wijkteam.cases.models import Channel, ReferrerType, Urgency
from wijkteam.cases.services import ConsentInput, IntakeInput, PersonInput
from wijkteam.core.errors import RuleViolation
from wijkteam.core.forms import DateInput
from wijkteam.people.models import MemberRole
from wijkteam.people.rules import bsn_problem, normalise_bsn, normalise_postcode, postcode_problem

MAX_CHILDREN = 6
HONEYPOT = "website"
CHOICE_TEMPLATE = "portal/_choice_field.html"
RADIO_CLASS = "utrecht-radio-button utrecht-radio-button--html-input"
PHONE_PATTERN = re.compile(r"^\+?[0-9 ()-]+$")
EARLIEST_BIRTH_DATE = date(1900, 1, 1)

# Which field a refusal of the service belongs to (by the reason's code).
FIELD_FOR_REFUSAL = {"postcode_outside_municipality": "postcode"}

# Consent texts are stored in the file as data, in Dutch (as the service stores the
# household's name in Dutch), whatever language the form was filled in.
CONSENT_CONTACT = "contact opnemen over de aanmelding en de hulpvraag"
CONSENT_ASK_OTHERS = "informatie opvragen bij bijvoorbeeld school of huisarts"
CONSENT_REFERRAL = "aanmelding en hulpvraag"
CONSENT_RECEIVER = "Sociaal Wijkteam"
CONSENT_BY_PARENTS = "ouders/verzorgers (bevestigd door {referrer})"
PARENT_LINE = "Ouder/verzorger (genoemd door de verwijzer): {name}"

# Plain words for the urgency (B1), least urgent first.
URGENCY_CHOICES = [
    (Urgency.REGULAR, _("Not urgent: it can wait a few days")),
    (Urgency.URGENT, _("Urgent: help is needed soon")),
    (Urgency.CRISIS, _("Very urgent: help is needed today")),
]


def _radio() -> forms.RadioSelect:
    return forms.RadioSelect(attrs={"class": RADIO_CLASS})


def _text(max_length: int, *, label, required=True, autocomplete="", help_text="", **attrs):
    if autocomplete:
        attrs["autocomplete"] = autocomplete
    return forms.CharField(
        label=label,
        max_length=max_length,
        required=required,
        help_text=help_text,
        widget=forms.TextInput(attrs=attrs),
    )


def _phone(*, label, required: bool, help_text="") -> forms.CharField:
    return forms.CharField(
        label=label,
        max_length=30,
        required=required,
        help_text=help_text,
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
    )


def _email(*, label, autocomplete="email") -> forms.EmailField:
    return forms.EmailField(
        label=label,
        required=False,
        widget=forms.EmailInput(attrs={"autocomplete": autocomplete}),
    )


def _urgency() -> forms.ChoiceField:
    return forms.ChoiceField(
        label=_("How urgent is it?"),
        choices=URGENCY_CHOICES,
        widget=_radio(),
        template_name=CHOICE_TEMPLATE,
        help_text=_("Is someone in danger right now? Do not use this form: call 112."),
    )


def _postcode() -> forms.CharField:
    return _text(
        7,
        label=_("Postcode"),
        autocomplete="postal-code",
        help_text=_("For example 8011 AB."),
    )


def _house_number() -> forms.CharField:
    return _text(10, label=_("House number"), help_text=_("Include any addition, for example 12a."))


def check_phone(value: str) -> str:
    value = value.strip()
    digits = sum(ch.isdigit() for ch in value)
    if value and (not PHONE_PATTERN.match(value) or not 10 <= digits <= 15):
        raise forms.ValidationError(
            _("Fill in a phone number of at least 10 digits, for example 06 12345678."),
            code="phone",
        )
    return value


def check_birth_date(value: date) -> date:
    if value > timezone.localdate():
        raise forms.ValidationError(_("A date of birth cannot be in the future."), code="future")
    if value < EARLIEST_BIRTH_DATE:
        raise forms.ValidationError(_("Check the year of birth."), code="too_early")
    return value


def check_postcode(value: str) -> str:
    problem = postcode_problem(value)
    if problem:
        raise forms.ValidationError(problem, code="postcode")
    return normalise_postcode(value)


def check_house_number(value: str) -> str:
    value = value.strip()
    if not value[:1].isdigit():
        raise forms.ValidationError(
            _("A house number starts with a digit, for example 12 or 12a."), code="house_number"
        )
    return value


class QuietMixin:
    """A form re-shown after "add another child": keeps what was typed, shows no errors
    (nothing was sent yet)."""

    quiet = False

    @property
    def errors(self):
        if self.quiet:
            return ErrorDict()
        return super().errors


class PublicForm(QuietMixin, forms.Form):
    """Shared by both public forms: a honeypot that people never see or hear."""

    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    def check_reachable(self, phone_field: str, email_field: str, message) -> None:
        data = self.cleaned_data
        if (
            not data.get(phone_field)
            and not data.get(email_field)
            and not self.has_error(phone_field)
        ):
            self.add_error(phone_field, forms.ValidationError(message, code="unreachable"))


class ChildForm(QuietMixin, forms.Form):
    given_names = _text(200, label=_("First name"))
    surname_prefix = _text(20, label=_("Surname prefix, for example “van” or “de”"), required=False)
    surname = _text(200, label=_("Surname"))
    birth_date = forms.DateField(label=_("Date of birth"), widget=DateInput())

    def clean_birth_date(self):
        return check_birth_date(self.cleaned_data["birth_date"])

    def person(self) -> PersonInput:
        data = self.cleaned_data
        return PersonInput(
            given_names=data["given_names"],
            surname_prefix=data["surname_prefix"],
            surname=data["surname"],
            birth_date=data["birth_date"],
            role=MemberRole.CHILD,
            is_subject=True,
        )


class BaseChildFormSet(forms.BaseFormSet):
    """The children the question is about; empty blocks are skipped."""

    min_children = 1
    quiet = False

    def non_form_errors(self):
        if self.quiet:
            return ErrorList()
        return super().non_form_errors()

    def filled(self) -> list[ChildForm]:
        return [form for form in self.forms if form.has_changed()]

    def clean(self):
        if any(form.errors for form in self.forms):
            return
        if len(self.filled()) < self.min_children:
            raise forms.ValidationError(
                _("Fill in the first name, surname and date of birth of at least one child."),
                code="no_child",
            )

    @property
    def can_add(self) -> bool:
        return self.total_form_count() < MAX_CHILDREN


ChildFormSet = forms.formset_factory(
    ChildForm,
    formset=BaseChildFormSet,
    extra=1,
    max_num=MAX_CHILDREN,
    absolute_max=MAX_CHILDREN,
    validate_max=True,
)


@dataclass(frozen=True)
class ErrorLink:
    """One line of the error summary: the message, and where the field is."""

    anchor: str
    text: str


def _field_anchor(bound_field) -> str:
    if bound_field.widget_type == "radioselect":
        return f"{bound_field.auto_id}_0"
    return bound_field.auto_id


class Bundle:
    """One page's form and children formset, validated and read together."""

    form_class: type[PublicForm]
    # The form's field after which the children are shown (for the summary's order).
    children_after: str
    children_prefix = "children"
    add_child_action = "add_child"

    def __init__(self, data=None):
        self.form = self.form_class(data)
        self.children = ChildFormSet(data, prefix=self.children_prefix)

    # --- What the post asks for ---------------------------------------------------

    @property
    def is_bot(self) -> bool:
        return bool(self.form.data.get(HONEYPOT, "").strip())

    @property
    def wants_another_child(self) -> bool:
        return self.form.data.get("action") == self.add_child_action

    @classmethod
    def with_another_child(cls, data) -> "Bundle":
        """The same input with one more (empty) child block, focused, and no errors."""
        data = data.copy()
        key = f"{cls.children_prefix}-TOTAL_FORMS"
        try:
            total = int(data.get(key, "1"))
        except ValueError:
            total = 1
        data[key] = str(min(max(total, 0) + 1, MAX_CHILDREN))
        bundle = cls(data)
        bundle.form.quiet = bundle.children.quiet = True
        for child in bundle.children.forms:
            child.quiet = True
        bundle.children.forms[-1].fields["given_names"].widget.attrs["autofocus"] = True
        return bundle

    # --- Validation ---------------------------------------------------------------

    def is_valid(self) -> bool:
        self.children.min_children = self.min_children()
        form_ok = self.form.is_valid()
        children_ok = self.children.is_valid()
        return form_ok and children_ok

    def min_children(self) -> int:
        return 1

    def add_refusal(self, refusal: RuleViolation) -> None:
        """Show the service's refusal at its field, or above the form."""
        field = next(
            (
                FIELD_FOR_REFUSAL[code]
                for code in refusal.verdict.codes
                if code in FIELD_FOR_REFUSAL
            ),
            None,
        )
        self.form.add_error(field, refusal.verdict.message)

    @property
    def has_errors(self) -> bool:
        return bool(
            self.form.errors
            or self.children.non_form_errors()
            or any(child.errors for child in self.children.forms)
        )

    def error_links(self) -> list[ErrorLink]:
        """Every error on the page, in page order, for the summary at the top."""
        links = [ErrorLink("", str(error)) for error in self.form.non_field_errors()]
        children_at = list(self.form.fields).index(self.children_after) + 1
        field_names = list(self.form.fields)
        for name in field_names[:children_at]:
            links += self._field_links(self.form[name])
        links += self._children_links()
        for name in field_names[children_at:]:
            links += self._field_links(self.form[name])
        return links

    def _field_links(self, bound_field, prefix: str = "") -> list[ErrorLink]:
        return [
            ErrorLink(_field_anchor(bound_field), f"{prefix}{bound_field.label}: {error}")
            for error in bound_field.errors
        ]

    def _children_links(self) -> list[ErrorLink]:
        first_child = f"id_{self.children_prefix}-0-given_names"
        links = [ErrorLink(first_child, str(error)) for error in self.children.non_form_errors()]
        for number, child in enumerate(self.children.forms, start=1):
            prefix = _("Child %(number)s") % {"number": number} + " – "
            for name in child.fields:
                links += self._field_links(child[name], prefix)
        return links


# --- Self-registration by a resident --------------------------------------------------


class Submitter:
    PARENT = "parent"
    CARER = "carer"
    YOUNG_PERSON = "young_person"

    CHOICES = [
        (PARENT, _("I am a parent")),
        (CARER, _("I am a carer, for example a foster parent or grandparent")),
        (YOUNG_PERSON, _("I am the young person myself")),
    ]
    ROLE = {PARENT: MemberRole.PARENT, CARER: MemberRole.CARER, YOUNG_PERSON: MemberRole.CHILD}


class SelfRegistrationForm(PublicForm):
    submitter = forms.ChoiceField(
        label=_("Who is filling in this form?"),
        choices=Submitter.CHOICES,
        widget=_radio(),
        template_name=CHOICE_TEMPLATE,
    )
    given_names = _text(200, label=_("First name"), autocomplete="given-name")
    surname_prefix = _text(20, label=_("Surname prefix, for example “van” or “de”"), required=False)
    surname = _text(200, label=_("Surname"), autocomplete="family-name")
    birth_date = forms.DateField(
        label=_("Date of birth"), widget=DateInput(attrs={"autocomplete": "bday"})
    )
    bsn = _text(
        20,
        label=_("Citizen service number (BSN)"),
        required=False,
        autocomplete="off",
        inputmode="numeric",
        help_text=_(
            "You can find it on your passport, ID card or health insurance card. "
            "Don't know it? Then leave this empty."
        ),
    )
    postcode = _postcode()
    house_number = _house_number()
    phone = _phone(label=_("Phone number"), required=False)
    email = _email(label=_("E-mail address"))
    help_question = forms.CharField(
        label=_("What would you like help with?"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "Tell us in your own words what is going on and what you would like to change."
        ),
    )
    urgency = _urgency()
    consent_contact = forms.BooleanField(
        label=_("The Sociaal Wijkteam may contact me about my question."),
        error_messages={
            "required": _("Tick this box. Without it the team cannot contact you to help you.")
        },
    )
    consent_ask_others = forms.BooleanField(
        label=_(
            "The Sociaal Wijkteam may ask others who know us, such as the school or the GP, "
            "for information about my question."
        ),
        required=False,
    )

    def clean_bsn(self):
        bsn = self.cleaned_data["bsn"].strip()
        if not bsn:
            return ""
        problem = bsn_problem(bsn)
        if problem:
            raise forms.ValidationError(problem, code="bsn")
        return normalise_bsn(bsn)

    def clean_birth_date(self):
        return check_birth_date(self.cleaned_data["birth_date"])

    def clean_postcode(self):
        return check_postcode(self.cleaned_data["postcode"])

    def clean_house_number(self):
        return check_house_number(self.cleaned_data["house_number"])

    def clean_phone(self):
        return check_phone(self.cleaned_data["phone"])

    def clean(self):
        cleaned = super().clean()
        self.check_reachable(
            "phone",
            "email",
            _("Fill in a phone number or an e-mail address, so that the team can reach you."),
        )
        return cleaned


class SelfRegistration(Bundle):
    form_class = SelfRegistrationForm
    children_after = "email"

    def min_children(self) -> int:
        # A young person may ask for help for themselves only.
        return 0 if self.form.data.get("submitter") == Submitter.YOUNG_PERSON else 1

    def intake_input(self, today: date) -> IntakeInput:
        data = self.form.cleaned_data
        submitter = PersonInput(
            given_names=data["given_names"],
            surname_prefix=data["surname_prefix"],
            surname=data["surname"],
            birth_date=data["birth_date"],
            bsn=data["bsn"],
            role=Submitter.ROLE[data["submitter"]],
            is_subject=data["submitter"] == Submitter.YOUNG_PERSON,
        )
        name = " ".join(
            part for part in (data["given_names"], data["surname_prefix"], data["surname"]) if part
        )[:200]
        consents = [ConsentInput(CONSENT_CONTACT, CONSENT_RECEIVER, name, today)]
        if data["consent_ask_others"]:
            consents.append(ConsentInput(CONSENT_ASK_OTHERS, CONSENT_RECEIVER, name, today))
        return IntakeInput(
            channel=Channel.ONLINE,
            referrer_type=ReferrerType.SELF,
            help_question=data["help_question"],
            urgency=data["urgency"],
            postcode=data["postcode"],
            house_number=data["house_number"],
            phone=data["phone"],
            email=data["email"],
            persons=[submitter, *(child.person() for child in self.children.filled())],
            consents=consents,
        )


# --- Referral by a partner (school, GP practice, …) -----------------------------------


class PartnerRole:
    SCHOOL = "school"
    GP = "gp"
    SPECIALIST = "specialist"
    OTHER = "other"

    CHOICES = [
        (SCHOOL, _("School, for example a mentor or care coordinator")),
        (GP, _("GP practice, for example a GP or practice nurse")),
        (SPECIALIST, _("Medical specialist")),
        (OTHER, _("Other professional")),
    ]
    REFERRER_TYPE = {
        SCHOOL: ReferrerType.SCHOOL,
        GP: ReferrerType.GP,
        SPECIALIST: ReferrerType.SPECIALIST,
        OTHER: ReferrerType.OTHER_PROFESSIONAL,
    }
    CHANNEL = {
        SCHOOL: Channel.SCHOOL,
        GP: Channel.GP,
        SPECIALIST: Channel.SPECIALIST,
        OTHER: Channel.OTHER,
    }


class PartnerReferralForm(PublicForm):
    referrer_organisation = _text(
        200,
        label=_("Organisation"),
        autocomplete="organization",
        help_text=_("For example the name of the school or the GP practice."),
    )
    referrer_name = _text(200, label=_("Your name"), autocomplete="name")
    referrer_role = forms.ChoiceField(
        label=_("Your role"),
        choices=PartnerRole.CHOICES,
        widget=_radio(),
        template_name=CHOICE_TEMPLATE,
    )
    referrer_phone = _phone(label=_("Your phone number"), required=False)
    referrer_email = _email(label=_("Your e-mail address"))
    parent_name = _text(200, label=_("Name of a parent or carer"))
    postcode = _postcode()
    house_number = _house_number()
    family_phone = _phone(label=_("Phone number of the parent or carer"), required=True)
    help_question = forms.CharField(
        label=_("What is the question or concern?"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Describe what you see and what the family would like help with."),
    )
    urgency = _urgency()
    consent_confirmed = forms.BooleanField(
        label=_(
            "I confirm that the parents (and the child from age 12) have consented to this referral"
        ),
        error_messages={
            "required": _(
                "You can only refer with the consent of the parents (and of the child from "
                "age 12). Ask for it first, or call the team to discuss the situation "
                "without names."
            )
        },
    )

    def clean_postcode(self):
        return check_postcode(self.cleaned_data["postcode"])

    def clean_house_number(self):
        return check_house_number(self.cleaned_data["house_number"])

    def clean_referrer_phone(self):
        return check_phone(self.cleaned_data["referrer_phone"])

    def clean_family_phone(self):
        return check_phone(self.cleaned_data["family_phone"])

    def clean(self):
        cleaned = super().clean()
        self.check_reachable(
            "referrer_phone",
            "referrer_email",
            _("Fill in your phone number or e-mail address, so that the team can reach you."),
        )
        return cleaned


class PartnerReferral(Bundle):
    form_class = PartnerReferralForm
    children_after = "family_phone"

    def intake_input(self, today: date) -> IntakeInput:
        data = self.form.cleaned_data
        role = data["referrer_role"]
        referrer = f"{data['referrer_name']}, {data['referrer_organisation']}"
        contact = " / ".join(v for v in (data["referrer_phone"], data["referrer_email"]) if v)
        question = f"{data['help_question']}\n\n{PARENT_LINE.format(name=data['parent_name'])}"
        return IntakeInput(
            channel=PartnerRole.CHANNEL[role],
            referrer_type=PartnerRole.REFERRER_TYPE[role],
            referrer_organisation=data["referrer_organisation"],
            referrer_name=data["referrer_name"],
            referrer_contact=contact[:200],
            help_question=question,
            urgency=data["urgency"],
            postcode=data["postcode"],
            house_number=data["house_number"],
            phone=data["family_phone"],
            persons=[child.person() for child in self.children.filled()],
            consents=[
                ConsentInput(
                    information=CONSENT_REFERRAL,
                    shared_with=CONSENT_RECEIVER,
                    given_by=CONSENT_BY_PARENTS.format(referrer=referrer)[:200],
                    given_on=today,
                )
            ],
        )
