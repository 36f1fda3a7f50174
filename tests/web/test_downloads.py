"""Reports from the web app and from `cxm report --assessment`: each format holds the result."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from django.db import connection
from django.test import Client
from openpyxl import load_workbook
from webtools import campaign_with, organization_with

from cxmaturity.cli.main import cli
from cxmaturity.web.assessments.models import Assessment


def test_the_result_page_offers_every_download(
    client: Client, finished: dict[str, Assessment]
) -> None:
    assessment = finished["cx-matrix"]
    page = client.get(f"/r/{assessment.result_token}/").content.decode()
    for tail in ("report.pdf", "report.pdf?summary=1", "report.xlsx", "report.csv"):
        assert f"/r/{assessment.result_token}/{tail}" in page


def test_pdf_xlsx_csv_and_json_hold_the_result(
    client: Client, finished: dict[str, Assessment]
) -> None:
    assessment = finished["cx-matrix"]
    result = assessment.result
    assert result is not None
    base = f"/r/{assessment.result_token}/report"
    pdf = client.get(base + ".pdf?summary=1")
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
    book = load_workbook(io.BytesIO(client.get(base + ".xlsx").content))
    rows = list(book["dimensions"].iter_rows(values_only=True))
    assert len(rows) == 1 + len(result["dimensions"])
    archive = zipfile.ZipFile(io.BytesIO(client.get(base + ".csv").content))
    assert any(name.startswith("dimensions") for name in archive.namelist())
    data = json.loads(client.get(base + ".json").content)
    assert data["result"]["overall"] == result["overall"]
    assert client.get(base + ".doc").status_code == 404


def test_a_campaign_report_has_no_individual_answers_when_anonymous(client: Client) -> None:
    org, facilitator = organization_with("facilitator", "f@example.com")
    campaign = campaign_with(org, ["IT", "IT", "Sales", "Sales"], anonymous=True)
    client.force_login(facilitator)
    data = json.loads(client.get(f"/o/{org.pk}/campaigns/{campaign.pk}/report.json").content)
    text = json.dumps(data)
    assert "Person 0" not in text
    assert "p0@example.com" not in text
    assert data["result"]["model"]["id"] == "cx-curve"


@pytest.mark.django_db(transaction=True)
def test_cxm_report_reads_a_stored_assessment(
    tmp_path: Path, finished: dict[str, Assessment]
) -> None:
    if connection.vendor != "sqlite":
        pytest.skip("the CLI opens the database by URL; covered on SQLite")
    assessment = finished["cx-curve"]
    out = tmp_path / "report.xlsx"
    database = f"sqlite:///{connection.settings_dict['NAME']}"
    run = CliRunner().invoke(
        cli, ["report", "--assessment", str(assessment.pk), "--database", database, "-o", str(out)]
    )
    assert run.exit_code == 0, run.output
    assert load_workbook(out)["summary"].max_row == 2
    missing = CliRunner().invoke(
        cli, ["report", "--assessment", "not-a-uuid", "-o", str(tmp_path / "x.pdf")]
    )
    assert missing.exit_code == 1
    assert "is not an assessment id" in missing.stderr
    assert not (tmp_path / "x.pdf").exists()


@pytest.mark.django_db(transaction=True)  # the worker closes its connection when done
def test_a_campaign_report_is_made_in_the_background_with_progress(client: Client) -> None:
    from django.core.management import call_command

    from cxmaturity.web.campaigns.models import ReportJob

    org, facilitator = organization_with("facilitator", "f@example.com")
    campaign = campaign_with(org, ["IT", "Sales"])
    client.force_login(facilitator)
    queued = client.post(f"/o/{org.pk}/campaigns/{campaign.pk}/reports/", {"format": "pdf"})
    job = ReportJob.objects.get()
    assert queued["Location"] == f"/o/{org.pk}/campaigns/{campaign.pk}/reports/{job.pk}/"
    waiting = client.get(queued["Location"]).content.decode()
    assert "Waiting for the background worker" in waiting
    assert 'http-equiv="refresh"' in waiting
    call_command("db_worker", batch=True, no_startup_delay=True, verbosity=0)
    job.refresh_from_db()
    assert (job.status, job.progress) == ("done", 100)
    fragment = client.get(queued["Location"], headers={"HX-Request": "true"}).content.decode()
    assert "hx-trigger" not in fragment  # finished: the page stops polling
    download = client.get(f"/o/{org.pk}/campaigns/{campaign.pk}/reports/{job.pk}/download")
    assert download.content.startswith(b"%PDF")
    assert (
        client.post(f"/o/{org.pk}/campaigns/{campaign.pk}/reports/", {"format": "doc"}).status_code
        == 400
    )
