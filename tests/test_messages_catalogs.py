"""Problem messages in German and English: the catalogs hold every message of the code, translated,
with the same `{fields}`; the site's language (or PROBLEM_LANG) chooses; every problem goes through
the catalogs (tests run with WERKBANK_STRICT_MESSAGES=1, see conftest.py)."""

from __future__ import annotations

import pytest

from helpers.frontmatter import article
from helpers.site import MINIMAL_SITE, site_settings, write_files
from shared import messages, problems
from shared.messages import Text, problem_language, t, use_language
from shared.problems import ContentProblem, did_you_mean
from tools import messages as catalogs
from tools.build import build


def test_every_message_of_the_code_is_in_the_catalogs_translated_with_the_same_fields():
    extracted = catalogs.extract()
    assert sum(len(found) for found in extracted.values()) > 0
    assert catalogs.problems(extracted) == []


def test_the_catalogs_are_written_as_make_messages_writes_them(tmp_path):
    extracted = catalogs.extract()
    for domain, found in extracted.items():
        path = catalogs.catalog_path("de", domain)
        rewritten = catalogs.po_bytes(catalogs.updated_catalog(domain, "de", found, catalogs.read_catalog(path, "de")))
        assert rewritten == path.read_bytes(), f"{path}: run make messages"


def test_a_new_message_is_reported_until_translated_and_a_changed_field_is_caught(tmp_path):
    extracted = {"demo": {"'{key}' must be text": "plugins/demo/x.py:1", "the end": "plugins/demo/x.py:2"}}
    catalogs.update(extracted, base=tmp_path)
    found = catalogs.problems(extracted, base=tmp_path)
    assert len(found) == 2 and all("has no de translation" in line for line in found)
    po = catalogs.catalog_path("de", "demo", tmp_path)
    text = po.read_text(encoding="utf-8")
    text = text.replace('msgid "the end"\nmsgstr ""', 'msgid "the end"\nmsgstr "das Ende"')
    text = text.replace("msgid \"'{key}' must be text\"\nmsgstr \"\"", "msgid \"'{key}' must be text\"\nmsgstr \"'{schlüssel}' muss Text sein\"")
    po.write_text(text, encoding="utf-8")
    found = catalogs.problems(extracted, base=tmp_path)
    assert len(found) == 1 and "fills in ['schlüssel'], the code gives ['key']" in found[0]
    del extracted["demo"]["the end"]
    assert any("no longer in the code" in line for line in catalogs.problems(extracted, base=tmp_path))


@pytest.fixture
def language():
    before = messages.current_language()
    yield use_language
    use_language(before)


def test_the_language_comes_from_the_environment_then_the_setting_then_the_site(monkeypatch):
    monkeypatch.delenv("PROBLEM_LANG", raising=False)
    assert problem_language({"DEFAULT_LANG": "de"}) == "de"
    assert problem_language({"DEFAULT_LANG": "en"}) == "en"
    assert problem_language({"DEFAULT_LANG": "de", "PROBLEM_LANG": "en"}) == "en"
    monkeypatch.setenv("PROBLEM_LANG", "de")
    assert problem_language({"DEFAULT_LANG": "en", "PROBLEM_LANG": "en"}) == "de"
    monkeypatch.setenv("PROBLEM_LANG", "fr")
    assert problem_language({"DEFAULT_LANG": "de"}) == "en"


def test_a_message_is_translated_when_made_and_marked(language):
    language("de")
    assert did_you_mean("jana-beispil", ["jana-beispiel", "tom-muster"]) == "meintest du 'jana-beispiel'?"
    assert isinstance(t("none are defined yet"), Text)
    language("en")
    assert did_you_mean("x", []) == "none are defined yet"
    assert t("a message the catalogs lack, {n}", n=3) == "a message the catalogs lack, 3"


def test_strict_mode_refuses_a_problem_whose_text_skipped_the_catalogs(monkeypatch):
    monkeypatch.setattr(problems, "STRICT_MESSAGES", True)
    with pytest.raises(TypeError, match="did not go through t()"):
        ContentProblem("content/x.md", 3, "typed straight into the code")
    assert ContentProblem("content/x.md", 3, t("none are defined yet")).message == "none are defined yet"


def test_a_german_site_reports_in_german_and_problem_lang_switches_to_english(tmp_path, monkeypatch):
    monkeypatch.delenv("PROBLEM_LANG", raising=False)
    files = {**MINIMAL_SITE, "articles/zweiter.md": article("Zweiter", id="0002", author="jana-beispil")}
    write_files(tmp_path / "content", files)
    german = build(site_settings(tmp_path))
    english = build(site_settings(tmp_path, overrides={"PROBLEM_LANG": "en"}))
    assert "meintest du 'jana-beispiel'?" in german.summary()
    assert "did you mean 'jana-beispiel'?" in english.summary()
    assert [(p.path, p.line) for p in german.errors] == [(p.path, p.line) for p in english.errors]
