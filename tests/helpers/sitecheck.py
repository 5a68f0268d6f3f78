"""Helpers for the site-check tests: missing checkers, a fixed environment, the sample's URL layout."""

from __future__ import annotations

import contextlib
import os
from functools import lru_cache

import pytest

from helpers.site import SAMPLE_PELICANCONF
from tools.build import load_settings
from tools.sitecheck import environment, pagetypes


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


@lru_cache(maxsize=None)
def sample_site():
    """(URL table, settings) of the sample's settings, for pagetypes.discover on an output folder
    (without it, discover reads the checkout's pelicanconf.py, which make new-site rewrites)."""
    return pagetypes.site_of(load_settings(SAMPLE_PELICANCONF))


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
