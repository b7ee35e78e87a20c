"""Changes people make to messages: placing a request for allocation (JW315) for
someone the team did not know yet, with a team by postcode. Receiving and sending are in
`inbox.py` and `outbox.py`."""

from django.db import transaction
from django.utils.translation import gettext as _

from wijkteam.audit.log import AuditContext
from wijkteam.cases.models import Intake
from wijkteam.cases.services import refuse
from wijkteam.core.concurrency import claim_next_version
from wijkteam.people.rules import normalise_postcode, postcode_problem

from .inbox import register_request
from .models import Message
from .parse import parse


@transaction.atomic
def place_request(
    ctx: AuditContext,
    message: Message,
    *,
    postcode: str,
    house_number: str,
    actor,
    expected_version: int | None,
) -> Intake:
    """Register a waiting request for allocation at the family's address: the postcode
    table gives the district and so the team, whose queue it joins."""
    message = (
        Message.objects.select_for_update(of=("self",))
        .select_related("provider")
        .get(pk=message.pk)
    )
    claim_next_version(message, expected_version)
    if not message.awaiting_placement:
        raise refuse("already_placed", _("This request has already been placed with a team."))
    problem = postcode_problem(postcode)
    if problem:
        raise refuse("postcode_invalid", problem)
    if not house_number.strip():
        raise refuse("house_number_missing", _("Give the house number."))
    return register_request(
        ctx,
        message,
        parse(message.xml.encode("utf-8")),
        normalise_postcode(postcode),
        house_number.strip(),
        registered_by=actor,
    )
