"""A planned request sent as the load tool sends it, through Django's test client: the
form opened first where the request says so (its version posted back), the answer held
to the request's own success (status, and where a redirect goes)."""

import re

from wijkteam.bench.scenarios import form_value


def send(client, request: dict, login_path: str):
    """Send one planned request; returns the final answer (asserting each one's success)."""
    data = dict(request["form"])
    if request.get("read_first"):
        page = client.get(request["path"])
        assert page.status_code == 200, (request["path"], page.status_code)
        data["version"] = form_value(page.content.decode(), "version")
        assert data["version"], f"{request['path']}: the form shows no version"
    if request["method"] == "POST":
        response = client.post(request["path"], data)
    else:
        response = client.get(request["path"])
    assert response.status_code == request["ok_status"], (
        request.get("kind"),
        request["path"],
        response.status_code,
        getattr(response, "context", None) and _errors(response),
    )
    if 300 <= response.status_code < 400:
        where = response["Location"]
        assert not where.startswith(login_path), where
        if request.get("location"):
            assert re.match(request["location"], where), (where, request["location"])
    return response


def _errors(response) -> str:
    """A refused form's errors, to say why a write did not succeed."""
    found = []
    for name in ("form", "persons"):
        form = response.context.get(name) if response.context else None
        if form is not None:
            found.append(repr(getattr(form, "errors", "")))
            found.append(repr(getattr(form, "non_form_errors", lambda: "")()))
    return " ".join(found)
