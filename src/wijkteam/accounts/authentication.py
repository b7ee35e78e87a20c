"""API authentication for systems: `Authorization: Token <token>` (or `Bearer <token>`)
with a token from manage.py issue_api_token (see api_tokens.py).

A presented token that is unknown, malformed, expired or revoked, or whose account is not
active, is refused with 401, a `WWW-Authenticate` challenge and the API's error body
(`core.api.exception_handler`): `authentication_failed`, `token_expired`, `token_revoked`
or `account_inactive`. A request without this header is left to session authentication.
"""

import logging

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework.authentication import BaseAuthentication, get_authorization_header
from rest_framework.exceptions import AuthenticationFailed

from . import api_tokens

logger = logging.getLogger("wijkteam.security")

KEYWORDS = ("token", "bearer")
CHALLENGE = 'Token realm="api"'


class TokenRejected(AuthenticationFailed):
    """A presented API token does not authenticate: answered with 401 and `challenge`."""

    challenge = CHALLENGE


class ApiTokenAuthentication(BaseAuthentication):
    def authenticate(self, request):
        header = get_authorization_header(request).split()
        if not header or header[0].decode("latin-1").lower() not in KEYWORDS:
            return None
        if len(header) != 2:
            raise TokenRejected(
                _("The Authorization header must read: Token <token>."),
                code="authentication_failed",
            )
        try:
            raw = header[1].decode()
        except UnicodeDecodeError:
            raw = ""
        token = api_tokens.find_token(raw)
        if token is None:
            logger.warning("API token refused: unknown or malformed")
            raise TokenRejected(_("The API token is not valid."), code="authentication_failed")
        now = timezone.now()
        verdict = api_tokens.token_verdict(
            expires_at=token.expires_at,
            revoked_at=token.revoked_at,
            user_active=token.user.is_active,
            now=now,
        )
        if not verdict.allowed:
            reason = verdict.reasons[0]
            logger.warning("API token wt_%s refused: %s", token.prefix, reason.code)
            raise TokenRejected(reason.message, code=reason.code)
        api_tokens.record_use(token, now)
        return token.user, token

    def authenticate_header(self, request):
        return CHALLENGE


class ApiTokenScheme(OpenApiAuthenticationExtension):
    target_class = "wijkteam.accounts.authentication.ApiTokenAuthentication"
    name = "tokenAuth"

    def get_security_definition(self, auto_schema):
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": (
                "An API token for a system account: `Token wt_<prefix>_<secret>` (or "
                "`Bearer …`), issued with `manage.py issue_api_token`. Tokens expire and can "
                "be revoked; a refused token gets 401 with `authentication_failed`, "
                "`token_expired`, `token_revoked` or `account_inactive`."
            ),
        }
