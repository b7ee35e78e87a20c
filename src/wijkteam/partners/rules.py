"""Pure rules for partners: their codes, who may be a fixed contact, and coverage against
the targets. No database, no clock: callers pass today's date and the facts."""

import re
from dataclasses import dataclass
from datetime import date

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from wijkteam.core.rules import Reason, Verdict

from .models import PartnerKind

# BRIN: two digits and two letters, optionally a two-digit location number (12AB, 12AB00).
BRIN = re.compile(r"^[0-9]{2}[A-Z]{2}([0-9]{2})?$")
# AGB (Algemeen GegevensBeheer zorgverleners): eight digits.
AGB = re.compile(r"^[0-9]{8}$")


def normalise_code(code: str) -> str:
    return re.sub(r"[\s.-]", "", code or "").upper()


def partner_code_problem(kind: str, code: str) -> str | None:
    """Why `code` is not a valid BRIN (school) or AGB code (GP practice), in Dutch; None
    when it is valid or empty (the code is optional; other partners may have any code)."""
    code = normalise_code(code)
    if not code:
        return None
    if kind == PartnerKind.SCHOOL and not BRIN.match(code):
        return _("A BRIN code has two digits and two letters, for example 12AB (or 12AB00).")
    if kind == PartnerKind.GP_PRACTICE and not AGB.match(code):
        return _("An AGB code has eight digits, for example 01051234.")
    return None


# --- Fixed contacts -------------------------------------------------------------------


@dataclass(frozen=True)
class ContactFacts:
    """What the rule needs to know about a proposed fixed contact."""

    partner_active: bool
    partner_district_id: int
    staff_team_district_id: int | None
    staff_active: bool
    vog: Verdict  # accounts.rules.may_receive_youth_cases for the staff member
    starts_on: date
    # The partner's latest contact period: its staff member while it has not ended,
    # its start, and its end when it has one.
    current_staff_id: int | None
    latest_starts_on: date | None
    latest_ends_on: date | None
    staff_id: int | None  # None: end the current contact without a successor


def fixed_contact_verdict(facts: ContactFacts) -> Verdict:
    """May this staff member become the partner's fixed contact from `starts_on` (or, with
    no staff member, may the current contact end the day before)?

    The contact works in the partner's district, so belongs to that district's team; they
    work with youth at the school or practice, so the VOG rule applies as it does to
    youth cases. A new period starts after the current one started (history stays whole).
    """
    reasons = []
    if not facts.partner_active:
        reasons.append(
            Reason("partner_inactive", _("This partner is no longer active; reactivate it first."))
        )
    latest = max(filter(None, (facts.latest_starts_on, facts.latest_ends_on)), default=None)
    if latest is not None and facts.starts_on <= latest:
        reasons.append(
            Reason(
                "contact_starts_too_early",
                _("Choose a date after %(date)s: the periods of the contacts may not overlap.")
                % {"date": date_format(latest)},
            )
        )
    if facts.staff_id is None:
        if facts.current_staff_id is None:
            reasons.append(Reason("no_current_contact", _("This partner has no fixed contact.")))
        return Verdict(not reasons, tuple(reasons))
    if facts.staff_id == facts.current_staff_id:
        reasons.append(
            Reason("contact_unchanged", _("This colleague already is the fixed contact."))
        )
    if not facts.staff_active or facts.staff_team_district_id != facts.partner_district_id:
        reasons.append(
            Reason(
                "contact_other_team",
                _("Choose a member of the team of the partner's district."),
            )
        )
    if not facts.vog.allowed:
        reasons.append(
            Reason(
                "contact_needs_vog",
                _(
                    "A fixed contact works with young people, so needs a current "
                    "certificate of conduct (VOG)."
                ),
            )
        )
        reasons.extend(facts.vog.reasons)
    return Verdict(not reasons, tuple(reasons))


# --- Coverage ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Coverage:
    """How many partners of one kind have a current fixed contact, against the target."""

    total: int
    covered: int
    target_percent: int

    @property
    def percent(self) -> int | None:
        """Rounded down, so 89.9% never reads as meeting 90%. None without partners."""
        return None if self.total == 0 else self.covered * 100 // self.total

    @property
    def met(self) -> bool | None:
        """Whether the share reaches the target (exactly, in integers); None without
        partners, where there is nothing to cover."""
        if self.total == 0:
            return None
        return self.covered * 100 >= self.target_percent * self.total

    @property
    def missing(self) -> int:
        """How many more partners need a contact to reach the target."""
        needed = -(-self.target_percent * self.total // 100)  # ceiling
        return max(needed - self.covered, 0)

    @property
    def label(self) -> str:
        if self.met is None:
            return _("no partners recorded")
        if self.met:
            return _("target met")
        return _("target not met")
