"""The campaign results page at 500 respondents, as the server computes it.

Issue 4's goal: the results page of a campaign with 500 finished respondents in under
200 ms. This measures the whole page in-process through Django's test client (one query
for every answer, aggregation, the consensus result with its explanation, the charts'
specs, the template), against two baselines from the same process and database: the
health check (a request that touches the database and renders nothing) and `aggregate()`
alone on the same answers (the pure computation the page cannot avoid).

It runs on a fresh SQLite file, then, in a child process, on a fresh PostgreSQL database
(skipped with one line when none answers). Wall and CPU time are the best of several
runs; the verdict is on wall time, which is what a visitor waits for.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable

RESPONDENTS = 500
GOAL_MS = 200.0
REPEATS = 7
DEPARTMENTS = ("Marketing", "Sales", "Support", "IT", "Finance")
POSTGRES = os.environ.get("CXM_BENCH_POSTGRES_ADMIN", "postgres://postgres@127.0.0.1:5432/postgres")

Row = tuple[str, float, float, float, str]


def best(works: list[Callable[[], object]]) -> list[tuple[float, float]]:
    wall = [float("inf")] * len(works)
    cpu = [float("inf")] * len(works)
    for _ in range(REPEATS):
        for n, work in enumerate(works):
            start, start_cpu = time.perf_counter(), time.process_time()
            work()
            wall[n] = min(wall[n], (time.perf_counter() - start) * 1000)
            cpu[n] = min(cpu[n], (time.process_time() - start_cpu) * 1000)
    return list(zip(wall, cpu, strict=True))


def measure(count: int) -> list[Row]:
    """Set up Django on the configured database, fill a campaign, time its results page."""
    from cxmaturity.web import setup

    setup.configure(None)
    setup.prepare()
    from django.contrib.auth import get_user_model
    from django.core.cache import cache
    from django.db import transaction
    from django.test import Client

    from cxmaturity.core.scoring import sample_respondents
    from cxmaturity.web.assessments import registry, services
    from cxmaturity.web.assessments.models import ModelVersion
    from cxmaturity.web.campaigns import summary
    from cxmaturity.web.campaigns.models import Campaign
    from cxmaturity.web.campaigns.roster import RosterRow
    from cxmaturity.web.campaigns.services import add_respondents
    from cxmaturity.web.organizations.models import Membership, Organization

    version = ModelVersion.objects.filter(model_id="cx-automation").latest("loaded_at")
    model = registry.model_for(version)
    with transaction.atomic():
        org = Organization.objects.create(name="Bench", industry="retail")
        user = get_user_model().objects.create_user(
            username="bench@example.com", email="bench@example.com"
        )
        Membership.objects.create(user=user, organization=org, role="owner")
        campaign = Campaign.objects.create(
            organization=org, name="Bench", model_version=version, industry="retail"
        )
        rows = [
            RosterRow(0, f"R{n}", f"r{n}@example.com", DEPARTMENTS[n % len(DEPARTMENTS)], "")
            for n in range(count)
        ]
        documents = sample_respondents(model, count, seed=11, industry="retail")
        for respondent, document in zip(add_respondents(campaign, rows), documents, strict=True):
            services.store_document(respondent.assessment, document["answers"])
            services.finish(respondent.assessment)
    client = Client(SERVER_NAME="localhost")  # an allowed host, as a browser would send
    client.force_login(user)
    url = f"/o/{org.pk}/campaigns/{campaign.pk}/results/"
    assert client.get(url).status_code == 200  # warm: plans compiled, templates loaded

    def page() -> object:
        response = client.get(url)
        assert response.status_code == 200
        return response

    def health() -> object:
        return client.get("/healthz")

    def pure() -> object:
        return summary._compute(campaign)  # what a change of answers makes the page redo

    def cold() -> object:
        cache.clear()  # as after a new answer: the figures are computed again
        return page()

    timings = best([health, pure, cold, page])
    (h_wall, h_cpu), (a_wall, a_cpu), (c_wall, c_cpu), (p_wall, p_cpu) = timings
    return [
        ("baseline: GET /healthz", h_wall, h_cpu, 1.0, ""),
        (f"answers read + aggregate(), {count} respondents", a_wall, a_cpu, a_wall / h_wall, ""),
        (
            f"results page after a change, {count} respondents",
            c_wall,
            c_cpu,
            c_wall / h_wall,
            "pass" if c_wall < GOAL_MS else "FAIL",
        ),
        (
            f"results page again (cached figures), {count} respondents",
            p_wall,
            p_cpu,
            p_wall / h_wall,
            "pass" if p_wall < GOAL_MS else "FAIL",
        ),
    ]


def run(count: int = RESPONDENTS) -> dict[str, list[Row] | str]:
    """Figures per database: {"SQLite": rows, "PostgreSQL": rows or the reason it was skipped}."""
    out: dict[str, list[Row] | str] = {}
    for name, url in (("SQLite", None), ("PostgreSQL", "postgres")):
        out[name] = _child(count, url)
    return out


def _child(count: int, database: str | None) -> list[Row] | str:
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    with tempfile.TemporaryDirectory() as folder:
        env["CXM_DATA_DIR"] = folder
        dbname = None
        if database:
            try:
                import psycopg

                dbname = f"cxm_bench_campaign_{uuid.uuid4().hex[:8]}"
                with psycopg.connect(POSTGRES, autocommit=True, connect_timeout=3) as admin:
                    admin.execute(f'CREATE DATABASE "{dbname}"')
            except Exception as exc:  # any reason PostgreSQL cannot be used: say it and go on
                return f"skipped: PostgreSQL not reachable ({str(exc).splitlines()[0]})"
            env["DATABASE_URL"] = POSTGRES.rsplit("/", 1)[0] + f"/{dbname}"
        try:
            done = subprocess.run(
                [sys.executable, "-m", "bench.campaign_page", str(count)],
                env=env,
                capture_output=True,
                text=True,
                check=False,
            )
        finally:
            if dbname:
                import psycopg

                with psycopg.connect(POSTGRES, autocommit=True) as admin:
                    admin.execute(f'DROP DATABASE IF EXISTS "{dbname}" WITH (FORCE)')
        if done.returncode != 0:
            return f"failed: {done.stderr.strip().splitlines()[-1] if done.stderr.strip() else done.returncode}"
        rows: list[Row] = []
        for line in done.stdout.splitlines():
            name, wall, cpu, ratio, verdict = line.split("\t")
            rows.append((name, float(wall), float(cpu), float(ratio), verdict))
        return rows


if __name__ == "__main__":
    for row in measure(int(sys.argv[1]) if len(sys.argv) > 1 else RESPONDENTS):
        print("\t".join(str(part) for part in row))
