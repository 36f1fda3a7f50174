"""Keyboard use, visible focus, labelled controls, and a phone-sized screen."""

from __future__ import annotations

from typing import Any

import pytest
from browsing import NewPage, new_assessment, saving
from playwright.sync_api import Page, expect

from cxmaturity.web.assessments.models import Answer, Assessment

FOCUSED = """() => {
  const e = document.activeElement, style = getComputedStyle(e);
  return {tag: e.tagName, id: e.id, name: e.getAttribute("name"), text: e.textContent.trim(),
          outline: style.outlineStyle, width: parseFloat(style.outlineWidth)};
}"""


def tab(page: Page) -> dict[str, Any]:
    """Press Tab; what now has the focus, and how its outline is drawn."""
    page.keyboard.press("Tab")
    focused: dict[str, Any] = page.evaluate(FOCUSED)
    assert focused["outline"] != "none", f"no visible focus: {focused}"
    assert focused["width"] > 0, f"no visible focus: {focused}"
    return focused


def tab_to(page: Page, name: str) -> list[dict[str, Any]]:
    """Press Tab until the control named `name` has the focus; every stop on the way."""
    stops = [tab(page)]
    while stops[-1]["name"] != name:
        assert len(stops) < 30, f"Tab never reaches {name}: {stops}"
        stops.append(tab(page))
    return stops


def test_the_start_page_works_from_the_keyboard_with_visible_focus(page: Page) -> None:
    page.goto("/")
    stops = tab_to(page, "model")  # past the skip link and the site's links
    assert stops[0]["text"] == "Skip to content"
    stops += [tab(page) for _ in range(5)]
    assert [(s["tag"], s["id"]) for s in stops[-6:]] == [
        ("INPUT", "model-cx-automation"),  # the radio group is one stop
        ("SELECT", "id_industry"),
        ("SELECT", "id_region"),
        ("SELECT", "id_size"),
        ("INPUT", "id_organization"),
        ("BUTTON", ""),
    ]
    # Back to the models; arrow keys move between them.
    for _ in range(5):
        page.keyboard.press("Shift+Tab")
    page.keyboard.press("ArrowDown")
    expect(page.locator("#model-cx-curve")).to_be_checked()
    expect(page.locator("#model-cx-curve")).to_be_focused()
    page.keyboard.press("Tab")
    page.keyboard.type("t")  # type-ahead in a closed select
    page.keyboard.press("Tab")
    page.keyboard.type("e")
    page.keyboard.press("Tab")
    page.keyboard.type("5")
    page.keyboard.press("Tab")
    page.keyboard.type("Keyboard Ltd")
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Start the assessment")).to_be_focused()
    page.keyboard.press("Enter")

    expect(page.get_by_text("Page 1 of 11")).to_be_visible()
    assessment = Assessment.objects.get()
    assert assessment.model_version.model_id == "cx-curve"
    assert (assessment.industry, assessment.region, assessment.size) == (
        "telco",
        "europe",
        "50-249",
    )


def test_a_question_is_answered_from_the_keyboard(page: Page) -> None:
    token = new_assessment("cx-curve")
    page.goto(f"/a/{token}/p/1/")
    tab_to(page, "a.proc_repeat_issues")
    with saving(page):
        page.keyboard.press("Space")
    expect(page.get_by_label("It is worked out again from scratch")).to_be_checked()
    with saving(page):
        page.keyboard.press("ArrowDown")  # the next option of the same question
    expect(page.get_by_label("Experienced staff know the fix")).to_be_checked()
    expect(page.locator("#q-proc_repeat_issues .save-status")).to_contain_text("Saved")
    answer = Answer.objects.get(assessment__resume_token=token)
    assert (answer.question, answer.value) == ("proc_repeat_issues", "tribal-knowledge")


def test_a_scale_says_what_its_ends_mean(page: Page) -> None:
    token = new_assessment("cx-curve")
    page.goto(f"/a/{token}/p/3/")
    expect(page.locator("#q-cap_workload .scale-ends")).to_have_text(
        "1 = Constantly overloaded · 5 = Regular time for training and improvement work"
    )


CONTROLS = """form => [...form.querySelectorAll("input:not([type=hidden]), select, textarea")]
  .map(c => ({
    name: c.name, value: c.value, type: c.type,
    label: [...c.labels].map(l => l.textContent.replace(/\\s+/g, " ").trim()).join(" "),
    group: c.closest("fieldset")?.querySelector("legend")?.textContent.trim() ?? "",
  }))"""


# Pages that between them ask every kind of question: single and multiple choice, yes/no,
# number, scale, "not applicable", and the use-case matrix.
EVERY_KIND = {
    "cx-automation": [1, 3],
    "cx-curve": [1, 2, 3],
    "cx-journey-stages": [4],
    "cx-matrix": [1],
}


@pytest.mark.parametrize("model_id", EVERY_KIND)
def test_every_control_has_a_label(page: Page, model_id: str) -> None:
    token = new_assessment(model_id)
    for number in EVERY_KIND[model_id]:
        page.goto(f"/a/{token}/p/{number}/")
        for summary in page.locator("details.note summary").all():
            summary.click()  # notes are folded away until asked for
        form = page.locator("form.questionnaire")
        controls = form.evaluate(CONTROLS)
        assert controls, number
        for control in controls:
            assert control["label"], control
            if control["type"] in ("radio", "checkbox"):
                assert control["group"], control  # the question, as the legend of its set
                field = form.locator(f'input[name="{control["name"]}"][value="{control["value"]}"]')
            else:
                field = form.locator(f'[name="{control["name"]}"]:not([type=checkbox])')
                # Found by its label, the way a screen reader user names it.
                expect(form.get_by_label(control["label"], exact=True)).to_have_attribute(
                    "name", control["name"]
                )
            expect(field).to_have_accessible_name(control["label"])


def test_the_use_case_matrix_fits_a_phone_and_a_row_can_be_answered(new_page: NewPage) -> None:
    token = new_assessment("cx-automation", industry="retail")
    page = new_page(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page.goto(f"/a/{token}/p/1/")
    overflow = "document.scrollingElement.scrollWidth - window.innerWidth"
    assert page.evaluate(overflow) <= 1

    row = page.locator("#q-use_cases-ret_delivery_tracking")
    label = "Delivery tracking and rescheduling"
    with saving(page):
        row.get_by_label(f"Automated? for {label}").select_option("partial")
    expect(row.locator(".save-status")).to_contain_text("Saved")
    with saving(page):
        row.get_by_label(f"Depth of the flow for {label}").select_option("conversational")
    with saving(page):
        row.get_by_text("WhatsApp").tap()
    expect(row.get_by_label("WhatsApp")).to_be_checked()
    assert page.evaluate(overflow) <= 1
    answer = Answer.objects.get(assessment__resume_token=token)
    assert answer.value == {
        "status": "partial",
        "depth": "conversational",
        "channels": ["whatsapp"],
    }
