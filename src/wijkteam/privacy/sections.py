"""The sections of the subject-access export that come from assessment and safety."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wijkteam.assessment.models import (
    ChildVoice,
    Consultation,
    ExplanatoryAnalysisVersion,
    LifeDomainScore,
)
from wijkteam.safety.models import (
    RiskYouthIndexRegistration,
    SafetyAssessment,
    SafetySignal,
    VeiligThuisReport,
)

from .subject_access import Column, Section


def child_voice(resident, cases) -> Section:
    voices = ChildVoice.objects.filter(child=resident, case__in=cases).select_related(
        "case", "spoken_by"
    )
    return Section(
        "child_voice",
        _("What you told us (as a child)"),
        (
            Column("file", _("file")),
            Column("spoken_to", _("spoken to")),
            Column("date", _("date")),
            Column("by", _("by")),
            Column("what_you_said", _("what the child told us")),
            Column("reason", _("reason not spoken to")),
        ),
        [
            {
                "file": v.case.reference,
                "spoken_to": v.spoken_to,
                "date": v.spoken_on,
                "by": v.spoken_by.get_full_name() if v.spoken_by else "",
                "what_you_said": v.child_view,
                "reason": str(v.get_reason_display()) if v.reason else "",
            }
            for v in voices.order_by("recorded_at")
        ],
    )


def life_domains(resident, cases) -> Section:
    scores = (
        LifeDomainScore.objects.filter(assessment__resident=resident)
        .select_related("assessment", "domain", "level")
        .order_by("assessment__assessed_on", "domain__order", "pk")
    )
    return Section(
        "life_domains",
        _("Your scores on the life domains"),
        (
            Column("date", _("assessed on")),
            Column("domain", _("life domain")),
            Column("score", _("score")),
        ),
        [
            {
                "date": s.assessment.assessed_on,
                "domain": s.domain.name,
                "score": f"{s.level.value} – {s.level.name}",
            }
            for s in scores
        ],
    )


def safety_about_you(resident, cases) -> Section:
    rows = [
        {
            "file": s.case.reference,
            "date": s.observed_on,
            "kind": str(_("signal")),
            "text": s.description,
        }
        for s in SafetySignal.objects.filter(resident=resident, case__in=cases)
        .select_related("case")
        .order_by("observed_on")
    ] + [
        {
            "file": r.case.reference,
            "date": r.registered_on,
            "kind": str(_("Verwijsindex registration")),
            "text": r.note,
        }
        for r in RiskYouthIndexRegistration.objects.filter(youth=resident, case__in=cases)
        .select_related("case")
        .order_by("registered_on")
    ]
    return Section(
        "safety_about_you",
        _("Safety records about you"),
        (
            Column("file", _("file")),
            Column("date", _("date")),
            Column("kind", _("kind")),
            Column("text", _("what was recorded")),
        ),
        rows,
    )


def withheld(resident, cases) -> Section:
    """Records of the family's files that may concern others: listed, not shown."""
    rows = []
    for model, label, date_field in (
        (SafetyAssessment, _("safety assessment"), "assessed_on"),
        (VeiligThuisReport, _("report to Veilig Thuis"), "reported_on"),
        (Consultation, _("consultation"), "asked_on"),
    ):
        for case_ref, day in (
            model.objects.filter(case__in=cases)
            .order_by(date_field)
            .values_list("case__reference", date_field)
        ):
            rows.append({"file": case_ref, "date": day, "kind": str(label)})
    for case_ref, written_at in ExplanatoryAnalysisVersion.objects.filter(
        analysis__case__in=cases
    ).values_list("analysis__case__reference", "written_at"):
        rows.append(
            {
                "file": case_ref,
                "date": timezone.localdate(written_at),
                "kind": str(_("explanatory analysis")),
            }
        )
    return Section(
        "withheld_for_review",
        _("Records about the whole family (for the privacy officer to decide on)"),
        (Column("file", _("file")), Column("date", _("date")), Column("kind", _("kind"))),
        sorted(rows, key=lambda r: (r["file"], r["date"] or timezone.localdate())),
    )


def plan_goals(resident, cases) -> Section:
    """The goals of the family's plans that are about this person."""
    from wijkteam.plans.models import Goal

    goals = (
        Goal.objects.filter(person=resident, plan__case__in=cases)
        .select_related("plan__case", "life_domain")
        .order_by("created_at", "pk")
    )
    return Section(
        "plan_goals",
        _("Your goals in the support plan"),
        (
            Column("file", _("file")),
            Column("life_domain", _("life domain")),
            Column("result", _("the result, in the family's words")),
            Column("indicator", _("how we know it is reached")),
            Column("taken_off", _("taken off the plan at")),
        ),
        [
            {
                "file": g.plan.case.reference,
                "life_domain": g.life_domain.name,
                "result": g.result,
                "indicator": g.indicator,
                "taken_off": timezone.localdate(g.dropped_at) if g.dropped_at else None,
            }
            for g in goals
        ],
    )


def decisions(resident, cases) -> Section:
    """Decisions (beschikkingen) on youth care for this young person."""
    from wijkteam.allocation.models import Decision

    rows = (
        Decision.objects.filter(youth=resident)
        .select_related("case", "product__provider")
        .order_by("start_date", "pk")
    )
    return Section(
        "decisions",
        _("Decisions on youth care for you"),
        (
            Column("reference", _("decision")),
            Column("status", _("status")),
            Column("care", _("care")),
            Column("provider", _("provider")),
            Column("from", _("from")),
            Column("until", _("until")),
            Column("why", _("what was decided and why")),
        ),
        [
            {
                "reference": d.reference,
                "status": str(d.get_status_display()),
                "care": d.product.name if d.product else str(d.get_category_display()),
                "provider": d.product.provider.name if d.product else "",
                "from": d.start_date,
                "until": d.end_date,
                "why": d.motivation,
            }
            for d in rows
        ],
    )
