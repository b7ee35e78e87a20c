"""Recurring questions (bundelen van vragen, 001 movement 4): the question themes that
come back at one school or GP practice, or in one district, in a period — so a
collective offer can replace help one family at a time.

A help question is a registration (`Intake`) submitted in the period; its themes are
those chosen at registration and those of its case (set at triage), each counted once.
Counted in SQL in one grouped query (theme × partner × team), whatever the data; the
names, partners with their current fixed contact and teams are three more queries.
"""

from dataclasses import dataclass
from datetime import date, datetime, time

from django.conf import settings
from django.db import connection
from django.utils import timezone

from wijkteam.accounts.models import Team
from wijkteam.cases.models import Case, Intake, QuestionTheme
from wijkteam.partners.models import Partner
from wijkteam.partners.queries import with_current_contact

from .rules import Cell, count, recurring, show


def threshold() -> int:
    return settings.WIJKTEAM_RECURRING_THRESHOLD


def _moment(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def theme_counts(start: date, end: date, team_ids: list[int] | None) -> dict[tuple, int]:
    """(theme id, partner id or None, team id) → number of help questions submitted in
    [start, end) with that theme. `team_ids` None: every team."""
    intake_themes = Intake.themes.through
    case_themes = Case.themes.through
    it, ct = intake_themes._meta, case_themes._meta
    intake, case = Intake._meta.db_table, Case._meta.db_table
    where = "i.submitted_at >= %s AND i.submitted_at < %s"
    params: list = [_moment(start), _moment(end)]
    if team_ids is not None:
        if not team_ids:
            return {}
        where += f" AND c.team_id IN ({', '.join(['%s'] * len(team_ids))})"
        params += list(team_ids)
    # The period's registrations first (by the submitted_at index), then their themes:
    # the registration's and its case's, each pair once.
    sql = f"""
        WITH q AS (
            SELECT i.id, i.partner_id, i.case_id, c.team_id
            FROM {intake} i JOIN {case} c ON c.id = i.case_id
            WHERE {where}
        ), pairs AS (
            SELECT t.{it.get_field("intake").column} AS intake_id,
                   t.{it.get_field("questiontheme").column} AS theme_id
            FROM {it.db_table} t JOIN q ON q.id = t.{it.get_field("intake").column}
            UNION
            SELECT q.id, t.{ct.get_field("questiontheme").column}
            FROM q JOIN {ct.db_table} t ON t.{ct.get_field("case").column} = q.case_id
        )
        SELECT pairs.theme_id, q.partner_id, q.team_id, COUNT(*)
        FROM pairs JOIN q ON q.id = pairs.intake_id
        GROUP BY pairs.theme_id, q.partner_id, q.team_id
    """  # noqa: S608 — table and column names from the models; values are parameters
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return {(row[0], row[1], row[2]): row[3] for row in cursor.fetchall()}


@dataclass(frozen=True)
class PartnerRow:
    theme: str
    partner: Partner
    contact: str  # the current fixed contact's name; "" when not shown or none
    count: Cell


@dataclass(frozen=True)
class DistrictRow:
    theme: str
    district: str
    count: Cell


@dataclass(frozen=True)
class RecurringQuestions:
    threshold: int
    per_partner: list[PartnerRow]
    per_district: list[DistrictRow]
    show_contacts: bool


def recurring_questions(selection, today: date, *, show_contacts: bool) -> RecurringQuestions:
    """The themes that recur per partner and per district in the selection's period and
    districts, at or above the threshold, with small counts suppressed as the selection
    says (exact only for a team lead's own district). Five queries."""
    period, disclosure = selection.period, selection.disclosure
    found = theme_counts(period.start, period.end, selection.team_ids)
    limit = threshold()
    themes = dict(QuestionTheme.objects.values_list("pk", "name"))
    per_partner_ids: dict[tuple, int] = {}
    per_team_ids: dict[tuple, int] = {}
    for (theme_id, partner_id, team_id), n in found.items():
        if partner_id is not None:
            key = (theme_id, partner_id)
            per_partner_ids[key] = per_partner_ids.get(key, 0) + n
        key = (theme_id, team_id)
        per_team_ids[key] = per_team_ids.get(key, 0) + n

    partner_ids = {p for (_t, p), n in per_partner_ids.items() if n >= limit}
    partners = {
        p.pk: p for p in with_current_contact(Partner.objects.filter(pk__in=partner_ids), today)
    }
    teams = {
        t.pk: t.district.name
        for t in Team.objects.filter(pk__in={t for (_t, t) in per_team_ids}).select_related(
            "district"
        )
    }

    by_partner = recurring(
        {
            (themes[t], f"{partners[p].name}\x00{p}"): n
            for (t, p), n in per_partner_ids.items()
            if p in partners
        },
        limit,
    )
    per_partner = []
    for theme, key, n in by_partner:
        partner = partners[int(key.rsplit("\x00", 1)[1])]
        contacts = partner.current_contacts if show_contacts else []
        per_partner.append(
            PartnerRow(
                theme,
                partner,
                str(contacts[0].staff) if contacts else "",
                show(count(n), disclosure),
            )
        )
    per_district = [
        DistrictRow(theme, district, show(count(n), disclosure))
        for theme, district, n in recurring(
            {(themes[t], teams[team]): n for (t, team), n in per_team_ids.items()}, limit
        )
    ]
    return RecurringQuestions(limit, per_partner, per_district, show_contacts)
