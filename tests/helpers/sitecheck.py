"""Helpers for the site-check tests: missing checkers, a fixed environment."""

from __future__ import annotations

import contextlib
import os

import pytest

from tools.sitecheck import environment


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
