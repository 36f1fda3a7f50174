"""Finishing and the result: stored with the model version, the same as `cxm score`,
shown with every section its model calls for, and private to its link."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.messages.storage.cookie import CookieStorage
from django.http import HttpResponse
from django.test import Client, RequestFactory
from webtools import MODELS, new_assessment, sample_answers

from cxmaturity.cli.main import cli
from cxmaturity.web.assessments import services
from cxmaturity.web.assessments.models import Assessment
from cxmaturity.web.organizations.models import Organization


@pytest.mark.parametrize("model_id", MODELS)
def test_the_result_matches_cxm_score_on_the_downloaded_answers(
    client: Client, finished: dict[str, Assessment], model_id: str, tmp_path: Path
) -> None:
    assessment = finished[model_id]
    download = client.get(f"/a/{assessment.resume_token}/answers.json")
    answers_file = tmp_path / "answers.json"
    answers_file.write_bytes(download.content)
    run = CliRunner().invoke(
        cli, ["score", "--model", model_id, str(answers_file), "--format", "json", "--explain"]
    )
    assert run.exit_code == 0, run.output
    from_cli = json.loads(run.stdout)
    from_cli = from_cli[0] if isinstance(from_cli, list) else from_cli
    from_web = client.get(f"/r/{assessment.result_token}/result.json").json()
    assert from_web == from_cli
    assert from_web["model"] == {"id": model_id, "version": assessment.model_version.version}


def test_finishing_twice_keeps_one_completion(client: Client) -> None:
    assessment = new_assessment("cx-matrix")
    services.store_document(assessment, sample_answers("cx-matrix"))
    first = client.post(f"/a/{assessment.resume_token}/review/")
    assessment.refresh_from_db()
    completed_at = assessment.completed_at
    second = client.post(f"/a/{assessment.resume_token}/review/")
    assessment.refresh_from_db()
    assert first["Location"] == second["Location"] == f"/r/{assessment.result_token}/"
    assert assessment.completed_at == completed_at


def test_changing_an_answer_after_finishing_updates_the_result(client: Client) -> None:
    assessment = new_assessment("cx-matrix")
    client.post(
        f"/a/{assessment.resume_token}/save/",
        {"question": "strategy_leadership_stage", "a.strategy_leadership_stage": "ad-hoc"},
    )
    services.finish(assessment)
    before = client.get(f"/r/{assessment.result_token}/result.json").json()["overall"]["raw"]
    client.post(
        f"/a/{assessment.resume_token}/save/",
        {"question": "strategy_leadership_stage", "a.strategy_leadership_stage": "embedded"},
    )
    after = client.get(f"/r/{assessment.result_token}/result.json").json()["overall"]["raw"]
    assert (before, after) == (1.0, 4.0)


def test_the_page_shows_a_changed_result_and_organization_at_once(client: Client) -> None:
    """The page's body is cached per result; a new result or name must never show the old."""
    org = Organization.objects.create(name="Before Ltd", industry="retail")
    assessment = new_assessment("cx-matrix")
    Assessment.objects.filter(pk=assessment.pk).update(organization=org)
    question = "strategy_leadership_stage"
    save = f"/a/{assessment.resume_token}/save/"
    client.post(save, {"question": question, f"a.{question}": "ad-hoc"})
    services.finish(assessment)
    page = f"/r/{assessment.result_token}/"
    before = client.get(page).content.decode()
    assert "Before Ltd" in before
    assert '<span class="raw">1 / ' in before

    client.post(save, {"question": question, f"a.{question}": "embedded"})
    org.name = "After Ltd"
    org.save()
    after = client.get(page).content.decode()
    assert "After Ltd" in after
    assert "Before Ltd" not in after
    assert '<span class="raw">4 / ' in after


def test_strongest_and_weakest_are_named_only_when_scores_differ(client: Client) -> None:
    dimensions = ["strategy_leadership", "voice_of_customer", "culture_people"]
    dimensions += ["journey_design", "data_technology"]

    def shown(stages: list[str]) -> str:
        assessment = new_assessment("cx-matrix")
        for dimension, stage in zip(dimensions, stages, strict=True):
            question = f"{dimension}_stage"
            client.post(
                f"/a/{assessment.resume_token}/save/",
                {"question": question, f"a.{question}": stage},
            )
        services.finish(assessment)
        return client.get(f"/r/{assessment.result_token}/").content.decode()

    tied = shown(["embedded"] * 5)
    assert "<h2>Strongest</h2>" not in tied
    assert "<h2>Weakest</h2>" not in tied
    apart = shown(["ad-hoc", "embedded", "embedded", "embedded", "embedded"])
    assert "<h2>Weakest</h2><p><strong>Strategy &amp; leadership</strong>" in apart
    assert "<h2>Strongest</h2>" in apart


def test_the_page_frame_is_the_visitors_own_when_they_have_one(
    client: Client, finished: dict[str, Assessment]
) -> None:
    """A visitor with no session and no messages gets the whole page from the cache; one
    signed in, or with a message waiting, gets their own frame around the same body."""
    page = f"/r/{finished['cx-matrix'].result_token}/"
    anonymous = client.get(page).content.decode()
    assert client.get(page).content.decode() == anonymous
    assert "Log in" in anonymous
    assert "X-CSRFToken" not in anonymous  # nothing to post on this page
    body = anonymous[anonymous.index('<main id="main"') :]

    visitor = get_user_model().objects.create_user("reader", "reader@example.com", "pw-12345678")
    signed_in = Client()
    signed_in.force_login(visitor)
    theirs = signed_in.get(page).content.decode()
    assert "reader@example.com" in theirs
    assert "Log out" in theirs
    assert "X-CSRFToken" in theirs
    assert theirs[theirs.index('<main id="main"') :] == body

    request = RequestFactory().get(page)
    storage = CookieStorage(request)
    storage.add(messages.INFO, "A message waiting for this visitor")
    carrier = HttpResponse()
    storage.update(carrier)
    with_message = Client()
    with_message.cookies[CookieStorage.cookie_name] = carrier.cookies[
        CookieStorage.cookie_name
    ].value
    shown = with_message.get(page).content.decode()
    assert "A message waiting for this visitor" in shown
    assert "A message waiting" not in client.get(page).content.decode()


def test_review_lists_what_is_still_unanswered(client: Client) -> None:
    assessment = new_assessment("cx-matrix")
    client.post(
        f"/a/{assessment.resume_token}/save/",
        {"question": "strategy_leadership_stage", "a.strategy_leadership_stage": "ad-hoc"},
    )
    html = client.get(f"/a/{assessment.resume_token}/review/").content.decode()
    assert "4 questions still open" in html


# The first section of each is shown for that model only.
SECTIONS = {
    "cx-automation": ["Headroom: what your systems already allow", "Industry benchmark"],
    "cx-curve": ["Operational and strategic maturity"],
    "cx-journey-stages": ["Maturity by journey stage", "The weakest stage is"],
    "cx-matrix": ["Scorecard", "/ 20"],
}


@pytest.mark.parametrize("model_id", MODELS)
def test_the_result_page_shows_what_its_model_calls_for(
    client: Client, finished: dict[str, Assessment], model_id: str
) -> None:
    assessment = finished[model_id]
    result = assessment.result
    assert result is not None
    html = client.get(f"/r/{assessment.result_token}/").content.decode()
    for section in SECTIONS[model_id]:
        assert section in html
    for other, sections in SECTIONS.items():
        if other != model_id:
            assert sections[0] not in html
    if result["overall"]["level"]:
        assert result["overall"]["level"]["label"] in html
    for dimension in result["dimensions"]:
        assert f'id="dim-{dimension["id"]}"' in html
        assert f'id="explain-{dimension["id"]}"' in html
    assert 'class="chart"' in html
    assert "spec-radar" in html


@pytest.mark.parametrize("model_id", MODELS)
def test_every_chart_of_a_result_renders_as_svg(
    client: Client, finished: dict[str, Assessment], model_id: str
) -> None:
    assessment = finished[model_id]
    html = client.get(f"/r/{assessment.result_token}/").content.decode()
    charts = [
        part.split(".svg")[0] for part in html.split(f"/r/{assessment.result_token}/charts/")[1:]
    ]
    assert "radar" in charts
    for chart in charts:
        response = client.get(f"/r/{assessment.result_token}/charts/{chart}.svg")
        assert response.status_code == 200
        assert response["Content-Type"] == "image/svg+xml"
        assert response.content.lstrip().startswith(b"<svg")


def test_results_stay_behind_their_own_link(
    client: Client, finished: dict[str, Assessment]
) -> None:
    assessment = finished["cx-curve"]
    assert client.get(f"/r/{assessment.resume_token}/").status_code == 404
    assert client.get(f"/r/{assessment.result_token[:-1]}/").status_code == 404
    assert client.get(f"/r/{assessment.result_token}/charts/nothing.svg").status_code == 404
    assert client.get(f"/r/{assessment.resume_token}/peers/").status_code == 404
    unfinished = new_assessment("cx-curve")
    assert client.get(f"/r/{unfinished.result_token}/").status_code == 404
    assert client.get(f"/r/{unfinished.result_token}/peers/").status_code == 404
    assert client.get(f"/r/{unfinished.result_token}/result.json").status_code == 404


def test_tokens_are_long_and_unrelated(finished: dict[str, Assessment]) -> None:
    tokens = [t for a in finished.values() for t in (a.resume_token, a.result_token)]
    assert len(set(tokens)) == len(tokens)
    assert all(len(t) >= 43 for t in tokens)
