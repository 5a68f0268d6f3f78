"""Unit tests of the authors plugin's pure logic: links, profile fields, order, bylines, JSON-LD."""

from __future__ import annotations

import json
from datetime import date

import pytest

from authors.bylines import thanks_display, unknown_handle_problems
from shared.post import ThanksShown
from shared.collation import german_sort_key, sorted_by_name
from authors.images import image_size
from shared.people import link_problem
from authors.pages import index_sections, owned_series, person_json_ld
from authors.profiles import Profile, ProfileCheck, read_profile
from shared.yamlsource import load_yaml
from helpers.authors import png_bytes


@pytest.mark.parametrize("network, url", [
    ("linkedin", "https://www.linkedin.com/in/jana-beispiel"),
    ("linkedin", "https://linkedin.com/in/jana-beispiel/"),
    ("xing", "https://www.xing.com/profile/Jana_Beispiel"),
    ("mastodon", "https://mastodon.social/@jana"),
    ("mastodon", "https://chaos.example/@aylin"),
    ("bluesky", "https://bsky.app/profile/jana.bsky.social"),
    ("x", "https://x.com/jana_beispiel"),
    ("x", "https://twitter.com/jana_beispiel"),
    ("website", "https://jana-beispiel.de"),
    ("website", "https://www.example.org/ueber-mich/"),
])
def test_profile_links_on_the_networks_own_host_are_accepted(network, url):
    assert link_problem(network, url) is None


@pytest.mark.parametrize("network, url, expected", [
    ("website", "http://jana-beispiel.de", "is not https"),
    ("mastodon", "http://mastodon.social/@jana", "is not https"),
    ("website", "javascript:alert(1)", "unsafe link"),
    ("website", "JavaScript:alert(1)", "unsafe link"),
    ("website", "data:text/html;base64,PHNjcmlwdD4=", "unsafe link"),
    ("website", "vbscript:msgbox", "unsafe link"),
    ("website", "ftp://example.org/jana", "unsafe link"),
    ("website", "//example.org/jana", "unsafe link"),
    ("website", "jana-beispiel.de", "unsafe link"),
    ("website", "https://jana beispiel.de", "spaces"),
    ("website", "https://user:pw@example.org/", "no valid host"),
    ("linkedin", "https://www.linkedin.evil.example/in/jana", "points to 'www.linkedin.evil.example'"),
    ("linkedin", "https://www.linkedin.com/company/nordlicht", "not a profile address"),
    ("xing", "https://xing.de/profile/Jana", "points to 'xing.de'"),
    ("bluesky", "https://bsky.social/profile/jana", "points to 'bsky.social'"),
    ("x", "https://x.example/jana", "points to 'x.example'"),
    ("mastodon", "https://mastodon.social/jana", "not a profile address"),
    ("x", "https://x.com/home", "not a profile address"),
    ("website", 42, "must be an address"),
])
def test_unsafe_or_misplaced_links_are_refused_with_an_example(network, url, expected):
    message, hint = link_problem(network, url)
    assert expected in message
    assert "https://" in hint


def _read(text: str, tmp_path, static_paths=("images",)):
    check = ProfileCheck(str(tmp_path), static_paths, "former colleague")
    return read_profile("jana-beispiel", load_yaml(text, "jana-beispiel.yml"), "jana-beispiel.yml", check)


def test_the_minimal_profile_has_no_problems(tmp_path):
    profile, problems = _read('name: "Jana Beispiel"\nrole: Entwicklerin\nsince: 2024-01-01\n', tmp_path)
    assert problems == []
    assert (profile.name, profile.role, profile.since, profile.status) == (
        "Jana Beispiel", "Entwicklerin", date(2024, 1, 1), "active")
    assert (profile.has_page, profile.url, profile.avatar, profile.links) == (True, "autoren/jana-beispiel/", None, {})


@pytest.mark.parametrize("text, line, message, hint", [
    ('name: J\nrolle: Chefin\n', 2, "unknown key 'rolle' in profile", "did you mean 'role'?"),
    ('role: Chefin\n', 1, "missing 'name' in profile", 'name: "Jana Beispiel"'),
    ('name: J\nstatus: former\n', 2, "unknown status 'former' in profile", "active, alumni, removed"),
    ('name: J\nsince: letzten Mai\n', 2, "invalid date 'letzten Mai' in 'since'", "YYYY-MM-DD"),
    ('name: J\nexpertise: {a: b}\n', 2, "'expertise' must be a list", "expertise: ["),
    ('name: J\nlinks:\n  mastodn: "https://a.example/@j"\n', 3, "unknown network 'mastodn'", "did you mean 'mastodon'?"),
    ('name: J\nlinks: "https://a.example"\n', 2, "'links' must be a mapping", "mastodon:"),
    ('name: J\nlinks:\n  website: "javascript:alert(1)"\n', 3, "unsafe link 'website'", "only https://"),
    ('name: J\navatar: "https://gravatar.com/avatar/1"\n', 2, "avatar must be a local file", "no remote avatar"),
    ('name: J\navatar: images/fehlt.png\n', 2, "avatar file not found: 'images/fehlt.png'", "relative to content/"),
    ('name: J\navatar: ../geheim.png\n', 2, "avatar file not found", "relative to content/"),
    ('name: [J]\n', 1, "'name' must be text, found a list", "on one line"),
])
def test_each_profile_mistake_is_one_problem_with_line_and_hint(tmp_path, text, line, message, hint):
    profile, problems = _read(text, tmp_path)
    assert len(problems) == 1, problems
    assert problems[0].line == line
    assert message in problems[0].message
    assert hint in problems[0].hint
    assert profile.handle == "jana-beispiel"  # still usable, so articles resolve


def test_a_profile_with_several_mistakes_reports_all_of_them_and_keeps_the_good_values(tmp_path):
    text = 'name: Jana\nstatus: weg\nlinks:\n  website: "http://a.example"\n  mastodon: "https://a.example/@j"\n'
    profile, problems = _read(text, tmp_path)
    assert [p.line for p in problems] == [2, 4]
    assert profile.links == {"mastodon": "https://a.example/@j"}


def test_an_avatar_in_the_static_folder_gets_its_pixel_size(tmp_path):
    (tmp_path / "images" / "autoren").mkdir(parents=True)
    (tmp_path / "images" / "autoren" / "jana.png").write_bytes(png_bytes(12, 9))
    profile, problems = _read('name: J\navatar: images/autoren/jana.png\n', tmp_path)
    assert problems == []
    assert (profile.avatar, profile.avatar_size) == ("images/autoren/jana.png", (12, 9))


@pytest.mark.parametrize("file_name, content, message", [
    ("jana.png", b"not really a png", "is not a PNG, JPEG, GIF or WebP image"),
    ("jana.txt", b"hello", "is not a PNG, JPEG, GIF or WebP image"),
])
def test_an_avatar_that_is_no_image_is_refused(tmp_path, file_name, content, message):
    (tmp_path / "images").mkdir()
    (tmp_path / "images" / file_name).write_bytes(content)
    _, problems = _read(f"name: J\navatar: images/{file_name}\n", tmp_path)
    assert message in problems[0].message


def test_an_avatar_outside_the_static_folders_is_refused(tmp_path):
    (tmp_path / "fotos").mkdir()
    (tmp_path / "fotos" / "jana.png").write_bytes(png_bytes())
    _, problems = _read("name: J\navatar: fotos/jana.png\n", tmp_path)
    assert "not in a folder that is copied" in problems[0].message
    assert "content/images/" in problems[0].hint


def test_a_removed_person_keeps_only_handle_and_neutral_name(tmp_path):
    text = ('name: Jana\nrole: Chefin\nstatus: removed\nbio: Hallo\nexpertise: [A]\n'
            'links:\n  website: "https://a.example"\n')
    profile, problems = _read(text, tmp_path)
    assert [(p.severity, p.line) for p in problems] == [("warning", 3)]
    assert (profile.name, profile.role, profile.bio, profile.expertise, profile.links) == (
        "former colleague", None, "", [], {})
    assert (profile.has_page, profile.url) == (False, None)


@pytest.mark.parametrize("names, expected", [
    (["Zoë Zimmermann", "Özlem Kaya", "Ole Petersen", "Anton Zeller", "Änne Ahlers"],
     ["Änne Ahlers", "Anton Zeller", "Ole Petersen", "Özlem Kaya", "Zoë Zimmermann"]),
    (["Ulf", "Über", "Uwe"], ["Über", "Ulf", "Uwe"]),
    (["Strauß", "Strauss", "Straub"], ["Straub", "Strauss", "Strauß"]),
    (["ärger", "Ärger", "Aerger"], ["Aerger", "Ärger", "ärger"]),
    (["Zoe", "Zoë", "Zora"], ["Zoe", "Zoë", "Zora"]),
])
def test_names_sort_in_german_dictionary_order(names, expected):
    assert sorted(names, key=german_sort_key) == expected


def test_sorted_by_name_sorts_profiles_by_display_name():
    people = [Profile("z", "Zoë Zimmermann"), Profile("a", "Änne Ahlers"), Profile("o", "Ole Petersen")]
    assert [p.handle for p in sorted_by_name(people)] == ["a", "o", "z"]


def test_the_index_lists_alumni_separately_and_leaves_removed_people_out():
    people = [Profile("z", "Zoë"), Profile("b", "Björn", status="alumni"), Profile("a", "Änne"),
              Profile("r", "former colleague", status="removed")]
    sections = index_sections(people)
    assert [p.handle for p in sections["active"]] == ["a", "z"]
    assert [p.handle for p in sections["alumni"]] == ["b"]


PROFILES = {"jana-beispiel": Profile("jana-beispiel", "Jana Beispiel"),
            "tom-muster": Profile("tom-muster", "Tom Muster"),
            "weg": Profile("weg", "former colleague", status="removed")}


def test_unknown_handles_name_the_key_the_line_and_a_suggestion():
    problems = unknown_handle_problems(
        "content/articles/a.md", ["jana-beispeil", "tom-muster", "tom-muser"],
        [{"handle": "jana-beispiel", "line": 8}, {"handle": "nobody-known", "line": 9}],
        {"author": 4, "co_authors.0": 5, "co_authors.1": 6}, PROFILES)
    assert [(p.line, p.message) for p in problems] == [
        (4, "unknown author 'jana-beispeil' in 'author'"),
        (6, "unknown author 'tom-muser' in 'co_authors'"),
        (9, "unknown person 'nobody-known' in 'thanks'"),
    ]
    assert problems[0].hint == "no profile content/authors/jana-beispeil.yml; did you mean 'jana-beispiel'?"
    assert "did you mean 'tom-muster'?" in problems[1].hint
    assert "{name:" in problems[2].hint


def test_thanks_link_profiles_keep_free_names_and_hide_removed_people():
    shown = thanks_display([{"handle": "tom-muster", "line": 3}, {"handle": "weg", "line": 4},
                            {"name": "Die Community", "url": "https://a.example", "line": 5},
                            {"name": "Oma", "url": None, "line": 6}], PROFILES)
    assert shown == (
        ThanksShown("Tom Muster", "autoren/tom-muster/", "tom-muster"),
        ThanksShown("former colleague", None, "weg"),
        ThanksShown("Die Community", "https://a.example"),
        ThanksShown("Oma"),
    )


def test_series_are_owned_by_the_handles_in_owners():
    class Series:
        def __init__(self, slug, owners):
            self.slug, self.owners = slug, owners
    found = owned_series("jana", [Series("a", ["jana", "aylin"]), Series("b", ["lukas"]), Series("c", None)])
    assert [s.slug for s in found] == ["a"]
    assert owned_series("jana", None) == []


def test_person_json_ld_is_schema_org_and_cannot_end_the_script_element():
    profile = Profile("jana", "Jana </script><script>alert(1)</script>", role="Chefin & Co",
                      avatar="images/j.png", expertise=["A"], links={"mastodon": "https://a.example/@j"})
    text = person_json_ld(profile, "https://blog.example", "Nordlicht")
    assert "</" not in text and "<" not in text
    data = json.loads(text)
    assert data["@type"] == "Person"
    assert data["name"] == profile.name
    assert data["url"] == "https://blog.example/autoren/jana/"
    assert data["image"] == "https://blog.example/images/j.png"
    assert data["worksFor"]["name"] == "Nordlicht"
    assert data["sameAs"] == ["https://a.example/@j"]


@pytest.mark.parametrize("content, size", [
    (png_bytes(7, 5), (7, 5)),
    (b"GIF89a" + (10).to_bytes(2, "little") + (20).to_bytes(2, "little") + b"\x00" * 20, (10, 20)),
    (b"\xff\xd8\xff\xe0\x00\x04ab\xff\xc0\x00\x11\x08\x00\x30\x00\x40" + b"\x00" * 20, (64, 48)),
    (b"nothing", None),
])
def test_image_size_reads_the_header(tmp_path, content, size):
    path = tmp_path / "image"
    path.write_bytes(content)
    assert image_size(str(path)) == size
