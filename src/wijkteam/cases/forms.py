"""Forms for the case pages. Each carries the version it was opened at, so a concurrent
change is refused with the input kept."""

from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wijkteam.accounts.models import ExpertiseTag
from wijkteam.core.forms import DateInput
from wijkteam.people.rules import age_on

from .models import CaseStatus, ContactKind, QuestionTheme, TriageOutcome, Urgency
from .rules import status_change_targets
from .services import YOUTH_AGE


class CaseForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, case, user, roles=frozenset(), **kwargs):
        super().__init__(*args, **kwargs)
        self.case, self.user, self.roles = case, user, roles
        self.initial.setdefault("version", case.version)


class TriageForm(CaseForm):
    urgency = forms.ChoiceField(
        label=_("Urgency"), choices=Urgency.choices, widget=forms.RadioSelect
    )
    outcome = forms.ChoiceField(
        label=_("Outcome"), choices=TriageOutcome.choices, widget=forms.RadioSelect
    )
    note = forms.CharField(
        label=_("Note"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required for advice or a community referral: what was advised, or where to."),
    )
    needed_expertise = forms.ModelMultipleChoiceField(
        label=_("Expertise needed"),
        queryset=ExpertiseTag.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Assignment suggests workers with this expertise first."),
    )
    themes = forms.ModelMultipleChoiceField(
        label=_("Themes"),
        queryset=QuestionTheme.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("What the question is about; recurring themes can get a collective offer."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial.setdefault("urgency", self.case.urgency)
        chosen = list(self.case.themes.all())
        self.initial.setdefault("themes", chosen)
        # Active themes, and any inactive one the case already has (so it is not lost).
        self.fields["themes"].queryset = QuestionTheme.objects.filter(
            Q(active=True) | Q(pk__in=[t.pk for t in chosen])
        )


class StatusForm(CaseForm):
    target = forms.ChoiceField(label=_("New status"))
    reason = forms.CharField(
        label=_("Reason"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        labels = dict(CaseStatus.choices)
        targets = status_change_targets(self.case.status, self.roles)
        self.fields["target"].choices = [(t, labels[t]) for t in targets]


class AssignForm(CaseForm):
    worker = forms.ChoiceField(label=_("Worker"), widget=forms.RadioSelect)
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        max_length=300,
        help_text=_(
            "Required when the case changes worker; the family's number of workers counts."
        ),
    )

    def __init__(self, *args, ranked=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["worker"].choices = [(str(r.user.pk), str(r.user)) for r in ranked]


class SupportWhileWaitingForm(CaseForm):
    given_on = forms.DateField(label=_("Date"), widget=DateInput())
    description = forms.CharField(
        label=_("What was done"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial.setdefault("given_on", timezone.localdate())

    def clean_given_on(self):
        given_on = self.cleaned_data["given_on"]
        if given_on > timezone.localdate():
            raise forms.ValidationError(_("The date cannot be in the future."))
        return given_on


class ContactMomentForm(CaseForm):
    occurred_on = forms.DateField(label=_("Date"), widget=DateInput())
    kind = forms.ChoiceField(label=_("Kind of contact"), choices=ContactKind.choices)
    present = forms.MultipleChoiceField(
        label=_("Who was present"), required=False, widget=forms.CheckboxSelectMultiple
    )
    children_spoken_to = forms.MultipleChoiceField(
        label=_("Which children did you speak with"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("We always speak with the child, unless. Record here who you spoke with."),
    )
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )

    def __init__(self, *args, members=(), **kwargs):
        super().__init__(*args, **kwargs)
        today = timezone.localdate()
        self.members = {str(m.resident.pk): m.resident for m in members}
        self.fields["present"].choices = [
            (str(m.resident.pk), f"{m.resident.full_name} ({m.get_role_display()})")
            for m in members
        ]
        self.fields["children_spoken_to"].choices = [
            (str(m.resident.pk), m.resident.full_name)
            for m in members
            if age_on(m.resident.birth_date, today) < YOUTH_AGE
        ]
        self.initial.setdefault("occurred_on", today)

    def clean_occurred_on(self):
        occurred_on = self.cleaned_data["occurred_on"]
        if occurred_on > timezone.localdate():
            raise forms.ValidationError(_("The date cannot be in the future."))
        return occurred_on

    def clean(self):
        cleaned = super().clean()
        present = set(cleaned.get("present", []))
        spoken = set(cleaned.get("children_spoken_to", []))
        if spoken - present:
            self.add_error("children_spoken_to", _("Mark a child you spoke with as present too."))
        return cleaned

    def residents(self, field: str) -> list:
        return [self.members[pk] for pk in self.cleaned_data.get(field, [])]
