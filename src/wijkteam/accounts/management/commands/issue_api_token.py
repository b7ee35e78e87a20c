"""Issue an API token to a system account: `manage.py issue_api_token <username>`.

A token stands in for a password and the second factor, so only an administrator issues
one, to an account that a system (not a person) uses. The account's roles decide what the
token may do, exactly as for a person. Issuing a new token revokes the previous one.
"""

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.translation import gettext as _
from rest_framework.authtoken.models import Token

from wijkteam.accounts.models import User
from wijkteam.audit.log import AuditContext, log_event
from wijkteam.audit.models import AuditAction


class Command(BaseCommand):
    help = "Issue a new API token to a (system) user account; the previous token stops working."

    def add_arguments(self, parser):
        parser.add_argument("username", help="user name of the system account")

    @transaction.atomic
    def handle(self, *args, username: str, **options):
        try:
            user = User.objects.get(username=username)
        except User.DoesNotExist as exc:
            raise CommandError(
                _("There is no user named %(username)s.") % {"username": username}
            ) from exc
        if not user.is_active:
            raise CommandError(
                _("The account %(username)s is not active; activate it first.")
                % {"username": username}
            )
        revoked, _count = Token.objects.filter(user=user).delete()
        token = Token.objects.create(user=user)
        # A token's primary key is the secret itself: record the account, never the key.
        log_event(
            AuditContext.system(name="issue_api_token"),
            AuditAction.UPDATE,
            "accounts.user",
            str(user.pk),
            {"fields": ["api_token"]},
        )
        if revoked:
            self.stderr.write(_("The previous token of this account no longer works."))
        if not user.groups.exists():
            self.stderr.write(
                _("Warning: this account has no roles, so the token cannot read anything yet.")
            )
        self.stderr.write(
            _(
                "Keep this token secret: whoever has it acts as %(username)s. Give it to the "
                "system only, over a secure channel."
            )
            % {"username": username}
        )
        self.stdout.write(token.key)
