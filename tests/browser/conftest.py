"""Headless Chromium driven by Playwright against pytest-django's live server.

The browser: Debian's `chromium` when installed, otherwise the one `playwright install chromium`
put in place. With neither, the run stops before the first test with one line saying what to
install.
"""

import os
import shutil
from pathlib import Path

import pytest
from django.db import connections

# Playwright's sync API runs an event loop in the test thread; Django would otherwise refuse
# database access from it ("You cannot call this from an async context").
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM_KEY = pytest.StashKey[str]()
NO_BROWSER = (
    "No browser for the browser tests: install Debian's chromium (apt-get install chromium) "
    "or run `.venv/bin/playwright install chromium`"
)


def find_chromium() -> str | None:
    """The Chromium executable: Debian's first, then Playwright's own download."""
    debian = shutil.which("chromium") or shutil.which("chromium-browser")
    if debian:
        return debian
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        bundled = playwright.chromium.executable_path
    return bundled if bundled and Path(bundled).exists() else None


def pytest_collection_modifyitems(config, items):
    """Find the browser once, when browser tests are selected; stop early when there is none."""
    if not any(item.get_closest_marker("browser") for item in items):
        return
    chromium = find_chromium()
    if chromium is None:
        pytest.exit(NO_BROWSER, returncode=3)
    config.stash[CHROMIUM_KEY] = chromium


CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="module")
def browser(django_db_setup, pytestconfig):
    """One Chromium per test module, so no event loop outlives the browser tests.

    Once Playwright runs, the test thread has a running event loop and Django hands it new
    database connection objects (asgiref's Local switches to per-context storage). Those lack
    the data serialized when the test database was created, so `serialized_rollback` would
    restore nothing (the ranks seeded by migration among it); it is handed over here.
    """
    from playwright.sync_api import sync_playwright

    serialized = {
        alias: connections[alias]._test_serialized_contents
        for alias in connections
        if hasattr(connections[alias], "_test_serialized_contents")
    }
    with sync_playwright() as playwright:
        for alias, contents in serialized.items():
            connections[alias]._test_serialized_contents = contents
        browser = playwright.chromium.launch(
            executable_path=pytestconfig.stash[CHROMIUM_KEY], args=CHROMIUM_ARGS, headless=True
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="id-ID", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()
