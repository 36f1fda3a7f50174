"""Each built-in model from the home page to the result in a real browser, with the
browser closed midway and the assessment resumed from its private link elsewhere."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from browsing import (
    MODELS,
    NewPage,
    cxm_score,
    finish,
    get_json,
    give,
    go_to_page,
    plan_for,
    shown,
    sorted_fields,
    start,
    submit_page,
)
from playwright.sync_api import expect

from cxmaturity.web.assessments.questionnaire import pages


@pytest.mark.parametrize("model_id", MODELS)
def test_an_assessment_survives_closing_midway_and_scores_as_cxm_score(
    new_page: NewPage, model_id: str, tmp_path: Path
) -> None:
    plan = plan_for(model_id)
    total = len(pages(plan.model))
    midway = total // 2 + 1
    half = slice(0, max(1, len(pages(plan.model)[midway - 1].questions) // 2))
    rest = slice(half.stop, None)

    first = new_page()
    token = start(first, plan)
    for number in range(1, midway):
        give(first, plan.fields(number), autosave=True)
        submit_page(first, number, total)
    # Half of the midway page is answered and saved on change, then the browser goes away.
    give(first, plan.fields(midway, half), autosave=True)
    private_link = first.locator("#resume-link").inner_text()
    first.context.close()

    page = new_page()  # another browser: only the private link is shared
    page.goto(private_link)
    expect(page).to_have_url(re.compile(rf"/a/{token}/p/{midway}/$"))
    assert sorted_fields(shown(page)) == sorted_fields(plan.fields(midway, half))
    for number in range(1, midway):
        go_to_page(page, number)
        assert sorted_fields(shown(page)) == sorted_fields(plan.fields(number)), number
    go_to_page(page, midway)
    give(page, plan.fields(midway, rest), autosave=True)
    submit_page(page, midway, total)
    for number in range(midway + 1, total + 1):
        give(page, plan.fields(number), autosave=True)
        submit_page(page, number, total)

    if model_id == "cx-automation":  # 4 of its 14 use cases are rated
        expect(page.locator(".missing")).to_contain_text("(10 of 14 use cases)")
    else:
        expect(page.locator("main")).to_contain_text("Every question has an answer.")
    result_token = finish(page)

    result = get_json(page, f"/r/{result_token}/result.json")
    overall = result["overall"]
    assert overall["level"] is not None
    heading = f"{plan.organization}: " if plan.organization else ""
    expect(page.locator("h1")).to_have_text(heading + overall["level"]["label"])
    expect(page.get_by_test_id("overall-score")).to_have_text(f"{overall['score']:.0f}")
    charts = page.locator(".chart[data-chart]")
    assert charts.count() >= 1
    expect(page.locator(".chart[data-interactive=true]")).to_have_count(charts.count())
    expect(page.locator(".chart img")).to_have_count(0)

    document = get_json(page, f"/a/{token}/answers.json")
    assert document["answers"] == plan.answers
    assert document.get("notes", {}) == plan.notes
    context = (document["industry"], document["region"] or "", document["size"] or "")
    assert context == (plan.industry, plan.region, plan.size)
    assert result == cxm_score(model_id, document, tmp_path)
