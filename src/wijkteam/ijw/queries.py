"""Reads of iJw messages. A team lead sees the messages of the team's cases and those
not yet tied to a case (rejected files, requests for someone not yet known, which the
lead places with a team); a functional administrator sees every message's envelope
(kind, identification, dates, status, codes) but never its content."""

from django.db.models import Q, QuerySet

from wijkteam.cases.queries import cases_visible_to

from .models import Message, MessageStatus


def messages_visible_to(user) -> QuerySet[Message]:
    if not user.has_perm("ijw.view_message"):
        return Message.objects.none()
    if user.team_id is None:
        return Message.objects.all()
    return Message.objects.filter(Q(case__in=cases_visible_to(user)) | Q(case__isnull=True))


def may_read_content(user, message: Message) -> bool:
    """The content names the child: only for a visible case, or — for a request still
    to be placed — for whoever places it."""
    if message.case_id is not None:
        return cases_visible_to(user).filter(pk=message.case_id).exists()
    return message.awaiting_placement and user.has_perm("ijw.place_request")


FILTERS = {
    "problem": Q(attention=True),
    "pending": Q(status=MessageStatus.PENDING),
    "placement": Q(awaiting_placement=True),
}


def filtered(messages: QuerySet[Message], *, kind="", show="", provider=None) -> QuerySet:
    if kind:
        messages = messages.filter(kind=kind)
    if show in FILTERS:
        messages = messages.filter(FILTERS[show])
    if provider is not None:
        messages = messages.filter(provider_id=provider)
    return messages


def message_detail(user, pk: int) -> Message:
    return (
        messages_visible_to(user)
        .select_related("provider", "case", "in_reply_to")
        .prefetch_related("decisions", "replies", "requested")
        .get(pk=pk)
    )


def pending_count() -> int:
    return Message.objects.filter(status=MessageStatus.PENDING).count()
