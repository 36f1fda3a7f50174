"""Campaigns: respondents one by one or from a file (all or nothing), invitations by the
background worker, progress per department, and answers frozen once closed."""

from __future__ import annotations

import html
import io
from typing import Any

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client
from openpyxl import Workbook
from webtools import organization_with

from cxmaturity.web.assessments.models import Answer
from cxmaturity.web.campaigns.models import Campaign, Respondent


@pytest.fixture
def immediate_tasks(settings: Any) -> None:
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture
def facilitator(client: Client) -> tuple[Any, Any]:
    org, person = organization_with("facilitator", "f@example.com")
    client.force_login(person)
    return org, person


def make_campaign(client: Client, org: Any, **extra: Any) -> Campaign:
    response = client.post(
        f"/o/{org.pk}/campaigns/new/",
        {"name": "Q4 review", "model": "cx-curve", "industry": "retail", **extra},
    )
    campaign = Campaign.objects.get(name="Q4 review")
    assert response["Location"] == f"/o/{org.pk}/campaigns/{campaign.pk}/"
    return campaign


def upload(client: Client, org: Any, campaign: Campaign, name: str, data: bytes) -> Any:
    return client.post(
        f"/o/{org.pk}/campaigns/{campaign.pk}/import/", {"file": SimpleUploadedFile(name, data)}
    )


def test_a_facilitator_creates_a_campaign_with_its_context(
    client: Client, facilitator: Any
) -> None:
    org, person = facilitator
    campaign = make_campaign(client, org, anonymous="on", deadline="2027-01-31")
    assert campaign.anonymous
    assert str(campaign.deadline) == "2027-01-31"
    assert campaign.created_by == person
    assert campaign.model_version.model_id == "cx-curve"


def test_a_csv_list_is_imported_whole(client: Client, facilitator: Any) -> None:
    org, _ = facilitator
    campaign = make_campaign(client, org)
    csv = b"name,email,department,role\nAda,ada@example.com,Support,Agent\nBo,bo@example.com,IT,\n"
    assert upload(client, org, campaign, "team.csv", csv).status_code == 302
    assert sorted(campaign.respondents.values_list("email", "department")) == [
        ("ada@example.com", "Support"),
        ("bo@example.com", "IT"),
    ]
    assert all(
        r.assessment.model_version == campaign.model_version for r in campaign.respondents.all()
    )


def test_an_xlsx_list_is_imported(client: Client, facilitator: Any) -> None:
    org, _ = facilitator
    campaign = make_campaign(client, org)
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Name", "Email", "Department"])
    sheet.append(["Cy", "cy@example.com", "Sales"])
    data = io.BytesIO()
    book.save(data)
    assert upload(client, org, campaign, "team.xlsx", data.getvalue()).status_code == 302
    assert campaign.respondents.get().name == "Cy"


@pytest.mark.parametrize(
    ("csv", "problem"),
    [
        (b"name,email,team\nAda,ada@example.com,x\n", "row 1, column 3: unknown column 'team'"),
        (
            b"name,email\nAda,ada@example.com\nBo,not-an-email\n",
            "row 3, column email: 'not-an-email' is not an e-mail address",
        ),
        (
            b"name,email\nAda,ada@example.com\nAda B,ADA@example.com\n",
            "row 3, column email: ada@example.com is already on row 2",
        ),
        (b"name,email\n,x@example.com\n", "row 2, column name: the name is empty"),
        (b"name\nAda\n", "row 1: the column 'email' is missing"),
        (b"\xff\xfe\x00", "not UTF-8"),
    ],
)
def test_a_list_with_a_bad_row_imports_nothing_and_names_the_row(
    client: Client, facilitator: Any, csv: bytes, problem: str
) -> None:
    org, _ = facilitator
    campaign = make_campaign(client, org)
    response = upload(client, org, campaign, "team.csv", csv)
    assert response.status_code == 400
    assert problem in html.unescape(response.content.decode())
    assert not Respondent.objects.exists()


def test_an_email_already_in_the_campaign_is_refused(client: Client, facilitator: Any) -> None:
    org, _ = facilitator
    campaign = make_campaign(client, org)
    client.post(
        f"/o/{org.pk}/campaigns/{campaign.pk}/respondents/",
        {"name": "Ada", "email": "ada@example.com"},
    )
    response = upload(
        client, org, campaign, "t.csv", b"name,email\nNew,new@example.com\nAda,ada@example.com\n"
    )
    assert "row 3, column email: ada@example.com is already a respondent" in html.unescape(
        response.content.decode()
    )
    assert campaign.respondents.count() == 1


@pytest.mark.usefixtures("immediate_tasks")
def test_invitations_and_reminders_are_sent_by_the_task_with_personal_links(
    client: Client, facilitator: Any
) -> None:
    org, _ = facilitator
    campaign = make_campaign(client, org)
    upload(
        client,
        org,
        campaign,
        "t.csv",
        b"name,email,department\nAda,ada@example.com,IT\nBo,bo@example.com,IT\n",
    )
    client.post(f"/o/{org.pk}/campaigns/{campaign.pk}/invite/", {"who": "new"})
    assert sorted(m.to[0] for m in mail.outbox) == ["ada@example.com", "bo@example.com"]
    ada = Respondent.objects.get(email="ada@example.com")
    assert f"/a/{ada.assessment.resume_token}/" in next(
        m.body for m in mail.outbox if m.to == ["ada@example.com"]
    )
    assert ada.invited_at is not None
    client.post(f"/o/{org.pk}/campaigns/{campaign.pk}/invite/", {"who": "new"})
    assert len(mail.outbox) == 2  # nobody is invited twice by "invite new"
    client.post(f"/o/{org.pk}/campaigns/{campaign.pk}/invite/", {"who": str(ada.pk)})
    assert mail.outbox[-1].subject.startswith("Reminder:")


@pytest.mark.django_db(transaction=True)  # the worker closes its connection when done
def test_invitations_wait_in_the_database_for_the_worker(client: Client, facilitator: Any) -> None:
    from django_tasks_db.models import DBTaskResult

    org, _ = facilitator
    campaign = make_campaign(client, org)
    client.post(
        f"/o/{org.pk}/campaigns/{campaign.pk}/respondents/",
        {"name": "Ada", "email": "ada@example.com"},
    )
    client.post(f"/o/{org.pk}/campaigns/{campaign.pk}/invite/", {"who": "new"})
    assert not mail.outbox  # the page did not wait for the mail server
    assert DBTaskResult.objects.count() == 1
    call_command(
        "db_worker", batch=True, no_startup_delay=True, verbosity=0
    )  # what `cxm worker` runs
    assert [m.to for m in mail.outbox] == [["ada@example.com"]]
    assert Respondent.objects.get().invited_at is not None


def test_progress_counts_per_department(client: Client, facilitator: Any) -> None:
    org, _ = facilitator
    campaign = make_campaign(client, org)
    upload(
        client,
        org,
        campaign,
        "t.csv",
        b"name,email,department\nAda,ada@example.com,IT\nBo,bo@example.com,IT\nCy,cy@example.com,Sales\n",
    )
    ada = Respondent.objects.get(email="ada@example.com")
    client.post(
        f"/a/{ada.assessment.resume_token}/save/", {"question": "proc_sops", "a.proc_sops": "yes"}
    )
    page = client.get(f"/o/{org.pk}/campaigns/{campaign.pk}/").content.decode()
    assert "0</strong> of 3 respondents have finished; 1 started" in page
    assert "started (1 answers)" in page


def test_closing_the_campaign_freezes_answers(client: Client, facilitator: Any) -> None:
    org, _ = facilitator
    campaign = make_campaign(client, org)
    client.post(
        f"/o/{org.pk}/campaigns/{campaign.pk}/respondents/",
        {"name": "Ada", "email": "ada@example.com"},
    )
    token = Respondent.objects.get().assessment.resume_token
    client.post(f"/a/{token}/save/", {"question": "proc_sops", "a.proc_sops": "yes"})
    client.post(f"/o/{org.pk}/campaigns/{campaign.pk}/status/", {"status": "closed"})
    refused = client.post(f"/a/{token}/save/", {"question": "proc_sops", "a.proc_sops": "no"})
    assert refused.status_code == 403
    assert Answer.objects.get().value is True
    assert client.post(f"/a/{token}/p/1/", {"a.proc_sops": "no"}).status_code == 403
    client.post(f"/o/{org.pk}/campaigns/{campaign.pk}/status/", {"status": "open"})
    assert (
        client.post(f"/a/{token}/save/", {"question": "proc_sops", "a.proc_sops": "no"}).status_code
        == 200
    )


def test_individual_answers_are_hidden_in_anonymous_campaigns(
    client: Client, facilitator: Any
) -> None:
    org, _ = facilitator
    campaign = make_campaign(client, org, anonymous="on")
    client.post(
        f"/o/{org.pk}/campaigns/{campaign.pk}/respondents/",
        {"name": "Ada", "email": "ada@example.com"},
    )
    respondent = Respondent.objects.get()
    client.post(
        f"/a/{respondent.assessment.resume_token}/save/",
        {"question": "proc_sops", "a.proc_sops": "yes"},
    )
    assert (
        client.get(f"/o/{org.pk}/campaigns/{campaign.pk}/respondents/{respondent.pk}/").status_code
        == 404
    )
    campaign.anonymous = False
    campaign.save()
    shown = client.get(f"/o/{org.pk}/campaigns/{campaign.pk}/respondents/{respondent.pk}/")
    assert shown.status_code == 200
    assert "proc_sops" in shown.content.decode()
