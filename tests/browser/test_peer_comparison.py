"""The live peer comparison on a result page, in a real browser: six opted-in retailers
have finished the same model; one of them reads its result page. The peer section shows,
per dimension, the percentile with its interval and quartile, the median and the group
size (equal to the core's figures for the same scores), draws the distribution chart and
says whether band cut points are live or the model's defaults. A narrower group picked
with the page's own form is too small and shows no size; an organization that opts out
on its settings page leaves the group one smaller.

The peers are made in the database; everything a visitor does happens on the pages.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from browsing import NewPage
from django.conf import settings as django_settings
from django.template.defaultfilters import floatformat
from django.test import Client
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from cxmaturity.core.benchmarks import ScoreDistribution, peer_position
from cxmaturity.core.scoring import sample_respondents
from cxmaturity.models import builtin
from cxmaturity.web.assessments import services
from cxmaturity.web.assessments.models import Assessment, ModelVersion
from cxmaturity.web.benchmarks import section
from cxmaturity.web.benchmarks.store import scores_of
from cxmaturity.web.organizations.models import Membership, Organization

MODEL_ID = "cx-automation"
# Six retailers: four in Europe, two in the Americas. The first one reads its result.
REGIONS = ["europe", "europe", "europe", "europe", "americas", "americas"]
OPTING_OUT = 5  # an American retailer


@pytest.fixture(autouse=True)
def _quick_hashing(settings: Any) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def finished_peer(n: int, region: str) -> tuple[Organization, Assessment]:
    """An opted-in retail organization with one finished assessment of MODEL_ID."""
    org = Organization.objects.create(
        name=f"Retailer {n}", industry="retail", region=region, size="250-999"
    )
    model = builtin(MODEL_ID)
    assessment = Assessment.objects.create(
        model_version=ModelVersion.objects.get(model_id=MODEL_ID, version=model.version),
        organization=org,
        industry="retail",
        region=region,
        size="250-999",
    )
    document = next(sample_respondents(model, 1, seed=20 + n, industry="retail"))
    services.store_document(assessment, document["answers"])
    services.finish(assessment)
    assessment.refresh_from_db()
    return org, assessment


def log_in_as_owner(page: Page, org: Organization, live_server: LiveServer) -> None:
    """The page's browser carries a session of a new owner of `org`."""
    from django.contrib.auth import get_user_model

    owner = get_user_model().objects.create_user(
        username="owner@example.com", email="owner@example.com", password="pw-12345678"
    )
    Membership.objects.create(user=owner, organization=org, role="owner")
    client = Client()
    client.force_login(owner)
    session = client.cookies[django_settings.SESSION_COOKIE_NAME].value
    page.context.add_cookies(
        [{"name": django_settings.SESSION_COOKIE_NAME, "value": session, "url": live_server.url}]
    )


def expected_rows(own: Assessment, peers: list[Assessment]) -> dict[str, Any]:
    """Per dimension (and overall), the core's position of `own` among all `peers`."""
    mine = scores_of(own.result)
    return {
        dimension: peer_position(
            ScoreDistribution([scores_of(p.result)[dimension] for p in peers]), score
        )
        for dimension, score in mine.items()
    }


def check_shown(page: Page, expected: dict[str, Any]) -> None:
    for dimension, position in expected.items():
        row = page.get_by_test_id(f"peer-row-{dimension}")
        expect(page.get_by_test_id(f"percentile-{dimension}")).to_have_text(
            floatformat(position.percentile, "0")
        )
        interval = (
            f"(likely {floatformat(position.interval.low, '0')}"
            f"–{floatformat(position.interval.high, '0')}, "
            f"{round(100 * position.interval.confidence)}% confidence)"
            f" · quartile {position.quartile}"
        )
        expect(row).to_contain_text(interval)
        expect(row.locator("td").nth(3)).to_have_text(floatformat(position.median, "-1"))
        expect(page.get_by_test_id(f"peers-{dimension}")).to_have_text(str(position.peer_count))
        expect(page.get_by_test_id(f"hidden-{dimension}")).to_have_count(0)


def test_the_peer_section_shows_hides_and_follows_opting_out(
    new_page: NewPage, live_server: LiveServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    made = [finished_peer(n, region) for n, region in enumerate(REGIONS)]
    orgs = [org for org, _ in made]
    assessments = [a for _, a in made]
    own = assessments[0]
    expected = expected_rows(own, assessments)
    assert len(expected) > 1
    assert all(p.peer_count == len(REGIONS) for p in expected.values())

    # The default group: the result's industry, six retailers.
    page = new_page()
    page.goto(f"/r/{own.result_token}/")
    peers = page.locator("section#peers")
    expect(peers.get_by_role("heading", name="How you compare with peers")).to_be_visible()
    expect(peers.get_by_label("Compare with")).to_have_value("industry")
    expect(page.get_by_test_id("peer-table").locator("caption")).to_have_text(
        "Your scores against Retail & e-commerce organizations"
    )
    check_shown(page, expected)
    # Six peers are fewer than the live cut points need: every band says it uses defaults.
    table = page.get_by_test_id("peer-table")
    defaults = table.get_by_text(
        f"the model’s defaults: fewer than {section.DEFAULT_LIVE_MIN_SIZE} peers to compare"
    )
    bands = defaults.count()
    assert bands >= 1
    expect(table.get_by_text("live, from these peers")).to_have_count(0)
    # The distribution chart is drawn from its spec in the page.
    chart = peers.locator(".chart[data-chart]")
    expect(chart).to_have_count(1)
    expect(chart).to_have_attribute("data-interactive", "true")
    expect(chart.locator("svg").first).to_be_visible()
    # ...and keeps the static image's description as its accessible name.
    expect(chart.locator(":scope > [role=img]")).to_have_attribute(
        "aria-label", re.compile(r"\w{3}")
    )
    expect(peers.get_by_text("There are not enough peers to compare with yet")).to_have_count(0)

    # With live cut points from five peers on, the same group says its bands are live.
    monkeypatch.setattr(section, "DEFAULT_LIVE_MIN_SIZE", 5)
    page.reload()
    live = table.get_by_text("live, from these peers")
    expect(live).to_have_count(bands)
    expect(table.get_by_text("the model’s defaults")).to_have_count(0)
    monkeypatch.undo()

    # Retailers in Europe: four, too few. The page's form picks the group.
    peers.get_by_label("Compare with").select_option("industry+region")
    peers.get_by_role("button", name="Show").click()
    expect(page).to_have_url(re.compile(r"\?peers=industry%2Bregion#peers$"))
    expect(peers.get_by_label("Compare with")).to_have_value("industry+region")
    for dimension in expected:
        expect(page.get_by_test_id(f"hidden-{dimension}")).to_have_text(
            "Not enough peers to compare"
        )
        expect(page.get_by_test_id(f"peers-{dimension}")).to_have_count(0)
        expect(page.get_by_test_id(f"percentile-{dimension}")).to_have_count(0)
    expect(peers.get_by_text("There are not enough peers to compare with yet")).to_be_visible()
    expect(peers.locator(".chart")).to_have_count(0)

    # An American retailer's owner opts out on its settings page.
    owner_page = new_page()
    leaving = orgs[OPTING_OUT]
    log_in_as_owner(owner_page, leaving, live_server)
    owner_page.goto(f"/o/{leaving.pk}/settings/")
    opt_in = owner_page.get_by_label("Include our completed assessments in anonymous peer")
    expect(opt_in).to_be_checked()
    opt_in.uncheck()
    owner_page.get_by_role("button", name="Save settings").click()
    expect(owner_page.get_by_text("Settings saved.")).to_be_visible()
    expect(
        owner_page.get_by_label("Include our completed assessments in anonymous peer")
    ).not_to_be_checked()
    leaving.refresh_from_db()
    assert not leaving.peer_opt_in

    # The retail group is now five: still shown, one smaller, with the core's figures.
    peers.get_by_label("Compare with").select_option("industry")
    peers.get_by_role("button", name="Show").click()
    expect(page).to_have_url(re.compile(r"\?peers=industry#peers$"))
    remaining = [a for n, a in enumerate(assessments) if n != OPTING_OUT]
    fewer = expected_rows(own, remaining)
    assert all(p.peer_count == len(REGIONS) - 1 for p in fewer.values())
    check_shown(page, fewer)
