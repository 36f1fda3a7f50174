"""With JavaScript, an answer is saved the moment it changes, and a value the server
refuses is reported next to its question and stores nothing."""

from __future__ import annotations

from typing import Any

from browsing import MADE_UP, get_json, new_assessment, saving
from playwright.sync_api import Page, expect

from cxmaturity.web.assessments.models import Answer


def stored(token: str) -> dict[tuple[str, str], Any]:
    """The answers in the database, read directly."""
    rows = Answer.objects.filter(assessment__resume_token=token)
    return {(a.question, a.item): (a.value, a.note) for a in rows}


def test_a_change_is_saved_without_pressing_next(page: Page) -> None:
    token = new_assessment("cx-curve")
    page.goto(f"/a/{token}/p/1/")
    question = page.locator("#q-proc_repeat_issues")
    expect(question.locator(".save-status")).to_have_text("")
    question.get_by_label("Root causes are removed periodically").check()
    expect(question.locator(".save-status")).to_contain_text("Saved")
    # The server says when in UTC; the page shows it in the visitor's own time.
    expect(question.locator(".save-status time")).not_to_contain_text("UTC")
    assert stored(token) == {("proc_repeat_issues", ""): ("root-cause-periodic", "")}

    page.locator("#q-proc_sops").get_by_label("No", exact=True).check()
    expect(page.locator("#q-proc_sops .save-status")).to_contain_text("Saved")
    assert stored(token)[("proc_sops", "")] == (False, "")
    assert get_json(page, f"/a/{token}/answers.json")["answers"] == {
        "proc_repeat_issues": "root-cause-periodic",
        "proc_sops": False,
    }
    assert page.url.endswith(f"/a/{token}/p/1/")  # never left the page


def test_a_matrix_row_is_saved_on_change(page: Page) -> None:
    token = new_assessment("cx-automation", industry="retail")
    page.goto(f"/a/{token}/p/1/")
    row = page.locator("#q-use_cases-ret_order_confirmation")
    technology = row.get_by_label("Technology behind it for Order confirmation")
    expect(technology).to_be_disabled()  # it only applies once the use case is in place
    with saving(page):
        row.get_by_label("Automated? for Order confirmation").select_option("full")
    expect(row.locator(".save-status")).to_contain_text("Saved")
    expect(technology).to_be_enabled()
    with saving(page):
        technology.select_option("hybrid_ai")
    with saving(page):
        row.get_by_label("E-mail").check()
    assert stored(token) == {
        ("use_cases", "ret_order_confirmation"): (
            {"status": "full", "technology": "hybrid_ai", "channels": ["email"]},
            "",
        )
    }


def test_a_refused_value_shows_the_error_and_stores_nothing(page: Page) -> None:
    token = new_assessment("cx-curve")
    page.goto(f"/a/{token}/p/1/")
    page.locator("#q-proc_sops").get_by_label("Yes", exact=True).check()
    expect(page.locator("#q-proc_sops .save-status")).to_contain_text("Saved")
    before = stored(token)

    # As if someone edited the page: the "No" option now sends a value no model knows.
    no = page.locator("#q-proc_sops").get_by_label("No", exact=True)
    no.evaluate("input => { input.value = 'maybe'; }")
    with page.expect_response(lambda r: r.url.endswith("/save/")) as refused:
        no.check()
    assert refused.value.status == 400
    status = page.locator("#q-proc_sops .save-status")
    expect(status.locator(".field-error")).to_contain_text("expected yes or no")
    expect(status).not_to_contain_text("Saved")
    assert stored(token) == before == {("proc_sops", ""): (True, "")}


def test_a_save_the_server_fails_says_it_was_not_saved(page: Page) -> None:
    token = new_assessment("cx-curve")
    page.goto(f"/a/{token}/p/1/")
    page.route(
        "**/save/",
        lambda route: route.fulfill(status=500, body="Server error", headers={MADE_UP: "1"}),
    )
    question = page.locator("#q-proc_sops")
    question.get_by_label("Yes", exact=True).check()
    status = question.locator(".save-status .field-error")
    expect(status).to_contain_text("Not saved: the server could not store it.")
    expect(question.locator(".save-status")).not_to_contain_text("Saved ")
    assert stored(token) == {}

    page.unroute("**/save/")
    question.get_by_label("No", exact=True).check()
    expect(question.locator(".save-status")).to_contain_text("Saved")
    assert stored(token) == {("proc_sops", ""): (False, "")}
