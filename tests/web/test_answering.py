"""Answering: autosave of one answer, page posts, resume, and tampered posts refused."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from webtools import MODELS, new_assessment

from cxmaturity.models import builtin
from cxmaturity.web.assessments.models import Answer, Assessment
from cxmaturity.web.assessments.questionnaire import pages


def save(client: Client, assessment: Assessment, data: dict[str, Any], htmx: bool = False) -> Any:
    headers = {"HX-Request": "true"} if htmx else {}
    return client.post(f"/a/{assessment.resume_token}/save/", data, headers=headers)


def answers(assessment: Assessment) -> dict[tuple[str, str], Any]:
    return {(a.question, a.item): (a.value, a.note) for a in assessment.answers.all()}


@pytest.mark.parametrize("model_id", MODELS)
def test_every_page_shows_its_questions(client: Client, model_id: str) -> None:
    assessment = new_assessment(model_id)
    model = builtin(model_id)
    for page in pages(model):
        html = client.get(f"/a/{assessment.resume_token}/p/{page.number}/").content.decode()
        for question in page.questions:
            assert f'id="q-{question.id}"' in html
        assert f"Page {page.number} of {len(pages(model))}" in html


def test_saving_one_answer_stores_it_and_a_retry_changes_nothing(client: Client) -> None:
    assessment = new_assessment("cx-curve")
    data = {
        "question": "proc_repeat_issues",
        "a.proc_repeat_issues": "documented-fix",
        "n.proc_repeat_issues": "per CRM report",
    }
    first = save(client, assessment, data)
    again = save(client, assessment, data)
    assert first.status_code == again.status_code == 200
    assert first.json() == {
        "saved": True,
        "question": "proc_repeat_issues",
        "value": "documented-fix",
    }
    assert answers(assessment) == {("proc_repeat_issues", ""): ("documented-fix", "per CRM report")}
    assert Answer.objects.count() == 1


def test_htmx_save_returns_a_status_fragment(client: Client) -> None:
    assessment = new_assessment("cx-curve")
    response = save(client, assessment, {"question": "proc_sops", "a.proc_sops": "yes"}, htmx=True)
    assert response.status_code == 200
    assert "Saved" in response.content.decode()
    assert answers(assessment) == {("proc_sops", ""): (True, "")}


@pytest.mark.parametrize(
    ("data", "stored"),
    [
        ({"a.sp_channel_mix": ["sms", "email"]}, ["email", "sms"]),
        ({"a.sp_channel_mix": "none"}, []),
        ({"a.sp_channel_mix": "dont_know"}, "dont_know"),
    ],
)
def test_multi_choice_answers(client: Client, data: dict[str, Any], stored: Any) -> None:
    assessment = new_assessment("cx-automation")
    response = save(client, assessment, {"question": "sp_channel_mix", **data})
    assert response.status_code == 200, response.content
    assert answers(assessment)[("sp_channel_mix", "")][0] == stored


def test_an_answer_checked_against_facts_that_changed_is_refused_once(client: Client) -> None:
    """Saves remember an assessment's model version and industry; if an operator changes
    them, the next save is checked against what they were and must not be written."""
    assessment = new_assessment("cx-automation")
    row = {
        "question": "use_cases",
        "item": "fin_balance_alerts",
        "a.use_cases.fin_balance_alerts.status": "full",
    }
    Assessment.objects.filter(pk=assessment.pk).update(industry="finance")
    assert save(client, assessment, row).status_code == 200  # remembered: finance
    Assessment.objects.filter(pk=assessment.pk).update(industry="retail")
    refused = save(client, assessment, {**row, "a.use_cases.fin_balance_alerts.status": "none"})
    assert refused.status_code == 400
    assert "the questionnaire has changed" in refused.json()["error"]
    assert answers(assessment)[("use_cases", "fin_balance_alerts")][0]["status"] == "full"
    # The next save is checked against retail, whose catalog has no such use case.
    assert save(client, assessment, row).status_code == 400


def test_clearing_an_answer_removes_it(client: Client) -> None:
    assessment = new_assessment("cx-curve")
    save(
        client,
        assessment,
        {"question": "sla_first_response_email", "a.sla_first_response_email": "4.5"},
    )
    assert answers(assessment) == {("sla_first_response_email", ""): (4.5, "")}
    save(
        client,
        assessment,
        {"question": "sla_first_response_email", "a.sla_first_response_email": ""},
    )
    assert answers(assessment) == {}


def test_a_matrix_row_saves_its_facets_and_drops_those_that_do_not_apply(client: Client) -> None:
    assessment = new_assessment("cx-automation")
    item = "ret_order_confirmation"
    prefix = f"a.use_cases.{item}."
    save(
        client,
        assessment,
        {
            "question": "use_cases",
            "item": item,
            prefix + "status": "full",
            prefix + "technology": "hybrid_ai",
            prefix + "channels": ["sms", "email"],
        },
    )
    assert answers(assessment)[("use_cases", item)][0] == {
        "status": "full",
        "technology": "hybrid_ai",
        "channels": ["email", "sms"],
    }
    # Without JavaScript the technology select stays filled when status goes to none.
    save(
        client,
        assessment,
        {
            "question": "use_cases",
            "item": item,
            prefix + "status": "none",
            prefix + "technology": "hybrid_ai",
        },
    )
    assert answers(assessment)[("use_cases", item)][0] == {"status": "none"}


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"question": "nope", "a.nope": "x"}, "unknown question 'nope'"),
        ({"question": "proc_sops", "a.proc_sops": "maybe"}, "expected yes or no"),
        ({"question": "proc_repeat_issues", "a.proc_repeat_issues": "sometimes"}, "unknown option"),
        (
            {"question": "proc_sops", "a.proc_sops": "yes", "a.proc_workarounds": "x"},
            "does not belong",
        ),
        ({"question": "proc_sops", "item": "x", "a.proc_sops": "yes"}, "has no items"),
        ({"question": "proc_sops", "a.proc_sops": ["yes", "no"]}, "several"),
        ({"question": "cap_workload", "a.cap_workload": "11"}, "whole number"),
    ],
)
def test_tampered_saves_are_refused_and_change_nothing(
    client: Client, data: dict[str, Any], message: str
) -> None:
    assessment = new_assessment("cx-curve")
    save(client, assessment, {"question": "proc_sops", "a.proc_sops": "no"})
    before = answers(assessment)
    response = save(client, assessment, data)
    assert response.status_code == 400
    assert message in response.json()["error"]
    assert answers(assessment) == before


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            {"question": "use_cases", "item": "tel_sim_activation"},
            "unknown item",
        ),  # telco item, retail assessment
        ({"question": "sp_channel_mix", "a.sp_channel_mix": ["none", "sms"]}, "none of these"),
        (
            {"question": "sp_channel_mix", "a.sp_channel_mix": ["dont_know", "sms"]},
            "either an answer",
        ),
    ],
)
def test_automation_tampering_is_refused(
    client: Client, data: dict[str, Any], message: str
) -> None:
    assessment = new_assessment("cx-automation")
    response = save(client, assessment, data)
    assert response.status_code == 400
    assert message in response.json()["error"]
    assert not Answer.objects.exists()


def test_another_respondents_token_cannot_touch_their_answers(client: Client) -> None:
    mine, theirs = new_assessment("cx-curve"), new_assessment("cx-curve")
    save(client, theirs, {"question": "proc_sops", "a.proc_sops": "yes"})
    response = client.post(
        f"/a/{theirs.resume_token}x/save/", {"question": "proc_sops", "a.proc_sops": "no"}
    )
    assert response.status_code == 404
    assert answers(theirs) == {("proc_sops", ""): (True, "")}
    assert answers(mine) == {}


def test_a_page_post_saves_every_answer_and_moves_on(client: Client) -> None:
    assessment = new_assessment("cx-curve")
    response = client.post(
        f"/a/{assessment.resume_token}/p/1/",
        {
            "a.proc_repeat_issues": "documented-fix",
            "a.proc_workarounds": "dont_know",
            "a.proc_sops": "yes",
            "go": "next",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == f"/a/{assessment.resume_token}/p/2/"
    assert {k[0] for k in answers(assessment)} == {
        "proc_repeat_issues",
        "proc_workarounds",
        "proc_sops",
    }


def test_a_page_post_with_one_bad_answer_saves_nothing_and_says_why(client: Client) -> None:
    assessment = new_assessment("cx-curve")
    response = client.post(
        f"/a/{assessment.resume_token}/p/1/",
        {"a.proc_repeat_issues": "documented-fix", "a.proc_sops": "perhaps", "go": "next"},
    )
    assert response.status_code == 400
    assert "expected yes or no" in response.content.decode()
    assert answers(assessment) == {}


def test_a_page_post_naming_a_question_of_another_page_is_refused(client: Client) -> None:
    assessment = new_assessment("cx-curve")
    response = client.post(
        f"/a/{assessment.resume_token}/p/1/", {"a.proc_sops": "yes", "a.sla_targets": "x"}
    )
    assert response.status_code == 400
    assert "unknown field 'a.sla_targets'" in response.content.decode()
    assert answers(assessment) == {}


def test_resume_returns_to_the_last_page_visited_with_answers_in_place(client: Client) -> None:
    assessment = new_assessment("cx-curve")
    client.post(
        f"/a/{assessment.resume_token}/p/2/", {"a.sla_targets": "one-channel", "go": "stay"}
    )
    client.get(f"/a/{assessment.resume_token}/p/2/")
    fresh = Client()  # a new browser: only the private link is shared
    response = fresh.get(f"/a/{assessment.resume_token}/")
    assert response["Location"] == f"/a/{assessment.resume_token}/p/2/"
    html = fresh.get(response["Location"]).content.decode()
    assert 'value="one-channel" checked' in html


def test_pages_beyond_the_questionnaire_are_not_found(client: Client) -> None:
    assessment = new_assessment("cx-matrix")
    assert client.get(f"/a/{assessment.resume_token}/p/6/").status_code == 404
    assert client.get(f"/a/{assessment.resume_token}/p/0/").status_code == 404
