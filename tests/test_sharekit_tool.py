"""`make share WEEK=…` (python -m tools.share): the posts of a built output in the terminal, clear errors."""

import json
import subprocess

import pytest

from helpers.sharekit import EXPECTED_NAMES
from helpers.site import ROOT, SAMPLE_PELICANCONF, SAMPLE_SETTINGS, run_tool, write_files
from tools.share import ShareToolError, choose_week, format_posts, normalise_week

SAMPLE = ("--settings", str(SAMPLE_PELICANCONF))


@pytest.fixture(scope="module")
def output(sharekit_site):
    """The output of one `make html` build of the share-kit site."""
    return sharekit_site.output


def test_prints_every_networks_posts_with_lengths(output):
    done = run_tool("tools.share", "2026-W47", *SAMPLE, "--output", str(output))
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert out.startswith("#FollowFriday 2026-W47")
    for name in ("Mastodon", "Bluesky", "LinkedIn", "XING", "X"):
        assert f"===== {name} (" in out
    assert "/ 500 Zeichen" in out and "/ 280 Zeichen" in out
    for names in EXPECTED_NAMES.values():
        for name in names:
            assert f"\n{name}\n" in out


def test_posts_are_read_from_the_share_json_of_the_output_not_rebuilt(tmp_path):
    write_files(tmp_path, {
        "index.html": "<!DOCTYPE html><title>x</title>",
        "wochenrueckblick/2026-W47/teilen/share.json": json.dumps({"mastodon": ["Nur aus share.json"]}),
    })
    done = run_tool("tools.share", *SAMPLE, "--output", str(tmp_path))
    assert done.returncode == 0, done.stderr
    assert done.stdout == ("#FollowFriday 2026-W47  ·  "
                           "https://blog.nordlicht-werkstatt.example/wochenrueckblick/2026-W47/teilen/\n\n"
                           "===== Mastodon (1 Beitrag) " + "=" * 43 + "\n"
                           "----- Mastodon 1/1 · 18 / 500 Zeichen -----\nNur aus share.json\n")


def test_make_share_reads_the_share_page_where_the_given_settings_put_it(tmp_path):
    settings = tmp_path / "englishconf.py"
    settings.write_text(f"import sys\nsys.path.insert(0, {str(SAMPLE_SETTINGS)!r})\nfrom pelicanconf import *\n"
                        'ROUNDUP_SHARE_URL = "weekly/{slug}/share/"\n', encoding="utf-8")
    write_files(tmp_path / "out", {
        "index.html": "<!DOCTYPE html><title>x</title>",
        "weekly/2026-W47/share/share.json": json.dumps({"mastodon": ["Aus weekly/"]}),
    })
    done = subprocess.run(["make", "-s", "-o", ".venv/.installed", "share", "WEEK=2026-W47",
                           f"SETTINGS={settings}", f"OUTPUT={tmp_path / 'out'}"],
                          cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "Aus weekly/" in done.stdout and "/weekly/2026-W47/share/" in done.stdout


def test_output_without_a_built_site_says_to_run_make_html_first(tmp_path):
    done = run_tool("tools.share", "2026-W47", *SAMPLE, "--output", str(tmp_path / "output"))
    assert done.returncode == 1
    assert done.stdout == ""
    assert "has no built site, so no share data: run `make html` (or `make publish`) first" in done.stderr
    assert "Traceback" not in done.stderr


def test_unknown_week_lists_the_available_ones(output):
    done = run_tool("tools.share", "2026-W50", *SAMPLE, "--output", str(output))
    assert done.returncode == 1
    assert "no #FollowFriday page for week 2026-W50; available: 2026-W47" in done.stderr


@pytest.mark.parametrize("value, expected", [
    ("2026-W47", "2026-W47"), ("2026-w47", "2026-W47"), ("2026W47", "2026-W47"), ("2026-W7", "2026-W07"),
])
def test_weeks_are_read_in_their_usual_spellings(value, expected):
    assert normalise_week(value) == expected

@pytest.mark.parametrize("value", ["KW47", "2026-W54", "47", ""])
def test_a_mistyped_week_says_how_to_write_it(value):
    with pytest.raises(ShareToolError, match="write it like 2026-W47"):
        normalise_week(value)

def test_without_a_week_the_latest_roundup_is_chosen():
    weeks = {"2026-W45": None, "2026-W47": None, "2026-W46": None}
    assert choose_week(weeks, None) == "2026-W47"

def test_no_roundups_at_all_is_explained():
    with pytest.raises(ShareToolError, match="no roundup yet"):
        choose_week({}, None)

def test_threads_show_each_post_numbered():
    text = format_posts("2026-W47", {"x": ["a\n\n1/2", "b\n\n2/2"]}, {"x": 280}, "https://example.org/")
    assert "===== X (Thread aus 2 Beiträgen)" in text
    assert "----- X 1/2 · 6 / 280 Zeichen -----" in text and "----- X 2/2 · 6 / 280 Zeichen -----" in text
