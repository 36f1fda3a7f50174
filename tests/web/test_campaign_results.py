"""Campaign results: the combined result, spread and departments, the consensus workshop,
and what anonymity and roles keep back."""

from __future__ import annotations

import html
from typing import Any

from django.test import Client
from webtools import campaign_with, organization_with, user

from cxmaturity.core.aggregation import Agreed
from cxmaturity.web.campaigns import summary
from cxmaturity.web.campaigns.models import AgreedAnswer
from cxmaturity.web.organizations.models import Membership

DEPARTMENTS = ["IT", "IT", "IT", "Sales", "Sales", "Sales", "Support"]


def url(campaign: Any, tail: str = "") -> str:
    return f"/o/{campaign.organization_id}/campaigns/{campaign.pk}/{tail}"


def test_the_results_page_combines_every_finished_respondent(client: Client) -> None:
    org, facilitator = organization_with("facilitator", "f@example.com")
    campaign = campaign_with(org, DEPARTMENTS)
    client.force_login(facilitator)
    page = html.unescape(client.get(url(campaign, "results/")).content.decode())
    assert "Combined from <strong>7</strong> finished respondents" in page
    assert "Where people see things differently" in page
    assert "spec-dimension_spread" in page
    assert "spec-department_heatmap" in page
    aggregate = summary.campaign_aggregate(campaign)
    assert aggregate.result.overall.level is not None
    assert aggregate.result.overall.level.label in page
    heatmap = client.get(url(campaign, "charts/department_heatmap.svg"))
    assert heatmap.status_code == 200
    assert b"Support" not in heatmap.content  # one respondent: never shown, nor derivable


def test_an_agreed_answer_replaces_the_combined_one_and_is_logged(client: Client) -> None:
    org, facilitator = organization_with("facilitator", "f@example.com")
    campaign = campaign_with(org, DEPARTMENTS)
    client.force_login(facilitator)
    refused = client.post(url(campaign, "workshop/"), {"key": "proc_sops", "a.proc_sops": "no"})
    assert refused.status_code == 400
    assert "Say why the team settled on this answer." in refused.content.decode()
    assert not AgreedAnswer.objects.exists()
    for answer in ("no", "yes"):
        done = client.post(
            url(campaign, "workshop/"),
            {"key": "proc_sops", "a.proc_sops": answer, "reason": f"we checked: {answer}"},
        )
        assert done.status_code == 302
    assert [a.value for a in AgreedAnswer.objects.order_by("pk")] == [
        False,
        True,
    ]  # the log keeps both
    aggregate = summary.campaign_aggregate(campaign)
    assert aggregate.consensus.sources["proc_sops"] == "agreed"
    assert aggregate.consensus.answers["proc_sops"] is True
    page = client.get(url(campaign, "results/")).content.decode()
    assert "we checked: no" in page
    assert "we checked: yes" in page


def test_a_bad_agreed_answer_is_refused(client: Client) -> None:
    org, facilitator = organization_with("facilitator", "f@example.com")
    campaign = campaign_with(org, DEPARTMENTS)
    client.force_login(facilitator)
    response = client.post(
        url(campaign, "workshop/"), {"key": "proc_sops", "a.proc_sops": "maybe", "reason": "x"}
    )
    assert response.status_code == 400
    assert not AgreedAnswer.objects.exists()
    assert (
        client.post(url(campaign, "workshop/"), {"key": "nothing", "reason": "x"}).status_code
        == 404
    )


def test_the_workshop_lists_flagged_questions_first() -> None:
    org, _ = organization_with("facilitator", "f@example.com")
    campaign = campaign_with(org, DEPARTMENTS, model_id="cx-automation")
    aggregate = summary.campaign_aggregate(campaign)
    assert aggregate.flagged  # sample respondents scatter: some questions split the group
    assert summary.agreed_answers(campaign) == {}
    assert isinstance(Agreed("x"), Agreed)


def test_anonymous_campaigns_wait_for_three_and_never_name_anyone(client: Client) -> None:
    org, facilitator = organization_with("facilitator", "f@example.com")
    campaign = campaign_with(org, ["IT", "Sales"], anonymous=True)
    client.force_login(facilitator)
    page = client.get(url(campaign, "results/")).content.decode()
    assert "Not enough answers yet" in page
    assert client.get(url(campaign, "results.json")).status_code == 404
    bigger = campaign_with(org, DEPARTMENTS, anonymous=True)
    data = client.get(url(bigger, "results.json")).json()
    assert data["individual"] is None
    text = client.get(url(bigger, "results/")).content.decode() + str(data)
    assert "Person 0" not in text
    assert "p0@example.com" not in text


def test_viewers_get_aggregates_only(client: Client) -> None:
    org, _ = organization_with("facilitator", "f@example.com")
    campaign = campaign_with(org, DEPARTMENTS)
    viewer = user("v@example.com")
    Membership.objects.create(user=viewer, organization=org, role="viewer")
    client.force_login(viewer)
    assert client.get(url(campaign, "results/")).status_code == 200
    assert client.get(url(campaign, "results.json")).json()["individual"] is None
    assert client.get(url(campaign, "workshop/")).status_code == 403
    assert client.get(url(campaign)).status_code == 403
