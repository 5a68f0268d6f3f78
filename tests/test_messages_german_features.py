"""Problems of the feature plugins (authors, series, roundup, aliases, feeds, share kit, brand, editor,
privacy, readers, newsletter) in German on a German site, at the same file and line as in English."""

from __future__ import annotations

import pytest

from helpers.frontmatter import article, profile, series
from helpers.site import DEFAULT_BUILD_TIME, MINIMAL_SITE, site_settings, write_files
from shared import messages
from shared.messages import Text, use_language
from tools.build import build

# One site with a problem of several plugins: a profile key in German, a series label without {n},
# a tip on the wrong weekday, a roundup note with an impossible week, one old address claimed twice.
PROBLEMS = {
    **MINIMAL_SITE,
    "authors/lena-neu.yml": profile("Lena Neu", rolle="Testerin"),
    "series/mittwochstipp.yml": series("#Mittwochstipp", "Tipp", weekday="wednesday"),
    "articles/tipp.md": article("Ein Tipp", "2026-11-19 09:30", id="0003", series="mittwochstipp"),
    "roundups/2026-W99.md": "Intro.\n",
    "articles/alt-a.md": article("Alt A", "2026-11-17 09:30", id="0005", aliases=["/alt/"]),
    "articles/alt-b.md": article("Alt B", "2026-11-16 09:30", id="0006", aliases=["/alt/"]),
}

# (file the problem is reported in, German text, English text) of each plugin's problem
EXPECTED = [
    ("authors/lena-neu.yml", "unbekannter Schlüssel 'rolle' im Profil", "unknown key 'rolle' in profile"),
    ("authors/lena-neu.yml", "meintest du 'role'? (entferne den Schlüssel, wenn er nicht gebraucht wird)",
     "did you mean 'role'? (remove the key if it is not needed)"),
    ("series/mittwochstipp.yml", "das Label 'Tipp' hat kein '{n}' für die Nummer des Tipps",
     "label 'Tipp' has no '{n}' for the tip's number"),
    ("articles/tipp.md", "erscheint an einem Donnerstag (2026-11-19), die Serie erscheint mittwochs",
     "appears on a Thursday (2026-11-19), the series appears on Wednesdays"),
    ("articles/tipp.md", "verschiebe 'date' auf einen Mittwoch, z. B. 2026-11-25",
     "move 'date' to a Wednesday, e.g. 2026-11-25"),
    ("roundups/2026-W99.md", "'2026-W99.md' ist kein Name für eine Notiz zum Wochenrückblick",
     "'2026-W99.md' is not the name of a roundup note"),
    ("articles/alt-b.md", "der Alias '/alt/' ist auch ein Alias von", "alias '/alt/' is also an alias of"),
]


@pytest.fixture(scope="module")
def both_builds(tmp_path_factory):
    """The site built once in German (the sample's DEFAULT_LANG) and once with PROBLEM_LANG = 'en'."""
    folder = tmp_path_factory.mktemp("german")
    write_files(folder / "content", PROBLEMS)
    before = messages.current_language()
    with pytest.MonkeyPatch.context() as patch:
        patch.delenv("PROBLEM_LANG", raising=False)
        patch.setenv("SOURCE_DATE_EPOCH", DEFAULT_BUILD_TIME)
        german = build(site_settings(folder))
        english = build(site_settings(folder, overrides={"PROBLEM_LANG": "en"}))
    use_language(before)
    return german, english


def problems_of(result) -> list:
    return [*result.errors, *result.warnings]


def where(result) -> list:
    return [(p.path, p.line, p.severity) for p in problems_of(result)]


def texts_in(result, file: str) -> str:
    return "\n".join(p.format() for p in problems_of(result) if p.path.endswith(file))


@pytest.mark.parametrize("file, german, english", EXPECTED, ids=[f"{e[0]}: {e[2]}" for e in EXPECTED])
def test_a_german_site_shows_each_plugins_problem_in_german(both_builds, file, german, english):
    german_build, english_build = both_builds
    assert german in texts_in(german_build, file)
    assert english not in texts_in(german_build, file)
    assert english in texts_in(english_build, file)


def test_the_german_problems_are_at_the_same_file_and_line_as_the_english(both_builds):
    german, english = both_builds
    assert where(german) == where(english)
    assert {file for file, *_ in EXPECTED} <= {p.path.split("content/", 1)[-1] for p in problems_of(german)}
    assert all(isinstance(p.message, Text) for p in problems_of(german) for file, *_ in EXPECTED
               if p.path.endswith(file))


@pytest.fixture
def german():
    before = messages.current_language()
    use_language("de")
    yield
    use_language(before)


def test_feed_words_and_picture_problems_are_german(german, tmp_path):
    from feeds.entries import describe_character
    from readers.pictureshop import PictureShop

    assert describe_character("\x0b") == "U+000B (vertikaler Tabulator)"
    assert describe_character("\x01") == "U+0001 (Steuerzeichen)"
    picture = tmp_path / "kaputt.png"
    picture.write_bytes(b"kein Bild")
    shop = PictureShop(tmp_path / "output", tmp_path / "cache")
    assert shop.publish(str(picture), "images/kaputt.png")
    [found] = shop.problems
    assert found.message.startswith("dieses Bild ist nicht lesbar: ")
    assert found.hint == "speichere es erneut als PNG, JPEG oder WebP; bis dahin wird es nicht veröffentlicht"


def test_setting_problems_of_share_kit_brand_editor_and_newsletter_are_german(german, tmp_path):
    from brand.fonts import FontError, load_font
    from editor.decap import missing_settings
    from newsletter.presets import service_preset
    from sharekit.counting import validate_limits

    with pytest.raises(ValueError) as limits:
        validate_limits({"mastodon": 0})
    assert str(limits.value) == "SHARE_LIMITS['mastodon'] muss eine positive ganze Zahl sein, gefunden: 0"
    with pytest.raises(FontError) as font:
        load_font(tmp_path, "@fontsource/nicht-da")
    assert font.value.message.startswith("SITE_FONT = '@fontsource/nicht-da' ist nicht installiert")
    assert font.value.hint.startswith("führe aus: npm install --save-exact @fontsource/nicht-da")
    [(name, message, hint)] = missing_settings({"EDITOR_ENABLED": True, "EDITOR_LOCAL_BACKEND": "", "EDITOR_REPO": "x/y",
                                                "EDITOR_BACKEND": "gitlab", "EDITOR_APP_ID": ""})
    assert (name, message) == ("EDITOR_APP_ID", "EDITOR_ENABLED ist True, aber EDITOR_APP_ID ist leer: "
                                                "niemand könnte sich anmelden")
    with pytest.raises(ValueError, match="ist kein bekannter Mail-Dienst; wähle einen von: brevo, listmonk"):
        service_preset("postfach")


def test_alias_and_privacy_problems_are_german(german, tmp_path):
    from aliases.redirects import Redirect, listing_words, not_written_otherwise
    from privacy.plugin import output_problems
    from privacy.sources import SourceFinder

    assert listing_words("thema/netzwerken/index.html", {"tag": r"thema/[^/]+/index\.html"}) == "die Seite eines Themas"
    redirect = Redirect("/thema/netzwerken/", "thema/netzwerken/index.html", "content/articles/a.md", 5, "A", "/a/")
    _kept, [found] = not_written_otherwise([redirect], {"thema/netzwerken/index.html"}, {},
                                           {"tag": r"thema/[^/]+/index\.html"})
    assert found.message == ("der Alias '/thema/netzwerken/' ist schon vergeben: die Seite eines Themas "
                             "/thema/netzwerken/ wird in diesem Build nach thema/netzwerken/index.html geschrieben")
    assert (found.path, found.line) == ("content/articles/a.md", 5)
    page = tmp_path / "index.html"
    page.write_text('<!doctype html><html><body>\n<img src="https://cdn.example/x.png" alt="x">\n</body></html>\n')
    [loads] = output_problems(str(tmp_path), frozenset(), frozenset(), {}, SourceFinder(()))
    assert loads.message == "<img src> lädt https://cdn.example/x.png von einem anderen Ursprung (cdn.example)"
    assert loads.hint.startswith("die Browser der Leserinnen und Leser würden cdn.example kontaktieren")
