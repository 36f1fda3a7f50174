"""Web load: requests per second and p50/p95/p99 latency of the app under gunicorn.

What a respondent feels is the web app, not the scoring core: every answer is saved the
moment it changes (one POST), and a finished assessment is read as a results page. Each
is measured next to two baselines served by the same gunicorn, in the same run:

- `/bench/minimal`: JSON, no database. What this stack can serve at all.
- `/bench/insert`: one row inserted and committed. The write path's physical limit.

Goals (issue 3): saving an answer at least 0.75× the bare insert with p95 under 50 ms
at 20 concurrent clients; the results page at least 0.25× the minimal view. Goal
(issue 4): with 100 respondents of one open campaign saving at once (100 connections,
each request for a random respondent), at least 0.75× the bare insert measured with
the same 100 connections, p95 under 100 ms.

The load comes from wrk (Debian's package, installed by scripts/install-wrk.sh when
missing), a second process on loopback: 2 threads, 20 connections, a short warm-up,
then a timed run. Its Lua script spreads requests over many assessments so concurrent
clients write different rows, sends the CSRF cookie and header the page's htmx sends,
and prints p50/p95/p99 itself (wrk's --latency table has no p95). The app runs as
`cxm serve` runs it (bench/web/serve.py calls the product's server) with 2 sync workers,
as `cxm serve --workers 2` would (its default, 2 × CPUs + 1, gave every scenario fewer
requests per second on this 2-core machine, where wrk shares the cores), first on a fresh SQLite file, then on a fresh PostgreSQL database, which the bench
creates and drops (CXM_BENCH_POSTGRES_URL, default
postgres://postgres@127.0.0.1:5432/cxm_bench, with the run's process id appended to the
database name); an unreachable PostgreSQL is skipped with one line.

The machine's load average is printed with each table: on a shared 2-core machine,
other work lowers every figure, and the heavier scenarios more than the baselines.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent.parent
INSTALL_WRK = ROOT / "scripts" / "install-wrk.sh"
WORKERS = 2  # sync workers, one per core of the 2-core machine the goals were set on
THREADS = 2
CONNECTIONS = 20
CROWD = 100  # respondents of one campaign saving at once (issue 4)
POSTGRES_URL = os.environ.get(
    "CXM_BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/cxm_bench"
)
CSRF = "b3nchCsrfT0kenB3nchCsrfT0kenB3nc"  # 32 characters: Django takes an unmasked secret
SAVE_GOAL, SAVE_P95_MS, RESULTS_GOAL = 0.75, 50.0, 0.25
CROWD_GOAL, CROWD_P95_MS = 0.75, 100.0


@dataclass(frozen=True)
class Sizes:
    """How long and on how much data; --quick is a smoke run, its figures are rough."""

    warm_up_s: int
    seconds: int
    rounds: int  # each scenario runs this often, interleaved; the fastest run is kept
    in_progress: int  # assessments answers are saved to
    organizations: int  # demo organizations (`cxm demo`'s data): their results are read


FULL = Sizes(warm_up_s=2, seconds=10, rounds=2, in_progress=200, organizations=16)
QUICK = Sizes(warm_up_s=1, seconds=3, rounds=1, in_progress=40, organizations=4)


@dataclass(frozen=True)
class Load:
    """One wrk run: throughput, latency percentiles (ms), and every kind of failure."""

    requests: int
    rate: float
    p50: float
    p95: float
    p99: float
    errors: int  # socket errors, timeouts and non-2xx/3xx answers


@dataclass(frozen=True)
class Row:
    scenario: str
    load: Load
    baseline: str  # the scenario this one's rate is divided by ("" for the first)
    ratio: float | None
    goal: str
    passed: bool | None  # None: no goal


@dataclass
class Section:
    """One database's table, or the reason it was skipped."""

    title: str
    rows: list[Row] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    skipped: str = ""


@dataclass(frozen=True)
class Prepared:
    """What bench/web/prepare.py made in the database, for wrk's scripts."""

    database: str
    resume_tokens: list[str]
    respondent_tokens: list[str]
    result_tokens: list[str]
    save_bodies: list[str]


@dataclass(frozen=True)
class Scenario:
    name: str
    method: str
    paths: list[str]
    bodies: list[str]
    expect: str  # a piece of the answer's body, checked once before the load
    connections: int = CONNECTIONS


LUA = r"""
local paths = {%(paths)s}
local bodies = {%(bodies)s}
local threads = {}

function setup(thread)
  table.insert(threads, thread)
  thread:set("id", #threads)
end

function init(args)
  math.randomseed(7919 * id)
  wrk.method = "%(method)s"
  if wrk.method == "POST" then
    wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
    wrk.headers["Cookie"] = "csrftoken=%(csrf)s"
    wrk.headers["X-CSRFToken"] = "%(csrf)s"
    wrk.headers["HX-Request"] = "true"
  end
end

function request()
  local body = nil
  if #bodies > 0 then body = bodies[math.random(#bodies)] end
  return wrk.format(nil, paths[math.random(#paths)], nil, body)
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'CXM-RESULT {"requests": %%d, "duration_us": %%d, "errors": %%d, ' ..
    '"p50": %%.0f, "p95": %%.0f, "p99": %%.0f}\n',
    summary.requests, summary.duration, e.connect + e.read + e.write + e.status + e.timeout,
    latency:percentile(50), latency:percentile(95), latency:percentile(99)))
end
"""


def _lua_list(values: list[str]) -> str:
    return ", ".join(json.dumps(v) for v in values)  # JSON strings are valid Lua strings here


def ensure_wrk() -> str | None:
    """wrk's path, installing Debian's package first when it is missing; None if impossible."""
    found = shutil.which("wrk")
    if found is None and INSTALL_WRK.exists():
        subprocess.run(["sh", str(INSTALL_WRK)], check=False)
        found = shutil.which("wrk")
    return found


def _wrk(wrk: str, port: int, scenario: Scenario, seconds: int, script: Path) -> Load:
    script.write_text(
        LUA
        % {
            "paths": _lua_list(scenario.paths),
            "bodies": _lua_list(scenario.bodies),
            "method": scenario.method,
            "csrf": CSRF,
        },
        encoding="utf-8",
    )
    command = [wrk, f"-t{THREADS}", f"-c{scenario.connections}", f"-d{seconds}s"]
    command += ["--timeout", "10s"]
    command += ["-s", str(script), f"http://127.0.0.1:{port}/"]
    out = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    line = next((x for x in out.splitlines() if x.startswith("CXM-RESULT ")), None)
    if line is None:
        raise RuntimeError(f"wrk printed no result line:\n{out}")
    r = json.loads(line.removeprefix("CXM-RESULT "))
    return Load(
        requests=r["requests"],
        rate=r["requests"] / (r["duration_us"] / 1e6),
        p50=r["p50"] / 1000,
        p95=r["p95"] / 1000,
        p99=r["p99"] / 1000,
        errors=r["errors"],
    )


def _check(port: int, scenario: Scenario) -> None:
    """One request by hand before the load: a scenario that answers 4xx would measure errors."""
    body = scenario.bodies[0].encode() if scenario.bodies else None
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}{scenario.paths[0]}", data=body, method=scenario.method
    )
    if scenario.method == "POST":
        request.add_header("Content-Type", "application/x-www-form-urlencoded")
        request.add_header("Cookie", f"csrftoken={CSRF}")
        request.add_header("X-CSRFToken", CSRF)
        request.add_header("HX-Request", "true")
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            text = response.read().decode()
    except urllib.error.HTTPError as exc:
        raise RuntimeError(
            f"{scenario.name}: {scenario.method} {scenario.paths[0]} answered {exc.code}: "
            f"{exc.read().decode()[:300]}"
        ) from exc
    if scenario.expect not in text:
        raise RuntimeError(f"{scenario.name}: expected {scenario.expect!r} in {text[:300]!r}")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _env(data_dir: Path, database: str | None) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DATABASE_URL", "CXM_DEBUG", "CXM_DB_CONN_MAX_AGE", "CXM_SECRET_KEY"}
    }
    env["CXM_DATA_DIR"] = str(data_dir)
    env["DJANGO_SETTINGS_MODULE"] = "bench.web.settings"
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    if database:
        env["DATABASE_URL"] = database
    return env


def _prepare(env: dict[str, str], sizes: Sizes) -> Prepared:
    command = [sys.executable, "-m", "bench.web.prepare", str(sizes.in_progress)]
    done = subprocess.run(
        [*command, str(sizes.organizations), str(CROWD)],
        env=env,
        cwd=ROOT,
        check=False,
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        raise RuntimeError(f"preparing the database failed:\n{done.stderr[-3000:]}")
    return Prepared(**json.loads(done.stdout.strip().splitlines()[-1]))


class _Server:
    """The app under gunicorn (master and workers), answering, until the `with` block ends."""

    def __init__(self, env: dict[str, str], log: Path) -> None:
        self.port = _free_port()
        self.log = log
        with log.open("w") as handle:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "bench.web.serve", str(self.port), str(WORKERS)],
                env=env,
                cwd=ROOT,
                stdout=handle,
                stderr=subprocess.STDOUT,
            )

    def __enter__(self) -> _Server:
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"the server stopped:\n{self.log.read_text()[-2000:]}")
            try:
                url = f"http://127.0.0.1:{self.port}/healthz"
                with urllib.request.urlopen(url, timeout=2) as response:
                    if response.status == 200:
                        return self
            except OSError:
                time.sleep(0.3)
        self.stop()
        raise RuntimeError(f"the server did not answer in 90 s:\n{self.log.read_text()[-2000:]}")

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def worker_rss_mb(self) -> list[float]:
        """Resident memory of each worker (Linux /proc), to see vl-convert's per-process cost."""
        pid = self.process.pid
        try:
            children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
            sizes = []
            for child in children:
                for line in Path(f"/proc/{child}/status").read_text().splitlines():
                    if line.startswith("VmRSS:"):
                        sizes.append(int(line.split()[1]) / 1024)
            return sizes
        except OSError:
            return []

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)  # gunicorn's graceful stop, workers too
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def _scenarios(data: Prepared) -> list[Scenario]:
    resume = [f"/a/{t}/save/" for t in data.resume_tokens]
    results = [f"/r/{t}/" for t in data.result_tokens]
    first = [f"/bench/first-view/r/{t}/" for t in data.result_tokens]
    crowd = [f"/a/{t}/save/" for t in data.respondent_tokens]
    bodies = data.save_bodies
    return [
        Scenario("baseline: minimal view (no database)", "GET", ["/bench/minimal"], [], '"ok"'),
        Scenario("baseline: bare insert (one row)", "POST", ["/bench/insert"], ["note=x"], "saved"),
        Scenario("(a) save one answer", "POST", resume, bodies, "Saved"),
        Scenario("(b) results page", "GET", results, [], "</html>"),
        Scenario("(b) results page, first view", "GET", first, [], "</html>"),
        Scenario(
            f"baseline: bare insert, {CROWD} clients",
            "POST",
            ["/bench/insert"],
            ["note=x"],
            "saved",
            CROWD,
        ),
        Scenario(f"(c) {CROWD} respondents saving at once", "POST", crowd, bodies, "Saved", CROWD),
    ]


def _rows(best: dict[str, Load], names: list[str]) -> list[Row]:
    """The table: each scenario's rate over its baseline's, and the goal it must meet.

    A first view (the body not cached yet) has no goal of its own: it is shown so the
    cache's effect is visible, and the issue's goal is about the page people reload.
    """
    minimal, insert, save, page, first, crowd_insert, crowd = (best[n] for n in names)
    save_ratio, page_ratio = save.rate / insert.rate, page.rate / minimal.rate
    crowd_ratio = crowd.rate / crowd_insert.rate
    return [
        Row(names[0], minimal, "", 1.0, "", None),
        Row(names[1], insert, "minimal", insert.rate / minimal.rate, "", None),
        Row(
            names[2],
            save,
            "insert",
            save_ratio,
            f"≥{SAVE_GOAL}× insert, p95<{SAVE_P95_MS:.0f} ms",
            save_ratio >= SAVE_GOAL and save.p95 < SAVE_P95_MS and not save.errors,
        ),
        Row(
            names[3],
            page,
            "minimal",
            page_ratio,
            f"≥{RESULTS_GOAL}× minimal",
            page_ratio >= RESULTS_GOAL and not page.errors,
        ),
        Row(names[4], first, "minimal", first.rate / minimal.rate, "(none: see note)", None),
        Row(names[5], crowd_insert, "minimal", crowd_insert.rate / minimal.rate, "", None),
        Row(
            names[6],
            crowd,
            f"insert ×{CROWD}",
            crowd_ratio,
            f"≥{CROWD_GOAL}× insert, p95<{CROWD_P95_MS:.0f} ms",
            crowd_ratio >= CROWD_GOAL and crowd.p95 < CROWD_P95_MS and not crowd.errors,
        ),
    ]


def _measure(title: str, wrk: str, database: str | None, sizes: Sizes, tmp: Path) -> Section:
    section = Section(title)
    tmp.mkdir(parents=True, exist_ok=True)
    env = _env(tmp, database)
    data = _prepare(env, sizes)
    scenarios = _scenarios(data)
    section.notes.append(
        f"{data.database}; {len(data.resume_tokens)} in-progress assessments "
        f"written at random, {len(data.result_tokens)} results pages read at random, "
        f"{len(data.respondent_tokens)} respondents of one open campaign"
    )
    section.notes.append(
        "results page: its body is cached per worker after a result's first view; "
        "'first view' empties the worker's cache before each request"
    )
    section.notes.append(_load_note())
    best: dict[str, Load] = {}
    with _Server(env, tmp / "server.log") as server:
        for scenario in scenarios:
            _check(server.port, scenario)
        for _ in range(sizes.rounds):
            for scenario in scenarios:
                script = tmp / "load.lua"
                _wrk(wrk, server.port, scenario, sizes.warm_up_s, script)
                load = _wrk(wrk, server.port, scenario, sizes.seconds, script)
                if scenario.name not in best or load.rate > best[scenario.name].rate:
                    best[scenario.name] = load
        rss = server.worker_rss_mb()
    if rss:
        section.notes.append(
            "worker memory after the run: " + ", ".join(f"{mb:.0f} MB" for mb in rss)
        )
    section.rows = _rows(best, [s.name for s in scenarios])
    return section


def _load_note() -> str:
    """The machine's load before measuring: other work on the 2 cores skews every figure."""
    one_minute = os.getloadavg()[0]
    cores = os.cpu_count() or 1
    warning = (
        "  ← busy: other processes share the cores, figures are low"
        if one_minute > 0.5 * cores
        else ""
    )
    return f"load average before the run: {one_minute:.2f} on {cores} cores{warning}"


def _postgres_problem(url: str) -> str | None:
    """Create the bench database afresh (dropping a leftover); why it cannot be, or None."""
    import psycopg
    from psycopg import sql

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    try:
        with psycopg.connect(
            host=parts.hostname,
            port=parts.port,
            user=parts.username,
            password=parts.password,
            dbname="postgres",
            connect_timeout=3,
            autocommit=True,
        ) as connection:
            connection.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )
            connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    except psycopg.Error as exc:
        where = f"{parts.hostname}:{parts.port or 5432}"
        first = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
        return f"PostgreSQL at {where} is not usable ({first})"
    return None


def _drop_postgres(url: str) -> None:
    import psycopg
    from psycopg import sql

    parts = urlsplit(url)
    with psycopg.connect(
        host=parts.hostname,
        port=parts.port,
        user=parts.username,
        password=parts.password,
        dbname="postgres",
        autocommit=True,
    ) as connection:
        connection.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(
                sql.Identifier(parts.path.lstrip("/"))
            )
        )


def run(quick: bool) -> Iterator[Section]:
    """One Section per database (SQLite, then PostgreSQL), each measured as it comes."""
    sizes = QUICK if quick else FULL
    wrk = ensure_wrk()
    if wrk is None:
        yield Section("web load", skipped="wrk is not installed and could not be (see above)")
        return
    with tempfile.TemporaryDirectory(prefix="cxm-bench-web-") as tmp:
        yield _measure("SQLite (WAL)", wrk, None, sizes, Path(tmp, "sqlite"))
    url = _own_database(POSTGRES_URL)
    problem = _postgres_problem(url)
    if problem:
        yield Section("PostgreSQL", skipped=problem)
        return
    try:
        with tempfile.TemporaryDirectory(prefix="cxm-bench-web-") as tmp:
            yield _measure("PostgreSQL", wrk, url, sizes, Path(tmp, "postgres"))
    finally:
        _drop_postgres(url)


def _own_database(url: str) -> str:
    """The URL with this run's own database name (`cxm_bench_<pid>`): two runs at once on
    one server must not drop each other's database in the middle of a measurement."""
    parts = urlsplit(url)
    return parts._replace(path=f"{parts.path.rstrip('/')}_{os.getpid()}").geturl()


def describe(quick: bool) -> str:
    sizes = QUICK if quick else FULL
    return (
        f"wrk -t{THREADS} -c{CONNECTIONS} (-c{CROWD} for the campaign) on loopback, "
        f"{sizes.warm_up_s} s warm-up + "
        f"{sizes.seconds} s per scenario, best of {sizes.rounds}; gunicorn {WORKERS} sync "
        "workers (`cxm serve --workers 2`); CSRF checked (cookie + X-CSRFToken)"
    )
