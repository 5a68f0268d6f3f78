"""The privacy gate: no written file loads anything from another origin, no picture tells where it was taken."""

from __future__ import annotations

import io
import shutil

import pytest
from PIL import Image

from helpers.frontmatter import article, front_matter, profile
from helpers.site import MINIMAL_SITE, ROOT, SAMPLE_PUBLISHCONF, run_tool, write_files
from privacy.gate import foreign, loads_in_css, loads_in_html, own_hosts

OWN = own_hosts("https://blog.example.org")


@pytest.mark.parametrize("html, what, url", [
    ('<img src="https://tracker.example.net/p.png" alt="">', "<img src>", "https://tracker.example.net/p.png"),
    ('<img src="/a.png" srcset="/a.png 1x, //cdn.example.net/a2.png 2x" alt="">', "<img srcset>",
     "//cdn.example.net/a2.png"),
    ('<picture><source srcset="https://cdn.example.net/a.webp" type="image/webp"></picture>', "<source srcset>",
     "https://cdn.example.net/a.webp"),
    ('<video poster="https://cdn.example.net/p.jpg"></video>', "<video poster>", "https://cdn.example.net/p.jpg"),
    ('<audio src="http://cdn.example.net/a.mp3"></audio>', "<audio src>", "http://cdn.example.net/a.mp3"),
    ('<track src="https://cdn.example.net/t.vtt">', "<track src>", "https://cdn.example.net/t.vtt"),
    ('<iframe src="https://www.youtube.com/embed/x"></iframe>', "<iframe src>", "https://www.youtube.com/embed/x"),
    ('<embed src="https://cdn.example.net/x.swf">', "<embed src>", "https://cdn.example.net/x.swf"),
    ('<object data="https://cdn.example.net/x.pdf"></object>', "<object data>", "https://cdn.example.net/x.pdf"),
    ('<script src="https://cdn.example.net/x.js"></script>', "<script src>", "https://cdn.example.net/x.js"),
    ('<link rel="stylesheet" href="https://fonts.googleapis.com/css">', "<link rel=stylesheet>",
     "https://fonts.googleapis.com/css"),
    ('<link rel="preload" as="font" href="https://fonts.gstatic.com/f.woff2">', "<link rel=preload>",
     "https://fonts.gstatic.com/f.woff2"),
    ('<link href="https://cdn.example.net/i.png" rel="icon">', "<link rel=icon>", "https://cdn.example.net/i.png"),
    ('<link rel="manifest" href="https://cdn.example.net/m.json">', "<link rel=manifest>",
     "https://cdn.example.net/m.json"),
    ('<link rel="modulepreload" href="https://cdn.example.net/m.js">', "<link rel=modulepreload>",
     "https://cdn.example.net/m.js"),
    ('<link rel="prefetch" href="https://cdn.example.net/n.html">', "<link rel=prefetch>",
     "https://cdn.example.net/n.html"),
    ('<meta http-equiv="refresh" content="0; url=https://elsewhere.example.net/">', "<meta http-equiv=refresh>",
     "https://elsewhere.example.net/"),
    ('<form action="https://forms.example.net/send"></form>', "<form action>", "https://forms.example.net/send"),
    ('<div style="background:url(&quot;https://cdn.example.net/bg.png&quot;)"></div>', 'style="url()"',
     "https://cdn.example.net/bg.png"),
    ("<style>@import 'https://cdn.example.net/x.css';</style>", "<style> @import", "https://cdn.example.net/x.css"),
    ("<style>\nb { background: url(https://cdn.example.net/b.png) }</style>", "<style> url()",
     "https://cdn.example.net/b.png"),
])
def test_every_kind_of_load_from_another_origin_is_found(html, what, url):
    [load] = loads_in_html(html, OWN)
    assert (load.what, load.url) == (what, url)
    assert load.host == url.split("//", 1)[1].split("/", 1)[0]


@pytest.mark.parametrize("html", [
    '<a href="https://www.linkedin.com/in/jana">LinkedIn</a>',  # a plain link loads nothing
    '<link rel="canonical" href="https://elsewhere.example.net/">',
    '<link rel="alternate" type="application/atom+xml" href="https://feeds.example.net/a.xml">',
    '<img src="https://blog.example.org/bild.png" alt="">',  # the site's own origin
    '<img src="http://blog.example.org/bild.png" alt="">',
    '<img src="/bild.png" alt=""><img src="bild.png" alt=""><img src="data:image/png;base64,AAAA" alt="">',
    '<meta http-equiv="refresh" content="0; url=/2026/neu/">',
    "<p>https://cdn.example.net/x.png steht nur im Text</p>",
    "<pre><code>&lt;img src=\"https://cdn.example.net/x.png\"&gt;</code></pre>",
])
def test_links_own_addresses_and_text_are_no_loads(html):
    assert loads_in_html(html, OWN) == []


def test_an_origin_of_the_site_or_one_it_allows_is_not_foreign():
    own = own_hosts("https://blog.example.org", "https://media.example.org")
    assert foreign("https://media.example.org/x.png", own) is None
    assert foreign("https://media.example.org:8443/x.png", own) == "media.example.org:8443"
    assert foreign("https://evil.example.org/x.png", own) == "evil.example.org"


def test_a_form_to_the_newsletter_service_is_allowed():
    html = '<form action="https://news.example.net/subscribe"></form>'
    assert loads_in_html(html, OWN, form_hosts=own_hosts("https://news.example.net/form")) == []


def test_css_files_are_read_with_their_line_numbers():
    css = "body { color: red }\n\n@import url('https://fonts.googleapis.com/css');\nb{background:url(/ok.png)}\n"
    [load] = loads_in_css(css, OWN)
    assert (load.what, load.line, load.host) == ("url()", 3, "fonts.googleapis.com")


# --- builds --------------------------------------------------------------------------------------

FONT = '<link rel="stylesheet" href="https://fonts.googleapis.com/css2?family=Roboto">'
PIXEL = '<img src="https://tracker.example.net/pixel.png" alt="Zählpixel">'


def build_errors(site) -> str:
    return "\n".join(problem.format() for problem in site.result.errors)


def test_a_post_that_loads_a_font_and_a_pixel_fails_naming_its_file_line_and_hosts(build_site):
    body = f"Erster Absatz.\n\n{FONT}\n\n{PIXEL}\n"
    site = build_site({"articles/erster-beitrag.md": article("Erster Beitrag", id="0001", body=body)})
    errors = build_errors(site)
    assert site.result.exit_code(strict=True) == 1
    path = str(site.content / "articles/erster-beitrag.md")
    text = (site.content / "articles/erster-beitrag.md").read_text(encoding="utf-8").splitlines()
    font_line = next(i for i, line in enumerate(text, 1) if "fonts.googleapis" in line)
    pixel_line = next(i for i, line in enumerate(text, 1) if "tracker.example" in line)
    assert f"{path}:{font_line}: <link rel=stylesheet> loads https://fonts.googleapis.com/css2?family=Roboto" in errors
    assert f"{path}:{pixel_line}: <img src> loads https://tracker.example.net/pixel.png" in errors
    assert "(fonts.googleapis.com)" in errors and "(tracker.example.net)" in errors
    assert "PRIVACY_ALLOWED_ORIGINS" in errors  # the way out is named


@pytest.mark.parametrize("files, source", [
    ({"authors/jana-beispiel.yml": profile("Jana Beispiel", role="Entwicklerin",
                                           bio='Ich <img src="https://tracker.example.net/p.gif" alt="x"> schreibe.')},
     "content/authors/jana-beispiel.yml"),
    ({"roundups/2026-W47.md": front_matter({"title": "Diese Woche"},
                                           body='<iframe src="https://www.youtube.com/embed/abc" title="V"></iframe>')},
     "content/roundups/2026-W47.md"),
    ({"articles/erster-beitrag.md": article(
        "Erster Beitrag", id="0001",
        body='<video src="https://cdn.example.net/film.mp4" controls></video>\n\n'
             '<div style="background-image: url(https://cdn.example.net/bg.jpg)">Text</div>')},
     "content/articles/erster-beitrag.md"),
])
def test_a_bio_a_roundup_note_or_a_video_names_its_own_source(build_site, files, source):
    site = build_site(files, settings_file="publishconf.py")
    errors = build_errors(site)
    assert site.result.exit_code(strict=True) == 1
    assert any(problem.path.endswith(source) and "from another origin" in problem.message for problem in site.result.errors), errors


def test_a_template_that_loads_a_script_names_the_template(build_site, tmp_path):
    theme = tmp_path / "theme"
    shutil.copytree(ROOT / "theme", theme)
    base = theme / "templates/base.html"
    base.write_text(base.read_text(encoding="utf-8").replace(
        "</head>", '<script src="https://analytics.example.net/a.js"></script>\n</head>'), encoding="utf-8")
    site = build_site(overrides={"THEME": str(theme)})
    [problem] = {(p.path, p.line, p.message) for p in site.result.errors}
    assert problem[0].endswith("theme/templates/base.html") and problem[1] > 1
    assert "<script src> loads https://analytics.example.net/a.js" in problem[2]


def test_an_allowed_origin_with_its_comment_passes(build_site):
    body = '<img src="https://media.example.org/bild.png" alt="Unsere Werkhalle">'
    files = {"articles/erster-beitrag.md": article("Erster Beitrag", id="0001", body=body)}
    site = build_site(files, overrides={"PRIVACY_ALLOWED_ORIGINS": {"https://media.example.org": "unser Medienserver"}})
    assert site.result.errors == [], build_errors(site)


@pytest.mark.parametrize("value", [{"https://media.example.org": ""}, {"media.example.org": "ours"},
                                   {"https://media.example.org/bilder/": "ours"}])
def test_an_allowed_origin_needs_an_https_origin_and_a_comment(build_site, value):
    site = build_site(overrides={"PRIVACY_ALLOWED_ORIGINS": value})
    assert "PRIVACY_ALLOWED_ORIGINS" in build_errors(site)


def jpeg_with_gps() -> bytes:
    image = Image.new("RGB", (40, 30), (200, 30, 30))
    exif = image.getexif()
    exif[0x010F] = "Kamera AG"
    gps = exif.get_ifd(0x8825)
    gps[1], gps[2], gps[3], gps[4] = "N", (53.0, 33.0, 0.0), "E", (9.0, 59.0, 0.0)
    details = exif.get_ifd(0x8769)
    details[0xA431] = "SN-123456"
    data = io.BytesIO()
    image.save(data, "JPEG", exif=exif)
    return data.getvalue()


def test_a_published_picture_with_gps_or_a_serial_number_is_an_error(tmp_path):
    """Checked on the output, whoever wrote the file (here a file the image pipeline would not touch)."""
    from privacy.pictures import revealing_metadata

    picture = tmp_path / "foto.jpg"
    picture.write_bytes(jpeg_with_gps())
    assert revealing_metadata(str(picture)) == ["GPS position (EXIF)", "body serial number"]
    clean = tmp_path / "sauber.jpg"
    Image.new("RGB", (4, 4)).save(clean, "JPEG")
    assert revealing_metadata(str(clean)) == []


def test_a_violating_build_is_not_published_and_the_live_output_stays(tmp_path):
    files = {**MINIMAL_SITE, "articles/erster-beitrag.md": article("Erster Beitrag", id="0001", body=PIXEL)}
    write_files(tmp_path / "content", files)
    live = tmp_path / "output"
    live.mkdir()
    (live / "index.html").write_text("the live site")
    done = run_tool("tools.publish", "--settings", str(SAMPLE_PUBLISHCONF), "--content", str(tmp_path / "content"),
                    "--output", str(live))
    assert done.returncode == 1
    assert "tracker.example.net" in done.stderr and "was left as it was" in done.stderr
    assert sorted(p.name for p in live.iterdir()) == ["index.html"]
    assert (live / "index.html").read_text() == "the live site"


def test_a_violating_build_is_not_deployed(tmp_path):
    files = {**MINIMAL_SITE, "articles/erster-beitrag.md": article("Erster Beitrag", id="0001", body=FONT)}
    write_files(tmp_path / "content", files)
    target = tmp_path / "live"
    target.mkdir()
    (target / "index.html").write_text("the live site")
    done = run_tool("tools.deploy", "--settings", str(SAMPLE_PUBLISHCONF), "--content", str(tmp_path / "content"),
                    "--output", str(tmp_path / "output"), "--target", str(target), env_extra={"DEPLOY_NEWSLETTER": "", "DRY_RUN": ""})
    assert done.returncode == 1 and "fonts.googleapis.com" in done.stderr
    assert [p.name for p in target.iterdir()] == ["index.html"] and (target / "index.html").read_text() == "the live site"


# --- Content-Security-Policy and Referrer-Policy ------------------------------------------------

def test_every_page_type_carries_the_policies(build_site):
    from privacy.policy import content_security_policy

    old_address = {"articles/erster-beitrag.md": article("Erster Beitrag", "2026-11-18 09:30", id="0001",
                                                         aliases=["/2019/alt/"])}
    site = build_site(old_address, settings_file="publishconf.py")
    assert (site.output / "2019/alt/index.html").is_file()  # a redirect page is a page too
    expected = content_security_policy({}, "")
    pages = [p for p in site.output.rglob("*.html") if "newsletter" not in p.parts]
    assert len(pages) > 15
    for path in pages:
        page = site.html(str(path.relative_to(site.output)))
        assert page.xpath("//meta[@http-equiv='Content-Security-Policy']/@content") == [expected], path
        assert page.xpath("//meta[@name='referrer']/@content") == ["strict-origin-when-cross-origin"], path
    assert "'unsafe-inline'" not in expected.split("script-src", 1)[1].split(";", 1)[0]


def test_an_allowed_origin_and_the_newsletter_form_are_in_the_policy():
    from privacy.policy import content_security_policy

    policy = content_security_policy({"https://media.example.org": "ours"}, "https://news.example.net/form")
    assert "default-src 'self' https://media.example.org" in policy
    assert "form-action 'self' https://news.example.net" in policy
    assert "frame-ancestors" not in policy  # a <meta> policy cannot say it
    assert "frame-ancestors 'self'" in content_security_policy({}, "", header=True)


def test_the_deploy_docs_show_the_headers_the_settings_give():
    done = run_tool("tools.server_headers", "--settings", str(SAMPLE_PUBLISHCONF))
    assert done.returncode == 0, done.stderr
    assert done.stdout in (ROOT / "docs/deploy.md").read_text(encoding="utf-8")
    for server in ("add_header Content-Security-Policy", "Header always set Strict-Transport-Security",
                   'X-Content-Type-Options "nosniff"'):
        assert server in done.stdout


def test_a_page_is_judged_by_what_the_writer_wrote_until_it_changes_on_disk(tmp_path):
    """The gate reads a page's loads from the text the writer wrote (shared.model.TEXT_WRITTEN) while
    the file is that file; a file rewritten after (the image pass does that) is read again."""
    import os

    from privacy.plugin import _loads_in_text, output_problems
    from privacy.sources import SourceFinder
    from shared.digests import stat_signature

    own = own_hosts("https://blog.example")
    page = tmp_path / "seite" / "index.html"
    page.parent.mkdir()
    written = '<img src="https://tracker.example/pixel.gif">'
    page.write_text(written, encoding="utf-8")
    scanned = {os.path.normpath(page): (stat_signature(page.stat()), _loads_in_text(str(page), written, own, frozenset()))}
    page.write_text(written.replace("tracker", "other-tracker"), encoding="utf-8")  # rewritten, longer
    found = output_problems(str(tmp_path), own, frozenset(), {}, SourceFinder((None,)), scanned=scanned)
    assert [problem.message for problem in found] == [
        "<img src> loads https://other-tracker.example/pixel.gif from another origin (other-tracker.example)"]
    scanned = {os.path.normpath(page): (stat_signature(page.stat()), [])}  # as if written so: not read
    assert output_problems(str(tmp_path), own, frozenset(), {}, SourceFinder((None,)), scanned=scanned) == []
