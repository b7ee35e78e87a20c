"""Revoke API tokens: `manage.py revoke_api_token <prefix> [<prefix> …]` or
`manage.py revoke_api_token --user <username>` (every token of the account).

A prefix is the token's public id (`wt_<prefix>` or just `<prefix>`), as issue_api_token
printed it and the admin lists it. A revoked token is refused at once (401
`token_revoked`); revoking is audited.
"""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from wijkteam.accounts.api_tokens import TOKEN_KIND, revoke_api_tokens
from wijkteam.accounts.models import ApiToken
from wijkteam.audit.log import AuditContext

from .issue_api_token import named_user, operator


class Command(BaseCommand):
    help = "Revoke API tokens by their id (prefix), or every token of a user account."

    def add_arguments(self, parser):
        parser.add_argument("prefixes", nargs="*", help="token ids, e.g. wt_0123456789ab")
        parser.add_argument("--user", dest="username", help="revoke every token of this account")

    def handle(self, *args, prefixes: list[str], username: str | None, **options):
        if bool(prefixes) == bool(username):
            raise CommandError(_("Give either token ids or --user <username>, not both."))
        if username:
            tokens = list(ApiToken.objects.filter(user=named_user(username)))
        else:
            wanted = [p.removeprefix(f"{TOKEN_KIND}_").lower() for p in prefixes]
            tokens = list(ApiToken.objects.filter(prefix__in=wanted))
            unknown = sorted(set(wanted) - {token.prefix for token in tokens})
            if unknown:
                raise CommandError(
                    _("No token with id %(ids)s.")
                    % {"ids": ", ".join(f"{TOKEN_KIND}_{p}" for p in unknown)}
                )
        revoked = revoke_api_tokens(
            AuditContext.system(name="revoke_api_token"), tokens, revoked_by=operator()
        )
        for token in revoked:
            self.stdout.write(
                _("Revoked wt_%(prefix)s (%(username)s).")
                % {"prefix": token.prefix, "username": token.user.username}
            )
        if not revoked:
            self.stdout.write(_("Nothing to revoke: those tokens were revoked already."))
