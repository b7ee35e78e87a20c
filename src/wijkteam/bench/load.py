"""The load: locust (as a library, headless), one scenario at a time, no think time.

Each simulated user takes a slot of the plan (its own sessions and its own records) and
sends that scenario's requests back to back, as Open Zaak's benchmark does: the figures
are the server's capacity, not a user's patience. In a mixed scenario each request is
drawn by its weight from the mix's kinds, and every kind is also counted apart.
Importing this module imports locust, which patches the standard library for gevent: only
the runner's process imports it, never Django or the tests.
"""

import itertools
import random
import re
import time
from dataclasses import dataclass, field
from http.cookiejar import Cookie
from urllib.parse import urlsplit

import gevent
import psutil
from locust import FastHttpUser, constant, task
from locust.env import Environment

from .scenarios import SCENARIOS_BY_KEY, form_value

MEASURED = "measured"
MAX_ERROR_SAMPLES = 5
EXTRA_SECONDS = 60


def session_cookie(name: str, value: str, host: str) -> Cookie:
    return Cookie(
        0, name, value, None, False, host, False, False, "/", True, False, None, True, None,
        None, {},
    )  # fmt: skip


@dataclass
class Recorder:
    """Response times of the measured requests that finish inside the window, in all and
    per kind of request (`measured:<kind>` in a mix)."""

    recording: bool = False
    durations_ms: list = field(default_factory=list)
    errors: int = 0
    error_samples: list = field(default_factory=list)
    kinds: dict = field(default_factory=dict)  # kind → {"durations_ms": [...], "errors": n}

    def __call__(self, request_type, name, response_time, exception=None, **kwargs):
        if not self.recording or name.split(":", 1)[0] != MEASURED:
            return
        kind = self.kinds.setdefault(name.partition(":")[2], {"durations_ms": [], "errors": 0})
        if exception is None:
            self.durations_ms.append(response_time)
            kind["durations_ms"].append(response_time)
        else:
            self.errors += 1
            kind["errors"] += 1
            if len(self.error_samples) < MAX_ERROR_SAMPLES:
                self.error_samples.append(f"{request_type} {kwargs.get('url', '')}: {exception}")


def check(response, ok_status: int, expected_location: str, login_path: str) -> str | None:
    """Why an answer is not the success its request expects, or None: the status; for a
    redirect a Location, not the sign-in page, and where the request says; else a body."""
    if response.status_code != ok_status:
        return f"status {response.status_code}"
    if 300 <= response.status_code < 400:
        where = response.headers.get("Location")
        if not where:
            return "redirect without a Location"
        path = urlsplit(where).path
        if login_path and path.startswith(login_path):
            return f"redirect to the sign-in page {where}"
        if expected_location and not re.match(expected_location, path):
            return f"redirect to {where}, not {expected_location}"
        return None
    if not response.content:
        return "empty response"
    return None


def user_class(plan: dict, key: str, host: str, seed: int) -> type:
    """A locust user for one scenario: slot by slot, each with its own sessions."""
    scenario = SCENARIOS_BY_KEY[key]
    slots = plan["slots"]
    requests = plan["requests"][key]
    cookie_name = plan["session_cookie"]
    login_path = plan.get("login_path", "")
    hostname = host.split("//", 1)[-1].split(":", 1)[0]
    numbers = itertools.count()

    class BenchUser(FastHttpUser):
        wait_time = constant(0)

        def on_start(self):
            self.slot = next(numbers) % len(slots)
            self.rng = random.Random(seed * 1000 + self.slot)
            self.requests = requests[self.slot]
            self.weights = [request.get("weight", 1) for request in self.requests]
            session = slots[self.slot][scenario.role]["session"]
            self.client.cookiejar.set_cookie(session_cookie(cookie_name, session, hostname))
            self.csrf = ""
            posts = [request for request in self.requests if request["method"] == "POST"]
            if posts:
                # As a browser does: the form first, for the CSRF cookie and token.
                page = self.client.get(posts[0]["path"], name="setup")
                self.csrf = form_value(page.text or "", "csrfmiddlewaretoken") or ""

        def send(self, method, path, data, name, ok_status, expected_location="", field=""):
            """One request, held to its success (and, with `field`, a form that has that
            field); returns the answer's text, or None when it failed."""
            with self.client.request(
                method,
                path,
                data=data or None,
                name=name,
                allow_redirects=False,
                catch_response=True,
            ) as response:
                problem = check(response, ok_status, expected_location, login_path)
                if not problem and field and form_value(response.text, field) is None:
                    problem = f"the form has no field {field}"
                if problem:
                    response.failure(problem)
                    return None
                return response.text or ""

        @task
        def measured(self):
            request = self.rng.choices(self.requests, weights=self.weights)[0]
            kind = request.get("kind")
            name = f"{MEASURED}:{kind}" if kind else MEASURED
            data = dict(request["form"])
            if request.get("read_first"):
                # Open the form, as the user does, and send back the version it shows.
                page = self.send("GET", request["path"], None, f"{name}:form", 200, field="version")
                if page is None:
                    return  # counted as the form's error
                data["version"] = form_value(page, "version")
            if request["method"] == "POST":
                data["csrfmiddlewaretoken"] = self.csrf
            self.send(
                request["method"],
                request["path"],
                data,
                name,
                request.get("ok_status", 200),
                request.get("location", ""),
            )

    BenchUser.host = host
    return BenchUser


def cpu_seconds(processes: list[psutil.Process]) -> float:
    total = 0.0
    for process in processes:
        try:
            times = process.cpu_times()
        except psutil.Error:
            continue
        total += times.user + times.system
    return total


def machine_busy_seconds() -> float:
    times = psutil.cpu_times()
    return sum(times) - times.idle - getattr(times, "iowait", 0.0)


@dataclass
class Run:
    durations_ms: list
    errors: int
    error_samples: list
    seconds: float
    cpu_percent: dict
    kinds: dict = field(default_factory=dict)


def run(
    plan: dict,
    key: str,
    users: int,
    host: str,
    seconds: float,
    warmup: float,
    server_pid: int,
    seed: int = 1,
    min_requests: int = 5,
) -> Run:
    """Start `users` users at once, warm up, then measure for `seconds` — longer (up to a
    minute more) until at least `min_requests` answers are in, so that a short window on
    a busy machine still measures something."""
    environment = Environment(user_classes=[user_class(plan, key, host, seed)], host=host)
    recorder = Recorder()
    environment.events.request.add_listener(recorder)
    runner = environment.create_local_runner()
    server = psutil.Process(server_pid)
    load = psutil.Process()
    runner.start(users, spawn_rate=users)
    gevent.sleep(warmup)
    workers = [server, *server.children(recursive=True)]
    before = (cpu_seconds(workers), cpu_seconds([load]), machine_busy_seconds())
    started = time.monotonic()
    recorder.recording = True
    gevent.sleep(seconds)
    deadline = started + seconds + EXTRA_SECONDS
    while (
        len(recorder.durations_ms) + recorder.errors < min_requests and time.monotonic() < deadline
    ):
        gevent.sleep(0.1)
    recorder.recording = False
    elapsed = time.monotonic() - started
    after = (cpu_seconds(workers), cpu_seconds([load]), machine_busy_seconds())
    runner.quit()
    environment.events.request.remove_listener(recorder)
    usage = [100 * (b - a) / elapsed for a, b in zip(before, after, strict=True)]
    return Run(
        recorder.durations_ms,
        recorder.errors,
        recorder.error_samples,
        elapsed,
        {"server": round(usage[0]), "load": round(usage[1]), "machine": round(usage[2])},
        {kind: values for kind, values in recorder.kinds.items() if kind},
    )
