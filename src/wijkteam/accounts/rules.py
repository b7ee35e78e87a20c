"""Pure rules about staff. No database, no clock: callers pass today's date."""

from collections.abc import Iterable
from datetime import date

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from wijkteam.core.rules import Reason, Verdict, add_months


def certificate_valid_until(issued_on: date, validity_months: int) -> date:
    """The first day on which a certificate issued on `issued_on` no longer counts."""
    return add_months(issued_on, validity_months)


def may_receive_youth_cases(
    issue_dates: Iterable[date],
    *,
    today: date,
    validity_months: int,
    warning_days: int = 0,
) -> Verdict:
    """May a worker be given youth cases, judged by their certificates of conduct (VOG)?

    A VOG counts as current from its date of issue until (not including) the same date
    `validity_months` later. Only the most recent VOG issued on or before today counts.
    """
    past = [issued for issued in issue_dates if issued <= today]
    if not past:
        future = [issued for issued in issue_dates if issued > today]
        if future:
            return Verdict(
                False,
                (
                    Reason(
                        "vog_issued_in_future",
                        _(
                            "The only certificate of conduct (VOG) on record has a date of "
                            "issue in the future (%(date)s); check the date."
                        )
                        % {"date": date_format(min(future))},
                    ),
                ),
            )
        return Verdict(
            False,
            (
                Reason(
                    "vog_missing",
                    _(
                        "No certificate of conduct (VOG) is on record. Youth cases can be "
                        "assigned once a VOG has been recorded."
                    ),
                ),
            ),
        )
    latest = max(past)
    until = certificate_valid_until(latest, validity_months)
    if today >= until:
        return Verdict(
            False,
            (
                Reason(
                    "vog_expired",
                    ngettext(
                        "The most recent certificate of conduct (VOG) was issued on %(issued)s "
                        "and stopped counting as current on %(until)s (valid for "
                        "%(months)d month). A new VOG is needed.",
                        "The most recent certificate of conduct (VOG) was issued on %(issued)s "
                        "and stopped counting as current on %(until)s (valid for "
                        "%(months)d months). A new VOG is needed.",
                        validity_months,
                    )
                    % {
                        "issued": date_format(latest),
                        "until": date_format(until),
                        "months": validity_months,
                    },
                ),
            ),
        )
    days_left = (until - today).days
    warnings: tuple[Reason, ...] = ()
    if days_left <= warning_days:
        warnings = (
            Reason(
                "vog_expiring",
                ngettext(
                    "The certificate of conduct (VOG) stops counting as current on %(until)s, "
                    "in %(days)d day. Ask for a new one now.",
                    "The certificate of conduct (VOG) stops counting as current on %(until)s, "
                    "in %(days)d days. Ask for a new one now.",
                    days_left,
                )
                % {"until": date_format(until), "days": days_left},
            ),
        )
    return Verdict(True, (), warnings)
