"""The one Markdown renderer (plugins/shared/markdown.py): settings["MARKDOWN"] without `meta`."""

import copy

import pytest
from markupsafe import Markup

from shared.markdown import markdown_options, markdown_renderer

# What Pelican's MarkdownReader leaves in the setting once it has run.
WITH_META = {"MARKDOWN": {"extension_configs": {"markdown.extensions.extra": {}},
                          "extensions": ["markdown.extensions.extra", "markdown.extensions.meta"],
                          "output_format": "html5"}}


@pytest.mark.parametrize("first_line", ["Tipp: Kurz schreiben.", "Hinweis: Das gilt ab Montag.",
                                        "Fazit: Weniger ist mehr.", "Update: der erste Absatz.", "Title: Kein Titel"])
def test_a_first_line_that_looks_like_a_metadata_field_is_content(first_line):
    render = markdown_renderer(WITH_META)
    assert render(f"{first_line}\n\nZweiter Absatz.") == f"<p>{first_line}</p>\n<p>Zweiter Absatz.</p>"


def test_meta_is_left_out_without_changing_the_setting():
    settings = copy.deepcopy(WITH_META)
    options = markdown_options(settings)
    assert options["extensions"] == ["markdown.extensions.extra"]
    assert options["output_format"] == "html5"
    assert settings == WITH_META
    options["extensions"].append("x")
    options["extension_configs"]["markdown.extensions.extra"]["y"] = 1
    assert settings == WITH_META


def test_configured_extensions_are_enabled_like_pelican_does():
    options = markdown_options({"MARKDOWN": {"extension_configs": {"markdown.extensions.toc": {"title": "Inhalt"},
                                                                   "markdown.extensions.meta": {}}}})
    assert options["extensions"] == ["markdown.extensions.toc"]
    assert options["extension_configs"] == {"markdown.extensions.toc": {"title": "Inhalt"}}


def test_output_is_markup_and_raw_text_is_escaped_as_markdown_does():
    html = markdown_renderer(WITH_META)('Licht & "Schatten"')
    assert isinstance(html, Markup) and html == '<p>Licht &amp; "Schatten"</p>'


def test_one_instance_is_reused_and_nothing_leaks_from_the_previous_text():
    render = markdown_renderer(WITH_META)
    first = render("Text[^1]\n\n[^1]: Fußnote eins.")
    second = render("Nur Text.")
    assert "Fußnote eins" in first and second == "<p>Nur Text.</p>"
    assert render("") == ""


def test_a_code_block_can_take_focus_so_keyboards_can_scroll_it():
    from shared.markdown import markdown_renderer

    render = markdown_renderer({"MARKDOWN": {"extension_configs": {"markdown.extensions.extra": {}}}})
    html = str(render("Text\n\n    eine sehr lange Zeile\n\n<pre tabindex=\"-1\">schon gesetzt</pre>\n"))
    assert '<pre tabindex="0"><code>eine sehr lange Zeile' in html
    assert '<pre tabindex="-1">schon gesetzt</pre>' in html and html.count("tabindex") == 2
