"""The logs of a whole test run carry no BSN and no resident's name.

Every process of the run (each xdist worker, or the one process) writes what the
product logs at INFO and above — production's level — to `var/test-logs/<worker>.log`,
and remembers the BSN and surname of every resident saved during the run. When the run
ends, the process that reports (xdist's controller, or the one process) reads all of them
and fails the run when any log line contains one of those BSNs or surnames. Error
reports are log records too (Django's `django.request` logger writes them), so a
traceback that carries a value is caught here as well.
"""

import logging
import os
from pathlib import Path

import pytest
from django.db.models.signals import post_save

LOG_DIR = Path(__file__).resolve().parents[1] / "var" / "test-logs"
_identities: set[str] = set()


def _worker(config) -> str | None:
    return getattr(config, "workerinput", {}).get("workerid")


def _remember(sender, instance, **kwargs):
    if instance.bsn:
        _identities.add(instance.bsn)
    if len(instance.surname) >= 5:
        _identities.add(instance.surname)


def pytest_configure(config):
    if _worker(config) is None:  # the controller, or the only process: start clean
        LOG_DIR.mkdir(parents=True, exist_ok=True)
        for old in LOG_DIR.glob("*"):
            old.unlink()


@pytest.fixture(scope="session", autouse=True)
def _record_logs_and_identities(request):
    from wijkteam.people.models import Resident

    name = _worker(request.config) or "main"
    handler = logging.FileHandler(LOG_DIR / f"{name}.log", encoding="utf-8")
    handler.setLevel(logging.INFO)
    handler.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
    logging.getLogger().addHandler(handler)
    post_save.connect(_remember, sender=Resident, dispatch_uid="log-scan")
    yield
    post_save.disconnect(sender=Resident, dispatch_uid="log-scan")
    logging.getLogger().removeHandler(handler)
    handler.close()
    (LOG_DIR / f"{name}.identities").write_text("\n".join(sorted(_identities)), "utf-8")


def leaks(log_dir: Path) -> list[str]:
    """Log lines that contain a BSN or surname of a resident saved during the run."""
    identities = set()
    for path in log_dir.glob("*.identities"):
        identities.update(filter(None, path.read_text("utf-8").splitlines()))
    found = []
    for path in sorted(log_dir.glob("*.log")):
        for line in path.read_text("utf-8", errors="replace").splitlines():
            hits = sorted(value for value in identities if value in line)
            if hits:
                found.append(f"{path.name}: {line[:200]} (contains {', '.join(hits)})")
    return found


@pytest.hookimpl(trylast=True)
def pytest_sessionfinish(session, exitstatus):
    if _worker(session.config) is not None or os.environ.get("WIJKTEAM_SKIP_LOG_SCAN"):
        return
    found = leaks(LOG_DIR)
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    lines = sum(1 for p in LOG_DIR.glob("*.log") for _ in p.open(encoding="utf-8"))
    if found:
        reporter.write_line(
            f"Personal data in the logs of this run ({len(found)} lines):", red=True
        )
        for line in found[:20]:
            reporter.write_line("  " + line, red=True)
        session.exitstatus = 1
    elif reporter:
        reporter.write_line(f"Log scan: {lines} log lines, no BSN or resident's name in them.")
