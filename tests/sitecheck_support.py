"""Helpers for the site-check tests: missing checkers, one served site, one browser per session."""

from __future__ import annotations

import contextlib
import os

import pytest

from tools.chromium import running_browser
from tools.sitecheck import browser, environment
from tools.sitecheck.server import SiteServer


def require_tool(*names: str) -> None:
    """Skip locally, FAIL in CI (CI=true) when a checker is missing, saying how to install it."""
    problems = environment.missing(names)
    if not problems:
        return
    message = "; ".join(problems)
    if environment.running_in_ci():
        pytest.fail(f"CI must run this check, but {message}", pytrace=False)
    pytest.skip(message)


def require_browser() -> None:
    require_tool(*environment.BROWSER_TOOLS)


def require_validator() -> None:
    require_tool(*environment.VALIDATOR_TOOLS)


@contextlib.contextmanager
def fixed_environment(**values):
    """os.environ changes for a session-scoped fixture (monkeypatch is function-scoped)."""
    saved = {key: os.environ.get(key) for key in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


# Module scope, not session: other features' tests start their own Playwright, and a second
# sync_playwright() cannot run while one is active. One launch per test module costs about 1 s.
@pytest.fixture(scope="module")
def chromium():
    """One chromium for a test module, shared by all its tests."""
    require_browser()
    with running_browser() as running:
        yield running


@pytest.fixture(scope="session")
def axe_source():
    require_tool("axe-core")
    return browser.read_axe_source()


@pytest.fixture(scope="module")
def mobile_page(chromium, axe_source):
    """One reused tab at 375 px with axe-core loaded: each test navigates it to its own URL."""
    page = browser.new_page(chromium, axe_source=axe_source)
    yield page
    page.close()


@contextlib.contextmanager
def served(directory):
    with SiteServer(directory) as server:
        yield server
