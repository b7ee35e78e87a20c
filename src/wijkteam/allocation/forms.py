"""Forms for the weighing framework, decisions and their steps. Each carries the version
it was opened at, so a concurrent change is refused with the input kept."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wijkteam.assessment.forms import RecordForm, text_field
from wijkteam.cases.forms import CaseForm
from wijkteam.core.forms import DateInput
from wijkteam.core.rules import add_months
from wijkteam.ijw.codes import choices, describe
from wijkteam.people.rules import age_on
from wijkteam.providers.models import ContractedProduct, Intensity

from .models import InterventionLevel, NotGrantedReason, ObjectionOutcome, OtherLaw
from .rules import YOUTH_MAX_AGE, WeighingInput
from .services import PLAIN_FIELDS, DecisionInput

BLANK = [("", "—")]


class WeighingForm(CaseForm):
    intake = forms.ChoiceField(label=_("Help question"), required=False)
    decided_on = forms.DateField(label=_("Weighed on"), widget=DateInput())
    level = forms.ChoiceField(
        label=_("Intervention level"),
        choices=InterventionLevel.choices,
        widget=forms.RadioSelect,
        help_text=_("As light as possible, as heavy as needed."),
    )
    reason = text_field(_("Why this level"), _("What makes this the right level?"), required=True)
    not_granted = text_field(
        _("Asked for but not granted"),
        _("What the family or a referrer asked for that will not be given. Leave empty if none."),
        rows=2,
    )
    not_granted_reason = forms.ChoiceField(
        label=_("Why not granted"), choices=BLANK + NotGrantedReason.choices, required=False
    )
    other_law = forms.ChoiceField(
        label=_("Which law"),
        choices=BLANK + OtherLaw.choices,
        required=False,
        help_text=_("Only when it falls under another law."),
    )
    not_granted_explanation = text_field(_("Explanation"), _("Required for “other reason”."), 2)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.intakes = {str(i.pk): i for i in self.case.intakes.all()}
        self.fields["intake"].choices = BLANK + [
            (pk, f"{i.reference} ({i.submitted_at:%d-%m-%Y})") for pk, i in self.intakes.items()
        ]
        self.initial.setdefault("decided_on", timezone.localdate())

    def to_input(self) -> WeighingInput:
        data = self.cleaned_data
        return WeighingInput(
            level=data["level"],
            reason=data["reason"],
            decided_on=data["decided_on"],
            not_granted=data["not_granted"],
            not_granted_reason=data["not_granted_reason"],
            other_law=data["other_law"],
            not_granted_explanation=data["not_granted_explanation"],
        )


def product_label(product: ContractedProduct) -> str:
    code = (
        f"{product.category}/{product.product_code}" if product.product_code else product.category
    )
    parts = [f"{product.name} ({code})"]
    if product.profile_id:
        parts.append(str(product.profile.code))
    if product.unit:
        tariff = f"€ {product.tariff:.2f} " if product.tariff is not None else ""
        parts.append(f"{tariff}/{describe('WJ756', product.unit).lower()}")
    return " · ".join(parts)


class DecisionForm(RecordForm):
    youth = forms.ChoiceField(label=_("Young person"))
    product = forms.ChoiceField(
        label=_("Provider and product or profile"),
        help_text=_("The contracted products; a product with a profile has its intensity."),
    )
    request = forms.ChoiceField(
        label=_("Answers the provider's request"),
        required=False,
        help_text=_("A request for allocation (JW315) for this case that this decision answers."),
    )
    weighing = forms.ChoiceField(label=_("Weighing"), required=False)
    start_date = forms.DateField(label=_("From"), widget=DateInput())
    end_date = forms.DateField(
        label=_("Until"), widget=DateInput(), help_text=_("At most one year after the start.")
    )
    volume = forms.IntegerField(
        label=_("Volume"),
        required=False,
        min_value=1,
        max_value=99_999_999,
        help_text=_("In the product's unit (for euros: whole euros). Not for a budget."),
    )
    frequency = forms.ChoiceField(
        label=_("Frequency"), choices=BLANK + choices("WMO757"), required=False
    )
    budget = forms.DecimalField(
        label=_("Budget (euro)"),
        required=False,
        min_value=0,
        max_digits=9,
        decimal_places=2,
        help_text=_("Only for a product category without a product code."),
    )
    intensity = forms.ChoiceField(
        label=_("Intensity"),
        choices=Intensity.choices,
        widget=forms.RadioSelect,
        required=False,
        help_text=_("Light or medium, unless. A product with a profile has its own intensity."),
    )
    heavy_reason = text_field(
        _("Why heavy"), _("Required for heavy help: why light or medium help is not enough."), 2
    )
    motivation = text_field(
        _("What was decided and why"),
        _("In plain words: this goes into the letter to the family."),
        rows=4,
        required=True,
    )
    life_changing = forms.BooleanField(
        label=_("Life-changing: a behavioural expert co-signs it"),
        required=False,
        help_text=_("Residential care always is."),
    )
    crisis = forms.BooleanField(label=_("Crisis care"), required=False)
    crisis_reason = text_field(
        _("Why crisis care cannot wait for the safety assessment"),
        _("Only when there is no current safety assessment yet."),
        2,
    )

    def __init__(self, *args, youths=(), products=(), requests=(), weighings=(), **kwargs):
        super().__init__(*args, **kwargs)
        today = timezone.localdate()
        self.youths = {
            str(m.resident.pk): m.resident
            for m in youths
            if age_on(m.resident.birth_date, today) < YOUTH_MAX_AGE
        }
        self.fields["youth"].choices = [
            (pk, f"{r.full_name} ({age_on(r.birth_date, today)})") for pk, r in self.youths.items()
        ]
        self.products = {str(p.pk): p for p in products}
        groups: dict[str, list] = {}
        for pk, product in self.products.items():
            groups.setdefault(product.provider.name, []).append((pk, product_label(product)))
        self.fields["product"].choices = BLANK + list(groups.items())
        self.requests = {str(r.pk): r for r in requests}
        self.fields["request"].choices = BLANK + [
            (pk, f"{r.reference}: {r.get_category_display()} {r.product_code}".strip())
            for pk, r in self.requests.items()
        ]
        self.weighings = {str(w.pk): w for w in weighings}
        self.fields["weighing"].choices = BLANK + [
            (pk, f"{w.decided_on:%d-%m-%Y}: {w.get_level_display()}")
            for pk, w in self.weighings.items()
        ]
        if self.record is not None and not self.is_bound:
            self._fill_from(self.record)
        else:
            self.initial.setdefault("start_date", today)
            self.initial.setdefault("end_date", add_months(today, 6))
            self.initial.setdefault("intensity", Intensity.MEDIUM)

    def _fill_from(self, decision) -> None:
        for name in PLAIN_FIELDS:
            self.initial[name] = getattr(decision, name)
        self.initial["youth"] = str(decision.youth_id)
        self.initial["product"] = str(decision.product_id)
        self.initial["weighing"] = str(decision.weighing_id or "")
        request = decision.requests.first()
        self.initial["request"] = str(request.pk) if request else ""

    def clean(self):
        data = super().clean()
        if data.get("product") and data["product"] not in self.products:
            self.add_error("product", _("Choose a product from the list."))
        return data

    def to_input(self) -> DecisionInput:
        data = self.cleaned_data
        return DecisionInput.of(
            data,
            youth=self.youths[data["youth"]],
            product=self.products[data["product"]],
            weighing=self.weighings.get(data["weighing"] or ""),
            request=self.requests.get(data["request"] or ""),
        )


# --- The steps of the lifecycle ---------------------------------------------------------


class StepForm(RecordForm):
    """Confirm a step (submit, issue, discard); a note where the step needs one."""

    note = text_field(_("Note"), rows=2)


class CosignForm(RecordForm):
    decision = forms.ChoiceField(
        label=_("Your co-signature"),
        choices=[
            ("approve", _("I co-sign: the decision is issued")),
            ("return", _("Return it to the case worker: something must change")),
        ],
        widget=forms.RadioSelect,
    )
    note = text_field(_("Note"), _("Required when you return the decision."), rows=3)


class EndForm(RecordForm):
    ended_on = forms.DateField(label=_("Last day of care"), widget=DateInput())
    change_reason = forms.ChoiceField(
        label=_("Reason"),
        choices=BLANK + [(c, d) for c, d in choices("JZ002") if c not in ("1", "13")],
    )
    note = text_field(_("Why"), _("For the file and the timeline."), 2, required=True)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial.setdefault("ended_on", timezone.localdate())


class WithdrawForm(RecordForm):
    note = text_field(
        _("Why it is withdrawn"),
        _("Withdrawing treats the allocation as never sent; only before care started."),
        2,
        required=True,
    )


class ObjectionForm(CaseForm):
    received_on = forms.DateField(label=_("Received on"), widget=DateInput())
    submitted_by = forms.CharField(label=_("Submitted by"), max_length=200)
    summary = text_field(_("What the objection says"), rows=3, required=True)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial.setdefault("received_on", timezone.localdate())


class ObjectionOutcomeForm(forms.Form):
    objection = forms.IntegerField(widget=forms.HiddenInput)
    outcome = forms.ChoiceField(label=_("Outcome"), choices=ObjectionOutcome.choices)
    decided_on = forms.DateField(label=_("Decided on"), widget=DateInput())
