"""The web editor at /admin/ in a build: written only when enabled, its configuration made from the
content model and this build's content, out of the sitemap and search index, the privacy gate's one
exception, and nothing that drifts from what the build reads."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

from editor.collections import (FILE_RULES, NEW_POST_STATUS, POST_STATUSES, PROFILE_STATUSES,
                                collections)
from editor.decap import missing_settings
from helpers.editor import words
from helpers.frontmatter import profile, series
from helpers.site import ROOT
from privacy.gate import own_hosts
from privacy.plugin import output_problems
from privacy.sources import SourceFinder
from shared.config import REQUIRED_PLUGINS, read_config
from shared.editor import editor_origins, git_host

GITLAB = {"EDITOR_ENABLED": True, "EDITOR_APP_ID": "f00dcafe", "EDITOR_REPO": "nordlicht/werkbank-blog",
          "EDITOR_BASE_URL": "https://git.nordlicht.example"}
PEOPLE = {"authors/aenne-ahlers.yml": profile("Änne Ahlers", status="active"),
          "authors/bjoern-alt.yml": profile("Björn Alt", status="alumni"),
          "authors/geloescht.yml": profile("Gelöscht", status="removed"),
          "series/mittwochstipp.yml": series("#Mittwochstipp", "Tipp {n}")}


def _config(site) -> dict:
    return yaml.safe_load(site.text("admin/config.yml"))


def _collection(config: dict, name: str) -> dict:
    return next(collection for collection in config["collections"] if collection["name"] == name)


def _field(collection: dict, name: str) -> dict:
    return next(field for field in collection["fields"] if field["name"] == name)


@pytest.fixture(scope="module")
def editor_site(tmp_path_factory, build_in_folder):
    from helpers.site import MINIMAL_SITE
    return build_in_folder(tmp_path_factory.mktemp("editor"), {**MINIMAL_SITE, **PEOPLE},
                           settings_file="publishconf.py", overrides=GITLAB)


def test_the_editor_is_written_only_when_enabled(build_site):
    site = build_site()
    assert not site.path("admin").exists()
    assert site.result.errors == []


def test_an_enabled_editor_is_the_page_its_configuration_and_decaps_bundle(editor_site):
    assert editor_site.result.errors == [], editor_site.messages
    for name in ("index.html", "config.yml", "decap-cms.js", "js-yaml.min.js", "werkbank-editor.js",
                 "werkbank-editor.css"):
        assert editor_site.path(f"admin/{name}").is_file(), name
    # the bundle is the pinned npm package's, served from the site itself
    assert editor_site.path("admin/decap-cms.js").read_bytes() == (
        ROOT / "node_modules/decap-cms/dist/decap-cms.js").read_bytes()
    pinned = json.loads((ROOT / "package.json").read_text())["dependencies"]["decap-cms"]
    assert re.fullmatch(r"\d+\.\d+\.\d+", pinned)
    page = editor_site.html("admin/")
    assert [script.get("src") for script in page.iter("script") if script.get("src")] == [
        "decap-cms.js", "js-yaml.min.js", "werkbank-editor.js"]
    assert page.xpath("//meta[@name='robots']/@content") == ["noindex, nofollow"]


def test_the_posts_form_offers_this_builds_people_and_series(editor_site):
    posts = _collection(_config(editor_site), "posts")
    authors = [(option["label"], option["value"]) for option in _field(posts, "author")["options"]]
    # German collation (Ä with A), alumni marked, removed people not offered
    assert authors == [("Änne Ahlers", "aenne-ahlers"), ("Björn Alt (ehemalig)", "bjoern-alt"),
                       ("Jana Beispiel", "jana-beispiel"), ("Tom Muster", "tom-muster")]
    assert _field(posts, "co_authors")["options"] == _field(posts, "author")["options"]
    assert _field(posts, "co_authors")["multiple"] is True
    assert _field(posts, "series")["options"] == [{"label": "#Mittwochstipp", "value": "mittwochstipp"}]
    assert "Arbeitskultur" in _field(posts, "category")["hint"]


def test_a_post_is_filed_like_make_new_post_files_it(editor_site):
    posts = _collection(_config(editor_site), "posts")
    assert (posts["folder"], posts["path"], posts["extension"]) == ("content/articles", "{{year}}/{{slug}}", "md")
    assert posts["slug"] == "{{fields.file_name}}"  # the page's script names it (tools/new_post.file_slug)
    assert _field(posts, "date")["format"] == "YYYY-MM-DD HH:mm"
    assert _field(posts, "status")["default"] == NEW_POST_STATUS
    assert _field(posts, "category")["default"] == "Allgemein"  # the sample's DEFAULT_CATEGORY, as make new-post
    # pictures go to content/images/<year>/ and are written as images/<year>/… (README), then go
    # through the picture pipeline like every other file there
    assert (posts["media_folder"], posts["public_folder"]) == ("/content/images/{{year}}", "images/{{year}}")


def test_a_picture_cannot_be_saved_without_its_alt_text(editor_site):
    picture = _field(_collection(_config(editor_site), "posts"), "picture")
    assert picture["max"] == 1 and picture["required"] is False  # the picture itself is optional
    image, alt = picture["fields"]
    assert image["widget"] == "image" and image["choose_url"] is False  # no picture from another site
    assert alt["name"] == "image_alt" and alt.get("required", True) is True


def test_profiles_series_and_notes_are_in_the_editor_too(editor_site):
    config = _config(editor_site)
    assert [collection["name"] for collection in config["collections"]] == ["posts", "authors", "series", "roundups"]
    profiles = _collection(config, "authors")
    assert (profiles["folder"], profiles["extension"]) == ("content/authors", "yml")
    assert (profiles["media_folder"], profiles["public_folder"]) == ("/content/images/authors", "images/authors")
    links = _field(profiles, "links")
    assert [field["name"] for field in links["fields"]] == ["linkedin", "xing", "mastodon", "bluesky", "x", "website"]
    assert all(field["pattern"][0] == "^https://[^\\s]+$" for field in links["fields"])
    weekdays = _field(_collection(config, "series"), "weekday")["options"]
    assert weekdays[2] == {"label": "Mittwoch", "value": "wednesday"}
    assert _collection(config, "roundups")["folder"] == "content/roundups"


def test_the_editor_logs_in_with_the_companys_gitlab_and_opens_merge_requests(editor_site):
    config = _config(editor_site)
    assert config["backend"] == {"name": "gitlab", "repo": "nordlicht/werkbank-blog", "branch": "main",
                                 "auth_type": "pkce", "app_id": "f00dcafe", "base_url": "https://git.nordlicht.example",
                                 "api_root": "https://git.nordlicht.example/api/v4"}
    assert config["publish_mode"] == "editorial_workflow"
    assert "local_backend" not in config
    assert config["site_url"] == "https://blog.nordlicht-werkstatt.example"


def test_the_editor_page_may_talk_to_its_own_origin_and_the_git_host_only(editor_site):
    csp = editor_site.html("admin/").xpath("//meta[@http-equiv='Content-Security-Policy']/@content")[0]
    rules = dict(rule.strip().split(" ", 1) for rule in csp.split(";"))
    assert rules["default-src"] == "'self'"
    assert rules["connect-src"] == "'self' blob: data: https://git.nordlicht.example"
    hosts = {word for rule in rules.values() for word in rule.split() if "://" in word}
    assert hosts == {"https://git.nordlicht.example"}


def test_the_editor_is_kept_out_of_the_sitemap_and_the_search_index(editor_site):
    assert "admin" not in editor_site.text("sitemap.xml")
    page = editor_site.text("admin/index.html")
    assert "data-pagefind-body" not in page  # Pagefind indexes only pages that have it
    assert any("data-pagefind-body" in path.read_text(encoding="utf-8")
               for path in editor_site.output.glob("20*/*/index.html"))


def test_a_new_profile_is_a_choice_after_the_next_build(tmp_path, build_in_folder):
    from helpers.site import MINIMAL_SITE
    before = build_in_folder(tmp_path, MINIMAL_SITE, overrides=GITLAB)
    offered = [option["value"] for option in _field(_collection(_config(before), "posts"), "author")["options"]]
    assert "nele-nordmann" not in offered
    after = build_in_folder(tmp_path, {"authors/nele-nordmann.yml": profile("Nele Nordmann")}, overrides=GITLAB)
    offered = [option["value"] for option in _field(_collection(_config(after), "posts"), "author")["options"]]
    assert "nele-nordmann" in offered


@pytest.mark.parametrize("overrides, setting, words_in_message", [
    ({"EDITOR_REPO": ""}, "EDITOR_REPO", "EDITOR_REPO is empty"),
    ({"EDITOR_APP_ID": ""}, "EDITOR_APP_ID", "nobody could log in"),
    ({"EDITOR_BACKEND": "github", "EDITOR_BASE_URL": ""}, "EDITOR_BASE_URL", "OAuth helper"),
])
def test_an_editor_nobody_could_log_in_to_is_a_problem_naming_the_setting(overrides, setting, words_in_message):
    config, problems = read_config({"PLUGINS": REQUIRED_PLUGINS, **GITLAB, **overrides})
    assert problems == []
    [(name, message, hint)] = missing_settings(config)
    assert name == setting and words_in_message in message and hint


def test_make_editors_local_backend_needs_no_account():
    config, problems = read_config({"PLUGINS": REQUIRED_PLUGINS, "EDITOR_ENABLED": True,
                                    "EDITOR_LOCAL_BACKEND": "http://127.0.0.1:8081/api/v1"})
    assert problems == []
    assert missing_settings(config) == []


@pytest.mark.parametrize("name, value", [("EDITOR_LOCAL_BACKEND", "https://decap.example.org/api/v1"),
                                         ("EDITOR_REPO", "werkbank-blog"), ("EDITOR_BASE_URL", "http://gitlab.example"),
                                         ("EDITOR_BACKEND", "gitea")])
def test_bad_editor_settings_are_refused(name, value):
    _config, problems = read_config({"PLUGINS": REQUIRED_PLUGINS, name: value})
    assert [problem.message.split(" is not allowed")[0] for problem in problems] == [f"{name} = {value!r}"]


@pytest.mark.parametrize("values, origins", [
    ({"EDITOR_BACKEND": "gitlab", "EDITOR_BASE_URL": "", "EDITOR_API_ROOT": ""}, ("https://gitlab.com",)),
    ({"EDITOR_BACKEND": "gitlab", "EDITOR_BASE_URL": "https://git.example.org", "EDITOR_API_ROOT": ""},
     ("https://git.example.org",)),
    ({"EDITOR_BACKEND": "github", "EDITOR_BASE_URL": "https://oauth.example.org", "EDITOR_API_ROOT": ""},
     ("https://api.github.com",)),  # the OAuth helper only opens in the login window
    ({"EDITOR_BACKEND": "github", "EDITOR_BASE_URL": "https://oauth.example.org",
      "EDITOR_API_ROOT": "https://github.example.org/api/v3"}, ("https://github.example.org",)),
])
def test_the_git_hosts_origins(values, origins):
    assert git_host(values).origins == origins
    assert editor_origins({**values, "EDITOR_ENABLED": False}) == ()


def _gate(tmp_path: Path, files: dict, editor_hosts=("git.nordlicht.example",)) -> list:
    for relative, text in files.items():
        (tmp_path / relative).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / relative).write_text(text, encoding="utf-8")
    own = own_hosts("https://blog.example.org")
    return output_problems(str(tmp_path), own, frozenset(), {}, SourceFinder(()), own | frozenset(editor_hosts))


PRECONNECT = '<link rel="preconnect" href="https://git.nordlicht.example" crossorigin>'


def test_the_privacy_gate_lets_the_git_host_through_in_the_editors_folder_only(tmp_path):
    assert _gate(tmp_path, {"admin/index.html": PRECONNECT}) == []
    found = _gate(tmp_path, {"admin/index.html": PRECONNECT, "ueber-uns/index.html": PRECONNECT,
                             "admin/other.html": '<script src="https://cdn.example.net/decap.js"></script>'})
    assert sorted((problem.path, problem.message.split(" from ")[0]) for problem in found) == [
        ("admin/other.html", "<script src> loads https://cdn.example.net/decap.js"),
        ("ueber-uns/index.html", "<link rel=preconnect> loads https://git.nordlicht.example")]


def test_a_published_editor_passes_the_privacy_gate(editor_site):
    assert PRECONNECT in editor_site.text("admin/index.html")
    assert not [problem for problem in editor_site.result.errors if "another origin" in problem.message]


def test_the_forms_write_only_keys_and_values_the_build_reads():
    from authors.profiles import PROFILE_KEYS, STATUSES as PROFILE_STATUSES_READ
    from frontmatter.metadata import ARTICLE_KEYS, STATUSES
    from roundup.notes import NOTE_KEYS
    from series.definitions import SERIES_KEYS
    from tools.new_post import TEMPLATE

    read = {"werkbank-post": ARTICLE_KEYS, "werkbank-profile": PROFILE_KEYS, "werkbank-series": SERIES_KEYS,
            "werkbank-note": NOTE_KEYS}
    for name, rule in FILE_RULES.items():
        assert set(rule["keys"]) <= set(read[name]), name
    assert set(POST_STATUSES) == set(STATUSES) and set(PROFILE_STATUSES) == set(PROFILE_STATUSES_READ)
    assert "category: {category}\n" in TEMPLATE and f"status: {NEW_POST_STATUS}\n" in TEMPLATE
    from editor.collections import Choices
    forms = {collection["format"]: collection for collection in collections(Choices(), words("de"))}
    for name, rule in FILE_RULES.items():
        fields = {field["name"] for field in forms[name]["fields"]}
        shaped = set(rule.get("flatten", {})) | set(rule.get("dropped", ())) | {"body"}
        flattened = {key for keys in rule.get("flatten", {}).values() for key in keys}
        assert fields - shaped <= set(rule["keys"]), name
        assert flattened <= set(rule["keys"]), name


def test_the_preview_leaves_the_editor_page_alone(tmp_path, monkeypatch):
    """make editor: pelicanconf.py turns the editor on with decap-server's address; the preview adds
    its reload script to every page but the editor (a reload would lose what someone types)."""
    from helpers.preview import ARTICLE, RunningPreview
    from helpers.site import MINIMAL_SITE
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795431600")
    monkeypatch.setenv("EDITOR_LOCAL_BACKEND", "http://127.0.0.1:8081/api/v1")
    monkeypatch.chdir(tmp_path)
    running = RunningPreview(tmp_path, {**MINIMAL_SITE, "articles/erster-beitrag.md": ARTICLE.format(body="Text.")})
    try:
        status, _kind, page = running.get("admin/")
        assert status == 200 and "/_preview/reload.js" not in page
        assert yaml.safe_load(running.get("admin/config.yml")[2])["local_backend"] == {
            "url": "http://127.0.0.1:8081/api/v1"}
        assert "/_preview/reload.js" in running.get("")[2]
    finally:
        running.stop()


def test_an_english_site_gets_an_english_editor(tmp_path, build_in_folder):
    from helpers.site import MINIMAL_SITE
    site = build_in_folder(tmp_path, MINIMAL_SITE, overrides={**GITLAB, "DEFAULT_LANG": "en"})
    config = _config(site)
    assert config["locale"] == "en"
    posts = _collection(config, "posts")
    assert (posts["label"], _field(posts, "picture")["fields"][1]["label"]) == ("Posts", "Alt text")
    assert _field(_collection(config, "series"), "weekday")["options"][2] == {"label": "Wednesday",
                                                                             "value": "wednesday"}
    assert site.html("admin/").get("lang") == "en"


def test_a_missing_bundle_is_a_problem_with_the_command_that_installs_it(build_site, monkeypatch, tmp_path):
    monkeypatch.setattr("editor.page.DECAP", ROOT / "node_modules" / "no-decap")
    site = build_site(overrides=GITLAB)
    [problem] = [found for found in site.result.errors if "web editor needs" in found.message]
    assert problem.path == "package.json" and "node_modules/no-decap/decap-cms.js" in problem.message
    assert "make node-tools" in problem.hint
    assert not site.path("admin").exists()


def test_a_new_post_in_the_editor_gets_the_site_s_default_category(tmp_path, build_in_folder):
    """As make new-post writes it: an English blog's is 'General', not the sample's 'Allgemein'."""
    from helpers.site import MINIMAL_SITE

    site = build_in_folder(tmp_path, {**MINIMAL_SITE, **PEOPLE}, settings_file="publishconf.py",
                           overrides={**GITLAB, "DEFAULT_CATEGORY": "General"})
    assert _field(_collection(_config(site), "posts"), "category")["default"] == "General"
