"""Helpers for the browser tests: what each test answers, doing it on a page the way a
person would, reading back what a page shows, and scoring the same answers with the CLI.

An answer plan is written as the `answers` and `notes` of the answers file it must come
back as (`/a/<token>/answers.json`); `form_fields` turns it into the form fields and
values a person sets on the pages, so the test knows exactly what it clicked.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from click.testing import CliRunner
from playwright.sync_api import Page, expect

from cxmaturity.cli.main import cli
from cxmaturity.core.model import Matrix, MaturityModel, SingleChoice
from cxmaturity.models import builtin
from cxmaturity.web.assessments.models import Assessment, ModelVersion
from cxmaturity.web.assessments.questionnaire import pages

# A header a test puts on a response it makes up itself (`route.fulfill`): a 5xx with it
# is the test's doing, not the server's, and the page fixture lets it pass.
MADE_UP = "x-made-up-by-test"

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
MODELS = ("cx-automation", "cx-curve", "cx-journey-stages", "cx-matrix")

Fields = dict[str, list[str]]
# The `new_page` fixture: a page in a new browser context, made with these context options.
NewPage = Callable[..., Page]


@dataclass
class Plan:
    """Who starts which model, and every answer and note they give."""

    model_id: str
    industry: str
    region: str = ""
    size: str = ""
    organization: str = ""
    answers: dict[str, Any] = field(default_factory=dict)
    notes: dict[str, str] = field(default_factory=dict)

    @property
    def model(self) -> MaturityModel:
        return builtin(self.model_id)

    def fields(self, page_number: int, part: slice = slice(None)) -> Fields:
        """The form fields set on one page (for a part of its questions, if given)."""
        asked = [q.id for q in pages(self.model)[page_number - 1].questions][part]
        everything = form_fields(self.model, self.answers, self.notes)
        return {name: v for name, v in everything.items() if name.split(".")[1] in asked}


def varied(model: MaturityModel, chosen: dict[str, Any]) -> dict[str, Any]:
    """`chosen`, plus an answer to every other single-choice question: option k mod n for
    the k-th one, so that different questions get different choices."""
    answers: dict[str, Any] = {}
    singles = 0
    for page in pages(model):
        for question in page.questions:
            if question.id in chosen:
                answers[question.id] = chosen[question.id]
            elif isinstance(question, SingleChoice):
                answers[question.id] = question.options[singles % len(question.options)].id
                singles += 1
    missing = set(chosen) - set(answers)
    assert not missing, f"no such questions: {missing}"
    return answers


def plan_for(model_id: str) -> Plan:
    model = builtin(model_id)
    if model_id == "cx-automation":
        # 14 use cases for telco; four are answered, the rest are left empty.
        use_cases = {
            "tel_plan_discovery": {
                "status": "full",
                "technology": "hybrid_ai",
                "depth": "two_way",
                "channels": ["email", "sms", "whatsapp"],
            },
            "tel_sim_activation": {"status": "none"},
            "tel_usage_alerts": "dont_know",
            "tel_win_back": {"status": "partial", "technology": "rule_based"},
        }
        chosen: dict[str, Any] = {
            "use_cases": use_cases,
            "soph_ai_use": "dont_know",
            "sp_channel_mix": ["email", "push", "web_chat"],
            "sp_systems": [],  # "none of these"
            "sp_automation_capability": "dont_know",
        }
        notes = {"use_cases.tel_win_back": "pilot in one region", "soph_handoff": "per ops lead"}
        return Plan(model_id, "telco", "asia-pacific", "5000+", "", varied(model, chosen), notes)
    if model_id == "cx-curve":
        chosen = {
            "proc_workarounds": "dont_know",
            "proc_sops": True,
            "sla_first_response_email": 4.5,
            "cap_workload": 4,
            "tool_systems": ["crm", "helpdesk", "knowledge_base"],
            "ci_metrics_tracked": "dont_know",
            "goal_insight": "dont_know",
        }
        notes = {"sla_first_response_email": "median hours, last quarter", "pred_ai": "pilot"}
        return Plan(model_id, "finance", "europe", "250-999", "", varied(model, chosen), notes)
    if model_id == "cx-journey-stages":
        chosen = {
            "edu-channels": ["app", "email", "help-centre", "web-chat"],
            "deal-offers": "dont_know",
            "onb-single-owner": False,
            "sus-ivr": "not_applicable",
            "sus-systems": ["cdp", "crm"],
            "ups-churn-dashboard": "dont_know",
        }
        notes = {"onb-flow": "rebuilt in 2024"}
        return Plan(model_id, "retail", "americas", "50-249", "", varied(model, chosen), notes)
    if model_id == "cx-matrix":
        # This model has no "don't know".
        chosen = {"voice_of_customer_stage": "embedded", "data_technology_stage": "ad-hoc"}
        notes = {"culture_people_stage": "survey of team leads"}
        return Plan(model_id, "other", "", "1-49", "Browser Test Ltd", varied(model, chosen), notes)
    raise ValueError(model_id)


def new_assessment(model_id: str, industry: str = "finance") -> str:
    """An assessment made straight in the database; returns its resume token."""
    version = ModelVersion.objects.get(model_id=model_id, version=builtin(model_id).version)
    return Assessment.objects.create(model_version=version, industry=industry).resume_token


def form_fields(model: MaturityModel, answers: dict[str, Any], notes: dict[str, str]) -> Fields:
    """The form fields (name: values) that give these answers and notes, in page order."""
    fields: Fields = {}
    for page in pages(model):
        for question in page.questions:
            if question.id not in answers:
                continue
            value = answers[question.id]
            if isinstance(question, Matrix):
                status = question.facets[0].id
                for item, given in value.items():
                    facets = {status: given} if isinstance(given, str) else given
                    for facet, facet_value in facets.items():
                        fields[f"a.{question.id}.{item}.{facet}"] = _form_values(facet_value)
            else:
                fields[f"a.{question.id}"] = _form_values(value)
    for key, note in notes.items():
        fields[f"n.{key}"] = [note]
    return fields


def _form_values(value: Any) -> list[str]:
    if isinstance(value, bool):
        return ["yes" if value else "no"]
    if isinstance(value, list):
        return [str(v) for v in value] or ["none"]
    if isinstance(value, int | float):
        return [f"{value:g}"]
    return [str(value)]


def question_of(name: str) -> str:
    return name.split(".")[1]


# On the page


def start(page: Page, plan: Plan) -> str:
    """Start the plan's assessment from the home page; returns its resume token."""
    page.goto("/")
    page.locator(f"#model-{plan.model_id}").check()
    page.get_by_label("Industry").select_option(plan.industry)
    page.get_by_label("Region").select_option(plan.region)
    page.get_by_label("Company size").select_option(plan.size)
    page.get_by_label("Organization name (optional)").fill(plan.organization)
    page.get_by_role("button", name="Start the assessment").click()
    expect(page).to_have_url(_page_url_pattern(1))
    return resume_token(page)


def _page_url_pattern(number: int) -> re.Pattern[str]:
    return re.compile(rf"/a/[\w-]+/p/{number}/$")


def resume_token(page: Page) -> str:
    return page.url.split("/a/")[1].split("/")[0]


def give(page: Page, fields: Fields, autosave: bool) -> None:
    """Set these fields on the current page as a person would. With `autosave`, wait
    for each change's save to come back and check it was accepted."""
    for name, values in fields.items():
        for value in values:
            if autosave:
                with saving(page):
                    _set(page, name, value)
            else:
                _set(page, name, value)


@contextmanager
def saving(page: Page) -> Iterator[None]:
    """Wait for the autosave that what is done in this block sends, and check that it
    was accepted. Wrap every change in it, so that no earlier save is still on its way."""
    with page.expect_response(lambda r: r.url.endswith("/save/")) as response:
        yield
    assert response.value.status == 200, response.value.text()


def _set(page: Page, name: str, value: str) -> None:
    choice = page.locator(f'input[name="{name}"][value="{value}"]')
    if choice.count():
        choice.check()
        return
    control = page.locator(f'[name="{name}"]').first
    if control.evaluate("e => e.tagName") == "SELECT":
        control.select_option(value)
        return
    if not control.is_visible():  # a note, folded away in its <details>
        page.locator(f"#q-{question_of(name)} details summary").click()
    control.fill(value)
    control.blur()  # a text field reports its change when it loses focus


def shown(page: Page) -> Fields:
    """What the page's questionnaire form would send: every answer and note it shows
    as chosen, selected or typed (empty fields left out)."""
    pairs: list[list[str]] = page.locator("form.questionnaire").evaluate(
        "form => [...new FormData(form)]"
    )
    fields: Fields = {}
    for name, value in pairs:
        if name[:2] in ("a.", "n.") and value:
            fields.setdefault(name, []).append(value)
    return fields


def sorted_fields(fields: Fields) -> Fields:
    return {name: sorted(values) for name, values in sorted(fields.items())}


def go_to_page(page: Page, number: int) -> None:
    """Open a page of the questionnaire from its progress list (a plain link)."""
    page.locator(".steps a").nth(number - 1).click()
    expect(page).to_have_url(_page_url_pattern(number))


def submit_page(page: Page, number: int, total: int) -> None:
    """Press Next (or "Review and finish" on the last page)."""
    label = "Review and finish" if number == total else "Next"
    page.get_by_role("button", name=label, exact=True).click()
    if number < total:
        expect(page).to_have_url(_page_url_pattern(number + 1))
    else:
        expect(page.get_by_role("heading", name="Review and finish")).to_be_visible()


def finish(page: Page) -> str:
    """On the review page, finish; returns the result token."""
    page.get_by_role("button", name="See my result").click()
    expect(page).to_have_url(_result_url_pattern())
    return page.url.split("/r/")[1].split("/")[0]


def _result_url_pattern() -> re.Pattern[str]:
    return re.compile(r"/r/[\w-]+/$")


def get_json(page: Page, url: str) -> Any:
    response = page.request.get(url)
    assert response.status == 200, (url, response.status)
    return response.json()


def cxm_score(model_id: str, answers_document: dict[str, Any], tmp_path: Path) -> Any:
    """`cxm score --model ID FILE --format json --explain` on this answers document."""
    answers_file = tmp_path / "answers.json"
    answers_file.write_text(json.dumps(answers_document))
    run = CliRunner().invoke(
        cli, ["score", "--model", model_id, str(answers_file), "--format", "json", "--explain"]
    )
    assert run.exit_code == 0, run.output
    scored = json.loads(run.stdout)
    return scored[0] if isinstance(scored, list) else scored
