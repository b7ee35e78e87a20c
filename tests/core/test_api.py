"""The API: conventions, the committed OpenAPI document, errors as machine-readable bodies."""

import subprocess
import sys
from pathlib import Path

from django.urls import reverse

from wijkteam.accounts.roles import Role

ROOT = Path(__file__).resolve().parents[2]


def test_me_returns_roles_and_team(world, client_as):
    data = client_as(Role.TEAM_LEAD).get(reverse("api:me")).json()
    assert data["username"] == "team_lead"
    assert data["roles"] == ["team_lead"]
    assert data["team"] == "Wijkteam Noord" and data["district"] == "noord"


def test_anonymous_gets_a_machine_readable_403(client, db):
    response = client.get(reverse("api:me"))
    assert response.status_code == 403
    body = response.json()
    assert body["code"] == "not_authenticated" and body["message"]


def test_committed_openapi_document_is_current(tmp_path):
    generated = tmp_path / "openapi.yaml"
    subprocess.run(
        [
            sys.executable,
            "manage.py",
            "spectacular",
            "--validate",
            "--fail-on-warn",
            "--file",
            str(generated),
        ],
        cwd=ROOT,
        check=True,
        capture_output=True,
        env={"PATH": "/usr/bin:/bin", "DJANGO_SETTINGS_MODULE": "wijkteam.settings.ci"},
    )
    committed = (ROOT / "docs" / "api" / "openapi.yaml").read_text()
    assert generated.read_text() == committed, "Run `make openapi` and commit the result."
