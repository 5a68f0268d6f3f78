"""make import-wordpress: WordPress users become profiles (content/authors/<handle>.yml) with clean
handles and their display names, and no e-mail address is written anywhere."""

from __future__ import annotations

import re

import pytest
import yaml

from helpers.site import MINIMAL_SITE
from helpers.wxr import author, build_imported, comment, import_wordpress, post, wxr
from shared.people import HANDLE

EMAILS = ("jana@altfirma.example", "tom@altfirma.example", "admin@altfirma.example", "karla@kommentar.example")


@pytest.fixture(scope="module")
def imported(tmp_path_factory):
    export = wxr([
        post(1, "Von Jana", post_name="von-jana", creator="jana", coauthors=["tom"],
             comments=[comment(author_email="karla@kommentar.example")]),
        post(2, "Vom Admin", post_name="vom-admin", creator="ad\u200bmin\u202e"),
        post(3, "Von einem Gast", post_name="vom-gast", creator="gast_autorin"),
        post(4, "Kaputter Name", post_name="kaputt", creator="jana>"),
        post(5, "Auch kaputt", post_name="auch-kaputt", creator=">jana"),
    ], authors=[
        author("jana", "Jana Alt", email="jana@altfirma.example", first_name="Jana", last_name="Alt"),
        author("tom", "", email="tom@altfirma.example", first_name="Tom", last_name="Altmann", author_id=2),
        author("ad\u200bmin\u202e", "Ad\u200dmin", email="admin@altfirma.example", author_id=3),
    ])
    tmp = tmp_path_factory.mktemp("people")
    done = import_wordpress(tmp, export, files=MINIMAL_SITE)
    assert done.code == 0, done.stderr
    return done


def profile(imported, handle) -> dict:
    return yaml.safe_load(imported.text(f"authors/{handle}.yml"))


def test_each_declared_user_gets_a_profile_with_the_display_name(imported):
    assert profile(imported, "jana")["name"] == "Jana Alt"


def test_a_user_without_display_name_is_named_by_first_and_last_name(imported):
    assert profile(imported, "tom")["name"] == "Tom Altmann"


def test_an_author_used_by_posts_but_not_declared_gets_a_profile(imported):
    assert (imported.content / "authors" / "gast-autorin.yml").is_file()
    assert imported.front("articles/2019/vom-gast.md")["author"] == "gast-autorin"


def test_invisible_characters_are_removed_from_a_login_and_its_name(imported):
    assert imported.front("articles/2019/vom-admin.md")["author"] == "admin"
    assert profile(imported, "admin")["name"] == "Admin"


def test_a_malformed_creator_is_the_declared_user_of_that_login(imported):
    assert imported.front("articles/2019/kaputt.md")["author"] == "jana"
    assert imported.front("articles/2019/auch-kaputt.md")["author"] == "jana"


def test_every_handle_follows_our_handle_rules(imported):
    handles = [path.removeprefix("authors/").removesuffix(".yml") for path in imported.files("authors")]
    assert handles and all(HANDLE.match(handle) for handle in handles), handles
    for path in imported.files("articles/2019"):
        front = imported.front(path)
        for handle in [front["author"], *front.get("co_authors", [])]:
            assert (imported.content / "authors" / f"{handle}.yml").is_file(), (path, handle)


def test_a_profile_of_the_site_is_left_as_it_is(imported):
    assert imported.text("authors/jana-beispiel.yml") == MINIMAL_SITE["authors/jana-beispiel.yml"]


def test_a_co_author_recorded_only_by_the_plugin_gets_a_profile(tmp_path):
    export = wxr([post(1, "Zu zweit", post_name="zu-zweit", creator="jana", coauthors=["gastautor"])],
                 authors=[author("jana", "Jana Alt")])
    done = import_wordpress(tmp_path, export)
    assert done.front("articles/2019/zu-zweit.md").get("co_authors") == ["gastautor"]
    assert (done.content / "authors" / "gastautor.yml").is_file()


def test_a_handle_taken_by_another_person_gets_a_free_one(tmp_path):
    files = {"authors/jana.yml": "name: Jana Schon-da\nstatus: active\n"}
    export = wxr([post(1, "Von Jana", post_name="von-jana", creator="jana")], authors=[author("jana", "Jana Alt")])
    done = import_wordpress(tmp_path, export, files=files)
    handle = done.front("articles/2019/von-jana.md")["author"]
    assert handle != "jana"
    assert profile(done, handle)["name"] == "Jana Alt"
    assert done.text("authors/jana.yml") == files["authors/jana.yml"]


def test_no_email_address_is_written_into_content_or_the_built_site(tmp_path):
    export = wxr([
        post(1, "Von Jana", post_name="von-jana", creator="jana", excerpt="Ein Satz.",
             comments=[comment(author_email="karla@kommentar.example")]),
        post(2, "Vom Admin", post_name="vom-admin", creator="ad\u200bmin\u202e", excerpt="Ein Satz."),
    ], authors=[author("jana", "Jana Alt", email="jana@altfirma.example"),
                author("ad\u200bmin\u202e", "Admin", email="admin@altfirma.example", author_id=3)])
    done = import_wordpress(tmp_path, export, files=MINIMAL_SITE)
    site = build_imported(tmp_path)
    written = [path for folder in (done.content, site.output) for path in folder.rglob("*") if path.is_file()]
    assert any(path.suffix == ".html" for path in written)
    for path in written:
        data = path.read_bytes()
        for address in EMAILS:
            assert address.encode() not in data, f"{address} in {path}"
        assert not re.search(rb"[\w.+-]+@altfirma\.example", data), path
