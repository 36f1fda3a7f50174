"""Live peer benchmarks: what counts, what is shown, and that figures equal the core's."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from django.test import Client
from webtools import campaign_with, new_assessment, organization_with, sample_answers

from cxmaturity.cli import benchmark_cmd
from cxmaturity.cli.main import cli
from cxmaturity.core.benchmarks import (
    OVERALL,
    ExchangeRow,
    GroupKey,
    PeerIndex,
    ScoreDistribution,
    peer_position,
    summarize,
)
from cxmaturity.core.benchmarks import PeerEntry as CoreEntry
from cxmaturity.web.assessments import services
from cxmaturity.web.benchmarks import store
from cxmaturity.web.benchmarks.models import PeerEntry, PeerGroup, PeerScore
from cxmaturity.web.benchmarks.peers import Filters, compare
from cxmaturity.web.campaigns.services import set_status
from cxmaturity.web.organizations.models import Organization

MODEL = "cx-automation"
DIMENSION = "journey"
HAND_MADE = [10.0, 20.0, 20.0, 35.5, 50.0, 50.0, 50.0, 70.25, 90.0, 100.0, 0.0, 99.99]


def rows(scores: list[float], **attributes: str | None) -> list[ExchangeRow]:
    values = {"industry": "retail", "region": "europe", "size": "250-999", **attributes}
    return [
        ExchangeRow(
            MODEL, "1.0.0", DIMENSION, values["industry"], values["region"], values["size"], s
        )
        for s in scores
    ]


def finish_for(org: Organization, model_id: str = MODEL, seed: int = 3) -> Any:
    assessment = new_assessment(model_id, industry=org.industry)
    assessment.organization = org
    assessment.save()
    services.store_document(assessment, sample_answers(model_id, industry=org.industry, seed=seed))
    services.finish(assessment)
    return assessment


def no_setup(monkeypatch: pytest.MonkeyPatch) -> None:
    """The test database is ready: the CLI's set-up (migrate, close connections) is skipped."""
    monkeypatch.setattr(benchmark_cmd, "start_django", lambda _database: "the test database")


def groups_snapshot() -> dict[tuple[str, ...], tuple[int, list[int]]]:
    return {
        (g.model_id, g.dimension, g.industry, g.region, g.size): (g.members, list(g.slots))
        for g in PeerGroup.objects.all()
    }


@pytest.mark.parametrize("score", [50.0, 0.0, 100.0, 20.0, 42.42, 99.99])
def test_figures_equal_the_core_on_hand_made_peers(score: float) -> None:
    store.replace_dataset("hand", rows(HAND_MADE))
    found = compare(MODEL, {DIMENSION: score}, Filters())[DIMENSION]
    distribution = ScoreDistribution(HAND_MADE)
    assert found.shown
    assert found.position == peer_position(distribution, score)
    assert found.summary == summarize(distribution)


def test_filters_pick_the_same_members_as_the_core_index() -> None:
    data = (
        rows([10, 30, 50, 70, 90, 55])
        + rows([20, 40, 60, 80, 45], region="asia")
        + rows([15, 25, 35, 65, 85, 95], industry="finance")
    )
    store.replace_dataset("mixed", data)
    index = PeerIndex.build(
        CoreEntry(n, r.model_id, r.industry, r.region, r.size, {r.dimension: r.score})
        for n, r in enumerate(data)
    )
    for filters in (Filters(), Filters("retail"), Filters(None, "asia"), Filters("finance")):
        key = GroupKey(MODEL, DIMENSION, filters.industry, filters.region, filters.size)
        found = compare(MODEL, {DIMENSION: 47.5}, filters)[DIMENSION]
        assert found.shown, filters
        assert found.position == peer_position(index.distribution(key), 47.5)


def test_groups_below_the_minimum_or_derivable_by_subtraction_are_not_shown() -> None:
    store.replace_dataset("small", rows([10, 20, 30, 40, 50, 60]) + rows([70], region="asia"))
    found = compare(MODEL, {DIMENSION: 35}, Filters("retail", "europe"))[DIMENSION]
    assert not found.shown  # retail (7) minus retail+europe (6) leaves 1
    assert found.position is None
    assert compare(MODEL, {DIMENSION: 35}, Filters("retail"))[DIMENSION].shown
    assert not compare(MODEL, {DIMENSION: 35}, Filters(None, "asia"))[DIMENSION].shown


def test_the_minimum_group_size_is_a_setting(settings: Any) -> None:
    store.replace_dataset("four", rows([10, 20, 30, 40]))
    assert not compare(MODEL, {DIMENSION: 35}, Filters())[DIMENSION].shown
    settings.CXM_PEER_MIN_GROUP = 3
    assert compare(MODEL, {DIMENSION: 35}, Filters())[DIMENSION].shown


def test_the_result_page_shows_the_percentile_and_hides_small_groups(client: Client) -> None:
    org, _ = organization_with("owner", "o@a.example")
    peers = [12.0, 25.0, 33.0, 41.0, 58.0, 63.0, 77.0, 88.0]
    store.replace_dataset("page", rows(peers) + rows([5.0], region="asia"))
    assessment = finish_for(org)
    journey = next(d["score"] for d in assessment.result["dimensions"] if d["id"] == DIMENSION)
    entry_scores = [*peers, 5.0, journey]  # the organization's own entry is a retail peer too
    expected = peer_position(ScoreDistribution(entry_scores), journey)

    # The page itself leaves the section to its script, with a link for visitors without one.
    token = assessment.result_token
    first = client.get(f"/r/{token}/").content.decode()
    assert f'hx-get="/r/{token}/peers/"' in first
    assert 'href="?peers=industry#peers"' in first
    assert "peer-table" not in first

    page = client.get(f"/r/{token}/peers/").content.decode()
    assert page.startswith('<section class="panel peers" id="peers"')
    assert page in client.get(f"/r/{token}/?peers=industry").content.decode()  # no JavaScript
    shown = re.search(rf'data-testid="percentile-{DIMENSION}">(\d+)<', page)
    assert shown is not None
    assert int(shown.group(1)) == round(expected.percentile)
    assert re.search(rf'data-testid="peers-{DIMENSION}">10<', page)
    assert (
        "Not enough peers to compare"
        not in page.split(f"peer-row-{DIMENSION}")[1].split("</tr>")[0]
    )

    narrow = client.get(f"/r/{assessment.result_token}/?peers=industry%2Bregion").content.decode()
    row = narrow.split(f'data-testid="peer-row-{DIMENSION}"')[1].split("</tr>")[0]
    assert "Not enough peers to compare" in row  # 10 retailers, 9 in Europe: 1 by subtraction
    assert f'data-testid="peers-{DIMENSION}"' not in row
    assert ">9<" not in row
    assert 'value="industry+region" selected' in narrow


def test_latest_self_assessment_counts_once_per_organization_and_model() -> None:
    org, _ = organization_with("owner", "o@a.example")
    finish_for(org, seed=1)
    latest = finish_for(org, seed=2)
    finish_for(org, "cx-curve")
    entries = PeerEntry.objects.filter(organization=org)
    assert sorted(entries.values_list("model_id", flat=True)) == ["cx-automation", "cx-curve"]
    entry = entries.get(model_id=MODEL)
    assert entry.source == "self"
    assert entry.scores == store.scores_of(latest.result)
    assert (
        PeerGroup.objects.get(
            model_id=MODEL, dimension=OVERALL, industry="", region="", size=""
        ).members
        == 1
    )


@pytest.mark.usefixtures("finished")
def test_assessments_without_an_organization_never_count() -> None:
    assert not PeerEntry.objects.exists()
    assert not PeerGroup.objects.exists()


def test_a_closed_campaign_counts_by_its_final_result() -> None:
    org, _ = organization_with("owner", "o@a.example")
    campaign = campaign_with(org, ["IT", "Sales", "Support"])
    assert not PeerEntry.objects.exists()  # respondents' own answers never count
    set_status(campaign, "closed")
    entry = PeerEntry.objects.get(organization=org)
    assert (entry.source, entry.model_id) == ("campaign", "cx-curve")
    set_status(campaign, "open")
    assert not PeerEntry.objects.exists()


def test_opting_out_removes_the_organization_from_every_figure(
    client: Client, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    no_setup(monkeypatch)
    store.replace_dataset("others", rows([20, 30, 40, 50, 60, 70]))
    org, owner = organization_with("owner", "o@a.example", name="Optout Ltd")
    assessment = finish_for(org)
    with_org = groups_snapshot()
    assert PeerEntry.objects.filter(organization=org).exists()
    before = client.get(f"/r/{assessment.result_token}/peers/").content.decode()
    assert re.search(rf'data-testid="peers-{DIMENSION}">7<', before)

    form = {"name": org.name, "industry": "retail", "region": "europe", "size": "250-999"}
    client.force_login(owner)
    response = client.post(f"/o/{org.pk}/settings/", {**form, "brand_color": "#0b5cad"})
    assert response.status_code in (200, 302)
    org.refresh_from_db()
    assert not org.peer_opt_in
    assert not PeerEntry.objects.filter(organization=org).exists()
    assert not PeerScore.objects.filter(entry__organization=org).exists()
    without = groups_snapshot()
    assert without[(MODEL, DIMENSION, "", "", "")][0] == 6
    assert (MODEL, OVERALL, "", "", "") not in without  # only the organization had an overall score

    page = client.get(f"/r/{assessment.result_token}/peers/").content.decode()
    assert re.search(rf'data-testid="peers-{DIMENSION}">6<', page)  # the cached 7 is gone
    org_page = client.get(f"/o/{org.pk}/benchmarks/").content.decode()
    assert "does not share its results" in org_page

    out = tmp_path / "export.csv"
    run = CliRunner().invoke(cli, ["benchmark", "export", str(out)])
    assert run.exit_code == 0, run.output
    assert len(out.read_text().splitlines()) == 1  # header only: imported sets are not passed on

    # A recompute agrees with the incremental updates, and opting back in restores the entry.
    store.recompute()
    assert groups_snapshot() == without
    response = client.post(
        f"/o/{org.pk}/settings/", {**form, "brand_color": "#0b5cad", "peer_opt_in": "on"}
    )
    assert groups_snapshot() == with_org


def test_recompute_rebuilds_exactly_what_incremental_updates_keep() -> None:
    first, _ = organization_with("owner", "a@a.example", name="A")
    second, _ = organization_with("owner", "b@a.example", name="B")
    finish_for(first, seed=1)
    finish_for(first, seed=4)
    finish_for(second, seed=2)
    finish_for(second, "cx-matrix")
    second.delete()
    incremental = groups_snapshot()
    run_entries = store.recompute()
    assert run_entries == 1
    assert groups_snapshot() == incremental


def test_export_and_import_round_trip_through_the_cli(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    no_setup(monkeypatch)
    for n in range(6):
        org, _ = organization_with("owner", f"o{n}@a.example", name=f"Org {n}")
        finish_for(org, seed=10 + n)
    out = tmp_path / "set.csv"
    run = CliRunner().invoke(cli, ["benchmark", "export", str(out)])
    assert run.exit_code == 0, run.output
    lines = out.read_text().splitlines()
    assert lines[0] == "model,model_version,dimension,industry,region,size,score"
    assert not any("Org " in line for line in lines)
    exported = sorted(line.rsplit(",", 1)[1] for line in lines[1:])
    assert len(exported) == 6 * len(PeerEntry.objects.first().scores)  # type: ignore[union-attr]

    Organization.objects.all().delete()
    assert not PeerGroup.objects.exists()
    run = CliRunner().invoke(cli, ["benchmark", "import", str(out), "--dataset", "round-trip"])
    assert run.exit_code == 0, run.output
    imported = PeerEntry.objects.filter(source="import:round-trip")
    assert imported.count() == len(lines) - 1
    assert sorted(repr(float(s)) for e in imported for s in e.scores.values()) == exported
    assert (
        PeerGroup.objects.get(
            model_id=MODEL, dimension=OVERALL, industry="", region="", size=""
        ).members
        == 6
    )


def test_a_bad_file_imports_nothing_and_names_rows_and_columns(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    no_setup(monkeypatch)
    store.replace_dataset("kept", rows([10, 20, 30, 40, 50]))
    before = groups_snapshot()
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "model,model_version,dimension,industry,region,size,score\n"
        "cx-automation,1.0.0,journey,retail,europe,250-999,41.5\n"
        "cx-automation,1.0.0,journey,retail,europe,250-999,140\n"
        "cx-automation,1.0.0,nosuch,retail,,,20\n",
        encoding="utf-8",
    )
    run = CliRunner().invoke(cli, ["benchmark", "import", str(bad), "--dataset", "kept"])
    assert run.exit_code == 1
    assert "row 3, column score" in run.output
    assert "row 4, column dimension" in run.output
    assert "nothing was changed" in run.output
    assert PeerEntry.objects.filter(source="import:kept").count() == 5
    assert groups_snapshot() == before


def test_the_organization_page_compares_the_latest_results(client: Client) -> None:
    org, viewer = organization_with("viewer", "v@a.example", name="Viewco")
    store.replace_dataset("others", rows([20, 30, 40, 50, 60, 70]))
    finish_for(org)
    client.force_login(viewer)
    page = client.get(f"/o/{org.pk}/benchmarks/?peers=all").content.decode()
    assert "How you compare with peers" in page
    assert re.search(rf'data-testid="peers-{DIMENSION}">7<', page)
    assert 'value="all" selected' in page


def test_another_organizations_benchmark_page_is_not_found(client: Client) -> None:
    org, _ = organization_with("owner", "o@a.example", name="Hidden Peer Co")
    finish_for(org)
    _, outsider = organization_with("owner", "x@b.example", name="Other")
    client.force_login(outsider)
    for method in (client.get, client.post):
        response = method(f"/o/{org.pk}/benchmarks/")
        assert response.status_code == 404
        assert "Hidden Peer Co" not in response.content.decode()
