"""Demo question themes and partners for `seed_demo`: the registrations of the last year
that have no theme yet get one or two, and those that came from a school or a GP
practice the partner they came through (a school or practice of the case's district), so
the page "Terugkerende vragen" shows themes that recur. A theme is more likely at the
school or practice where it already recurs (each partner has its own common theme).

Idempotent: a registration that has a theme is left alone, so running again adds
nothing."""

from datetime import date, timedelta

from wijkteam.cases.models import Channel, Intake, QuestionTheme
from wijkteam.partners.models import Partner, PartnerKind

PARTNER_KIND = {Channel.SCHOOL: PartnerKind.SCHOOL, Channel.GP: PartnerKind.GP_PRACTICE}
SCHOOL_THEMES = ("pesten", "schoolverzuim", "angst-somberheid", "ontwikkeling")
GP_THEMES = ("angst-somberheid", "opvoeding", "middelengebruik", "ruzie-thuis-scheiding")


class DemoThemes:
    def __init__(self, rng, today: date):
        self.rng, self.today = rng, today

    def run(self) -> int:
        themes = {t.code: t for t in QuestionTheme.objects.filter(active=True)}
        if not themes:
            return 0
        partners: dict[tuple, list[Partner]] = {}
        for partner in Partner.objects.filter(active=True).order_by("pk"):
            partners.setdefault((partner.district_id, partner.kind), []).append(partner)
        intakes = (
            Intake.objects.filter(
                submitted_at__date__gte=self.today - timedelta(days=365), themes__isnull=True
            )
            .select_related("case__team")
            .order_by("pk")
        )
        links, done = [], 0
        every = sorted(themes)
        for intake in intakes:
            kind = PARTNER_KIND.get(intake.channel)
            candidates = partners.get((intake.case.team.district_id, kind), []) if kind else []
            partner = self.rng.choice(candidates) if candidates else None
            if partner is not None:
                common = (SCHOOL_THEMES if kind == PartnerKind.SCHOOL else GP_THEMES)[
                    partner.pk % 4
                ]
                first = common if self.rng.random() < 0.7 else self.rng.choice(every)
                intake.partner = partner
                intake.save(update_fields=["partner"])
            else:
                first = self.rng.choice(every)
            chosen = {first}
            if self.rng.random() < 0.3:
                chosen.add(self.rng.choice(every))
            links += [
                Intake.themes.through(intake_id=intake.pk, questiontheme_id=themes[c].pk)
                for c in sorted(chosen)
                if c in themes
            ]
            done += 1
        Intake.themes.through.objects.bulk_create(links)
        return done
