"""The web editor in chromium, against decap-server (Decap's local backend, as `make editor` runs it)
writing into a small blog's checkout: a post written through the editor's forms is the file
`make new-post` plus the same edits would be, and builds strictly; a picture without alt text is
not saved; a new profile is a choice after the next build; the page talks to nothing but its own
origin and the local backend."""

from __future__ import annotations

import re
import shutil
import time
from datetime import datetime
from pathlib import Path
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import pytest

from helpers.editor import STRINGS, free_port, parse_post
from helpers.frontmatter import series
from helpers.site import DEFAULT_BUILD_TIME, MINIMAL_SITE, site_settings, write_files
from tools.build import build
from tools.editor import backend_url, start_backend, stop
from tools.new_post import write_new_post
from tools.sitecheck.server import SiteServer

pytestmark = pytest.mark.browser

WORDS = STRINGS["de"]
BERLIN = ZoneInfo("Europe/Berlin")
WRITTEN_AT = datetime(2026, 11, 20, 10, 15, tzinfo=BERLIN)  # before the tests' build time (23 November)
PICTURE = Path(__file__).parent / "fixtures" / "editor-werkstatt.png"


class EditorCheckout:
    """A blog's checkout that decap-server writes into, built with the editor on and served."""

    def __init__(self, folder: Path, chromium):
        self.folder, self.chromium = folder, chromium
        self.content = folder / "content"
        write_files(self.content, {**MINIMAL_SITE, "series/mittwochstipp.yml": series("#Mittwochstipp", "Tipp {n}")})
        self.backend_port = free_port()
        self.backend = start_backend(folder, self.backend_port)
        self.server = SiteServer(folder / "output").start()
        self.rebuild()

    @property
    def origins(self) -> set:
        return {self.server.origin, f"http://127.0.0.1:{self.backend_port}"}

    def rebuild(self, **overrides):
        with pytest.MonkeyPatch.context() as patch:
            patch.setenv("SOURCE_DATE_EPOCH", DEFAULT_BUILD_TIME)
            settings = site_settings(self.folder, overrides={
                "EDITOR_ENABLED": True, "EDITOR_LOCAL_BACKEND": backend_url(self.backend_port), **overrides})
            return build(settings)

    def open(self, route: str):
        """A fresh tab (own storage) at the editor, logged in to the local backend, at #/route."""
        context = self.chromium.new_context(timezone_id="Europe/Berlin", locale="de-DE",
                                            viewport={"width": 1280, "height": 1000})
        page = context.new_page()
        page.requests, page.console = [], []
        page.on("request", lambda request: page.requests.append(request.url))
        page.on("console", lambda message: page.console.append(message.text))
        page.clock.install(time=WRITTEN_AT)
        page.clock.resume()  # time flows from WRITTEN_AT: Decap's "now" is that moment
        page.goto(self.server.url("admin/"))
        page.get_by_role("button", name="Login").click()
        page.get_by_role("link", name=WORDS["editor_posts"]).first.wait_for()
        page.goto(self.server.url(f"admin/#/{route}"))
        return page

    def close(self):
        self.server.stop()
        stop(self.backend)


@pytest.fixture(scope="module")
def checkout(tmp_path_factory, chromium):
    running = EditorCheckout(tmp_path_factory.mktemp("editor-checkout"), chromium)
    yield running
    running.close()


def wait_for_file(path: Path, timeout: float = 20) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if path.is_file() and path.stat().st_size:
            time.sleep(0.2)  # decap-server writes the picture and the post one after the other
            return path.read_text(encoding="utf-8")
        time.sleep(0.1)
    raise AssertionError(f"{path} was not written within {timeout} s")


def choose(page, label: str, option: str) -> None:
    page.get_by_label(label).click()
    page.get_by_role("option", name=option, exact=True).click()


def add_picture(page, file: Path) -> None:
    page.get_by_role("button", name=re.compile(f"{WORDS['editor_picture']} hinzufügen", re.I)).click()
    page.get_by_role("button", name="Wähle ein Bild").click()
    page.locator("input[type=file]").set_input_files(str(file))
    page.get_by_role("button", name="Ausgewähltes Element verwenden").click()


def write_text(page, text: str) -> None:
    page.locator("[data-slate-editor=true]").click()
    page.keyboard.type(text)


def publish(page) -> None:
    page.get_by_role("button", name="Veröffentlichen", exact=True).click()
    page.get_by_role("menuitem", name="Jetzt veröffentlichen").click()


def fill_post(page, title: str) -> None:
    page.get_by_label(WORDS["editor_title"], exact=True).fill(title)
    choose(page, WORDS["editor_author"], "Jana Beispiel")
    page.get_by_label(WORDS["editor_summary"]).fill("Wer hilft, dem wird geholfen.")
    write_text(page, "Wer gibt, bekommt.")


def assert_only_own_requests(page, checkout) -> None:
    off = sorted({url for url in page.requests if urlsplit(url).scheme in ("http", "https")
                  and f"{urlsplit(url).scheme}://{urlsplit(url).netloc}" not in checkout.origins})
    assert off == []
    assert not [line for line in page.console if "Content Security Policy" in line]


def test_a_post_written_in_the_editor_is_the_file_make_new_post_and_the_same_edits_give(checkout, tmp_path):
    page = checkout.open("collections/posts/new")
    title = "Über Netzwerke: danke, Mastodon!"
    page.get_by_label(WORDS["editor_title"], exact=True).fill(title)
    choose(page, WORDS["editor_author"], "Jana Beispiel")
    choose(page, WORDS["editor_co_authors"], "Tom Muster")
    page.get_by_role("button", name=re.compile(f"{WORDS['editor_thanks_one']} hinzufügen", re.I)).click()
    page.get_by_label(WORDS["editor_thanks_name"]).fill("Die Community auf Mastodon")
    page.get_by_label(WORDS["editor_thanks_url"]).fill("https://example.social/tags/followerpower")
    choose(page, WORDS["editor_series_field"], "#Mittwochstipp")
    page.get_by_label(WORDS["editor_tags"]).fill("netzwerken, sprache")
    page.get_by_label(WORDS["editor_category"]).fill("Arbeitskultur")
    page.get_by_label(WORDS["editor_summary"]).fill("Ein Satz, der im Feed steht.")
    add_picture(page, PICTURE)
    page.get_by_label(WORDS["editor_image_alt"]).fill("Zwei Kolleginnen an der Werkbank")
    choose(page, WORDS["editor_status"], WORDS["editor_status_published"])
    write_text(page, "Wer gibt, bekommt. Danke an alle, die mitgeholfen haben.")
    publish(page)

    saved = checkout.content / "articles" / "2026" / "ueber-netzwerke-danke-mastodon.md"
    front, body = parse_post(wait_for_file(saved))
    assert_only_own_requests(page, checkout)
    page.context.close()

    shutil.copytree(checkout.content / "authors", tmp_path / "content" / "authors")  # new-post checks the handle
    scaffold = write_new_post(tmp_path / "content", title, "jana-beispiel", WRITTEN_AT.replace(tzinfo=None))
    assert scaffold.relative_to(tmp_path / "content") == saved.relative_to(checkout.content)
    expected, _placeholder = parse_post(scaffold.read_text(encoding="utf-8"))
    expected.update(
        co_authors=["tom-muster"], series="mittwochstipp",
        thanks=[{"name": "Die Community auf Mastodon", "url": "https://example.social/tags/followerpower"}],
        tags=["netzwerken", "sprache"], category="Arbeitskultur", summary="Ein Satz, der im Feed steht.",
        image="images/2026/editor-werkstatt.png", image_alt="Zwei Kolleginnen an der Werkbank", status="published")
    assert re.fullmatch(r"[0-9a-f]{8}", front["id"]) and re.fullmatch(r"[0-9a-f]{8}", expected["id"])
    assert {**front, "id": None} == {**expected, "id": None}
    assert list(front) == [key for key in ("title", "id", "date", "author", "co_authors", "thanks", "series", "tags",
                                           "category", "summary", "image", "image_alt", "status")]
    assert body == "Wer gibt, bekommt. Danke an alle, die mitgeholfen haben."
    uploaded = checkout.content / "images" / "2026" / "editor-werkstatt.png"
    assert uploaded.read_bytes() == PICTURE.read_bytes()

    result = checkout.rebuild()
    assert result.exit_code(strict=True) == 0, result.summary()
    published = (checkout.folder / "output" / "2026" / "ueber-netzwerke-danke-mastodon" / "index.html")
    html = published.read_text(encoding="utf-8")
    assert "Zwei Kolleginnen an der Werkbank" in html and "Tom Muster" in html and "Die Community auf Mastodon" in html


def test_a_picture_without_alt_text_cannot_be_saved(checkout):
    page = checkout.open("collections/posts/new")
    fill_post(page, "Ein Bild ohne Worte")
    add_picture(page, PICTURE)
    publish(page)
    page.get_by_text(f"{WORDS['editor_image_alt']} ist erforderlich.").wait_for()
    time.sleep(1.5)
    assert not (checkout.content / "articles" / "2026" / "ein-bild-ohne-worte.md").exists()
    page.get_by_label(WORDS["editor_image_alt"]).fill("Eine Werkbank von oben")
    publish(page)
    front, _body = parse_post(wait_for_file(checkout.content / "articles" / "2026" / "ein-bild-ohne-worte.md"))
    assert front["image_alt"] == "Eine Werkbank von oben"
    page.context.close()


def test_a_new_profile_is_an_author_choice_after_the_next_build(checkout):
    page = checkout.open("collections/authors/new")
    page.get_by_label(WORDS["editor_name"], exact=True).fill("Nele Nordmann")
    page.get_by_label(WORDS["editor_role"]).fill("Auszubildende Mechatronik")
    page.get_by_role("button", name="Wähle ein Bild").click()
    page.locator("input[type=file]").set_input_files(str(PICTURE))
    page.get_by_role("button", name="Ausgewähltes Element verwenden").click()
    publish(page)
    profile = wait_for_file(checkout.content / "authors" / "nele-nordmann.yml")
    assert profile == ('name: "Nele Nordmann"\nrole: "Auszubildende Mechatronik"\nstatus: active\n'
                       'avatar: images/authors/editor-werkstatt.png\n')
    assert (checkout.content / "images" / "authors" / "editor-werkstatt.png").is_file()

    def author_choices() -> list:
        page.goto(checkout.server.url("admin/#/collections/posts/new"))
        page.reload()
        page.get_by_label(WORDS["editor_author"]).click()
        page.get_by_role("option").first.wait_for()
        return page.get_by_role("option").all_inner_texts()

    assert "Nele Nordmann" not in author_choices()  # the choices are this build's
    assert checkout.rebuild().exit_code(strict=True) == 0
    assert "Nele Nordmann" in author_choices()
    page.context.close()


def test_the_editor_talks_to_its_own_origin_and_the_local_backend_only(checkout):
    page = checkout.open("collections/posts")
    page.get_by_text("Erster Beitrag").click()  # an existing post: read through the backend
    page.get_by_label(WORDS["editor_title"], exact=True).wait_for()
    page.goto(checkout.server.url("admin/#/collections/authors"))
    page.get_by_text("Tom Muster").first.wait_for()
    page.goto(checkout.server.url("admin/#/media"))
    page.wait_for_load_state("networkidle")
    assert_only_own_requests(page, checkout)
    assert any(url.startswith(checkout.server.origin + "/admin/") for url in page.requests)
    assert any(urlsplit(url).port == checkout.backend_port for url in page.requests)
    page.context.close()


def test_a_picture_of_a_name_another_profile_has_is_refused_and_the_other_stays(checkout, tmp_path):
    """Decap asks 'already exists. Do you want to replace it?' and on OK deletes the other person's
    photo at once, before anything is saved (found by a colleague's trial): the upload is refused
    in the site's language instead, and nothing is replaced."""
    first = checkout.open("collections/authors/new")
    first.get_by_label(WORDS["editor_name"], exact=True).fill("Nele Nordmann")
    first.get_by_role("button", name="Wähle ein Bild").click()
    first.locator("input[type=file]").set_input_files(str(PICTURE))
    first.get_by_role("button", name="Ausgewähltes Element verwenden").click()
    publish(first)
    wait_for_file(checkout.content / "authors" / "nele-nordmann.yml")
    kept = checkout.content / "images" / "authors" / PICTURE.name
    before = kept.read_bytes()
    first.context.close()

    other = tmp_path / PICTURE.name  # the same name, another picture
    other.write_bytes(PICTURE.read_bytes() + b"\0")
    page = checkout.open("collections/authors/new")
    said = []
    page.on("dialog", lambda dialog: (said.append((dialog.type, dialog.message)), dialog.accept()))
    page.get_by_label(WORDS["editor_name"], exact=True).fill("Ole Olsen")
    page.get_by_role("button", name="Wähle ein Bild").click()
    page.locator("input[type=file]").set_input_files(str(other))
    page.wait_for_timeout(1000)
    assert said == [("alert", WORDS["editor_error_name_taken"].replace("{name}", PICTURE.name))]
    assert kept.read_bytes() == before
    page.context.close()
