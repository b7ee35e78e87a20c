"""API tokens for systems: only a hash is stored, they expire and can be revoked, a
refused token is a 401 with the API's error body, and issuing and revoking are audited."""

import hashlib
import io
import json
from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from wijkteam.accounts import api_tokens
from wijkteam.accounts.api_permissions import is_token_request
from wijkteam.accounts.api_tokens import (
    MAX_DAYS,
    find_token,
    split_token,
    token_verdict,
    validity_verdict,
)
from wijkteam.accounts.models import ApiToken
from wijkteam.accounts.roles import Role
from wijkteam.audit.models import AuditEntry

from ..conftest import sign_in
from ..factories import UserFactory


def issue(username: str, *args: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("issue_api_token", username, *args, stdout=out, stderr=err)
    return out.getvalue().strip(), err.getvalue()


def revoke(*args: str) -> str:
    out = io.StringIO()
    call_command("revoke_api_token", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


@pytest.fixture
def system(world):
    return UserFactory(username="contactcentrum", team=world.team, roles=[Role.CASE_WORKER])


@pytest.fixture
def secret(system):
    return issue(system.username, "--description", "contactcentrum")[0]


def me(client, secret, keyword="Token"):
    return client.get(reverse("api:me"), HTTP_AUTHORIZATION=f"{keyword} {secret}")


# --- Issuing: printed once, stored as a hash ------------------------------------------


def test_the_secret_is_printed_once_and_only_its_hash_is_stored(system):
    secret, err = issue(system.username)
    token = ApiToken.objects.get()
    prefix, raw_secret = split_token(secret)
    assert secret.startswith(f"wt_{token.prefix}_") and prefix == token.prefix
    assert len(raw_secret) >= 43  # 32 random bytes
    assert token.digest == hashlib.sha256(raw_secret.encode()).hexdigest()
    # Neither the token nor its secret is anywhere in the row, nor in the database dump.
    row = json.dumps(list(ApiToken.objects.values_list()), default=str)
    assert raw_secret not in row and secret not in row
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM accounts_apitoken")
        assert raw_secret not in repr(cursor.fetchall())
    assert token.prefix in err and raw_secret not in err


def test_two_tokens_never_share_a_prefix_or_a_secret(system):
    first, _err = issue(system.username)
    second, _err = issue(system.username)
    assert first != second
    assert ApiToken.objects.values("prefix").distinct().count() == 2


def test_a_token_expires_after_the_configured_days(system):
    with override_settings(WIJKTEAM_API_TOKEN_DAYS=30):
        before = timezone.now()
        issue(system.username)
    token = ApiToken.objects.get()
    assert before + timedelta(days=30) <= token.expires_at <= timezone.now() + timedelta(days=30)


def test_the_default_validity_is_90_days_and_days_can_be_given(system):
    issue(system.username)
    issue(system.username, "--days", "7")
    default, short = ApiToken.objects.order_by("pk")
    assert (default.expires_at - default.created_at).days in (89, 90)
    assert round((short.expires_at - short.created_at).total_seconds() / 86400) == 7


@pytest.mark.parametrize("days", ["0", "-1", str(MAX_DAYS + 1)])
def test_a_validity_outside_1_to_365_days_is_refused(system, days):
    with pytest.raises(CommandError, match="1"):
        issue(system.username, "--days", days)
    assert not ApiToken.objects.exists()
    assert not AuditEntry.objects.filter(object_type="accounts.apitoken").exists()


def test_issuing_is_audited_without_the_secret(system):
    secret, _err = issue(system.username, "--description", "contactcentrum")
    token = ApiToken.objects.get()
    entry = AuditEntry.objects.get(object_type="accounts.apitoken")
    assert entry.action == "create" and entry.object_id == str(token.pk)
    assert entry.actor_username == "issue_api_token" and entry.purpose == "administration"
    assert entry.detail == {"fields": ["description", "expires_at", "prefix", "user"]}
    assert split_token(secret)[1] not in json.dumps(entry.detail)
    assert token.description == "contactcentrum"


def test_no_token_for_an_unknown_or_inactive_account(system):
    with pytest.raises(CommandError):
        issue("niemand")
    system.is_active = False
    system.save()
    with pytest.raises(CommandError):
        issue(system.username)
    assert not ApiToken.objects.exists()


def test_issuing_keeps_the_other_tokens_unless_replace(client, system, secret):
    _new, err = issue(system.username)
    assert "1" in err and "revoke_api_token" in err
    assert me(client, secret).status_code == 200
    issue(system.username, "--replace")
    assert ApiToken.objects.filter(revoked_at__isnull=True).count() == 1
    assert me(client, secret).json()["code"] == "token_revoked"


# --- Authenticating ------------------------------------------------------------------


def test_a_token_authenticates_with_token_or_bearer(client, system, secret):
    for keyword in ("Token", "Bearer", "token"):
        response = me(client, secret, keyword)
        assert response.status_code == 200, response.content
        assert response.json()["username"] == system.username


def test_an_expired_token_is_a_401_in_dutch(client, secret):
    ApiToken.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    response = me(client, secret)
    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Token")
    body = response.json()
    assert body["code"] == "token_expired" and "verlopen" in body["message"]
    assert set(body) == {"code", "message"}


def test_a_revoked_token_is_a_401_in_dutch(client, system, secret):
    assert me(client, secret).status_code == 200
    revoke("--user", system.username)
    response = me(client, secret)
    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Token")
    assert response.json()["code"] == "token_revoked"
    assert "ingetrokken" in response.json()["message"]


@pytest.mark.parametrize(
    "header",
    [
        "Token wt_0123456789ab_nietgeldig",  # unknown prefix
        "Token",  # no token
        "Token a b",  # too many parts
        "Token 9944b09199c62bcf9418ad846dd0e4bbdfc6ee4b",  # an old DRF key
        "Bearer wt_zz_xx",  # malformed
    ],
)
def test_a_wrong_or_malformed_token_is_a_401(client, secret, header):
    response = client.get(reverse("api:me"), HTTP_AUTHORIZATION=header)
    assert response.status_code == 401
    assert response.json()["code"] == "authentication_failed" and response.json()["message"]


def test_the_right_prefix_with_a_wrong_secret_is_refused(client, secret):
    prefix, raw = split_token(secret)
    wrong = f"wt_{prefix}_{raw[:-1]}{'A' if raw[-1] != 'A' else 'B'}"
    response = me(client, wrong)
    assert response.status_code == 401 and response.json()["code"] == "authentication_failed"


def test_the_digest_is_compared_in_constant_time(secret, monkeypatch):
    calls = []
    real = api_tokens.hmac.compare_digest

    def spy(a, b):
        calls.append((a, b))
        return real(a, b)

    monkeypatch.setattr(api_tokens.hmac, "compare_digest", spy)
    assert find_token(secret) is not None
    assert calls and calls[0][0] == ApiToken.objects.get().digest


def test_the_token_of_an_inactive_account_is_refused(client, system, secret):
    system.is_active = False
    system.save()
    response = me(client, secret)
    assert response.status_code == 401 and response.json()["code"] == "account_inactive"


def test_without_any_credentials_the_answer_stays_403(world, client):
    response = client.get(reverse("api:me"))
    assert response.status_code == 403 and response.json()["code"] == "not_authenticated"


def test_last_used_is_stamped_at_most_once_a_minute(client, secret):
    token = ApiToken.objects.get()
    assert token.last_used_at is None
    assert me(client, secret).status_code == 200
    token.refresh_from_db()
    first = token.last_used_at
    assert first is not None and timezone.now() - first < timedelta(seconds=30)
    assert me(client, secret).status_code == 200
    token.refresh_from_db()
    assert token.last_used_at == first
    ApiToken.objects.update(last_used_at=first - timedelta(minutes=2))
    assert me(client, secret).status_code == 200
    token.refresh_from_db()
    assert token.last_used_at > first - timedelta(minutes=2)


def test_is_token_request_only_for_an_accepted_api_token():
    assert is_token_request(SimpleNamespace(auth=ApiToken()))
    assert not is_token_request(SimpleNamespace(auth=None))
    assert not is_token_request(SimpleNamespace(auth="wt_0123456789ab_geheim"))
    assert not is_token_request(SimpleNamespace())


def test_a_token_stands_in_for_the_second_factor_but_not_for_roles(world, client):
    analyst = UserFactory(username="cijfersysteem", roles=[Role.ANALYST])
    secret, _err = issue(analyst.username)
    assert me(client, secret).status_code == 200  # verified without a TOTP device
    response = client.get(reverse("api:case-list"), HTTP_AUTHORIZATION=f"Token {secret}")
    assert response.status_code == 403 and response.json()["code"] == "permission_denied"


# --- Revoking ------------------------------------------------------------------------


def test_revoking_by_id_is_audited_and_leaves_other_tokens(client, system, secret):
    other, _err = issue(system.username)
    token = find_token(secret)
    output = revoke(f"wt_{token.prefix}")
    assert token.prefix in output
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert me(client, secret).status_code == 401
    assert me(client, other).status_code == 200
    entry = AuditEntry.objects.get(object_type="accounts.apitoken", action="update")
    assert entry.object_id == str(token.pk) and entry.actor_username == "revoke_api_token"
    assert entry.detail == {"fields": ["revoked_at", "revoked_by"]}


def test_revoking_all_of_a_user_and_again_changes_nothing(system, secret):
    issue(system.username)
    revoke("--user", system.username)
    assert not ApiToken.objects.filter(revoked_at__isnull=True).exists()
    revoked_at = sorted(ApiToken.objects.values_list("revoked_at", flat=True))
    revoke("--user", system.username)
    assert sorted(ApiToken.objects.values_list("revoked_at", flat=True)) == revoked_at
    assert AuditEntry.objects.filter(object_type="accounts.apitoken", action="update").count() == 2


@pytest.mark.parametrize(
    "args", [(), ("wt_0123456789ab",), ("--user", "niemand"), ("abc", "--user", "x")]
)
def test_revoking_needs_known_ids_or_a_user(secret, args):
    with pytest.raises(CommandError):
        revoke(*args)
    assert not ApiToken.objects.filter(revoked_at__isnull=False).exists()


# --- The admin -----------------------------------------------------------------------


def test_the_administrator_lists_and_revokes_tokens_in_the_admin(world, client, secret):
    administrator = world.users[Role.ADMINISTRATOR]
    administrator.is_staff = True
    administrator.save()
    sign_in(client, administrator)
    token = ApiToken.objects.get()
    url = reverse("admin:accounts_apitoken_changelist")
    page = client.get(url).content.decode()
    assert f"wt_{token.prefix}" in page and token.digest not in page
    response = client.post(url, {"action": "revoke", "_selected_action": [token.pk]})
    assert response.status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None and token.revoked_by == administrator.username
    entry = AuditEntry.objects.get(object_type="accounts.apitoken", action="update")
    assert entry.actor_id == administrator.pk and entry.purpose == "security"
    # Nothing on a token can be edited or added there.
    change = reverse("admin:accounts_apitoken_change", args=[token.pk])
    assert client.get(change).status_code == 200
    client.post(change, {"description": "anders"})
    token.refresh_from_db()
    assert token.description == "contactcentrum"
    assert client.get(reverse("admin:accounts_apitoken_add")).status_code == 403


# --- The rules -----------------------------------------------------------------------


def test_token_verdict_boundaries():
    now = timezone.now()
    later = now + timedelta(days=1)
    assert token_verdict(expires_at=later, revoked_at=None, user_active=True, now=now).allowed
    assert token_verdict(expires_at=now, revoked_at=None, user_active=True, now=now).codes == (
        "token_expired",
    )
    revoked = token_verdict(expires_at=now, revoked_at=now, user_active=True, now=now)
    assert revoked.codes == ("token_revoked",)  # revoked wins over expired
    inactive = token_verdict(expires_at=later, revoked_at=None, user_active=False, now=now)
    assert inactive.codes == ("account_inactive",)


def test_validity_boundaries():
    assert validity_verdict(1).allowed and validity_verdict(MAX_DAYS).allowed
    assert (
        validity_verdict(0).codes
        == validity_verdict(MAX_DAYS + 1).codes
        == ("token_days_out_of_range",)
    )


@pytest.mark.parametrize(
    "raw",
    [
        "",
        "wt_",
        "wt_0123456789ab_",
        "xx_0123456789ab_geheim",
        "wt_0123456789AB_geheim",
        "wt_0123_geheim",
        "wt_0123456789ab_" + "x" * 200,
    ],
)
def test_split_token_refuses_what_is_not_a_token(raw):
    assert split_token(raw) is None


def test_split_token_keeps_underscores_in_the_secret():
    assert split_token("wt_0123456789ab_a_b-c") == ("0123456789ab", "a_b-c")


@pytest.mark.parametrize("command", ["issue_api_token", "revoke_api_token"])
def test_both_commands_name_an_unknown_account_in_dutch(db, command):
    from django.utils import translation

    args = ["niemand"] if command == "issue_api_token" else ["--user", "niemand"]
    with translation.override("nl"), pytest.raises(CommandError) as refused:
        call_command(command, *args, stdout=io.StringIO())
    assert str(refused.value) == "Er is geen gebruiker met de naam niemand."
