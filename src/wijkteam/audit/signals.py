"""Sign-in, sign-out and failed sign-in are security events in the audit log."""

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db import transaction
from django.dispatch import receiver

from .log import AuditContext, log_event
from .models import AuditAction, AuditPurpose

SESSION_TYPE = "accounts.session"


def _ctx(request, user=None) -> AuditContext:
    ctx = AuditContext.from_request(request, purpose=AuditPurpose.SECURITY)
    if user is not None and ctx.actor_id is None:
        ctx = AuditContext(
            user.pk, user.get_username(), ctx.client_address, ctx.request_id, AuditPurpose.SECURITY
        )
    return ctx


@receiver(user_logged_in, dispatch_uid="audit-login")
def _logged_in(sender, request, user, **kwargs):
    if request is not None:
        with transaction.atomic():
            log_event(_ctx(request, user), AuditAction.LOGIN, SESSION_TYPE, str(user.pk))


@receiver(user_logged_out, dispatch_uid="audit-logout")
def _logged_out(sender, request, user, **kwargs):
    if request is not None and user is not None:
        with transaction.atomic():
            log_event(_ctx(request, user), AuditAction.LOGOUT, SESSION_TYPE, str(user.pk))


@receiver(user_login_failed, dispatch_uid="audit-login-failed")
def _login_failed(sender, credentials, request=None, **kwargs):
    # The attempted user name is not stored: people mistype their password into it.
    if request is not None:
        with transaction.atomic():
            log_event(_ctx(request), AuditAction.LOGIN_FAILED, SESSION_TYPE)
