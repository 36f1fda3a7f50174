"""Live peer benchmarks in a real database: one organization's comparison, and a full rebuild.

python bench/peers.py                 # PostgreSQL at 100,000 entries, SQLite at 10,000
python bench/peers.py --quick         # 5,000 and 2,000

Data: synthetic, not scored answers. Each organization gets per-dimension scores
drawn from a beta distribution (rounded to two decimals, as results are), an
industry, region and size from cx-automation's lists; organizations and their
`PeerEntry` rows are bulk-inserted. Scoring 100,000 sample respondents would take
minutes and measure the scorer, not the benchmark (`bench/scoring.py` does that);
what the figures below depend on is the number of entries and how they spread over
groups, which the synthetic set reproduces.

Timed, each in a fresh process with its own throwaway database:

* the comparison of one organization with its peers, for every dimension and the
  overall score (`peers.compare`, the query and arithmetic behind the page, no
  HTTP), for the widest group (all organizations), its industry, and industry +
  region + size; median of repeated runs;
* a full rebuild of the derived tables from the entries (`store.rebuild_counts`,
  what `cxm benchmark recompute` does after re-deriving the entries);
* baseline: a plain COUNT(*) over the entries in the same database.

PostgreSQL is used at 127.0.0.1:5432 as user postgres (a database is created and
dropped); if it does not answer, that part is skipped with the reason.
"""

from __future__ import annotations

import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
PG = {"host": "127.0.0.1", "port": 5432, "user": "postgres"}
MODEL = "cx-automation"
REPEATS = 25


def run(quick: bool = False) -> list[tuple[str, str, float, float | None, str]]:
    """Rows of (database, what, milliseconds, ratio to the COUNT baseline, verdict)."""
    pg_size, sqlite_size = (5_000, 2_000) if quick else (100_000, 10_000)
    out: list[tuple[str, str, float, float | None, str]] = []
    name = f"cxm_bench_peers_{os.getpid()}"
    problem = _pg_problem()
    if problem:
        out.append((f"PostgreSQL, {pg_size:,}", f"skipped: {problem}", 0.0, None, ""))
    else:
        _pg_admin(f'CREATE DATABASE "{name}"')
        try:
            url = f"postgres://{PG['user']}@{PG['host']}:{PG['port']}/{name}"
            out += _child(f"PostgreSQL, {pg_size:,}", url, pg_size)
        finally:
            _pg_admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{Path(folder) / 'peers.sqlite3'}"
        out += _child(f"SQLite, {sqlite_size:,}", url, sqlite_size)
    return out


def _pg_problem() -> str | None:
    try:
        import psycopg

        psycopg.connect(**PG, dbname="postgres", connect_timeout=3).close()
    except Exception as exc:  # psycopg missing or server down: say which
        return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return None


def _pg_admin(statement: str) -> None:
    import psycopg

    with psycopg.connect(**PG, dbname="postgres", autocommit=True) as conn:
        conn.execute(statement)


def _child(label: str, url: str, size: int) -> list[tuple[str, str, float, float | None, str]]:
    """Measure in a fresh process: Django is configured once per process, per database."""
    env = {**os.environ, "DATABASE_URL": url, "CXM_DATA_DIR": tempfile.gettempdir()}
    done = subprocess.run(
        [sys.executable, __file__, "--child", str(size)],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        return [(label, f"failed: {done.stderr.strip().splitlines()[-1:]}", 0.0, None, "")]
    figures: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    base = figures["baseline"]
    rows = [(label, "baseline: SELECT COUNT(*) over the entries", base, 1.0, "")]
    for key, what in (
        ("view_all", "one organization vs all organizations"),
        ("view_industry", "one organization vs its industry"),
        ("view_cell", "one organization vs industry + region + size"),
    ):
        ms = figures[key]
        rows.append((label, what, ms, ms / base, "ok (< 50 ms)" if ms < 50 else "over 50 ms"))
    ms = figures["rebuild"]
    rows.append(
        (
            label,
            "full rebuild of peer groups",
            ms,
            ms / base,
            "ok (< 60 s)" if ms < 60_000 else "over 60 s",
        )
    )
    rows.append((label, "(setup: bulk insert of the entries)", figures["insert"], None, ""))
    return rows


def _measure(size: int) -> dict[str, float]:
    sys.path.insert(0, str(ROOT / "src"))
    from cxmaturity.web import setup

    setup.configure(None)
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)
    from django.db import connection

    from cxmaturity.core.scoring._sample import SIZES
    from cxmaturity.models import builtin
    from cxmaturity.web.benchmarks import store
    from cxmaturity.web.benchmarks.models import PeerEntry
    from cxmaturity.web.benchmarks.peers import Filters, compare
    from cxmaturity.web.organizations.models import Organization

    model = builtin(MODEL)
    dimensions = [d.id for d in model.dimensions]
    industries = [i.id for i in model.industries]
    regions = [r.id for r in model.regions]
    rng = random.Random(2026)
    started = time.perf_counter()
    orgs = Organization.objects.bulk_create(
        (
            Organization(
                name=f"Bench {n}",
                industry=rng.choice(industries),
                region=rng.choice(regions),
                size=rng.choice(SIZES),
            )
            for n in range(size)
        ),
        batch_size=5000,
    )
    entries = []
    for org in orgs:
        maturity = rng.betavariate(2.2, 2.6)
        scores = {
            d: round(min(100.0, max(0.0, 100 * maturity + rng.gauss(0, 12))), 2) for d in dimensions
        }
        scores["overall"] = round(sum(scores.values()) / len(dimensions), 2)
        entries.append(
            PeerEntry(
                organization_id=org.pk,
                model_id=MODEL,
                model_version=model.version,
                industry=org.industry,
                region=org.region,
                size=org.size,
                scores=scores,
                source="self",
            )
        )
    PeerEntry.objects.bulk_create(entries, batch_size=5000)
    insert = time.perf_counter() - started

    started = time.perf_counter()
    from django.db import transaction

    with transaction.atomic():
        store.rebuild_counts()
    rebuild = time.perf_counter() - started
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")  # as autovacuum would after a bulk load

    target = entries[len(entries) // 2]

    def timed(call: Any) -> float:
        call()  # warm: connection, caches
        times = []
        for _ in range(REPEATS):
            begin = time.perf_counter()
            call()
            times.append(time.perf_counter() - begin)
        return statistics.median(times) * 1000

    def count() -> int:
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT COUNT(*) FROM {PeerEntry._meta.db_table}")
            return int(cursor.fetchone()[0])

    figures = {
        "baseline": timed(count),
        "view_all": timed(lambda: compare(MODEL, target.scores, Filters())),
        "view_industry": timed(lambda: compare(MODEL, target.scores, Filters(target.industry))),
        "view_cell": timed(
            lambda: compare(
                MODEL, target.scores, Filters(target.industry, target.region, target.size)
            )
        ),
        "rebuild": rebuild * 1000,
        "insert": insert * 1000,
    }
    shown = compare(MODEL, target.scores, Filters())
    assert all(c.shown for c in shown.values()), "the widest group must be shown"
    return figures


def main() -> None:
    if len(sys.argv) >= 3 and sys.argv[1] == "--child":
        print(json.dumps(_measure(int(sys.argv[2]))))
        return
    quick = "--quick" in sys.argv
    report(quick)


def report(quick: bool) -> None:
    print(f"\nLive peer benchmarks in the database ({MODEL}: 3 dimensions and overall)")
    print(f"  {'database, entries':<20} {'what':<46} {'ms':>11} {'× baseline':>11}  goal")
    for label, what, ms, ratio, verdict in run(quick):
        shown = "" if ratio is None else f"{ratio:.1f}"
        print(f"  {label:<20} {what:<46} {ms:>11,.1f} {shown:>11}  {verdict}")


if __name__ == "__main__":
    main()
