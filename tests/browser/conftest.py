"""Fixtures for the browser tests: Debian's Chromium driven by Playwright against
pytest-django's live server, on the same databases as the web tests.

Without /usr/bin/chromium (which `make browser` installs) the tests are skipped with
the reason; with CI=true that is a failure instead, so CI cannot pass without them.

Playwright's sync API runs its asyncio event loop on the main thread, inside a
greenlet, for as long as Playwright is started. Django sees that running loop and
refuses ORM calls made from the test ("SynchronousOnlyOperation"), although the calls
really are synchronous: the loop only carries Playwright's own messages and never
touches the database, and the live server answers from its own threads. So
DJANGO_ALLOW_ASYNC_UNSAFE is set for exactly as long as Playwright runs (the `playwright`
fixture below, one per test module) and removed when it stops, so the web tests that the
same xdist worker runs afterwards keep Django's check.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

import pytest
from browsing import CHROMIUM, CHROMIUM_ARGS, MADE_UP, NewPage
from playwright.sync_api import (
    Browser,
    BrowserContext,
    Page,
    Playwright,
    expect,
    sync_playwright,
)
from pytest_django.live_server_helper import LiveServer

from cxmaturity.web.assessments import registry

# Generous, for a busy two-core machine; a failing wait still ends in seconds.
TIMEOUT_MS = 10_000
expect.set_options(timeout=TIMEOUT_MS)


@pytest.fixture(scope="session", autouse=True)
def _chromium_present() -> None:
    if not os.access(CHROMIUM, os.X_OK):
        reason = f"{CHROMIUM} is missing; `make browser` installs Debian's Chromium"
        if os.environ.get("CI", "").lower() in {"1", "true", "yes"}:
            pytest.fail(f"CI must run the browser tests: {reason}", pytrace=False)
        pytest.skip(reason)


@pytest.fixture(scope="session")
def django_db_setup(_chromium_present: None, django_db_setup: None) -> None:
    """The test database (tests/conftest.py), made only once Chromium is known to be there."""


@pytest.fixture(autouse=True)
def _models(live_server: LiveServer) -> None:  # noqa: ARG001 (brings the transactional db)
    registry.install_builtin_models()


@pytest.fixture(scope="module")
def playwright() -> Iterator[Playwright]:
    with pytest.MonkeyPatch.context() as env, sync_playwright() as running:
        env.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        yield running


@pytest.fixture(scope="module")
def browser(playwright: Playwright) -> Iterator[Browser]:
    launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
    yield launched
    launched.close()


@pytest.fixture
def new_page(browser: Browser, live_server: LiveServer) -> Iterator[NewPage]:
    """new_page(**context_options): a page in a fresh browser context (its own cookies,
    as another browser would have) on the live server. Fails the test on any uncaught
    script error and on any server error (5xx) in any of its pages."""
    contexts: list[BrowserContext] = []
    errors: list[str] = []

    def make(**options: Any) -> Page:
        context = browser.new_context(base_url=live_server.url, **options)
        context.set_default_timeout(TIMEOUT_MS)
        contexts.append(context)
        page = context.new_page()
        page.on("pageerror", lambda error: errors.append(f"script error: {error}"))
        page.on(
            "response",
            lambda r: (
                errors.append(f"{r.status} from {r.url}")
                if r.status >= 500 and MADE_UP not in r.headers
                else None
            ),
        )
        return page

    yield make
    for context in contexts:
        context.close()
    assert errors == [], "errors while browsing"


@pytest.fixture
def page(new_page: NewPage) -> Page:
    return new_page()
