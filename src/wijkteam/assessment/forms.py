"""Forms for question clarification, the explanatory analysis, the child's voice,
consultations and life-domain scores. Edits carry the version they were opened at."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wijkteam.accounts.models import User
from wijkteam.cases.forms import CaseForm
from wijkteam.core.forms import DateInput

from .models import ConsultantKind, ConversationSetting, NotSpokenReason, Sufficiency
from .rules import ChildVoiceInput


def text_field(label, help_text="", rows=3, required=False):
    return forms.CharField(
        label=label,
        help_text=help_text,
        required=required,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": rows}),
    )


def team_colleagues(case, *role_names: str):
    users = User.objects.filter(team_id=case.team_id, is_active=True)
    if role_names:
        users = users.filter(groups__name__in=role_names)
    return users.distinct().order_by("last_name", "first_name")


class RecordForm(CaseForm):
    """A case form whose version is that of its own record (`record`), not the case's."""

    def __init__(self, *args, record=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.record = record
        self.initial["version"] = record.version if record is not None else 1


class ClarificationForm(RecordForm):
    support_question = text_field(
        _("Step 1 — The support question"),
        _("What does the family ask, in their own words? What do they want to be different?"),
    )
    problems = text_field(
        _("Step 2 — Problems in self-reliance and participation"),
        _("Which problems does the family meet at home, at school, at work, in the neighbourhood?"),
    )
    support_needed = text_field(
        _("Step 3 — Support needed, by nature and extent"),
        _("What kind of support is needed, how much and for how long?"),
    )
    own_means = text_field(_("Own means and abilities"), rows=2)
    usual_help = text_field(
        _("Usual help from household members"),
        _("What may be expected of parents and others in the household."),
        rows=2,
    )
    informal_care = text_field(_("Informal care"), rows=2)
    social_network = text_field(_("Help from the social network"), rows=2)
    community_solutions = text_field(
        _("Community solutions"), _("Freely accessible offers: welfare, school, sport, …"), rows=2
    )
    own_means_conclusion = forms.ChoiceField(
        label=_("Conclusion of step 4: are these enough?"),
        choices=[("", _("not yet concluded")), *Sufficiency.choices],
        required=False,
        widget=forms.RadioSelect,
    )
    own_support = text_field(
        _("Step 5 — The team's own support"),
        _("What the Sociaal Wijkteam offers itself (eigen inzet), or why that is not enough."),
    )
    own_support_conclusion = forms.ChoiceField(
        label=_("Conclusion of step 5: is this enough?"),
        choices=[("", _("not yet concluded")), *Sufficiency.choices],
        required=False,
        widget=forms.RadioSelect,
    )
    customised_provision = text_field(
        _("Step 6 — Customised provision: what and why"),
        _("Only when steps 4 and 5 are not enough."),
    )
    expert_advice_needed = forms.BooleanField(label=_("Expert advice is needed"), required=False)
    expert_advice = text_field(
        _("Expert advice"), _("The behavioural expert's or GZ-psychologist's advice."), rows=2
    )

    STEP_4 = (
        "own_means",
        "usual_help",
        "informal_care",
        "social_network",
        "community_solutions",
        "own_means_conclusion",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.record is not None and not self.is_bound:
            for name in self.fields:
                if name != "version":
                    self.initial[name] = getattr(self.record, name)

    def findings(self) -> dict:
        return {name: value for name, value in self.cleaned_data.items() if name != "version"}


class AnalysisForm(RecordForm):
    situation = text_field(_("What is going on"), rows=4, required=True)
    explanation = text_field(
        _("Why: the explanation"),
        _("How do the problems arise and hang together? A hypothesis you can test."),
        rows=4,
        required=True,
    )
    protective_factors = text_field(_("Protective factors"), _("What goes well; who helps."))
    risk_factors = text_field(_("Risk factors"), _("What makes things worse or unsafe."))

    def __init__(self, *args, current=None, **kwargs):
        super().__init__(*args, **kwargs)
        if current is not None and not self.is_bound:
            for name in ("situation", "explanation", "protective_factors", "risk_factors"):
                self.initial[name] = getattr(current, name)


class ChildVoiceForm(CaseForm):
    child = forms.ChoiceField(label=_("Child"))
    spoken_to = forms.TypedChoiceField(
        label=_("Did you speak with this child?"),
        choices=[("yes", _("yes, we spoke with the child")), ("no", _("no"))],
        widget=forms.RadioSelect,
        coerce=lambda value: value == "yes",
    )
    spoken_on = forms.DateField(label=_("When"), required=False, widget=DateInput())
    setting = forms.ChoiceField(
        label=_("How"), choices=[("", "—"), *ConversationSetting.choices], required=False
    )
    spoken_by = forms.ChoiceField(label=_("By whom"), required=False)
    child_view = text_field(
        _("What the child told us"), _("The child's own view and wishes, in their words.")
    )
    reason = forms.ChoiceField(
        label=_("If not: the reason"),
        choices=[("", "—"), *NotSpokenReason.choices],
        required=False,
    )
    reason_text = text_field(_("Explanation"), _("Required for “other reason”."), rows=2)

    def __init__(self, *args, children=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.children = {str(row.child.pk): row.child for row in children}
        self.fields["child"].choices = [
            (str(row.child.pk), f"{row.child.full_name} ({row.age})") for row in children
        ]
        colleagues = list(team_colleagues(self.case))
        self.colleagues = {str(user.pk): user for user in colleagues}
        self.fields["spoken_by"].choices = [("", "—")] + [
            (str(user.pk), str(user)) for user in colleagues
        ]
        self.initial.setdefault("spoken_by", str(self.user.pk))
        self.initial.setdefault("spoken_on", timezone.localdate())

    def chosen_child(self):
        return self.children[self.cleaned_data["child"]]

    def to_input(self) -> ChildVoiceInput:
        data = self.cleaned_data
        by = self.colleagues.get(data.get("spoken_by") or "")
        return ChildVoiceInput(
            spoken_to=data["spoken_to"],
            spoken_on=data.get("spoken_on"),
            setting=data.get("setting", ""),
            spoken_by_id=by.pk if by else None,
            reason=data.get("reason", ""),
            reason_text=data.get("reason_text", ""),
        )


class ConsultationForm(CaseForm):
    kind = forms.ChoiceField(
        label=_("Who do you consult?"), choices=ConsultantKind.choices, widget=forms.RadioSelect
    )
    consultant = forms.ChoiceField(
        label=_("Colleague"),
        required=False,
        help_text=_("Leave empty for an expert outside the team."),
    )
    question = text_field(_("Question"), rows=3, required=True)
    asked_on = forms.DateField(label=_("Asked on"), widget=DateInput())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        experts = list(team_colleagues(self.case, "behavioural_expert", "safety_officer"))
        self.experts = {str(user.pk): user for user in experts}
        self.fields["consultant"].choices = [("", "—")] + [
            (str(user.pk), str(user)) for user in experts
        ]
        self.initial.setdefault("asked_on", timezone.localdate())

    def chosen_consultant(self):
        return self.experts.get(self.cleaned_data.get("consultant") or "")


class AdviceForm(RecordForm):
    advice = text_field(_("Advice"), rows=4, required=True)
    advised_on = forms.DateField(label=_("Advice given on"), widget=DateInput())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial.setdefault("advised_on", timezone.localdate())


EXISTENTIAL_SECURITY_HINT = _("Existential security: the first priority when low.")


class LifeDomainForm(forms.Form):
    """One select per life domain that applies to the person; empty is "not scored"."""

    assessed_on = forms.DateField(label=_("Assessed on"), widget=DateInput())
    note = text_field(_("Note"), rows=2)

    def __init__(self, *args, domains=(), levels=(), **kwargs):
        super().__init__(*args, **kwargs)
        choices = [("", _("not scored"))] + [(str(level.value), str(level)) for level in levels]
        self.domain_fields = []
        for domain in domains:
            name = f"domain_{domain.pk}"
            help_text = domain.description
            if domain.existential_security:
                help_text = f"{EXISTENTIAL_SECURITY_HINT} {help_text}"
            self.fields[name] = forms.ChoiceField(
                label=domain.name, choices=choices, required=False, help_text=help_text.strip()
            )
            self.domain_fields.append((domain, name))
        self.order_fields(["assessed_on", *[name for _d, name in self.domain_fields], "note"])
        self.initial.setdefault("assessed_on", timezone.localdate())

    def scores(self) -> dict[int, int]:
        return {
            domain.pk: int(self.cleaned_data[name])
            for domain, name in self.domain_fields
            if self.cleaned_data.get(name)
        }
