"""Issue an API token to a system account:
`manage.py issue_api_token <username> [--days N] [--description TEXT] [--replace]`.

A token stands in for a password and the second factor, so only an administrator issues
one, to an account that a system (not a person) uses. The account's roles decide what the
token may do, exactly as for a person. The token is printed once, on standard output;
only its prefix and the hash of its secret are stored. It expires after
`WIJKTEAM_API_TOKEN_DAYS` days (or `--days`, at most 365). The account's other tokens keep
working until they expire or are revoked, so a system can switch without an outage;
`--replace` revokes them at once.
"""

import getpass

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.translation import gettext as _

from wijkteam.accounts.api_tokens import issue_api_token
from wijkteam.accounts.models import User
from wijkteam.audit.log import AuditContext
from wijkteam.core.errors import RuleViolation


def named_user(username: str) -> User:
    """The account with this user name, or the command stops with a Dutch message."""
    try:
        return User.objects.get(username=username)
    except User.DoesNotExist as exc:
        raise CommandError(
            _("There is no user named %(username)s.") % {"username": username}
        ) from exc


def operator() -> str:
    """The operating-system user running the command, for the token's record."""
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return ""


class Command(BaseCommand):
    help = "Issue an API token to a (system) user account; it is printed once."

    def add_arguments(self, parser):
        parser.add_argument("username", help="user name of the system account")
        parser.add_argument(
            "--days", type=int, default=None, help="days the token is valid (1-365)"
        )
        parser.add_argument("--description", default="", help="what the token is for")
        parser.add_argument(
            "--replace",
            action="store_true",
            help="revoke the account's other tokens in the same step",
        )

    def handle(self, *args, username: str, days, description: str, replace: bool, **options):
        user = named_user(username)
        if not user.is_active:
            raise CommandError(
                _("The account %(username)s is not active; activate it first.")
                % {"username": username}
            )
        others = user.api_tokens.filter(
            revoked_at__isnull=True, expires_at__gt=timezone.now()
        ).count()
        try:
            issued = issue_api_token(
                AuditContext.system(name="issue_api_token"),
                user=user,
                days=days,
                description=description,
                issued_by=operator(),
                replace=replace,
            )
        except RuleViolation as exc:
            raise CommandError(exc.verdict.message) from exc
        expires = timezone.localtime(issued.token.expires_at).strftime("%d-%m-%Y %H:%M")
        self.stderr.write(
            _("Token wt_%(prefix)s for %(username)s, valid until %(expires)s.")
            % {"prefix": issued.token.prefix, "username": username, "expires": expires}
        )
        if others and replace:
            self.stderr.write(
                _("The %(count)d other token(s) of this account no longer work.")
                % {"count": others}
            )
        elif others:
            self.stderr.write(
                _(
                    "This account has %(count)d other active token(s); revoke them with "
                    "manage.py revoke_api_token once the system uses the new one."
                )
                % {"count": others}
            )
        if not user.groups.exists():
            self.stderr.write(
                _("Warning: this account has no roles, so the token cannot read anything yet.")
            )
        self.stderr.write(
            _(
                "Keep this token secret: whoever has it acts as %(username)s. Give it to the "
                "system only, over a secure channel. It is shown only now."
            )
            % {"username": username}
        )
        self.stdout.write(issued.secret)
