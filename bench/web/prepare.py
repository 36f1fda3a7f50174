"""Fill a fresh database for the web benchmark, in its own process, and print what wrk needs.

Run by bench/web/__init__.py once per database, as
`python -m bench.web.prepare IN_PROGRESS ORGANIZATIONS RESPONDENTS` with DJANGO_SETTINGS_MODULE,
CXM_DATA_DIR and DATABASE_URL set. A separate process because Django is set up once per
process and the benchmark visits two databases; and because what a server starts from
must be committed before its workers fork.

It prints one JSON object: the resume tokens of in-progress assessments (for saving
answers), those of one open campaign's respondents (for many saving at once), the
result tokens of finished ones (for the results page), and the form bodies a
respondent's page posts when one answer changes.
"""

from __future__ import annotations

import json
import random
import sys
from typing import Any
from urllib.parse import urlencode

from cxmaturity.web import setup

SAVE_MODEL = "cx-curve"  # its questions are the simple kinds a page saves one at a time


def _create_bench_table() -> None:
    """The baseline insert's table, outside the product's migrations."""
    from django.db import connection

    from .urls import BENCH_TABLE

    key = (
        "BIGSERIAL PRIMARY KEY"
        if connection.vendor == "postgresql"
        else ("INTEGER PRIMARY KEY AUTOINCREMENT")
    )
    with connection.cursor() as cursor:
        cursor.execute(
            f"CREATE TABLE IF NOT EXISTS {BENCH_TABLE} "
            f"(id {key}, at TIMESTAMP NOT NULL, note VARCHAR(64) NOT NULL)"
        )


def _save_bodies(model: Any) -> list[str]:
    """One urlencoded body per (question, answer) of the model's single-answer questions."""
    from cxmaturity.core.model import SingleChoice, YesNo

    bodies = []
    for dimension in model.dimensions:
        for question in dimension.questions:
            if isinstance(question, YesNo):
                values = ["yes", "no"]
            elif isinstance(question, SingleChoice):
                values = [o.id for o in question.options]
            else:
                continue
            bodies += [urlencode({"question": question.id, f"a.{question.id}": v}) for v in values]
    return bodies


def _in_progress(count: int) -> list[str]:
    """`count` assessments of SAVE_MODEL, each with about half its questions answered."""
    from cxmaturity.core.scoring import sample_respondents
    from cxmaturity.web.assessments import registry, services
    from cxmaturity.web.assessments.models import Assessment

    version = next(v for v in registry.current_versions() if v.model_id == SAVE_MODEL)
    model = registry.model_for(version)
    rng = random.Random(7)
    tokens = []
    for document in sample_respondents(model, count, seed=7, industry="retail"):
        answers = document["answers"]
        kept = {k: answers[k] for k in sorted(answers) if rng.random() < 0.5}
        assessment = Assessment.objects.create(
            model_version=version, industry="retail", region="europe", size="250-999"
        )
        services.store_document(assessment, kept)
        tokens.append(assessment.resume_token)
    return tokens


def _campaign_respondents(count: int) -> list[str]:
    """The resume tokens of `count` respondents of one open SAVE_MODEL campaign."""
    from cxmaturity.web.assessments import registry
    from cxmaturity.web.campaigns.models import Campaign
    from cxmaturity.web.campaigns.roster import RosterRow
    from cxmaturity.web.campaigns.services import add_respondents
    from cxmaturity.web.organizations.models import Organization

    org = Organization.objects.create(
        name="Bench Campaign Ltd", industry="retail", region="europe", size="250-999"
    )
    version = next(v for v in registry.current_versions() if v.model_id == SAVE_MODEL)
    campaign = Campaign.objects.create(
        organization=org,
        name="Everyone at once",
        model_version=version,
        industry=org.industry,
        region=org.region,
        size=org.size,
    )
    departments = ("Marketing", "Sales", "Support", "IT", "Finance")
    rows = [
        RosterRow(n + 1, f"Respondent {n}", f"r{n}@bench.example", departments[n % 5], "")
        for n in range(count)
    ]
    return [r.assessment.resume_token for r in add_respondents(campaign, rows)]


def main() -> None:
    in_progress, organizations, respondents = (int(a) for a in sys.argv[1:4])
    setup.configure(None)
    where = setup.prepare()

    from cxmaturity.web.assessments import demo, registry
    from cxmaturity.web.assessments.models import Assessment

    _create_bench_table()
    demo.create_demo(organizations=organizations, seed=2026)
    resume = _in_progress(in_progress)
    campaign = _campaign_respondents(respondents)
    finished = list(
        Assessment.objects.filter(status=Assessment.Status.COMPLETED)
        .order_by("result_token")
        .values_list("result_token", flat=True)
    )
    version = next(v for v in registry.current_versions() if v.model_id == SAVE_MODEL)
    print(
        json.dumps(
            {
                "database": where,
                "resume_tokens": resume,
                "respondent_tokens": campaign,
                "result_tokens": finished,
                "save_bodies": _save_bodies(registry.model_for(version)),
            }
        )
    )


if __name__ == "__main__":
    main()
