"""A campaign from start to finish in a real browser: a facilitator signs up, sets up an
organization and a campaign, adds respondents by hand and from a file and invites them;
respondents answer from the personal links in their e-mails; the facilitator reads the
combined result, settles a disagreement in the workshop and closes the campaign, after
which answers are final. Another organization's member cannot see the campaign at all.

Everything a person does happens on the pages; the database is only read, to check.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from browsing import NewPage, finish, form_fields, get_json, give, submit_page
from django.core import mail
from playwright.sync_api import Locator, Page, expect

from cxmaturity.models import builtin
from cxmaturity.web.assessments import registry
from cxmaturity.web.assessments.models import Answer
from cxmaturity.web.assessments.questionnaire import pages
from cxmaturity.web.campaigns.models import AgreedAnswer, Campaign, Respondent

MODEL_ID = "cx-matrix"  # five pages of one single-choice question each
PASSWORD = "a-long-pass-phrase"
FLAGGED = "journey_design_stage"
INVITATION = "would like your view"
# ad-hoc < defined < managed < embedded. Ada and Bo stand at the two ends of journey
# design and close together elsewhere; Cy sides with Bo on it.
ANSWERS = {
    "ada@example.com": {
        "strategy_leadership_stage": "defined",
        "voice_of_customer_stage": "managed",
        "culture_people_stage": "defined",
        FLAGGED: "ad-hoc",
        "data_technology_stage": "defined",
    },
    "bo@example.com": {
        "strategy_leadership_stage": "managed",
        "voice_of_customer_stage": "managed",
        "culture_people_stage": "defined",
        FLAGGED: "embedded",
        "data_technology_stage": "managed",
    },
    "cy@example.com": {
        "strategy_leadership_stage": "defined",
        "voice_of_customer_stage": "managed",
        "culture_people_stage": "managed",
        FLAGGED: "embedded",
        "data_technology_stage": "defined",
    },
}


@pytest.fixture(autouse=True)
def _quick_settings(settings: Any) -> None:
    """Invitations are sent by the task as soon as they are queued (into mail.outbox), and
    passwords are hashed cheaply: signing up is not what these tests time."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


# The facilitator's side


def sign_up(page: Page, email: str) -> None:
    page.goto("/")
    page.get_by_role("link", name="Sign up").click()
    page.get_by_label("Email").fill(email)
    page.get_by_label(re.compile(r"^Password:?$")).fill(PASSWORD)
    page.get_by_label("Password (again)").fill(PASSWORD)
    page.get_by_role("button", name="Sign up").click()
    expect(page).to_have_url(re.compile(r"/orgs/$"))


def create_organization(page: Page, name: str) -> str:
    """On "My organizations", add one; returns its page's path (/o/<id>/)."""
    page.get_by_label("Name").fill(name)
    page.get_by_label("Industry").select_option("retail")
    page.get_by_role("button", name="Create the organization").click()
    expect(page).to_have_url(re.compile(r"/o/\d+/$"))
    expect(page.locator("h1")).to_have_text(name)
    return "/o/" + page.url.split("/o/")[1]


def create_campaign(page: Page, name: str) -> str:
    """From the organization's page; returns the campaign page's path."""
    page.get_by_role("link", name="New campaign").click()
    page.get_by_label("Campaign name").fill(name)
    page.get_by_label("Model").select_option(MODEL_ID)
    page.get_by_role("button", name="Create the campaign").click()
    expect(page).to_have_url(re.compile(r"/o/\d+/campaigns/\d+/$"))
    expect(page.locator("h1")).to_have_text(name)
    expect(page.get_by_text("Campaign created. Add respondents next.")).to_be_visible()
    return "/o/" + page.url.split("/o/")[1]


def add_respondent(page: Page, name: str, email: str, department: str) -> None:
    form = page.locator("form", has=page.get_by_role("button", name="Add", exact=True))
    form.get_by_label("Name").fill(name)
    form.get_by_label("E-mail").fill(email)
    form.get_by_label("Department or team").fill(department)
    form.get_by_role("button", name="Add", exact=True).click()
    expect(page.get_by_text(f"{name} added.")).to_be_visible()


def upload_list(page: Page, filename: str, content: str) -> None:
    page.get_by_label("Respondent list (CSV or XLSX)").set_input_files(
        {"name": filename, "mimeType": "text/csv", "buffer": content.encode()}
    )
    page.get_by_role("button", name="Import the list").click()


def progress(page: Page) -> Locator:
    return page.locator("#progress-title + p")


def personal_links() -> dict[str, str]:
    """Each invited respondent's link, read from the invitation e-mail they were sent."""
    links = {}
    for message in mail.outbox:
        if INVITATION in message.subject:
            (links[message.to[0]],) = re.findall(r"https?://\S+/a/[\w-]+/", message.body)
    return links


# The respondent's side


def answer_everything(page: Page, link: str, answers: dict[str, str]) -> str:
    """Open the personal link, answer every page (saved on change), finish; returns the
    result token."""
    model = builtin(MODEL_ID)
    page.goto(link)
    expect(page).to_have_url(re.compile(r"/a/[\w-]+/p/1/$"))
    every_page = pages(model)
    for number, shown_page in enumerate(every_page, start=1):
        asked = {q.id: answers[q.id] for q in shown_page.questions}
        give(page, form_fields(model, asked, {}), autosave=True)
        submit_page(page, number, len(every_page))
    expect(page.locator("main")).to_contain_text("Every question has an answer.")
    return finish(page)


# The tests


def test_a_facilitator_runs_a_campaign_that_respondents_answer_from_their_emails(
    new_page: NewPage,
) -> None:
    # 1. The facilitator sets everything up and invites the respondents.
    facilitator = new_page()
    sign_up(facilitator, "fran@example.com")
    create_organization(facilitator, "Acme Retail")
    campaign_path = create_campaign(facilitator, "Q4 review")
    campaign = Campaign.objects.get(name="Q4 review")
    assert campaign.model_version.model_id == MODEL_ID
    assert campaign_path == f"/o/{campaign.organization_id}/campaigns/{campaign.pk}/"

    add_respondent(facilitator, "Ada", "ada@example.com", "Support")
    add_respondent(facilitator, "Bo", "bo@example.com", "Sales")

    upload_list(
        facilitator,
        "team.csv",
        "name,email,department\nCy,cy@example.com,Marketing\nDee,dee-at-example.com,IT\n",
    )
    refusal = facilitator.get_by_role("alert")
    expect(refusal).to_contain_text("Nothing was imported.")
    expect(refusal).to_contain_text(
        "row 3, column email: 'dee-at-example.com' is not an e-mail address"
    )
    assert sorted(campaign.respondents.values_list("email", flat=True)) == [
        "ada@example.com",
        "bo@example.com",
    ]
    upload_list(facilitator, "team.csv", "name,email,department\nCy,cy@example.com,Marketing\n")
    expect(facilitator.get_by_text("1 respondents imported.")).to_be_visible()
    expect(progress(facilitator)).to_have_text(
        "0 of 3 respondents have finished; 0 started, 0 invited."
    )
    assert sorted(campaign.respondents.values_list("email", "department")) == [
        ("ada@example.com", "Support"),
        ("bo@example.com", "Sales"),
        ("cy@example.com", "Marketing"),
    ]

    facilitator.get_by_role("button", name="Invite everyone not yet invited").click()
    expect(facilitator.get_by_text("3 e-mails queued.")).to_be_visible()
    expect(progress(facilitator)).to_have_text(
        "0 of 3 respondents have finished; 0 started, 3 invited."
    )
    links = personal_links()
    assert sorted(links) == ["ada@example.com", "bo@example.com", "cy@example.com"]
    for respondent in campaign.respondents.select_related("assessment"):
        assert links[respondent.email].endswith(f"/a/{respondent.assessment.resume_token}/")

    # 2. Two respondents answer from their links, each in their own browser.
    ada, bo = new_page(), new_page()
    for page, email in ((ada, "ada@example.com"), (bo, "bo@example.com")):
        answer_everything(page, links[email], ANSWERS[email])
        respondent = Respondent.objects.select_related("assessment").get(email=email)
        assert respondent.assessment.completed
        assert {a.question: a.value for a in respondent.assessment.answers.all()} == ANSWERS[email]

    # 3. The facilitator sees the combined result of the two who finished.
    facilitator.reload()
    expect(progress(facilitator)).to_have_text(
        "2 of 3 respondents have finished; 2 started, 3 invited."
    )
    finished_rows = facilitator.locator("tbody tr", has_text="finished")
    expect(finished_rows).to_have_count(2)
    results_path = campaign_path + "results/"
    facilitator.get_by_role("link", name="Results", exact=True).click()
    expect(facilitator).to_have_url(re.compile(re.escape(results_path) + "$"))
    expect(facilitator.locator(".method")).to_contain_text("Combined from 2 finished respondents.")
    combined = get_json(facilitator, campaign_path + "results.json")
    assert combined["respondents"] == 2
    level = combined["result"]["overall"]["level"]["label"]
    expect(facilitator.locator("h1")).to_have_text(f"Acme Retail: {level}")
    # Ada and Bo are three stages apart on journey design, but two people are too few to
    # flag a disagreement (core.aggregation: at least three raters), so nothing is flagged.
    assert combined["flagged"] == []
    expect(facilitator.locator(".flagged")).to_have_count(0)
    facilitator.goto(campaign_path + "workshop/")
    expect(facilitator.get_by_role("navigation", name="Questions to settle")).to_contain_text(
        "No question is flagged among the 2 finished respondents."
    )

    # A third respondent, imported from the file, finishes and sides with Bo.
    answer_everything(new_page(), links["cy@example.com"], ANSWERS["cy@example.com"])
    facilitator.goto(results_path)
    expect(facilitator.locator(".method")).to_contain_text("Combined from 3 finished respondents.")
    model = builtin(MODEL_ID)
    (journey,) = [q for d in model.dimensions for q in d.questions if q.id == FLAGGED]
    journey_label = registry.text(model, journey.label)
    expect(facilitator.locator("ul.flagged li")).to_have_text([journey_label])
    facilitator.get_by_role("link", name="Settle them in the workshop").click()
    flagged = facilitator.get_by_role("navigation", name="Questions to settle")
    expect(flagged.get_by_role("listitem")).to_have_text([journey_label])
    expect(flagged.get_by_role("link", name=journey_label)).to_have_attribute(
        "aria-current", "true"
    )
    topic = facilitator.locator("[aria-labelledby=topic-title]")
    expect(topic.get_by_role("heading", level=2)).to_have_text(journey_label)
    expect(topic).to_contain_text("strong disagreement")
    # One department each is too few to show a side, so no empty "sides" sentence either.
    expect(topic.locator(".figure p")).to_have_count(1)
    topic.locator(f'input[name="a.{FLAGGED}"][value="managed"]').check()
    topic.get_by_label("Why the team agreed on this answer").fill(
        "Journeys are mapped and owned, but not yet redesigned from feedback."
    )
    topic.get_by_role("button", name="Record the agreement").click()
    expect(
        facilitator.get_by_text("Agreement recorded; the campaign result now uses it.")
    ).to_be_visible()
    (agreed,) = AgreedAnswer.objects.filter(campaign=campaign)
    assert (agreed.question, agreed.item, agreed.value) == (FLAGGED, "", "managed")

    facilitator.goto(results_path)
    expect(facilitator.locator(".method")).to_contain_text("1 agreed")
    log = facilitator.locator("[aria-labelledby=log-title] ol.log li")
    expect(log).to_have_count(1)
    expect(log).to_contain_text(f"{FLAGGED} = managed")
    expect(log).to_contain_text("not yet redesigned from feedback")
    expect(log).to_contain_text("fran@example.com")
    combined = get_json(facilitator, campaign_path + "results.json")
    assert combined["respondents"] == 3
    assert combined["consensus"]["sources"][FLAGGED] == "agreed"
    assert combined["consensus"]["answers"][FLAGGED] == "managed"
    level = combined["result"]["overall"]["level"]["label"]
    expect(facilitator.locator("h1")).to_have_text(f"Acme Retail: {level}")

    # 4. The facilitator closes the campaign; Ada's answers are now final.
    facilitator.goto(campaign_path)
    facilitator.get_by_role("button", name="Close the campaign").click()
    expect(facilitator.get_by_text("The campaign is closed.")).to_be_visible()
    expect(facilitator.get_by_role("button", name="Reopen")).to_be_visible()

    ada.goto(links["ada@example.com"])
    expect(ada).to_have_url(re.compile(r"/a/[\w-]+/p/\d+/$"))
    ada.locator(".steps a").nth(0).click()  # page 1: strategy and leadership
    question = ada.locator("#q-strategy_leadership_stage")
    with ada.expect_response(lambda r: r.url.endswith("/save/")) as saved:
        question.locator('input[value="embedded"]').check()
    assert saved.value.status == 403
    expect(question.locator(".save-status")).to_have_text(
        "This campaign is closed: answers can no longer be changed."
    )
    ada.get_by_role("button", name="Next", exact=True).click()
    expect(ada.get_by_role("heading", name="Answers are final")).to_be_visible()
    expect(ada.locator("main")).to_contain_text(
        "This campaign is closed: answers can no longer be changed."
    )
    stored = Answer.objects.get(
        assessment__respondent__email="ada@example.com",
        assessment__respondent__campaign=campaign,
        question="strategy_leadership_stage",
    )
    assert stored.value == "defined"


def test_another_organization_cannot_see_the_campaign(new_page: NewPage) -> None:
    owner = new_page()
    sign_up(owner, "fran@example.com")
    create_organization(owner, "Acme Retail")
    campaign_path = create_campaign(owner, "Q4 review")

    outsider = new_page()
    sign_up(outsider, "olga@example.com")
    create_organization(outsider, "Other Co")
    for path in ("results/", "results.json", "", "workshop/"):
        response = outsider.goto(campaign_path + path)
        assert response is not None
        assert response.status == 404, path
    expect(outsider.locator("main")).not_to_contain_text("Q4 review")

    response = owner.goto(campaign_path + "results/")  # the owner still sees it
    assert response is not None
    assert response.status == 200
    expect(owner.locator("main")).to_contain_text("Nobody has finished yet.")
