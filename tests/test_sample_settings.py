"""The tests build with the sample's settings frozen in tests/fixtures/settings/, so they pass in a
company's checkout too, where `make new-site` rewrote pelicanconf.py and publishconf.py. While this
checkout is the sample, the frozen copy must say what the live files say."""

from __future__ import annotations

import re
import sys

import pytest

from helpers.site import HAS_SAMPLE_CONTENT, ROOT, SAMPLE_SETTINGS
from tools.build import load_settings

SETTINGS_FILES = ("pelicanconf.py", "publishconf.py")
# How a test would read the checkout's own settings instead of the frozen copy.
LIVE_SETTINGS = re.compile(r"""ROOT\s*/\s*["'](pelicanconf|publishconf)\.py["']"""
                           r"""|["']--settings["'],\s*["'](pelicanconf|publishconf)\.py["']"""
                           r"""|sys\.path\.insert\(0, \{str\(ROOT\)!r\}\)""")


def loaded(folder, name: str) -> dict:
    """The settings as a build sees them, without the file they came from."""
    if name == "publishconf.py":  # the live one imports `pelicanconf`: make that the file beside it
        sys.modules.pop("pelicanconf", None)
        load_settings(folder / "pelicanconf.py")
    values = load_settings(folder / name)
    values.pop("SETTINGS_FILE")
    return values


@pytest.mark.skipif(not HAS_SAMPLE_CONTENT, reason="this checkout is a company's own blog now (make new-site ran): "
                                                   "its settings are its own, the tests keep the sample's")
@pytest.mark.parametrize("name", SETTINGS_FILES)
def test_the_frozen_sample_settings_are_the_live_ones(name):
    live, frozen = loaded(ROOT, name), loaded(SAMPLE_SETTINGS, name)
    differing = sorted(key for key in live.keys() | frozen.keys() if live.get(key, ...) != frozen.get(key, ...))
    assert differing == [], (f"{name} and tests/fixtures/settings/{name} differ in {', '.join(differing)}: "
                             "change the frozen copy with the live file (paths there point into the project)")


def test_no_test_reads_the_checkouts_own_settings():
    found = []
    for path in sorted((ROOT / "tests").rglob("*.py")):
        if path.name in ("test_sample_settings.py", "test_new_site.py"):  # these read the live files on purpose
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if LIVE_SETTINGS.search(line):
                found.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert found == [], ("these read the checkout's pelicanconf.py/publishconf.py, which make new-site rewrites; "
                         "use helpers.site.SAMPLE_PELICANCONF / SAMPLE_PUBLISHCONF:\n" + "\n".join(found))
