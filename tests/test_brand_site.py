"""The brand by settings in built sites (plugins/brand): the logo in the header, icons and the email's
PNG made from it, a self-hosted font, the footer line; bad values named at their file and line; a pale
brand colour still passes axe in light and dark mode."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from PIL import Image

from helpers.frontmatter import article, series
from helpers.site import MINIMAL_SITE, ROOT, SAMPLE_PELICANCONF, SAMPLE_SETTINGS, run_tool, write_files
from helpers.sitecheck import sample_site
from newsletter.config import newsletter_settings
from tools.sitecheck import pagetypes
from tools.sitecheck.server import SiteServer
from tools.sitecheck.suite import inspect_page_type

FONT = "@fontsource/atkinson-hyperlegible"  # pinned in package.json as the documented example


def png(width: int, height: int, colour=(120, 60, 160, 255)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGBA", (width, height), colour).save(buffer, format="PNG")
    return buffer.getvalue()


def pixels(path) -> tuple[int, int]:
    with Image.open(path) as image:
        return image.size


def test_the_header_shows_the_logo_and_icons_and_the_email_png_are_made_from_it(build_site):
    site = build_site({"images/acme.svg": '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 50">'
                                          '<rect width="200" height="50" fill="#4b0082"/></svg>'},
                      overrides={"SITE_LOGO": "images/acme.svg"})
    assert site.result.errors == []
    home = site.html("")
    logo = home.xpath("//header//a[@rel='home']/img")[0]
    assert (logo.get("src"), logo.get("width"), logo.get("height"), logo.get("alt")) == \
        ("./theme/brand/logo.svg", "160", "40", "")  # 40 px high; the site name next to it is the link's text
    icons = {link.get("rel"): link.get("href") for link in home.xpath("//head/link[contains(@rel, 'icon')]")
             if link.get("sizes") != "192x192"}
    assert icons == {"icon": "./theme/brand/favicon-32.png", "apple-touch-icon": "./theme/brand/apple-touch-icon.png"}
    assert pixels(site.path("theme/brand/favicon-32.png")) == (32, 32)
    with Image.open(site.path("theme/brand/apple-touch-icon.png")) as touch:
        assert touch.size == (180, 180) and touch.mode == "RGB"  # opaque: iOS fills transparency with black
    assert pixels(site.path("theme/brand/logo-email.png")) == (320, 80)  # twice its 160×40 in the email


def test_a_large_png_logo_is_published_at_twice_its_header_size(build_site):
    site = build_site({"images/acme.png": png(2000, 500)}, overrides={"SITE_LOGO": "images/acme.png"})
    logo = site.html("").xpath("//header//a[@rel='home']/img")[0]
    assert (logo.get("src"), logo.get("width"), logo.get("height")) == ("./theme/brand/logo.png", "160", "40")
    assert pixels(site.path("theme/brand/logo.png")) == (320, 80)


def test_a_dark_transparent_logo_gets_a_light_plate_in_dark_mode(build_site):
    site = build_site({"images/ink.png": _wordmark((20, 20, 20))},
                      overrides={"SITE_LOGO": "images/ink.png"})
    assert site.html("").xpath("//img[contains(@class, 'site-logo')]/@class") == ["site-logo plate-dark"]


def _wordmark(colour) -> bytes:
    image = Image.new("RGBA", (200, 50), (0, 0, 0, 0))
    image.paste(Image.new("RGBA", (180, 30), (*colour, 255)), (10, 10))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def test_without_a_logo_the_header_has_the_name_and_the_theme_favicon(build_site):
    site = build_site(overrides={"SITE_LOGO": None, "SITENAME": "Acme Blog"})
    home = site.html("")
    assert home.xpath("//header//a[@rel='home']/img") == []
    assert home.xpath("//header//a[@rel='home']//text()") == ["Acme Blog"]
    assert home.xpath("//head/link[@rel='icon']/@href") == ["./theme/favicon.png"]


def test_bad_brand_settings_are_named_at_their_file_and_line(tmp_path):
    settings_file = tmp_path / "meinconf.py"
    settings_file.write_text(f"import sys\nsys.path.insert(0, {str(SAMPLE_SETTINGS)!r})\n"
                             "from pelicanconf import *  # noqa\n\n"
                             "SITE_LOGO = 'images/fehlt.svg'\nACCENT_COLOR = 'blau'\nSITE_FONT = 'Comic Sans'\n",
                             encoding="utf-8")
    write_files(tmp_path / "content", MINIMAL_SITE)
    done = run_tool("tools.build", "--strict", "--settings", str(settings_file), "--content", str(tmp_path / "content"),
                    "--output", str(tmp_path / "out"))
    assert done.returncode == 1
    assert "meinconf.py:5: SITE_LOGO = 'images/fehlt.svg': no such file (looked for " in done.stderr
    assert "meinconf.py:6: ACCENT_COLOR = 'blau' is not allowed: expected a colour written \"#rrggbb\"" in done.stderr
    assert "meinconf.py:7: SITE_FONT = 'Comic Sans' is not allowed: expected a Fontsource package name" in done.stderr


@pytest.mark.parametrize("name, hint", [
    ("images/logo.jpg", "the path of an SVG or PNG file"),
    ("https://cdn.example/logo.svg", "the path of an SVG or PNG file"),
])
def test_a_logo_that_is_no_local_svg_or_png_is_refused(build_site, name, hint):
    site = build_site(overrides={"SITE_LOGO": name})
    assert any(p.message.startswith(f"SITE_LOGO = {name!r} is not allowed: expected {hint}") for p in site.result.errors)


def test_a_broken_svg_is_an_error_at_the_setting(build_site):
    site = build_site({"images/kaputt.svg": "<svg><g></svg>"}, overrides={"SITE_LOGO": "images/kaputt.svg"})
    [problem] = [p for p in site.result.errors if "SITE_LOGO" in p.message]
    assert Path(problem.path).resolve() == SAMPLE_PELICANCONF and problem.line > 0
    assert "is not a readable SVG" in problem.message


def test_a_fontsource_font_is_served_by_the_site_itself(build_site):
    site = build_site(overrides={"SITE_FONT": FONT})
    assert site.result.errors == []
    folder = site.path("theme/fonts/atkinson-hyperlegible")
    files = sorted(path.name for path in folder.iterdir())
    assert "LICENSE.txt" in files
    assert "atkinson-hyperlegible-latin-400-normal.woff2" in files
    assert "atkinson-hyperlegible-latin-ext-700-italic.woff2" in files
    assert all(name.endswith(".woff2") for name in files if name != "LICENSE.txt")  # no .woff, no other subsets
    head = site.html("2026/erster-beitrag/").xpath("//head")[0]
    style = head.xpath("style/text()")[0]
    urls = re.findall(r"url\(([^)]+)\)", style)
    assert urls and all(url.startswith("../../theme/fonts/atkinson-hyperlegible/") for url in urls)  # relative, ours
    assert '--font:"Atkinson Hyperlegible", system-ui' in style
    assert head.xpath("link[@rel='preload']/@href") == [
        "../../theme/fonts/atkinson-hyperlegible/atkinson-hyperlegible-latin-400-normal.woff2"]


def test_a_font_that_is_not_installed_says_how_to_install_it(build_site):
    site = build_site(overrides={"SITE_FONT": "@fontsource/gibt-es-nicht"})
    [problem] = [p for p in site.result.errors if "SITE_FONT" in p.message]
    assert problem.message.startswith("SITE_FONT = '@fontsource/gibt-es-nicht' is not installed")
    assert "npm install --save-exact @fontsource/gibt-es-nicht" in problem.hint


def test_the_footer_line_replaces_the_default_sentence(build_site):
    site = build_site(overrides={"FOOTER_LINE": "Acme: Sensoren aus Kiel."})
    assert site.html("").xpath("//footer[@class='site-footer']//p/text()")[0] == "Acme: Sensoren aus Kiel."


def test_the_newsletter_shows_a_png_of_the_logo(tmp_path):
    (tmp_path / "images").mkdir()
    (tmp_path / "images" / "acme.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 50"/>')
    settings = {"SITEURL": "https://blog.example", "PATH": str(tmp_path), "THEME": str(ROOT / "theme"),
                "SITE_LOGO": "images/acme.svg", "PUBLISHER": "Acme GmbH", "SITENAME": "Acme Blog"}
    logo = newsletter_settings(settings).logo
    assert (logo.url, logo.width, logo.height, logo.alt) == (
        "https://blog.example/theme/brand/logo-email.png", 80, 40, "Acme GmbH")
    assert newsletter_settings({**settings, "SITE_LOGO": None}).logo is None


# --- a pale brand colour in a real browser -------------------------------------------------------

PALE = "#f0e68c"
SHOWN = ("index", "article", "page", "tags-index", "archives", "authors-index", "author", "roundups-index",
         "roundup", "search", "subscribe", "series")
# A small site with every page type of SHOWN: a series with a tip besides the minimal site's post.
PALE_SITE = {
    **MINIMAL_SITE,
    "series/mittwochstipp.yml": series("#Mittwochstipp", "Tipp {n}", description="Jeden Mittwoch ein Tipp.",
                                       weekday="wednesday", owners=["jana-beispiel"]),
    "articles/tipp-eins.md": article("Tipp eins", "2026-11-11 07:30", id="7e570001", series="mittwochstipp",
                                     category="Sprache", tags=["sprache"], summary="Der erste Tipp."),
}


@pytest.fixture(scope="module")
def pale_site(tmp_path_factory, build_in_folder):
    """A small site published with a pale khaki as ACCENT_COLOR, served on 127.0.0.1."""
    tmp = tmp_path_factory.mktemp("pale")
    (tmp / "output").mkdir()
    server = SiteServer(tmp / "output")
    site = build_in_folder(tmp, PALE_SITE, settings_file="publishconf.py",
                           overrides={"SITEURL": server.origin, "ACCENT_COLOR": PALE})
    assert not site.result.crashed and site.result.errors == [], site.messages
    server.start()
    yield tmp / "output", server.origin
    server.stop()


@pytest.mark.browser
def test_a_pale_accent_colour_passes_axe_in_light_and_dark_mode(pale_site, mobile_page, axe_source):
    output, origin = pale_site
    found = [page_type for page_type in pagetypes.discover(output, sample_site()) if page_type.name in SHOWN]
    assert {page_type.name for page_type in found} == set(SHOWN)
    problems = []
    for page_type in found:  # axe at 375 px light and 1280 px dark, plus requests, console and overflow
        report = inspect_page_type(mobile_page, page_type, origin, axe_source)
        problems += [f"{page_type.name}: {line}" for line in report.problems()]
    assert problems == []
    style = (output / "index.html").read_text(encoding="utf-8")
    assert "--brand:#f0e68c;--accent:#7e730b" in style  # khaki itself only for the stripe; links in olive


def test_the_logos_files_are_drawn_once_and_kept_in_the_cache(build_site, tmp_path):
    logo = {"images/acme.png": png(400, 100)}
    first = build_site(logo, overrides={"SITE_LOGO": "images/acme.png"})
    icon = first.path("theme/brand/apple-touch-icon.png").read_bytes()
    [kept] = list((tmp_path / "cache" / "brand").iterdir())
    (kept / "apple-touch-icon.png").write_bytes(b"from the cache")  # a second build takes it from here
    second = build_site(logo, overrides={"SITE_LOGO": "images/acme.png"})
    assert second.path("theme/brand/apple-touch-icon.png").read_bytes() == b"from the cache" != icon


YELLOW, NAVY, INK, WHITE = (255, 204, 0, 255), (20, 30, 70, 255), (15, 15, 15, 255), (250, 250, 250, 255)


def _letters(drawing, lefts, top, bottom, width=20, fill=INK, matte=None):
    for left in lefts:
        if matte:  # a light rim around each letter, as anti-aliasing against a white matte leaves it
            drawing.rectangle((left - 2, top - 2, left + width + 2, bottom + 2), fill=matte)
        drawing.rectangle((left, top, left + width, bottom), fill=fill)


DRAWN_LOGOS = {  # name: (size, drawing, the header's classes)
    # a badge, only its corners transparent: legible on any page, a plate would frame it (adoption trial)
    "rounded badge": ((200, 60), lambda d: (d.rounded_rectangle((0, 0, 199, 59), radius=14, fill=YELLOW),
                                            _letters(d, range(30, 170, 36), 15, 45)), ["site-logo"]),
    # round (79 % of its box) and six-cornered (75 %) badges too (second review: an 85 % rule plated them)
    "round badge": ((200, 200), lambda d: (d.ellipse((0, 0, 199, 199), fill=NAVY),
                                           d.rectangle((45, 80, 155, 120), fill=WHITE)), ["site-logo"]),
    "six-cornered badge": ((200, 200), lambda d: (
        d.polygon([(50, 0), (150, 0), (199, 100), (150, 199), (50, 199), (0, 100)], fill=NAVY),
        d.rectangle((45, 80, 155, 120), fill=WHITE)), ["site-logo"]),
    # a black wordmark with a yellow mark beside it, or with a light rim: no background of its own, its
    # letters need the light plate on the dark header (review)
    "wordmark and mark": ((240, 60), lambda d: (d.ellipse((0, 5, 50, 55), fill=YELLOW),
                                                _letters(d, range(70, 230, 40), 10, 50, 22)), ["site-logo plate-dark"]),
    "wordmark on a white matte": ((240, 60), lambda d: _letters(d, range(70, 230, 40), 10, 50, 22, matte=WHITE),
                                  ["site-logo plate-dark"]),
    # a yellow ring or frame around black letters on transparency: the letters sit on the header (third review)
    "ring emblem": ((200, 200), lambda d: (d.ellipse((0, 0, 199, 199), outline=YELLOW, width=6),
                                           _letters(d, range(35, 160, 32), 70, 130, 24)), ["site-logo plate-dark"]),
    "framed wordmark": ((240, 60), lambda d: (d.rectangle((0, 0, 239, 59), outline=YELLOW, width=2),
                                              _letters(d, range(14, 220, 32), 8, 52, 24)), ["site-logo plate-dark"]),
}


@pytest.mark.parametrize("name", DRAWN_LOGOS)
def test_a_logo_gets_a_plate_only_without_a_background_of_its_own(build_site, name):
    from PIL import ImageDraw

    size, draw, classes = DRAWN_LOGOS[name]
    image = Image.new("RGBA", size, (0, 0, 0, 0))
    draw(ImageDraw.Draw(image))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    site = build_site({"images/logo.png": buffer.getvalue()}, overrides={"SITE_LOGO": "images/logo.png"})
    assert site.html("").xpath("//img[contains(@class, 'site-logo')]/@class") == classes
