"""Forms for the safety pages. Edits carry the version they were opened at."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wijkteam.assessment.forms import RecordForm, team_colleagues, text_field
from wijkteam.cases.forms import CaseForm
from wijkteam.core.forms import DateInput
from wijkteam.core.rules import add_months

from .models import ReportingCodeProcedure
from .services import AssessmentInput

YES_NO_OPEN = [("", _("not yet answered")), ("yes", _("yes")), ("no", _("no"))]


def _yes_no(value: str) -> bool | None:
    return {"yes": True, "no": False}.get(value)


def _as_choice(value: bool | None) -> str:
    return {True: "yes", False: "no"}.get(value, "")


class SafetyAssessmentForm(RecordForm):
    """The instrument's questions as radio groups, the conclusion and the next date."""

    assessed_on = forms.DateField(label=_("Assessed on"), widget=DateInput())
    conclusion = text_field(
        _("Conclusion"), _("How safe is each child now, and why?"), rows=4, required=True
    )
    reassess_on = forms.DateField(
        label=_("Assess again on"),
        widget=DateInput(),
        help_text=_("At the latest in twelve months; sooner when the risk is higher."),
    )
    safety_officer_consultation = forms.ChoiceField(
        label=_("Safety officer consulted"),
        required=False,
        help_text=_("A consultation of the safety officer on this case, if there was one."),
    )

    def __init__(self, *args, instrument=None, consultations=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.item_fields = []
        for item in instrument.items.all() if instrument else []:
            name = f"item_{item.pk}"
            self.fields[name] = forms.ChoiceField(
                label=item.question,
                help_text=item.help_text,
                choices=[(str(option.pk), option.label) for option in item.options.all()],
                widget=forms.RadioSelect,
            )
            self.item_fields.append((item, name))
        self.consultations = {str(c.pk): c for c in consultations}
        self.fields["safety_officer_consultation"].choices = [("", "—")] + [
            (str(c.pk), f"{c.asked_on:%d-%m-%Y}: {c.question[:60]}") for c in consultations
        ]
        self.order_fields(
            ["assessed_on", *[name for _i, name in self.item_fields], "conclusion", "reassess_on"]
        )
        today = timezone.localdate()
        self.initial.setdefault("assessed_on", today)
        self.initial.setdefault("reassess_on", add_months(today, 3))
        if self.record is not None and not self.is_bound:
            answers = {answer.item_id: answer.option_id for answer in self.record.answers.all()}
            for item, name in self.item_fields:
                if item.pk in answers:
                    self.initial[name] = str(answers[item.pk])
            for name in ("assessed_on", "conclusion", "reassess_on"):
                self.initial[name] = getattr(self.record, name)

    def to_input(self) -> AssessmentInput:
        data = self.cleaned_data
        return AssessmentInput(
            answers={item.pk: int(data[name]) for item, name in self.item_fields if data.get(name)},
            conclusion=data["conclusion"],
            assessed_on=data["assessed_on"],
            reassess_on=data["reassess_on"],
            safety_officer_consultation=self.consultations.get(
                data.get("safety_officer_consultation") or ""
            ),
        )


class ReviewForm(RecordForm):
    decision = forms.ChoiceField(
        label=_("Your review"),
        choices=[
            ("approve", _("I agree: the assessment is complete")),
            ("return", _("Return it: something must change")),
        ],
        widget=forms.RadioSelect,
    )
    note = text_field(_("Note"), _("Required when you return the assessment."), rows=3)


class SignalForm(CaseForm):
    resident = forms.ChoiceField(label=_("About whom"))
    observed_on = forms.DateField(label=_("Observed on"), widget=DateInput())
    description = text_field(
        _("Signal"), _("What was seen or heard, as factually as possible."), required=True
    )
    source = forms.CharField(
        label=_("Noticed by"),
        required=False,
        max_length=200,
        help_text=_("For example the school, the GP, a neighbour, the worker."),
    )

    def __init__(self, *args, members=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.members = {str(m.resident.pk): m.resident for m in members}
        self.fields["resident"].choices = [
            (str(m.resident.pk), f"{m.resident.full_name} ({m.get_role_display()})")
            for m in members
        ]
        self.initial.setdefault("observed_on", timezone.localdate())


class ReportingCodeForm(RecordForm):
    """The five steps of the reporting code on one page."""

    signals_summary = text_field(
        _("Step 1 — Map the signals"),
        _("Which signals, about whom, since when; include the signals on the safety page."),
        rows=4,
    )
    colleague = forms.ChoiceField(label=_("Step 2 — Colleague consulted"), required=False)
    colleague_consulted_on = forms.DateField(
        label=_("Consulted on"), required=False, widget=DateInput()
    )
    colleague_advice = text_field(_("The colleague's advice"), rows=2)
    veilig_thuis_consulted_on = forms.DateField(
        label=_("Veilig Thuis consulted for advice on"),
        required=False,
        widget=DateInput(),
        help_text=_("Optional: asking Veilig Thuis for advice is not a report."),
    )
    veilig_thuis_advice = text_field(_("Veilig Thuis's advice"), rows=2)
    family_talked_on = forms.DateField(
        label=_("Step 3 — Talked with the family on"), required=False, widget=DateInput()
    )
    family_conversation = text_field(_("What was discussed, and how the family reacted"), rows=3)
    family_not_talked_reason = text_field(
        _("Or: why talking with the family would not be safe"), rows=2
    )
    q1_suspicion = forms.ChoiceField(choices=YES_NO_OPEN, required=False, widget=forms.RadioSelect)
    q2_acute_or_structural = forms.ChoiceField(
        choices=YES_NO_OPEN, required=False, widget=forms.RadioSelect
    )
    q3_can_help = forms.ChoiceField(choices=YES_NO_OPEN, required=False, widget=forms.RadioSelect)
    q4_help_accepted = forms.ChoiceField(
        choices=YES_NO_OPEN, required=False, widget=forms.RadioSelect
    )
    q5_help_brings_safety = forms.ChoiceField(
        choices=YES_NO_OPEN, required=False, widget=forms.RadioSelect
    )
    weighing = text_field(_("Step 4 — The weighing"), _("Why these answers?"), rows=3)
    decision_note = text_field(_("Step 5 — Explain the decision"), rows=3)
    conclude = forms.BooleanField(
        label=_("Take the decision now (step 5)"),
        required=False,
        help_text=_("The decision follows from the five questions; it cannot be changed after."),
    )

    QUESTIONS = (
        "q1_suspicion",
        "q2_acute_or_structural",
        "q3_can_help",
        "q4_help_accepted",
        "q5_help_brings_safety",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in self.QUESTIONS:
            self.fields[name].label = ReportingCodeProcedure._meta.get_field(name).verbose_name
        colleagues = [u for u in team_colleagues(self.case) if u.pk != self.user.pk]
        self.colleagues = {str(u.pk): u for u in colleagues}
        self.fields["colleague"].choices = [("", "—")] + [(str(u.pk), str(u)) for u in colleagues]
        if self.record is not None and not self.is_bound:
            for name in self.fields:
                if name in ("version", "conclude"):
                    continue
                value = getattr(self.record, name if name != "colleague" else "colleague_id")
                if name in self.QUESTIONS:
                    value = _as_choice(value)
                self.initial[name] = (
                    "" if value is None else (str(value) if name == "colleague" else value)
                )

    def steps(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("version"), data.pop("conclude")
        for name in self.QUESTIONS:
            data[name] = _yes_no(data[name])
        data["colleague"] = self.colleagues.get(data["colleague"] or "")
        return data


class VeiligThuisReportForm(CaseForm):
    reported_on = forms.DateField(label=_("Reported on"), widget=DateInput())
    reported_by = forms.ChoiceField(label=_("Reported by"))
    reference = forms.CharField(label=_("Veilig Thuis reference"), required=False, max_length=50)
    children = forms.MultipleChoiceField(
        label=_("About which children"), widget=forms.CheckboxSelectMultiple
    )
    summary = text_field(_("What was reported"), rows=4, required=True)

    def __init__(self, *args, children=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.children_by_pk = {str(row.child.pk): row.child for row in children}
        self.fields["children"].choices = [
            (str(row.child.pk), row.child.full_name) for row in children
        ]
        colleagues = list(team_colleagues(self.case))
        self.colleagues = {str(u.pk): u for u in colleagues}
        self.fields["reported_by"].choices = [(str(u.pk), str(u)) for u in colleagues]
        self.initial.setdefault("reported_by", str(self.user.pk))
        self.initial.setdefault("reported_on", timezone.localdate())

    def chosen_children(self):
        return [self.children_by_pk[pk] for pk in self.cleaned_data["children"]]


class ReportingRoleForm(CaseForm):
    worker = forms.ChoiceField(label=_("Second worker for the reporting role"))
    reason = text_field(_("Reason"), rows=2)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        colleagues = [
            u
            for u in team_colleagues(self.case, "case_worker", "safety_officer", "team_lead")
            if u.pk != self.case.worker_id
        ]
        self.colleagues = {str(u.pk): u for u in colleagues}
        self.fields["worker"].choices = [(str(u.pk), str(u)) for u in colleagues]


class IndexRegistrationForm(CaseForm):
    youth = forms.ChoiceField(label=_("Young person"))
    registered_on = forms.DateField(label=_("Registered on"), widget=DateInput())
    note = text_field(_("Note"), rows=2)

    def __init__(self, *args, young=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.young = {str(m.resident.pk): m.resident for m in young}
        self.fields["youth"].choices = [(pk, r.full_name) for pk, r in self.young.items()]
        self.initial.setdefault("registered_on", timezone.localdate())
