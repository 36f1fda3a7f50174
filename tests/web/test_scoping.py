"""Nobody sees what is not theirs: every URL pattern, for every kind of caller.

The patterns are read from the URL configuration, not listed by hand, so a new page
is checked the day it is added: an organization page must be wrapped by `member_view`
(or the test fails), and for a caller from another organization it must answer 404
with none of the organization's data, whatever the method.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from webtools import organization_with, user, version

from cxmaturity.web.campaigns.models import Campaign, ReportJob
from cxmaturity.web.campaigns.roster import RosterRow
from cxmaturity.web.campaigns.services import add_respondents
from cxmaturity.web.organizations.models import PERMISSIONS, Membership, Role
from cxmaturity.web.plans.models import Plan

SECRET = "Zebracorn Holdings"
# Pages anyone may open: the self-assessment front door, accounts, health, operators.
PUBLIC = re.compile(r"^(|healthz|accounts/.*|admin/.*|orgs/)$")
# Pages that answer 404 to an allowed member when there is nothing to show yet: no logo,
# no finished respondent to report on, a report still being made.
NOTHING_TO_SHOW = ("logo", "respondents/<int:respondent_id>/", "report.<str:fmt>", "download")
TOKEN = re.compile(r"^(a|r)/<str:token>/")


def patterns(resolvers: list[Any], prefix: str = "") -> Iterator[tuple[str, URLPattern]]:
    for entry in resolvers:
        if isinstance(entry, URLResolver):
            yield from patterns(entry.url_patterns, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern), entry


@pytest.fixture
def world() -> dict[str, Any]:
    org, owner = organization_with("owner", "owner@a.example", SECRET)
    people = {"owner": owner}
    for role in ("facilitator", "viewer"):
        people[role] = user(f"{role}@a.example")
        Membership.objects.create(user=people[role], organization=org, role=role)
    campaign = Campaign.objects.create(
        organization=org,
        name=f"{SECRET} campaign",
        model_version=version("cx-curve"),
        industry="retail",
    )
    respondent = add_respondents(campaign, [RosterRow(0, "Ada Secret", "ada@a.example", "IT", "")])[
        0
    ]
    plan = Plan.objects.create(
        organization=org, campaign=campaign, model_version=campaign.model_version
    )
    _, outsider = organization_with("owner", "owner@b.example", "Other Org")
    ids = {
        "org_id": org.pk,
        "campaign_id": campaign.pk,
        "respondent_id": respondent.pk,
        "member_id": Membership.objects.get(user=people["viewer"]).pk,
        "chart": "radar",
        "plan_id": plan.pk,
        "fmt": "json",
        "job_id": ReportJob.objects.create(campaign=campaign, format="pdf").pk,
    }
    return {"people": people, "outsider": outsider, "ids": ids}


def org_routes(ids: dict[str, int]) -> list[tuple[str, str, Any]]:
    """(url, route, view) for every organization-scoped pattern, filled with org A's ids."""
    out = []
    for route, pattern in patterns(get_resolver().url_patterns):
        if "<int:org_id>" not in route:
            continue
        url = "/" + re.sub(r"<(?:int|str):(\w+)>", lambda m: str(ids[m.group(1)]), route)
        out.append((url, route, pattern.callback))
    return out


def test_every_route_is_public_token_scoped_or_organization_scoped() -> None:
    for route, pattern in patterns(get_resolver().url_patterns):
        if "<int:org_id>" in route:
            assert hasattr(pattern.callback, "required_action"), (
                f"{route} is not wrapped by member_view"
            )
        else:
            assert (
                PUBLIC.match(route)
                or TOKEN.match(route)
                or route.startswith(("accounts/", "admin/"))
            ), f"{route} is neither public, token-scoped nor organization-scoped"


def test_another_organizations_member_gets_404_and_no_data_everywhere(
    client: Client, world: dict[str, Any]
) -> None:
    client.force_login(world["outsider"])
    routes = org_routes(world["ids"])
    assert len(routes) >= 12
    for url, route, _ in routes:
        for method in (client.get, client.post):
            response = method(url)
            assert response.status_code == 404, (
                f"{method.__name__.upper()} {route}: {response.status_code}"
            )
            assert SECRET not in response.content.decode(), route
            assert "Ada Secret" not in response.content.decode(), route


def test_signed_out_visitors_are_sent_to_log_in(world: dict[str, Any]) -> None:
    client = Client()
    for url, route, _ in org_routes(world["ids"]):
        response = client.get(url)
        assert response.status_code == 302, route
        assert response["Location"].startswith("/accounts/login/"), route


@pytest.mark.parametrize("role", [r.value for r in Role])
def test_each_role_reaches_exactly_what_it_may(
    client: Client, world: dict[str, Any], role: str
) -> None:
    client.force_login(world["people"][role])
    for url, route, view in org_routes(world["ids"]):
        response = client.get(url)
        allowed = role in PERMISSIONS[view.required_action]
        if allowed:
            assert response.status_code in (200, 302, 404, 405), (
                f"{role} GET {route}: {response.status_code}"
            )
            if response.status_code == 404:  # only a page that has nothing to show may say so
                assert route.endswith(NOTHING_TO_SHOW), route
        else:
            assert response.status_code == 403, f"{role} GET {route}: {response.status_code}"
            assert "Ada Secret" not in response.content.decode()
