"""Without JavaScript everything still works with plain form posts, the result shows its
charts as static SVG images, and its peer comparison is one link away."""

from __future__ import annotations

import re
from pathlib import Path

from browsing import NewPage, cxm_score, finish, get_json, give, plan_for, start, submit_page
from playwright.sync_api import Response, expect

from cxmaturity.web.assessments.questionnaire import pages


def test_a_whole_model_can_be_taken_with_plain_forms(new_page: NewPage, tmp_path: Path) -> None:
    plan = plan_for("cx-matrix")
    page = new_page(java_script_enabled=False)
    responses: list[Response] = []
    page.on("response", lambda response: responses.append(response))

    token = start(page, plan)
    total = len(pages(plan.model))
    for number in range(1, total + 1):
        give(page, plan.fields(number), autosave=False)
        submit_page(page, number, total)
    expect(page.locator("main")).to_contain_text("Every question has an answer.")
    result_token = finish(page)
    page.wait_for_load_state("load")

    assert not [r.url for r in responses if r.url.endswith("/save/")]  # no script ran
    images = page.locator(".chart img")
    assert images.count() >= 1
    expect(page.locator(".chart[data-interactive]")).to_have_count(0)
    loaded = images.evaluate_all("imgs => imgs.map(i => i.complete && i.naturalWidth > 0)")
    assert loaded == [True] * images.count()
    sources = images.evaluate_all("imgs => imgs.map(i => i.src)")
    charts = {r.url: r for r in responses if "/charts/" in r.url}
    assert sorted(charts) == sorted(sources)
    for response in charts.values():
        assert response.status == 200
        assert response.headers["content-type"] == "image/svg+xml"

    document = get_json(page, f"/a/{token}/answers.json")
    assert document["answers"] == plan.answers
    assert document["notes"] == plan.notes
    assert get_json(page, f"/r/{result_token}/result.json") == cxm_score(
        plan.model_id, document, tmp_path
    )

    # The live peer comparison comes in by script; without one, a link asks for it.
    page.goto(f"/r/{result_token}/")
    expect(page.get_by_test_id("peer-table")).to_have_count(0)
    page.get_by_role("link", name="Compare this result with peers in its industry").click()
    expect(page).to_have_url(re.compile(r"\?peers=industry#peers$"))
    expect(page.get_by_test_id("peer-table")).to_be_visible()
