"""Forms for the support plan. Edits of the plan carry the plan's version, edits of a
record its own; a stale version is refused with the input kept."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wijkteam.accounts.models import User
from wijkteam.assessment.models import LifeDomain
from wijkteam.core.forms import DateInput
from wijkteam.people.rules import age_on

from .models import (
    ActionBy,
    AgreementHow,
    ChecklistState,
    CoordinationHolder,
    EvaluationDecision,
    EvaluationKind,
    ExperienceRequest,
    Frequency,
    GoalPriority,
    GoalResult,
    OwnSupportEnd,
    OwnSupportKind,
    ReconsiderDecision,
    ReferralStatus,
    ScaledDownTo,
)
from .rules import ADULT_AGE, CHECKLIST_ITEMS, closure_reason_choices


def text_field(label, help_text="", rows=3, required=True, max_length=2000):
    return forms.CharField(
        label=label,
        help_text=help_text,
        required=required,
        max_length=max_length,
        widget=forms.Textarea(attrs={"rows": rows}),
    )


def team_of(plan, *role_names: str):
    users = User.objects.filter(team_id=plan.case.team_id, is_active=True)
    if role_names:
        users = users.filter(groups__name__in=role_names)
    return list(users.distinct().order_by("last_name", "first_name"))


def _id(value: str | None) -> int | None:
    return int(value) if value else None


class PlanForm(forms.Form):
    """A form on a plan: the members, goals and team are known; `version` is the version
    of the record the form edits (the plan's, unless `record` is given)."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, plan, user, record=None, goals=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.plan, self.user, self.goals = plan, user, list(goals)
        self.today = timezone.localdate()
        self.members = [m.resident for m in plan.household.memberships.all()]
        self.initial.setdefault("version", (record or plan).version)

    def member_choices(self, *, adults: bool | None = None):
        chosen = [
            resident
            for resident in self.members
            if adults is None or (age_on(resident.birth_date, self.today) >= ADULT_AGE) == adults
        ]
        return [(str(r.pk), f"{r.full_name} ({age_on(r.birth_date, self.today)})") for r in chosen]

    def goal_choices(self, empty_label):
        return [("", empty_label)] + [(str(g.pk), g.result[:80]) for g in self.goals]

    def colleague_choices(self, *role_names, empty_label=None):
        self.colleagues = {str(u.pk): u for u in team_of(self.plan, *role_names)}
        choices = [(pk, str(user)) for pk, user in self.colleagues.items()]
        return ([("", empty_label)] if empty_label else []) + choices

    @property
    def expected_version(self) -> int | None:
        return self.cleaned_data.get("version")


class StartPlanForm(forms.Form):
    summary = text_field(
        _("What we work on together, in the family's words"),
        _("One or two sentences the family recognises. You can change it later."),
        required=False,
    )


class CoordinationForm(PlanForm):
    summary = text_field(
        _("What we work on together, in the family's words"), rows=2, required=False
    )
    coordinator = forms.ChoiceField(
        label=_("Coordinator"), help_text=_("The one person the family and partners turn to.")
    )
    process_coordination = forms.ChoiceField(
        label=_("Process coordination lies with"),
        choices=CoordinationHolder.choices,
        widget=forms.RadioSelect,
        help_text=_("Who keeps the plan going: meetings, agreements, who does what."),
    )
    process_coordination_by = forms.CharField(
        label=_("Process coordination: name"),
        max_length=200,
        required=False,
        help_text=_("The person or organisation, when not the team or the family."),
    )
    content_coordination = forms.ChoiceField(
        label=_("Content coordination lies with"),
        choices=CoordinationHolder.choices,
        widget=forms.RadioSelect,
        help_text=_("Who decides on the content of the help."),
    )
    content_coordination_by = forms.CharField(
        label=_("Content coordination: name"), max_length=200, required=False
    )
    court_measure = forms.BooleanField(
        label=_("A court measure applies (child protection)"), required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["coordinator"].choices = self.colleague_choices(empty_label=_("— choose —"))
        if not self.is_bound:
            plan = self.plan
            self.initial.update(
                summary=plan.summary,
                coordinator=str(plan.coordinator_id or ""),
                process_coordination=plan.process_coordination,
                process_coordination_by=plan.process_coordination_by,
                content_coordination=plan.content_coordination,
                content_coordination_by=plan.content_coordination_by,
                court_measure=plan.court_measure,
            )

    def to_input(self):
        from .services import CoordinationInput

        data = self.cleaned_data
        return CoordinationInput(
            coordinator_id=_id(data["coordinator"]),
            process_coordination=data["process_coordination"],
            process_coordination_by=data["process_coordination_by"],
            content_coordination=data["content_coordination"],
            content_coordination_by=data["content_coordination_by"],
            court_measure=data["court_measure"],
            summary=data["summary"],
        )


class GoalForm(PlanForm):
    person = forms.ChoiceField(label=_("For whom"), required=False)
    life_domain = forms.ChoiceField(label=_("Life domain"))
    result = text_field(
        _("The result, in the family's words"),
        _("What will be different? For example: “Noor goes to school every day again.”"),
    )
    indicator = text_field(
        _("How we know it is reached"),
        _("What you and the family will see or hear. For example: “no absence for a month”."),
        rows=2,
    )
    priority = forms.ChoiceField(
        label=_("When"),
        choices=GoalPriority.choices,
        widget=forms.RadioSelect,
        help_text=_("Not everything at once: start with what matters most to the family."),
    )
    order = forms.IntegerField(
        label=_("Order"), min_value=0, max_value=99, required=False, help_text=_("Lower first.")
    )

    def __init__(self, *args, goal=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].choices = [("", _("the whole family"))] + self.member_choices()
        self.fields["life_domain"].choices = [("", _("— choose —"))] + [
            (str(d.pk), d.name) for d in LifeDomain.objects.filter(active=True)
        ]
        self.initial.setdefault("priority", GoalPriority.NOW)
        if goal is not None and not self.is_bound:
            self.initial.update(
                person=str(goal.person_id or ""),
                life_domain=str(goal.life_domain_id),
                result=goal.result,
                indicator=goal.indicator,
                priority=goal.priority,
                order=goal.order,
            )

    def to_input(self):
        from .services import GoalInput

        data = self.cleaned_data
        return GoalInput(
            person_id=_id(data["person"]),
            life_domain_id=int(data["life_domain"]),
            result=data["result"],
            indicator=data["indicator"],
            priority=data["priority"],
            order=data["order"] or 0,
        )


class ActionForm(PlanForm):
    goal = forms.ChoiceField(label=_("For goal"), required=False)
    description = text_field(_("What"), rows=2, max_length=1000)
    by = forms.ChoiceField(label=_("By"), choices=ActionBy.choices, widget=forms.RadioSelect)
    who = forms.CharField(
        label=_("Who"), max_length=200, help_text=_("A name: a person, or the organisation.")
    )
    due_on = forms.DateField(label=_("By when"), required=False, widget=DateInput())
    done_on = forms.DateField(label=_("Done on"), required=False, widget=DateInput())

    def __init__(self, *args, action=None, goal_id=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["goal"].choices = self.goal_choices(_("the plan as a whole"))
        if goal_id:
            self.initial.setdefault("goal", str(goal_id))
        if action is not None and not self.is_bound:
            self.initial.update(
                goal=str(action.goal_id or ""),
                description=action.description,
                by=action.by,
                who=action.who,
                due_on=action.due_on,
                done_on=action.done_on,
            )

    def to_input(self):
        from .services import ActionInput

        data = self.cleaned_data
        return ActionInput(
            goal_id=_id(data["goal"]),
            description=data["description"],
            by=data["by"],
            who=data["who"],
            due_on=data["due_on"],
            done_on=data["done_on"],
        )


class AgreementForm(PlanForm):
    agreed_on = forms.DateField(label=_("Agreed on"), widget=DateInput())
    how = forms.ChoiceField(label=_("How"), choices=AgreementHow.choices, widget=forms.RadioSelect)
    parents = forms.MultipleChoiceField(
        label=_("Parents who agreed"), widget=forms.CheckboxSelectMultiple, required=False
    )
    children = forms.MultipleChoiceField(
        label=_("Children who agreed"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Children of 12 and older agree too; younger children are heard."),
    )
    children_note = text_field(
        _("How the children were involved"),
        _("Required for a child of 12 or older who did not agree: how were they involved?"),
        rows=2,
        required=False,
    )
    note = text_field(_("Note"), rows=2, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parents"].choices = self.member_choices(adults=True)
        self.fields["children"].choices = self.member_choices(adults=False)
        self.initial.setdefault("agreed_on", self.today)

    def to_input(self):
        from .rules import AgreementInput

        data = self.cleaned_data
        return AgreementInput(
            agreed_on=data["agreed_on"],
            how=data["how"],
            parent_ids=frozenset(int(pk) for pk in data["parents"]),
            child_ids=frozenset(int(pk) for pk in data["children"]),
            children_note=data["children_note"],
            note=data["note"],
        )


class OwnSupportForm(PlanForm):
    kind = forms.ChoiceField(label=_("Kind of help"), choices=OwnSupportKind.choices)
    description = text_field(_("What we do"), rows=2)
    goal = forms.ChoiceField(label=_("For goal"), required=False)
    worker = forms.ChoiceField(label=_("By"))
    started_on = forms.DateField(label=_("Started on"), widget=DateInput())
    planned_end_on = forms.DateField(label=_("Planned end"), widget=DateInput())
    planned_contacts = forms.IntegerField(
        label=_("Planned number of contacts"), min_value=1, max_value=200
    )
    frequency = forms.ChoiceField(label=_("How often"), choices=Frequency.choices)
    beyond_bound_reason = text_field(
        _("Why longer or more than short help"),
        _("Only when the plan goes past the bound for short or light help."),
        rows=2,
        required=False,
    )

    def __init__(self, *args, bound=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["goal"].choices = self.goal_choices(_("the plan as a whole"))
        self.fields["worker"].choices = self.colleague_choices()
        self.initial.setdefault("worker", str(self.user.pk))
        self.initial.setdefault("started_on", self.today)
        if bound is not None:
            self.fields["planned_contacts"].help_text = _(
                "Short or light help: at most %(months)d months or %(contacts)d contacts."
            ) % {"months": bound.months, "contacts": bound.contacts}

    def to_input(self):
        from .services import OwnSupportInput

        data = self.cleaned_data
        return OwnSupportInput(
            kind=data["kind"],
            description=data["description"],
            worker_id=int(data["worker"]),
            started_on=data["started_on"],
            planned_end_on=data["planned_end_on"],
            planned_contacts=data["planned_contacts"],
            frequency=data["frequency"],
            goal_id=_id(data["goal"]),
            beyond_bound_reason=data["beyond_bound_reason"],
        )


class ReconsiderForm(PlanForm):
    decision = forms.ChoiceField(
        label=_("Decision"), choices=ReconsiderDecision.choices, widget=forms.RadioSelect
    )
    reason = text_field(_("Reason"), rows=2)
    continue_until = forms.DateField(
        label=_("Continue until"),
        required=False,
        widget=DateInput(),
        help_text=_("Only when you continue."),
    )
    continue_contacts = forms.IntegerField(
        label=_("Up to this many contacts in all"), min_value=1, max_value=200, required=False
    )


class EndOwnSupportForm(PlanForm):
    end_reason = forms.ChoiceField(
        label=_("Why it ends"), choices=OwnSupportEnd.choices, widget=forms.RadioSelect
    )
    ended_on = forms.DateField(label=_("Ended on"), widget=DateInput())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial.setdefault("ended_on", self.today)


class ReferralForm(PlanForm):
    offer = forms.ChoiceField(label=_("Community offer"))
    person = forms.ChoiceField(label=_("For whom"))
    goal = forms.ChoiceField(label=_("For goal"), required=False)
    referred_on = forms.DateField(label=_("Referred on"), widget=DateInput())
    warm_handover = forms.TypedChoiceField(
        label=_("Warm handover"),
        choices=[("yes", _("yes, we introduced the family in person")), ("no", _("no"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )
    handover_note = text_field(
        _("How the handover went"),
        _("For example: called the offer together with the mother; first visit together."),
        rows=2,
    )
    contact_at_offer = forms.CharField(
        label=_("Contact person at the offer"), max_length=200, required=False
    )

    def __init__(self, *args, offers=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["offer"].choices = [("", _("— choose —"))] + [
            (str(o.pk), f"{o.name} ({o.organisation})") for o in offers
        ]
        self.fields["person"].choices = self.member_choices()
        self.fields["goal"].choices = self.goal_choices(_("the plan as a whole"))
        self.initial.setdefault("referred_on", self.today)
        self.initial.setdefault("warm_handover", "yes")

    def to_input(self):
        from .services import ReferralInput

        data = self.cleaned_data
        return ReferralInput(
            offer_id=int(data["offer"]),
            person_id=int(data["person"]),
            referred_on=data["referred_on"],
            warm_handover=data["warm_handover"],
            handover_note=data["handover_note"],
            contact_at_offer=data["contact_at_offer"],
            goal_id=_id(data["goal"]),
        )


class ReferralUpdateForm(PlanForm):
    status = forms.ChoiceField(label=_("Status"), choices=ReferralStatus.choices)
    outcome_note = text_field(_("How it went"), rows=2, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        record = kwargs.get("record")
        if record is not None and not self.is_bound:
            self.initial.update(status=record.status, outcome_note=record.outcome_note)


class GoalResultsMixin:
    """One result field per goal of the plan (`result_<goal id>`)."""

    def add_goal_fields(self, *, required: bool, label_prefix):
        self.result_fields = []
        for goal in self.goals:
            name = f"result_{goal.pk}"
            self.fields[name] = forms.ChoiceField(
                label=f"{label_prefix}: {goal.result[:80]}",
                choices=[("", _("— not evaluated —"))] + list(GoalResult.choices),
                required=required,
            )
            self.result_fields.append(name)

    def results(self) -> dict[int, str]:
        return {
            int(name.removeprefix("result_")): self.cleaned_data[name]
            for name in self.result_fields
            if self.cleaned_data.get(name)
        }


class EvaluationForm(GoalResultsMixin, PlanForm):
    kind = forms.ChoiceField(
        label=_("Kind"), choices=EvaluationKind.choices, widget=forms.RadioSelect
    )
    held_on = forms.DateField(label=_("Held on"), widget=DateInput())
    team_members = forms.MultipleChoiceField(
        label=_("Present from the team"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("The team is always present at the start meeting and every evaluation."),
    )
    family_members = forms.MultipleChoiceField(
        label=_("Present from the family"), widget=forms.CheckboxSelectMultiple, required=False
    )
    others = forms.CharField(
        label=_("Others present"),
        max_length=300,
        required=False,
        help_text=_("For example the provider, school or the certified institution."),
    )
    decision = forms.ChoiceField(
        label=_("Decision"), choices=EvaluationDecision.choices, widget=forms.RadioSelect
    )
    decision_note = text_field(
        _("Explanation"), _("Required unless you continue as planned."), rows=2, required=False
    )
    next_evaluation_on = forms.DateField(
        label=_("Next evaluation"), required=False, widget=DateInput()
    )
    invite_survey = forms.BooleanField(
        label=_("Give the family the short survey about their experience"),
        required=False,
        help_text=_("You get a single-use link (and QR code) to give or send to the family."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["team_members"].choices = self.colleague_choices()
        self.fields["family_members"].choices = self.member_choices()
        self.add_goal_fields(required=False, label_prefix=_("Result"))
        self.initial.setdefault("held_on", self.today)
        self.initial.setdefault("team_members", [str(self.user.pk)])
        self.order_fields(
            ["kind", "held_on", "team_members", "family_members", "others", *self.result_fields]
        )

    def to_input(self):
        from .services import EvaluationInput

        data = self.cleaned_data
        return EvaluationInput(
            kind=data["kind"],
            held_on=data["held_on"],
            team_member_ids=frozenset(int(pk) for pk in data["team_members"]),
            family_member_ids=frozenset(int(pk) for pk in data["family_members"]),
            others=data["others"],
            results=self.results(),
            decision=data["decision"],
            decision_note=data["decision_note"],
            next_evaluation_on=data["next_evaluation_on"],
            invite_survey=data["invite_survey"],
        )


class EscalationForm(PlanForm):
    stuck = text_field(_("What is stuck"), rows=3)
    tried = text_field(_("Who is involved and what was tried"), rows=3)
    lead = forms.ChoiceField(label=_("Team lead"))
    deadline = forms.DateField(label=_("Decision needed by"), widget=DateInput())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lead"].choices = self.colleague_choices("team_lead")


class ResolveForm(PlanForm):
    resolution = text_field(_("What was decided"), rows=3)


class TransitionForm(PlanForm):
    extended_care = forms.TypedChoiceField(
        label=_("Extended youth care up to 23"),
        choices=[
            ("yes", _("yes: help can continue up to 23 (the default)")),
            ("no", _("not needed")),
        ],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )
    extended_care_not_needed_reason = text_field(
        _("Why extended youth care is not needed"), rows=2, required=False
    )
    team_keeps_coordination = forms.BooleanField(
        label=_("The team keeps coordination through the transition"), required=False
    )
    coordination_note = forms.CharField(
        label=_("Coordination: note"), max_length=300, required=False
    )

    NOTES = {
        "wmo_handover": "wmo_note",
        "income": "income_note",
        "health_insurance": "health_insurance_note",
        "housing": "housing_note",
    }

    def __init__(self, *args, labels=None, **kwargs):
        super().__init__(*args, **kwargs)
        record = kwargs.get("record")
        for item in CHECKLIST_ITEMS:
            self.fields[item] = forms.ChoiceField(
                label=(labels or {}).get(item, item),
                choices=ChecklistState.choices,
                widget=forms.RadioSelect,
            )
            self.fields[self.NOTES[item]] = forms.CharField(
                label=_("Note"), max_length=300, required=False
            )
        self.order_fields(
            [
                "extended_care",
                "extended_care_not_needed_reason",
                *(name for item in CHECKLIST_ITEMS for name in (item, self.NOTES[item])),
                "team_keeps_coordination",
                "coordination_note",
            ]
        )
        if not self.is_bound:
            if record is None:
                self.initial.update(
                    extended_care="yes",
                    team_keeps_coordination=True,
                    **dict.fromkeys(CHECKLIST_ITEMS, ChecklistState.TO_DO),
                )
            else:
                self.initial.update(
                    extended_care="yes" if record.extended_care else "no",
                    extended_care_not_needed_reason=record.extended_care_not_needed_reason,
                    team_keeps_coordination=record.team_keeps_coordination,
                    coordination_note=record.coordination_note,
                    **{item: getattr(record, item) for item in CHECKLIST_ITEMS},
                    **{note: getattr(record, note) for note in self.NOTES.values()},
                )

    def to_input(self):
        from .services import TransitionInput

        data = self.cleaned_data
        return TransitionInput(
            extended_care=data["extended_care"],
            extended_care_not_needed_reason=data["extended_care_not_needed_reason"],
            states={item: data[item] for item in CHECKLIST_ITEMS},
            notes={item: data[self.NOTES[item]] for item in CHECKLIST_ITEMS},
            team_keeps_coordination=data["team_keeps_coordination"],
            coordination_note=data["coordination_note"],
        )


class ClosureForm(GoalResultsMixin, PlanForm):
    reason_code = forms.ChoiceField(label=_("Why the help ends"), widget=forms.RadioSelect)
    closed_on = forms.DateField(label=_("Closed on"), widget=DateInput())
    scaled_down_to = forms.ChoiceField(
        label=_("Help was scaled down to"), choices=ScaledDownTo.choices, widget=forms.RadioSelect
    )
    scaled_down_note = forms.CharField(
        label=_("Which, with whom"),
        max_length=300,
        required=False,
        help_text=_("The offer or organisation the family goes on with."),
    )
    experience_request = forms.ChoiceField(
        label=_("The family's experience"),
        choices=ExperienceRequest.choices,
        widget=forms.RadioSelect,
        help_text=_("Ask every family how they experienced the help (client experience)."),
    )
    note = text_field(_("Note"), rows=2, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reason_code"].choices = closure_reason_choices()
        self.add_goal_fields(required=True, label_prefix=_("Result"))
        self.initial.setdefault("closed_on", self.today)
        self.order_fields(["reason_code", "closed_on", *self.result_fields])

    def to_input(self):
        from .services import ClosureInput

        data = self.cleaned_data
        return ClosureInput(
            reason_code=data["reason_code"],
            closed_on=data["closed_on"],
            results=self.results(),
            scaled_down_to=data["scaled_down_to"],
            scaled_down_note=data["scaled_down_note"],
            experience_request=data["experience_request"],
            note=data["note"],
        )
