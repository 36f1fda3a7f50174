"""What a downloaded report holds: the organization's plan and the live peer comparison.

Reports downloaded from the results page and from a campaign carry the plan (the
approved one, else the latest) with its priorities, KPIs, value, phases and task force,
and the peer percentile and group size the results page shows, read back from the PDF
text and the workbook. A group too small to show is left out, and an anonymous
campaign's report still names no respondent.
"""

from __future__ import annotations

import io
import json
import re
import zipfile
from decimal import Decimal
from typing import Any

import pypdfium2 as pdfium
from django.template.defaultfilters import floatformat
from django.test import Client
from django.utils import timezone
from openpyxl import load_workbook
from webtools import campaign_with, new_assessment, organization_with, sample_answers

from cxmaturity.core.benchmarks import OVERALL, ExchangeRow
from cxmaturity.models import builtin
from cxmaturity.web.assessments import services
from cxmaturity.web.assessments.models import Assessment
from cxmaturity.web.benchmarks import store
from cxmaturity.web.benchmarks.section import peer_section
from cxmaturity.web.campaigns import summary
from cxmaturity.web.plans import services as plan_services
from cxmaturity.web.plans.models import Plan, TaskForceMember

PEER_SCORES = [12.0, 25.0, 33.0, 41.0, 58.0, 63.0, 77.0, 88.0]
SPONSOR = "Robin Sponsor"


def pdf_text(pdf: bytes) -> str:
    """The text of every page, with no whitespace (lines wrap anywhere in a PDF)."""
    assert pdf.startswith(b"%PDF-")
    document = pdfium.PdfDocument(io.BytesIO(pdf))
    try:
        texts = []
        for page in document:
            textpage = page.get_textpage()
            texts.append(textpage.get_text_range())
            textpage.close()
            page.close()
        return squeeze(" ".join(texts))
    finally:
        document.close()


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def peers(model_id: str, scores: list[float], industry: str = "retail") -> None:
    """An imported peer set: each score once for the overall score and every dimension."""
    model = builtin(model_id)
    rows = [
        ExchangeRow(model_id, model.version, dimension, industry, "europe", "250-999", s)
        for dimension in [OVERALL, *(d.id for d in model.dimensions)]
        for s in scores
    ]
    store.replace_dataset("report-peers", rows)


def finished_for(org: Any, model_id: str) -> Assessment:
    assessment = new_assessment(model_id)
    assessment.organization = org
    assessment.save()
    services.store_document(assessment, sample_answers(model_id))
    services.finish(assessment)
    return assessment


def decided_plan(org: Any, approved: bool = True, title: str = "Board plan", **source: Any) -> Any:
    """A plan people decided: the suggested top three, the first one filled in, a sponsor."""
    plan = plan_services.create(org, **source)
    _, core, problem = plan_services.compute(plan)
    assert core is not None, problem
    actions = list(core.priorities[:3])
    assert len(actions) == 3
    plan_services.set_priorities(plan, actions, core)
    first = plan.priorities.get(action=actions[0])
    kpi = core.recommendation(actions[0]).kpis[0]
    first.challenge = "Customers repeat themselves at every hand-off."
    first.success_metrics = [{"kpi": kpi.id, "baseline": 72, "target": 80}]
    first.value_estimate = Decimal("120000")
    first.currency = "EUR"
    first.owner = "Dana Ops"
    first.save()
    TaskForceMember.objects.create(plan=plan, role="executive_sponsor", person=SPONSOR)
    plan.title = title
    if approved:
        plan.approved_at = timezone.now()
        plan.approved_by = org.memberships.first().user
    plan.save()
    return plan, [core.recommendation(a) for a in actions]


def overall_row(result: dict[str, Any], model_id: str) -> dict[str, Any]:
    """The overall row of the results page's peer section (the page's own figures)."""
    section = peer_section(result, builtin(model_id), None)
    row = next(r for r in section["rows"] if r["id"] == OVERALL)
    assert row["shown"], "the test's peer group should be large enough to show"
    return {**row, "group_label": section["group_label"]}


def workbook(body: bytes) -> dict[str, list[dict[str, Any]]]:
    book = load_workbook(io.BytesIO(body))
    out = {}
    for sheet in book.worksheets:
        rows = list(sheet.iter_rows(values_only=True))
        out[sheet.title] = [dict(zip(rows[0], r, strict=True)) for r in rows[1:]]
    return out


def test_a_result_report_holds_the_approved_plan_and_the_peer_position(client: Client) -> None:
    org, owner = organization_with("owner", "owner@report.example")
    peers("cx-automation", PEER_SCORES)
    assessment = finished_for(org, "cx-automation")
    decided_plan(org, approved=False, title="Old draft", assessment=assessment)
    _plan, chosen = decided_plan(org, title="Board plan 2026", assessment=assessment)
    later = Plan.objects.create(  # a draft worked on after the approval: not the one shown
        organization=org, assessment=assessment, model_version=assessment.model_version
    )
    later.title = "Scratch draft"
    later.save()
    row = overall_row(assessment.result or {}, "cx-automation")  # as the results page has it
    assert row["peers"] == len(PEER_SCORES) + 1  # the organization counts too
    percentile, size, group = floatformat(row["percentile"], 0), row["peers"], row["group_label"]

    base = f"/r/{assessment.result_token}/report"
    # Anyone with the result link gets the peer position, but the plan is the members'.
    shared = pdf_text(client.get(base + ".pdf").content)
    assert squeeze(f"Percentile {percentile}") in shared
    assert all(squeeze(rec.label) not in shared for rec in chosen)
    assert SPONSOR.replace(" ", "") not in shared
    assert "owner@report.example" not in shared

    client.force_login(owner)
    full = pdf_text(client.get(base + ".pdf").content)
    for rec in chosen:
        assert squeeze(rec.label) in full
    assert squeeze("Board plan 2026 · Approved on") in full
    assert "Scratchdraft" not in full
    assert "Olddraft" not in full
    assert squeeze("Value: EUR 120,000") in full
    assert squeeze(f"{chosen[0].kpis[0].label} from 72") in full
    assert squeeze("Task force") in full
    assert squeeze(SPONSOR) in full
    assert squeeze("Executive sponsor") in full
    assert "Quickwins:startnow" in full or "Groundworkfirst" in full  # the phases
    assert squeeze(f"Percentile {percentile}") in full
    assert squeeze(f"Peer group {group}, {size} organizations") in full
    assert "owner@report.example" not in full  # who approved stays out of the report

    summary_text = pdf_text(client.get(base + ".pdf?summary=1").content)
    assert squeeze(f"Percentile {percentile}") in summary_text
    assert squeeze(f"among {size} peers ({group})") in summary_text
    assert squeeze("Top priorities (approved plan)") in summary_text
    for rec in chosen:
        assert squeeze(rec.label) in summary_text
    assert squeeze("Value: EUR 120,000") in summary_text

    sheets = workbook(client.get(base + ".xlsx").content)
    assert [p["title"] for p in sheets["plan"]] == [rec.label for rec in chosen]
    assert sheets["plan"][0]["value_amount"] == 120000
    assert sheets["plan"][0]["owner"] == "Dana Ops"
    assert sheets["summary"][0]["peer_group"] == group
    assert sheets["summary"][0]["peer_group_size"] == size
    assert sheets["summary"][0]["plan_status"] == "approved"
    assert floatformat(sheets["summary"][0]["peer_percentile"], 0) == percentile
    assert {k["kpi_id"] for k in sheets["kpis"]} >= {chosen[0].kpis[0].id}
    owner.delete()  # an approver who left: the report still renders
    assert client.get(base + ".pdf?summary=1").status_code == 200


def test_a_campaign_report_holds_its_plan_and_the_peer_position(client: Client) -> None:
    org, facilitator = organization_with("facilitator", "f@report.example")
    peers("cx-curve", PEER_SCORES)
    campaign = campaign_with(org, ["IT", "Sales", "Support"])
    _, chosen = decided_plan(org, approved=False, title="Campaign plan", campaign=campaign)
    result = summary.campaign_aggregate(campaign).result.to_dict()
    row = overall_row(result, "cx-curve")
    client.force_login(facilitator)
    base = f"/o/{org.pk}/campaigns/{campaign.pk}/report"

    full = pdf_text(client.get(base + ".pdf").content)
    for rec in chosen:
        assert squeeze(rec.label) in full
    assert squeeze("Campaign plan · Draft, not approved yet") in full
    assert squeeze(SPONSOR) in full
    assert squeeze(f"Percentile {floatformat(row['percentile'], 0)}") in full
    assert squeeze(f"Peer group {row['group_label']}, {row['peers']} organizations") in full

    summary_text = pdf_text(client.get(base + ".pdf?summary=1").content)
    assert squeeze(f"among {row['peers']} peers") in summary_text
    for rec in chosen:
        assert squeeze(rec.label) in summary_text

    sheets = workbook(client.get(base + ".xlsx").content)
    assert [p["title"] for p in sheets["plan"]] == [rec.label for rec in chosen]
    assert sheets["summary"][0]["peer_group_size"] == row["peers"]
    assert sheets["summary"][0]["respondents"] == 3


def test_a_too_small_peer_group_is_left_out(client: Client, settings: Any) -> None:
    org, _ = organization_with("owner", "o@report.example")
    peers("cx-automation", PEER_SCORES[:3])  # 3 imported + the organization = 4 < 5
    assessment = finished_for(org, "cx-automation")
    base = f"/r/{assessment.result_token}/report"

    full = pdf_text(client.get(base + ".pdf").content)
    assert "Percentile" not in full
    assert "Howyoucomparewithpeers" not in full
    assert squeeze("Peer group Not enough peers to compare yet") in full
    assert not re.search(r"among\d+peers", full)
    summary_text = pdf_text(client.get(base + ".pdf?summary=1").content)
    assert "Percentile" not in summary_text
    assert not re.search(r"among\d+peers", summary_text)
    tables = json.loads(client.get(base + ".json").content)["tables"]
    record = tables["summary"][0]
    assert (record["peer_group_size"], record["peer_percentile"], record["peer_median"]) == (
        None,
        None,
        None,
    )
    assert all(d["peer_percentile"] is None for d in tables["dimensions"])
    assert "plan" not in tables  # no plan made: no plan table, no plan chapter
    assert "Theplan" not in full

    peers("cx-automation", PEER_SCORES)  # 9: shown by default, not when the minimum is 10
    assert (
        json.loads(client.get(base + ".json").content)["tables"]["summary"][0]["peer_group_size"]
        == len(PEER_SCORES) + 1
    )
    settings.CXM_PEER_MIN_GROUP = 10
    record = json.loads(client.get(base + ".json").content)["tables"]["summary"][0]
    assert record["peer_group_size"] is None


def test_an_anonymous_campaign_report_names_no_respondent(client: Client) -> None:
    org, owner = organization_with("owner", "owner@anon.example")
    peers("cx-curve", PEER_SCORES)
    campaign = campaign_with(org, ["IT", "IT", "Sales", "Sales"], anonymous=True)
    _, chosen = decided_plan(org, campaign=campaign)
    client.force_login(owner)
    base = f"/o/{org.pk}/campaigns/{campaign.pk}/report"
    names = [f"Person {n}" for n in range(4)]
    emails = [f"p{n}@example.com" for n in range(4)]

    for query in ("", "?summary=1"):
        text = pdf_text(client.get(base + ".pdf" + query).content)
        assert squeeze(chosen[0].label) in text  # the plan is there
        assert "Percentile" in text  # and the peers
        for identity in [*names, *emails, "owner@anon.example"]:
            assert squeeze(identity) not in text
    full = pdf_text(client.get(base + ".pdf").content)
    assert "everyanswer" not in full

    body = client.get(base + ".xlsx").content
    cells = [
        str(value)
        for sheet in load_workbook(io.BytesIO(body)).worksheets
        for row in sheet.iter_rows(values_only=True)
        for value in row
        if value is not None
    ]
    archive = zipfile.ZipFile(io.BytesIO(client.get(base + ".csv").content))
    csv_text = "".join(archive.read(n).decode("utf-8") for n in archive.namelist())
    exports = "\n".join([*cells, client.get(base + ".json").content.decode(), csv_text])
    assert chosen[0].label in exports
    for identity in [*names, *emails, "owner@anon.example"]:
        assert identity not in exports
    assert not workbook(body)["answers"]
