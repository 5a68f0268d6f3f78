"""The preview server over HTTP: the reload script only in served HTML, never in any build's
output; a content problem shown in the page with the same message as `make check`, escaped."""

from __future__ import annotations

import pytest
from lxml import html as lxml_html

from helpers.site import MINIMAL_SITE
from helpers.preview import ARTICLE
from tools.preview.server import inject, output_name

PAGE = "2026/erster-beitrag/"
SCRIPT = "/_preview/reload.js"


def scripts(page: str) -> list[str]:
    return lxml_html.fromstring(page).xpath("//script/@src")


def banner_texts(page: str) -> list[str]:
    return [pre.text_content() for pre in lxml_html.fromstring(page).xpath("//*[@id='werkbank-preview-problems']//pre")]


@pytest.mark.parametrize(("url", "name"), [
    ("/", "index.html"), ("/2026/x/", "2026/x/index.html"), ("/thema/f%C3%BChrung/", "thema/führung/index.html"),
    ("/theme/css/site.css", "theme/css/site.css"), ("/../etc/passwd", "etc/passwd"), ("/%2e%2e/x", "x"),
])
def test_urls_map_to_output_files_and_never_leave_it(url, name):
    assert output_name(url) == (name.replace("/", __import__("os").sep) if name else None)


def test_the_script_goes_before_the_end_of_head_and_the_banner_after_body():
    page = inject(b"<html><head><title>x</title></head><body class='a'><p>x</p></body></html>", "<aside>!</aside>",
                  "ab12-3")
    assert page == (b"<html><head><title>x</title>"
                    b"<script src=\"/_preview/reload.js\" data-version=\"ab12-3\" defer></script></head>"
                    b"<body class='a'><aside>!</aside><p>x</p></body></html>")


def test_served_pages_load_the_reload_script_from_the_preview_itself(preview):
    status, kind, page = preview.get(PAGE)
    assert (status, kind) == (200, "text/html; charset=utf-8")
    assert scripts(page).count(SCRIPT) == 1
    status, kind, script = preview.get(SCRIPT)
    assert status == 200 and kind.startswith("text/javascript") and "EventSource" in script
    _status, _kind, css = preview.get("theme/css/site.css")
    assert SCRIPT not in css


def test_no_build_writes_the_reload_script(preview, build_site, tmp_path):
    written = [p for p in (tmp_path / "output").rglob("*") if p.is_file()]
    assert written and not [p for p in written if b"_preview" in p.read_bytes()]
    for settings_file in ("pelicanconf.py", "publishconf.py"):  # make html, make publish
        site = build_site(settings_file=settings_file, overrides={"OUTPUT_PATH": str(tmp_path / settings_file)})
        files = [p for p in site.output.rglob("*") if p.is_file()]
        assert files and not [p for p in files if b"_preview" in p.read_bytes()], settings_file


def test_a_broken_front_matter_shows_make_checks_message_and_the_page_comes_back(preview):
    preview.save("articles/erster-beitrag.md", ARTICLE.format(body="Wer gibt.").replace(
        "tags: [netzwerken]", "tags: [netzwerken"))
    preview.wait_until_settled()
    status, _kind, page = preview.get(PAGE)
    assert status == 200
    [message] = banner_texts(page)
    assert message.startswith("content/articles/erster-beitrag.md:")
    assert "YAML syntax error" in message and "double quotes" in message
    _status, _kind, home = preview.get("/")
    assert banner_texts(home) == [message]  # the other pages say so too
    assert message in "\n".join(p for p in __import__("json").loads(preview.get("_preview/problems.json")[2]))
    preview.save("articles/erster-beitrag.md", ARTICLE.format(body="Wer gibt wieder."))
    preview.wait_until_settled()
    status, _kind, page = preview.get(PAGE)
    assert status == 200 and "Wer gibt wieder." in page and not banner_texts(page)


def test_problem_messages_are_text_not_markup(preview):
    preview.save("articles/erster-beitrag.md", ARTICLE.format(body="x").replace(
        "author: jana-beispiel", "author: \"<b>jana</b>\""))
    preview.wait_until_settled()
    _status, _kind, home = preview.get("/")
    banner = lxml_html.fromstring(home).xpath("//*[@id='werkbank-preview-problems']")[0]
    assert not banner.xpath(".//b") and "<b>jana</b>" in banner.text_content()


def test_an_unknown_page_is_the_404_page_with_the_script(preview):
    status, _kind, page = preview.get("gibt-es-nicht/")
    assert status == 404 and SCRIPT in scripts(page)


def test_the_preview_never_empties_a_directory_that_holds_the_content(tmp_path, monkeypatch):
    from helpers.site import site_settings, write_files
    from tools.preview.session import PreviewSession

    monkeypatch.chdir(tmp_path)
    write_files(tmp_path / "content", MINIMAL_SITE)
    session = PreviewSession(site_settings(tmp_path, overrides={"OUTPUT_PATH": str(tmp_path)}), root=tmp_path)
    with pytest.raises(SystemExit, match="contains"):
        session.builder.clean_output()
