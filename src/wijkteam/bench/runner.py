"""`make bench`: data, server, load, table. Run as `python -m wijkteam.bench`.

1. The PostgreSQL database: created when missing, migrated, filled by `seed_volume` when
   empty (a database with another number of volume cases is refused: `--fresh` starts over).
2. `collectstatic`, then `bench_prepare` signs in volume staff and writes the plan.
3. gunicorn serves the product with `wijkteam.settings.bench` (production's settings, plain
   HTTP on 127.0.0.1 only, persistent database connections) on a free loopback port.
4. Every scenario at every number of users (locust, headless, no think time): warm-up,
   then the measured window; the CPU used by the server, the load tool and the machine.
   The mixed scenario's kinds of request (reads and writes at once) are counted apart.
5. One table on standard output; JSON (and the table as Markdown) beside it.
"""

import argparse
import datetime
import json
import os
import platform
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import psycopg
from psycopg import sql
from psycopg.conninfo import conninfo_to_dict

from . import load
from .report import (
    as_json,
    evaluate,
    measure,
    render_kinds_markdown,
    render_markdown,
    render_table,
)
from .scenarios import SCENARIOS, SCENARIOS_BY_KEY

ROOT = Path(__file__).resolve().parents[3]
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/wijkteam_bench"
# Solid-state storage makes an index lookup about as cheap as reading in sequence (the
# default of 4 assumes spinning disks); JIT compilation costs more than it saves on short
# queries like ours.
DATABASE_SETTINGS = (("random_page_cost", "1.1"), ("jit", "off"))
VOLUME_CASES_SQL = "SELECT count(*) FROM cases_case WHERE reference LIKE 'VT-%'"


def parse(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="make bench", description=__doc__.split("\n")[0])
    parser.add_argument("--database-url", default=DEFAULT_DATABASE_URL)
    parser.add_argument("--cases", type=int, default=100_000, help="Volume cases in the data.")
    parser.add_argument("--fresh", action="store_true", help="Drop and rebuild the database.")
    parser.add_argument("--seconds", type=float, default=15, help="Measured seconds per run.")
    parser.add_argument("--warmup", type=float, default=3, help="Unmeasured seconds first.")
    parser.add_argument("--users", default="1,16", help="Concurrent users, comma-separated.")
    parser.add_argument("--scenarios", default="", help="Only these (comma-separated keys).")
    parser.add_argument("--workers", type=int, default=3, help="gunicorn worker processes.")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", default=str(ROOT / "var" / "bench" / "result.json"))
    parser.add_argument(
        "--strict", action="store_true", help="Fail when a target is missed (not only on errors)."
    )
    return parser.parse_args(argv)


def say(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", flush=True)


# --- The database ---------------------------------------------------------------------------


def _connect(url: str, dbname: str | None = None):
    params = conninfo_to_dict(url)
    if dbname:
        params["dbname"] = dbname
    return psycopg.connect(**params, autocommit=True)


def ensure_database(url: str, fresh: bool) -> None:
    name = conninfo_to_dict(url)["dbname"]
    with _connect(url, "postgres") as maintenance:
        if fresh:
            say(f"dropping database {name}")
            maintenance.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )
        exists = maintenance.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [name]
        ).fetchone()
        if not exists:
            say(f"creating database {name}")
            maintenance.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        # The PostgreSQL settings docs/operations.md asks production to use.
        for setting, value in DATABASE_SETTINGS:
            maintenance.execute(
                sql.SQL("ALTER DATABASE {} SET {} = {}").format(
                    sql.Identifier(name), sql.Identifier(setting), sql.Literal(value)
                )
            )


def volume_cases(url: str) -> int:
    with _connect(url) as connection:
        return connection.execute(VOLUME_CASES_SQL).fetchone()[0]


def data_size(url: str) -> dict:
    tables = {
        "cases": "cases_case",
        "households": "people_household",
        "residents": "people_resident",
        "case_events": "cases_caseevent",
        "contact_moments": "cases_contactmoment",
        "audit_entries": "audit_auditentry",
    }
    with _connect(url) as connection:
        size = {
            key: connection.execute(
                sql.SQL("SELECT count(*) FROM {}").format(sql.Identifier(table))
            ).fetchone()[0]
            for key, table in tables.items()
        }
        size["database_mb"] = round(
            connection.execute("SELECT pg_database_size(current_database())").fetchone()[0] / 2**20
        )
        size["postgresql"] = connection.execute("SHOW server_version").fetchone()[0]
    return size


# --- Django and the server -------------------------------------------------------------------


def django_environment(args: argparse.Namespace, var: Path) -> dict:
    env = dict(os.environ)
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "wijkteam.settings.bench",
            "DATABASE_URL": args.database_url,
            "DJANGO_SECRET_KEY": secrets.token_urlsafe(48),
            "DJANGO_DEBUG": "false",
            # Persistent connections, as production should run (docs/operations.md).
            "WIJKTEAM_DB_CONN_MAX_AGE": env.get("WIJKTEAM_DB_CONN_MAX_AGE", "600"),
            # The benchmark's sessions outlive a long run (production's default is 15).
            "WIJKTEAM_IDLE_TIMEOUT_MINUTES": "240",
            "WIJKTEAM_STATIC_ROOT": str(var / "static"),
            "WIJKTEAM_LOG_LEVEL": "WARNING",
        }
    )
    return env


def manage(env: dict, *arguments: str) -> None:
    command = [sys.executable, str(ROOT / "manage.py"), *arguments]
    subprocess.run(command, env=env, cwd=ROOT, check=True)  # noqa: S603 (our own manage.py)


def static_is_current(static_root: Path) -> bool:
    """The collected files are newer than every source file: collectstatic (which
    compresses everything, a minute or more) can be skipped."""
    manifest = static_root / "staticfiles.json"
    if not manifest.exists():
        return False
    sources = (ROOT / "src" / "wijkteam" / "static").rglob("*")
    newest = max((path.stat().st_mtime for path in sources if path.is_file()), default=0)
    return manifest.stat().st_mtime > newest


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_server(env: dict, port: int, workers: int, log: Path) -> subprocess.Popen:
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "wijkteam.wsgi:application",
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        str(workers),
        "--log-level",
        "warning",
    ]
    with log.open("a") as output:  # the server's and Django's log lines
        server = subprocess.Popen(  # noqa: S603 (fixed arguments)
            command, env=env, cwd=ROOT, stdout=output, stderr=subprocess.STDOUT
        )
    url = f"http://127.0.0.1:{port}/bench/floor/"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"gunicorn stopped (exit {server.returncode}); see {log}")
        try:
            urllib.request.urlopen(url, timeout=2)  # noqa: S310 (loopback, our server)
        except urllib.error.HTTPError:
            return server  # answering (a redirect to sign-in is an answer)
        except OSError:
            time.sleep(0.3)
            continue
        return server
    server.terminate()
    raise SystemExit(f"gunicorn did not answer on {url} within 60 s; see {log}")


def stop_server(server: subprocess.Popen) -> None:
    server.send_signal(signal.SIGTERM)
    try:
        server.wait(timeout=20)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()


# --- Reporting ------------------------------------------------------------------------------


def machine() -> dict:
    model = ""
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    import psutil

    return {
        "cores": os.cpu_count(),
        "cpu": model,
        "memory_gb": round(psutil.virtual_memory().total / 2**30),
        "python": platform.python_version(),
        "system": platform.platform(),
    }


def git_commit() -> str:
    try:
        result = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],  # noqa: S607
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        )
    except (OSError, subprocess.CalledProcessError):
        return ""
    return result.stdout.strip()


def main(argv: list[str] | None = None) -> int:
    try:
        return run(parse(sys.argv[1:] if argv is None else argv))
    except subprocess.CalledProcessError as failed:
        say(f"stopped: {' '.join(failed.cmd[1:3])} … failed (exit {failed.returncode})")
        return 1


def run(args: argparse.Namespace) -> int:
    users = [int(n) for n in args.users.split(",") if n.strip()]
    keys = [k.strip() for k in args.scenarios.split(",") if k.strip()] or [s.key for s in SCENARIOS]
    unknown = [key for key in keys if key not in SCENARIOS_BY_KEY]
    if unknown or not users or min(users) < 1:
        raise SystemExit(f"unknown scenarios {unknown} or bad --users {args.users!r}")
    if "floor" not in keys:
        keys.insert(0, "floor")  # every page is measured against it
    out = Path(args.out)
    var = out.parent
    var.mkdir(parents=True, exist_ok=True)
    env = django_environment(args, var)

    ensure_database(args.database_url, args.fresh)
    say("migrating")
    manage(env, "migrate", "--noinput", "-v0")
    existing = volume_cases(args.database_url)
    if existing == 0:
        say(f"generating {args.cases:,} cases (seed_volume)")
        manage(env, "seed_volume", "--cases", str(args.cases), "--seed", str(args.seed))
    elif existing != args.cases:
        raise SystemExit(
            f"{args.database_url} holds {existing:,} volume cases, not {args.cases:,}: "
            f"add --fresh to rebuild it, or ask for --cases {existing}."
        )
    if not static_is_current(var / "static"):
        say("collecting static files (production's compressed manifest)")
        manage(env, "collectstatic", "--noinput", "-v0")
    plan_path = var / "plan.json"
    manage(
        env, "bench_prepare", "--users", str(max(users)), "--seed", str(args.seed),
        "--out", str(plan_path),
    )  # fmt: skip
    plan = json.loads(plan_path.read_text())

    load_before = os.getloadavg()
    started = datetime.datetime.now().astimezone()
    port = free_port()
    server = start_server(env, port, args.workers, var / "server.log")
    host = f"http://127.0.0.1:{port}"
    measurements = []
    try:
        for key in keys:
            for count in users:
                say(f"{key}: {count} user(s), {args.warmup:g} s warm-up + {args.seconds:g} s")
                result = load.run(
                    plan, key, count, host, args.seconds, args.warmup, server.pid, args.seed
                )
                measurements.append(
                    measure(
                        key,
                        count,
                        result.durations_ms,
                        result.errors,
                        result.seconds,
                        result.cpu_percent,
                        tuple(result.error_samples),
                        result.kinds,
                    )
                )
    finally:
        stop_server(server)

    rows = evaluate(measurements)
    meta = {
        "started": started.isoformat(timespec="seconds"),
        "commit": git_commit(),
        "machine": machine(),
        "load_average_before": [round(x, 2) for x in load_before],
        "load_average_after": [round(x, 2) for x in os.getloadavg()],
        "data": data_size(args.database_url),
        "server": {"gunicorn_workers": args.workers, "settings": "wijkteam.settings.bench"},
        "seconds": args.seconds,
        "warmup": args.warmup,
        "users": users,
        "seed": args.seed,
    }
    table = render_table(rows)
    print()
    print(
        f"{meta['data']['cases']:,} cases, {meta['machine']['cores']} cores, load average "
        f"{meta['load_average_before'][0]} before and {meta['load_average_after'][0]} after"
    )
    print(table)
    kinds = render_kinds_markdown(rows)
    if kinds:
        print()
        print(kinds)
    out.write_text(json.dumps(as_json(rows, meta), indent=1, ensure_ascii=False) + "\n")
    out.with_suffix(".md").write_text(
        render_markdown(rows) + "\n" + (f"\n{kinds}\n" if kinds else "")
    )
    say(f"written {out} and {out.with_suffix('.md')}")
    failed = sum(row.measurement.errors for row in rows)
    silent = [row.title for row in rows if not row.measurement.requests]
    if failed or silent:
        say(
            f"{failed} request(s) failed, {len(silent)} run(s) without an answer: see "
            f"error_samples in {out} and {var / 'server.log'}"
        )
        return 1
    missed = [row for row in rows if not row.met]
    if args.strict and missed:
        say(f"{len(missed)} measurement(s) missed a target")
        return 1
    return 0
