"""The site model: one validated config, one build order whatever the order of PLUGINS."""

from __future__ import annotations

import filecmp
import os
import re
from pathlib import Path

import pytest

from helpers.frontmatter import article, series
from helpers.site import MINIMAL_SITE, ROOT, SAMPLE_PELICANCONF, SAMPLE_SETTINGS, run_tool, write_files
from shared.config import REQUIRED_PLUGINS, SCHEMA, read_config
from shared.problems import relative_path
from tools.build import build, load_settings

A_WEEK = {
    **MINIMAL_SITE,
    "articles/zweiter.md": article(
        "Zweiter Beitrag", "2026-11-19 10:00", author="tom-muster", id="0002", co_authors=["jana-beispiel"],
        thanks=["jana-beispiel", {"name": "Das Team Einkauf"}], series="tipps", tags=["netzwerken", "sprache"],
        category="Arbeitskultur", summary="Noch ein Satz.", aliases=["/2019/zweiter/"]),
    "series/tipps.yml": series("#Tipps", "Tipp {n}", description="Jede Woche.", weekday="thursday",
                               owners=["tom-muster"]),
}


def build_into(tmp: Path, name: str, plugins_reversed: bool) -> Path:
    settings = load_settings(SAMPLE_SETTINGS / "publishconf.py", {
        "PATH": str(tmp / "content"), "OUTPUT_PATH": str(tmp / name), "CACHE_PATH": str(tmp / f"{name}-cache")})
    if plugins_reversed:
        settings["PLUGINS"] = list(reversed(settings["PLUGINS"]))
    result = build(settings)
    assert result.exit_code(strict=True) == 0, result.summary()
    return tmp / name


def differing_files(left: Path, right: Path) -> list[str]:
    found = []
    for folder, _dirs, files in os.walk(left):
        for name in files:
            path = Path(folder) / name
            twin = right / path.relative_to(left)
            if not twin.exists() or not filecmp.cmp(path, twin, shallow=False):
                found.append(str(path.relative_to(left)))
    found += [str(p.relative_to(right)) for p in right.rglob("*") if p.is_file() and not (left / p.relative_to(right)).exists()]
    return sorted(found)


def test_reversed_plugins_build_the_same_bytes(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795431600")
    write_files(tmp_path / "content", A_WEEK)
    normal = build_into(tmp_path, "normal", plugins_reversed=False)
    reversed_ = build_into(tmp_path, "reversed", plugins_reversed=True)
    assert (normal / "sitemap.xml").exists() and (normal / "wochenrueckblick/2026-W47/index.html").exists()
    assert (normal / "2019/zweiter/index.html").exists()  # written on `finalized`, like the sitemap
    assert differing_files(normal, reversed_) == []


def test_a_missing_plugin_is_named_at_start_and_nothing_is_built(build_site):
    site = build_site(overrides={"PLUGINS": ["frontmatter", "localization", "series", "roundup",
                                             "newsletter", "sharekit", "readers"]})
    where = re.escape(relative_path(str(SAMPLE_PELICANCONF)))  # the file that sets PLUGINS
    assert re.match(rf"{where}:\d+: PLUGINS lacks authors, feeds, sitemap_xml, aliases, privacy, brand, socialcards\n",
                    site.messages)
    assert site.result.exit_code(strict=True) == 1 and not site.result.crashed
    assert not (site.output / "index.html").exists()


def test_a_url_and_its_file_must_agree():
    config, problems = read_config({"PLUGINS": list(REQUIRED_PLUGINS), "ROUNDUP_URL": "weekly/{slug}/"})
    assert [p.message for p in problems] == [
        "ROUNDUP_SAVE_AS = 'wochenrueckblick/{slug}/index.html' does not match ROUNDUP_URL = 'weekly/{slug}/': "
        "links would point at 'weekly/{slug}/' but the page is written to 'wochenrueckblick/{slug}/index.html'"]
    assert "set ROUNDUP_SAVE_AS = 'weekly/{slug}/index.html'" in problems[0].hint
    assert (config["ROUNDUP_URL"], config["ROUNDUP_SAVE_AS"]) == ("wochenrueckblick/{slug}/",
                                                                 "wochenrueckblick/{slug}/index.html")


@pytest.mark.parametrize("key, value", [("TIMEZONE", "Berlin"), ("DEFAULT_LANG", "fr")])
def test_a_refused_time_zone_or_language_is_reported_and_the_build_goes_on_with_the_default(build_site, key, value):
    site = build_site(overrides={key: value})
    assert not site.result.crashed, site.messages
    assert site.result.exit_code(strict=True) == 1
    assert f"{key} = {value!r}" in site.messages
    assert site.html("").get("lang") == "de"  # the defaults were used, the site is complete


BAD_VALUES = [
    ("ROUNDUP_WEEKDAY", "freitag", "one of 'monday'"),
    ("ROUNDUP_TIME", "3 pm", '"HH:MM"'),
    ("FEED_MAX_ITEMS", 0, "a whole number from 1"),
    ("FEED_MAX_ITEMS", "20", "a whole number"),
    ("FEED_CONTENT", "teaser", "one of 'full', 'summary'"),
    ("SERIES_ANNOUNCE_NEXT", "yes", "True or False"),
    ("NEWSLETTER_SERVICE", "sendgrid", "one of 'listmonk', 'mailchimp', 'brevo', 'mailto'"),
    ("NEWSLETTER_FROM", "newsletter", "an email address"),
    ("NEWSLETTER_WEEKS", -1, "a whole number from 0"),
    ("NEWSLETTER_WEB_COPY_URL", "wochenrueckblick/newsletter/", "{slug}"),
    ("NEWSLETTER_LOGO", {"path": "logo.svg", "width": 32, "height": 32}, "PNG or JPEG"),
    ("SHARE_SITEURL", "http://blog.example", "https://"),
    ("SHARE_LIMITS", {"x": "280"}, "character limit"),
    ("SITEMAP_EXCLUDE", ["("], "valid regular expressions"),
    ("ROUNDUP_URL", "wochenrueckblick/", "{slug}"),
    ("ROUNDUP_URL", "w/{slug}/{year}/", "only {slug}"),
    ("SERIES_INDEX_URL", "s/{slug}/", "no {fields}"),
    ("FEED_SITE_URL", "atom.xml", "needs {format}"),
    ("FEED_FILE_NAME", "feed-{fmt}.xml", "only {format}"),
    ("ROUNDUP_SHARE_URL", "w/{slug}/share.html", "a directory URL"),
    ("MAIN_MENU", [{"key": "nav_home", "page": "home"}], "kind one of"),
    ("MAIN_MENU", [{"key": "nav_tags", "page": "tag"}], "kind one of"),
]


@pytest.mark.parametrize("key, value, allowed", BAD_VALUES)
def test_a_bad_setting_names_key_value_and_what_is_allowed(key, value, allowed):
    config, problems = read_config({"PLUGINS": [], key: value})
    messages = [p.message for p in problems if p.message.startswith(key)]
    assert len(messages) == 1, problems
    assert f"{key} = {value!r}" in messages[0] and allowed in messages[0]
    assert config[key] == next(s.default for s in SCHEMA if s.name == key)


def test_a_bad_setting_fails_the_strict_build(build_site):
    site = build_site(overrides={"FEED_MAX_ITEMS": "viele"})
    assert site.result.exit_code(strict=True) == 1
    assert "FEED_MAX_ITEMS = 'viele' is not allowed: expected a whole number" in site.messages


def test_the_sample_settings_are_valid():
    for settings_file in ("pelicanconf.py", "publishconf.py"):
        _config, problems = read_config(load_settings(SAMPLE_SETTINGS / settings_file))
        assert problems == []


def test_build_time_comes_from_source_date_epoch(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795431600")
    config, _ = read_config({"PLUGINS": []})
    assert config.now.isoformat() == "2026-11-23T11:00:00+00:00"


def test_the_readme_lists_every_setting_with_its_default():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    missing = [setting.name for setting in SCHEMA if f"| `{setting.name}` |" not in readme]
    assert missing == []


def test_a_bad_value_names_the_settings_file_and_line_it_is_written_on(tmp_path):
    settings_file = tmp_path / "meinconf.py"
    settings_file.write_text(f"import sys\nsys.path.insert(0, {str(SAMPLE_SETTINGS)!r})\n"
                             "from pelicanconf import *  # noqa\n\nROUNDUP_TIME = '3 pm'\n", encoding="utf-8")
    write_files(tmp_path / "content", MINIMAL_SITE)
    done = run_tool("tools.build", "--strict", "--settings", str(settings_file), "--content", str(tmp_path / "content"),
                    "--output", str(tmp_path / "out"))
    assert done.returncode == 1
    assert "meinconf.py:5: ROUNDUP_TIME = '3 pm' is not allowed" in done.stderr


def test_once_keeps_each_owners_html_apart_and_shares_the_sites_within_one_build():
    from types import SimpleNamespace

    from jinja2 import Environment

    from shared.model import PARTS_KEY, render_once

    env = Environment(autoescape=True)
    env.globals["once"] = render_once
    cards = env.from_string("{% for a in items %}{% call once(a, 'card') %}[{{ a.title }}]{% endcall %}{% endfor %}")
    items = [SimpleNamespace(title="Eins"), SimpleNamespace(title="Zwei")]
    assert cards.render(items=items) == "[Eins][Zwei]"
    site = read_config({})[0]
    header = env.from_string("{% call once(site, 'header', SITEURL) %}<nav>{{ page }}</nav>{% endcall %}")
    build_parts: dict = {}
    first = header.render(site=site, SITEURL="", page="eins", **{PARTS_KEY: build_parts})
    assert header.render(site=site, SITEURL="", page="zwei", **{PARTS_KEY: build_parts}) == first == "<nav>eins</nav>"
    assert header.render(site=site, SITEURL="..", page="zwei", **{PARTS_KEY: build_parts}) == "<nav>zwei</nav>"
    assert header.render(site=site, SITEURL="", page="neu", **{PARTS_KEY: {}}) == "<nav>neu</nav>"  # the next build
    assert header.render(site=site, SITEURL="", page="ohne") == "<nav>ohne</nav>"  # outside a build: not kept
