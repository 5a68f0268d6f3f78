"""End-to-end: build a small site and read the roundup pages the way a reader sees them."""

import pytest

from helpers.roundup import ROUNDUP_SITE as SITE

# Friday 27 November 2026, 16:00 Berlin: KW 48 has ended too.
AFTER_KW48 = "1795878000"


def texts(elements):
    return [" ".join(element.text_content().split()) for element in elements]


@pytest.fixture
def site(build_site):
    return build_site(SITE)


def test_roundup_page_shows_title_period_intro_and_grouped_posts(site):
    assert site.result.errors == [], site.messages
    page = site.html("wochenrueckblick/2026-W47/")
    assert texts(page.xpath("//h1")) == ["KW 47/2026"]
    assert texts(page.xpath("//*[contains(@class,'roundup-period')]")) == ["13.–20. November 2026"]
    assert texts(page.xpath("//*[contains(@class,'roundup-intro')]//em")) == ["Tipps"]
    assert texts(page.xpath("//section[contains(@class,'roundup-tips')]//h3")) == ["Kurze Betreffzeilen"]
    assert "Tipp 1 · #Mittwochstipp" in texts(page.xpath("//section[contains(@class,'roundup-tips')]//p"))[0]
    assert texts(page.xpath("//section[contains(@class,'roundup-posts')]//h3")) == ["Erster Beitrag", "Punkt drei Uhr"]
    assert texts(page.xpath("//section[contains(@class,'roundup-posts')]/h2")) == ["Weitere Beiträge"]


def test_danke_lists_everyone_once_in_german_order_with_roles_and_links(site):
    page = site.html("wochenrueckblick/2026-W47/")
    people = page.xpath("//section[contains(@class,'roundup-thanks')]//li[contains(@class,'contributor')]")
    names = texts(page.xpath("//*[contains(@class,'contributor-name')]"))
    assert names == ["Änne Ahlers", "Ärztlicher Dienst", "Aylin Özdemir", "Das Team am Empfang",
                     "Jana Beispiel", "Tom Muster"]
    roles = dict(zip(names, texts(page.xpath("//*[contains(@class,'contributor-roles')]"))))
    assert roles["Änne Ahlers"] == "Mitarbeit an „Punkt drei Uhr“ · Danke für die Fotos"
    assert roles["Tom Muster"] == "1 Beitrag · Hilfe bei „Kurze Betreffzeilen“"
    assert roles["Aylin Özdemir"] == "Tipp 1 · #Mittwochstipp"
    assert roles["Ärztlicher Dienst"] == "Dank der Redaktion"
    aylin = people[names.index("Aylin Özdemir")]
    assert aylin.xpath(".//*[contains(@class,'contributor-name')]/a/@href") == ["../../autoren/aylin-oezdemir/"]
    assert aylin.xpath(".//ul[contains(@class,'contributor-links')]//a/@href") == [
        "https://mastodon.social/@aylin", "https://www.linkedin.com/in/aylin"]
    assert aylin.xpath(".//a[@rel='me']") == []
    team = people[names.index("Das Team am Empfang")]
    assert team.xpath(".//a/@href") == ["https://example.org/empfang"]


def test_newcomers_are_welcomed(site):
    page = site.html("wochenrueckblick/2026-W47/")
    newcomers = page.xpath("//li[.//*[contains(@class,'newcomer')]]//*[contains(@class,'contributor-name')]")
    assert texts(newcomers) == ["Änne Ahlers", "Aylin Özdemir", "Jana Beispiel", "Tom Muster"]


def test_unfinished_week_is_not_published_and_the_index_lists_finished_ones(site):
    assert not site.path("wochenrueckblick/2026-W48").exists()
    index = site.html("wochenrueckblick/")
    assert texts(index.xpath("//main//h2")) == ["KW 47/2026"]
    home = site.html("")
    teaser = home.xpath("//section[contains(@class,'roundup-teaser')]")
    assert texts(teaser[0].xpath(".//h2")) == ["Wochenrückblick"]
    assert texts(teaser[0].xpath(".//*[contains(@class,'card-title')]/a")) == ["KW 47/2026"]
    assert teaser[0].xpath(".//*[contains(@class,'card-title')]/a/@href") == ["./wochenrueckblick/2026-W47/"]
    # the paginated listing of posts itself is unchanged: only posts have linked h2 headings
    assert len(home.xpath("//main//h2/a")) == 4 and "KW 47/2026" not in texts(home.xpath("//main//h2/a"))


def test_after_the_next_cutoff_the_next_week_appears_with_a_generated_intro(build_site):
    site = build_site(SITE, build_time=AFTER_KW48)
    page = site.html("wochenrueckblick/2026-W48/")
    assert texts(page.xpath("//*[contains(@class,'roundup-intro')]")) == [
        "Diese Woche: ein Beitrag von einer Person. Danke fürs Mitmachen!"]
    assert texts(site.html("wochenrueckblick/").xpath("//main//h2")) == ["KW 48/2026", "KW 47/2026"]


def test_skip_note_drops_the_week(build_site):
    site = build_site({**SITE, "roundups/2026-W47.md": "---\nskip: true\n---\n"})
    assert site.result.errors == []
    assert not site.path("wochenrueckblick/2026-W47").exists()


def test_note_for_a_week_without_posts_stops_a_strict_build(build_site):
    site = build_site({**SITE, "roundups/2026-W44.md": "Intro.\n"})
    assert [(e.path.endswith("roundups/2026-W44.md"), e.line) for e in site.result.errors] == [(True, 1)]
    assert "no posts were published in KW 44/2026" in site.result.errors[0].message
    assert "delete the note or check its file name" in site.result.errors[0].hint
    assert site.result.exit_code(strict=True) == 1


def test_note_with_an_unknown_key_names_file_line_and_fix(build_site):
    site = build_site({**SITE, "roundups/2026-W47.md": "---\ntitel: Hallo\n---\n"})
    errors = [e for e in site.result.errors if "roundups" in e.path]
    assert [(e.line, e.message, e.hint.split(" (")[0]) for e in errors] == [
        (2, "unknown key 'titel' in roundup note", "did you mean 'title'?")]
    assert site.result.exit_code(strict=True) == 1


def test_two_builds_with_the_same_build_time_are_byte_identical(build_site):
    first = build_site(SITE)
    before = {path.relative_to(first.output): path.read_bytes()
              for path in sorted((first.output / "wochenrueckblick").rglob("*.html"))}
    before["index.html"] = first.path("index.html").read_bytes()
    second = build_site(SITE)
    after = {path.relative_to(second.output): path.read_bytes()
             for path in sorted((second.output / "wochenrueckblick").rglob("*.html"))}
    after["index.html"] = second.path("index.html").read_bytes()
    assert len(before) == 4 and before == after  # index, roundup page, its share page (sharekit), home
