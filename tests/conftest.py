"""Shared fixtures: build a tiny site in tmp_path with the real settings, theme and plugins.

Fixtures of one feature live in tests/fixtures/ and are registered here; plain helpers (text
builders, expected values) are in tests/helpers/. Test modules never import each other or this file.
"""

from __future__ import annotations

import os
from pathlib import Path

# Problems in English for the tests that read them (a German site's problems have tests of their own);
# set before the product's modules are imported, and inherited by the tools the tests run.
os.environ.setdefault("PROBLEM_LANG", "en")
# Every problem's text must come from the catalogs (plugins/shared/messages.py): a plain string fails.
os.environ.setdefault("WERKBANK_STRICT_MESSAGES", "1")

import pytest  # noqa: E402

from helpers.site import DEFAULT_BUILD_TIME, MINIMAL_SITE, SiteBuild, site_settings, write_files
from tools.build import build

pytest_plugins = ["fixtures.browsers", "fixtures.preview", "fixtures.sharekit"]


@pytest.fixture(scope="session")
def build_in_folder():
    """build_in_folder(folder, files, settings_file=..., overrides=..., build_time=epoch) -> SiteBuild.

    Writes `files` (None values left out, nothing merged in) to folder/content and builds into
    folder/output with SOURCE_DATE_EPOCH set for the build only: for module-scoped builds and for
    comparing two builds side by side.
    """
    def _build(folder: Path, files: dict, *, settings_file="pelicanconf.py", overrides=None,
               build_time: str = DEFAULT_BUILD_TIME) -> SiteBuild:
        write_files(folder / "content", {k: v for k, v in files.items() if v is not None})
        with pytest.MonkeyPatch.context() as patch:
            patch.setenv("SOURCE_DATE_EPOCH", str(build_time))
            result = build(site_settings(folder, settings_file, overrides))
        return SiteBuild(result, folder / "content", folder / "output")

    return _build


@pytest.fixture
def build_site(tmp_path, monkeypatch):
    """build_site(files, settings_file=..., overrides=..., build_time=epoch) -> SiteBuild.

    `files` maps paths under content/ to text; a value of None removes a MINIMAL_SITE file.
    """
    monkeypatch.setenv("SOURCE_DATE_EPOCH", DEFAULT_BUILD_TIME)

    def _build(files: dict | None = None, *, settings_file="pelicanconf.py", overrides=None,
               build_time: str | None = None, base_files: dict = MINIMAL_SITE) -> SiteBuild:
        if build_time:
            monkeypatch.setenv("SOURCE_DATE_EPOCH", str(build_time))
        merged = {**base_files, **(files or {})}
        content = tmp_path / "content"
        write_files(content, {k: v for k, v in merged.items() if v is not None})
        result = build(site_settings(tmp_path, settings_file, overrides))
        return SiteBuild(result, content, tmp_path / "output")

    return _build
