"""Problems of the shared modules and the front-matter reader on a German site: German text, the same
file:line as in English, the setting names, YAML keys and values the author typed left as they are."""

from __future__ import annotations

import pytest

from helpers.frontmatter import article
from helpers.site import MINIMAL_SITE, site_settings, write_files
from shared import messages
from shared.aliases import read_alias
from shared.config import checked_config, read_config, settings_reference
from shared.people import link_problem
from shared.yamlsource import YamlSyntaxError, load_yaml
from tools.build import build


@pytest.fixture
def language():
    """use_language for one test; the language before it is back afterwards (the tests read English)."""
    before = messages.current_language()
    yield messages.use_language
    messages.use_language(before)


def test_a_german_site_reports_front_matter_problems_in_german_at_the_lines_english_names(
        tmp_path, monkeypatch, language):
    monkeypatch.delenv("PROBLEM_LANG", raising=False)
    files = {**MINIMAL_SITE,
             "articles/zweiter.md": article("Zweiter", id="0002", status="fertig", autor="jana",
                                            aliases=["2019/alt/"], tags=[{"a": 1}])}
    write_files(tmp_path / "content", files)
    german = build(site_settings(tmp_path, overrides={"DEFAULT_LANG": "de"}))
    english = build(site_settings(tmp_path, overrides={"DEFAULT_LANG": "de", "PROBLEM_LANG": "en"}))

    assert [(p.line, p.message, p.hint) for p in german.errors] == [
        (6, "unbekannter Status 'fertig'",
         "nutze einen dieser Werte: published, draft, hidden; bekannt: draft, hidden, published"),
        (7, "unbekannter Schlüssel 'autor' im Front Matter",
         "meintest du 'author'? (entferne den Schlüssel, wenn er nicht gebraucht wird)"),
        (8, "Alias '2019/alt/' beginnt nicht mit '/'", "schreib den Pfad ab der Wurzel der Website: /2019/alt/"),
        (10, "'tags': Eintrag 1 muss Text sein, gefunden: eine Zuordnung",
         "schreib jeden Eintrag als Text in eine eigene '- '-Zeile; Text mit ':' kommt in \"doppelte Anführungszeichen\""),
    ]
    assert {p.path for p in german.errors} == {str(tmp_path / "content" / "articles" / "zweiter.md")}
    assert english.errors[0].message == "unknown status 'fertig'"
    assert [(p.path, p.line) for p in german.errors] == [(p.path, p.line) for p in english.errors]


def test_a_yaml_syntax_error_is_german_on_the_same_line(language):
    text = 'title: "Zweiter\nauthor: jana-beispiel\n'
    found = {}
    for lang in ("en", "de"):
        language(lang)
        with pytest.raises(YamlSyntaxError) as raised:
            load_yaml(text, "content/articles/zweiter.md", line_offset=1)
        found[lang] = raised.value.problem
    assert found["de"].line == found["en"].line
    assert found["de"].message.startswith("YAML-Syntaxfehler: ")
    assert found["de"].hint == ("prüfe Einrückung und Anführungszeichen; Werte mit ':' oder '#' brauchen "
                                '"doppelte Anführungszeichen"')


def test_a_bad_setting_is_german_with_its_help_translated_and_the_value_as_written(language):
    language("de")
    settings = {"PLUGINS": [], "ROUNDUP_TIME": "3 pm", "NEWSLETTER_SUBJECT": "{titel}", "ROUNDUP_WEEKDAY": "fridy"}
    _config, problems = read_config(settings)
    by_setting = {found.message.split(" ", 1)[0]: found for found in problems}
    time = by_setting["ROUNDUP_TIME"]
    assert time.message == ("ROUNDUP_TIME = '3 pm' ist nicht erlaubt: erwartet wird eine Uhrzeit im Format "
                            '"HH:MM", z. B. "15:00"')
    assert time.hint == ("Uhrzeit, zu der der Wochenrückblick schließt (Ortszeit in TIMEZONE); bis du es "
                         "korrigierst, gilt der Standardwert '15:00'")
    # a help text with {fields} shows them with single braces
    assert "Betreff der E-Mail: {first} (Titel des ersten Beitrags" in by_setting["NEWSLETTER_SUBJECT"].hint
    assert by_setting["ROUNDUP_WEEKDAY"].hint.startswith("meintest du 'friday'? Wochentag, an dem")


def test_the_readme_settings_table_stays_english_on_a_german_site(language):
    language("de")
    table = settings_reference()
    assert "| `ROUNDUP_TIME` | `'15:00'` | time the roundup closes (TIMEZONE wall time) |" in table
    assert "subject of the email: {first} (the first post's title" in table
    assert "{{" not in table


def test_a_tool_still_finds_the_problems_of_its_settings_in_german(language):
    language("de")
    with pytest.raises(ValueError) as raised:
        checked_config({"SHARE_WEEKS": -1}, ("SHARE_",))
    assert str(raised.value) == "SHARE_WEEKS = -1 ist nicht erlaubt: erwartet wird eine ganze Zahl ab 0"


@pytest.mark.parametrize("typed, message, hint", [
    ("/?p=12", "Alias '/?p=12' hat eine Query ('?p=12'), die keine statische Datei beantworten kann",
     "ein statischer Host schaut nur auf den Pfad: leite Adressen wie /?p=12 mit einer Webserver-Regel um "
     "(docs/deploy.md, 'Old WordPress addresses')"),
    ("/alt//seite/", "Alias '/alt//seite/' hat einen leeren Ordnernamen ('//')",
     "schreib ein '/' zwischen Ordnern: /alt/seite/"),
])
def test_an_alias_problem_is_german(language, typed, message, hint):
    language("de")
    found = read_alias(typed)
    assert (found.message, found.hint) == (message, hint)


def test_a_profile_link_problem_is_german_with_the_address_as_typed(language):
    language("de")
    assert link_problem("bluesky", "https://example.com/profile/jana") == (
        "Link 'bluesky' zeigt auf 'example.com', nicht auf ein bluesky-Profil: 'https://example.com/profile/jana'",
        "nutze die Adresse deines bluesky-Profils, z. B. https://bsky.app/profile/jana.bsky.social")
