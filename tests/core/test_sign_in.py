"""Sign-in: Dutch, two-factor required, lockout, idle timeout, password rules."""

import pytest
from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.test import override_settings
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from wijkteam.accounts.roles import Role

PASSWORD = "Een-lang-wachtwoord-42"


def _post_credentials(client, username, password=PASSWORD):
    return client.post(
        reverse("two_factor:login"),
        {"login_view-current_step": "auth", "auth-username": username, "auth-password": password},
    )


def test_login_page_is_dutch(client, db):
    response = client.get(reverse("two_factor:login"))
    content = response.content.decode()
    assert '<html lang="nl"' in content
    assert "Gebruikersnaam" in content and "Wachtwoord" in content


def test_staff_without_device_must_set_up_two_factor(world, client):
    response = _post_credentials(client, "case_worker")
    assert response.status_code == 302
    response = client.get(reverse("core:my_work"))
    assert response.status_code == 302
    assert response["Location"] == reverse("two_factor:setup")


def test_full_sign_in_with_totp_token(world, client):
    user = world.users[Role.CASE_WORKER]
    device = TOTPDevice.objects.create(user=user, name="default", confirmed=True)
    response = _post_credentials(client, "case_worker")
    assert response.status_code == 200  # the token step
    token = f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):06d}"
    response = client.post(
        reverse("two_factor:login"),
        {"login_view-current_step": "token", "token-otp_token": token},
    )
    assert response.status_code == 302
    assert client.get(reverse("core:my_work")).status_code == 200


def test_demo_account_skips_two_factor_only_in_demo_mode(world, client):
    user = world.users[Role.CASE_WORKER]
    user.is_demo_account = True
    user.save()
    _post_credentials(client, "case_worker")
    assert client.get(reverse("core:my_work")).status_code == 302
    with override_settings(WIJKTEAM_DEMO_MODE=True):
        assert client.get(reverse("core:my_work")).status_code == 200


def test_password_only_session_with_a_device_is_sent_back_to_sign_in(world, client):
    user = world.users[Role.CASE_WORKER]
    TOTPDevice.objects.create(user=user, name="default", confirmed=True)
    client.force_login(user)
    response = client.get(reverse("core:my_work"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("two_factor:login"))


def test_lockout_after_repeated_failures(world, client):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _post_credentials(client, "case_worker", "wrong-password")
    response = _post_credentials(client, "case_worker")  # even the right password
    assert response.status_code == 429
    assert "accounts/locked_out.html" in [t.name for t in response.templates]
    assert "tijdelijk geblokkeerd" in response.content.decode()


def test_idle_timeout_renews_on_activity():
    assert settings.SESSION_SAVE_EVERY_REQUEST is True
    assert settings.SESSION_COOKIE_AGE == 15 * 60


@pytest.mark.parametrize("password", ["kort", "12345678901234", "qwerty123456"])
def test_weak_passwords_are_refused(password, db):
    with pytest.raises(ValidationError):
        validate_password(password)


def test_api_requires_two_factor(world, client):
    _post_credentials(client, "case_worker")
    response = client.get(reverse("api:me"))
    assert response.status_code == 403
    assert response.json()["code"] == "permission_denied"


def test_dutch_regardless_of_browser_language_until_switched(client, db):
    url = reverse("two_factor:login")
    response = client.get(url, HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert '<html lang="nl"' in response.content.decode()
    client.post(reverse("set_language"), {"language": "en", "next": url})
    response = client.get(url)
    assert '<html lang="en"' in response.content.decode()
    assert "Username" in response.content.decode()
