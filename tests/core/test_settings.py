"""Production settings refuse unsafe values and turn on the security headers."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from wijkteam.settings.checks import DEFAULT_SECRET_KEY, unsafe_production_settings

ROOT = Path(__file__).resolve().parents[2]
GOOD_KEY = "k" * 30 + "-not-a-real-key-but-long-enough-" + "x" * 10
SAFE = {
    "debug": False,
    "secret_key": GOOD_KEY,
    "allowed_hosts": ["wijkteam.example.nl"],
    "demo_mode": False,
}


def test_safe_values_pass():
    assert unsafe_production_settings(**SAFE) == []


@pytest.mark.parametrize(
    ("change", "fragment"),
    [
        ({"debug": True}, "DJANGO_DEBUG"),
        ({"secret_key": DEFAULT_SECRET_KEY}, "DJANGO_SECRET_KEY"),
        ({"secret_key": ""}, "DJANGO_SECRET_KEY"),
        ({"secret_key": "short"}, "shorter"),
        ({"allowed_hosts": []}, "DJANGO_ALLOWED_HOSTS"),
        ({"allowed_hosts": ["*"]}, "'*'"),
        ({"demo_mode": True}, "WIJKTEAM_DEMO_MODE"),
    ],
)
def test_each_unsafe_value_is_refused(change, fragment):
    problems = unsafe_production_settings(**{**SAFE, **change})
    assert len(problems) == 1 and fragment in problems[0]


def load_settings(module: str, env_overrides: dict, printed: str) -> subprocess.CompletedProcess:
    """Import a settings module in a fresh interpreter, with only `env_overrides` of the
    product's variables set, and print `printed` (an expression over `settings`)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "WIJKTEAM_"))}
    env.update(env_overrides)
    env["DJANGO_SETTINGS_MODULE"] = module
    env["PYTHONPATH"] = str(ROOT / "src")
    code = f"import django; from django.conf import settings; django.setup(); print({printed})"
    return subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60
    )


def _load_production(env_overrides: dict) -> subprocess.CompletedProcess:
    return load_settings(
        "wijkteam.settings.production",
        env_overrides,
        "settings.SECURE_HSTS_SECONDS, settings.SESSION_COOKIE_SECURE,"
        " settings.CSRF_COOKIE_SECURE, settings.CONTENT_SECURITY_POLICY['DIRECTIVES']"
        "['default-src']",
    )


def test_production_module_refuses_to_start_with_defaults():
    result = _load_production({})
    assert result.returncode != 0
    assert "Refusing to start" in result.stderr
    assert "DJANGO_SECRET_KEY" in result.stderr


def test_production_module_refuses_debug():
    result = _load_production(
        {"DJANGO_SECRET_KEY": GOOD_KEY, "DJANGO_ALLOWED_HOSTS": "a.example", "DJANGO_DEBUG": "1"}
    )
    assert result.returncode != 0 and "DJANGO_DEBUG" in result.stderr


def test_production_module_starts_with_safe_values_and_secure_headers():
    result = _load_production({"DJANGO_SECRET_KEY": GOOD_KEY, "DJANGO_ALLOWED_HOSTS": "a.example"})
    assert result.returncode == 0, result.stderr
    hsts, session_secure, csrf_secure, default_src = result.stdout.split(" ", 3)
    assert int(hsts) >= 31_536_000
    assert session_secure == "True" and csrf_secure == "True"
    assert "'self'" in default_src


def test_pages_send_a_content_security_policy(client, db):
    response = client.get("/account/login/")
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy and "frame-ancestors 'none'" in policy
    assert "unsafe-inline" not in policy
