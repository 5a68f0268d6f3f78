"""Deliberately broken pages make each site check fail with a message that names the problem.

These keep the checks honest: a check that cannot fail proves nothing.
"""

from __future__ import annotations

import textwrap

import pytest

from helpers.frontmatter import article
from helpers.site import MINIMAL_SITE, SAMPLE_PUBLISHCONF, run_tool, write_files
from helpers.sitecheck import require_tool, require_validator, sample_site
from tools.sitecheck import browser, environment, links, pagetypes, vnu

PAGE = """\
<!DOCTYPE html>
<html lang="de">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Prüfseite</title>
{head}
</head>
<body>
<main>
<h1>Prüfseite</h1>
{body}
</main>
</body>
</html>
"""


def page(body: str = "<p>Alles gut.</p>", head: str = "") -> str:
    return PAGE.format(head=head, body=textwrap.dedent(body).strip())


# --- in the browser ---------------------------------------------------------------------------

BROKEN_IN_BROWSER = [
    # (what is wrong, head, body, a phrase the report must contain)
    ("external font", '<link rel="stylesheet" href="https://fonts.example/x.css">', "<p>Text</p>",
     "request leaves the site's origin: https://fonts.example/x.css"),
    ("tracking pixel", "", '<img src="https://tracker.example/p.gif" alt="">',
     "request leaves the site's origin: https://tracker.example/p.gif"),
    ("image without alt", "", '<img src="/bild.png" width="10" height="10">',
     "axe critical 'image-alt'"),
    ("unreadable grey text", "", '<p style="color:#bbb;background:#fff">blass</p>',
     "axe serious 'color-contrast'"),
    ("missing image", "", '<img src="/fehlt.png" alt="Fehlt">', "failed request: 404 "),
    ("script error", "", "<script>console.error('kaputt')</script>", "console error: kaputt"),
    ("uncaught exception", "", "<script>undefinedFunction()</script>", "uncaught exception"),
    ("wide element at 375 px", "", '<div style="width:600px">breit</div>',
     "horizontal scrolling: document is 608 px wide in a 375 px viewport (widest: div"),
    # WCAG 2.2 AA (2.5.8): axe's target-size rule is off by default and runs through the wcag22aa tag
    ("touch targets too small", "", '<p><a href="/a" style="display:inline-block;width:10px;height:10px">a</a>'
     '<a href="/b" style="display:inline-block;width:10px;height:10px">b</a></p>', "axe serious 'target-size'"),
]


@pytest.mark.browser
def test_a_clean_page_passes_every_browser_check(tmp_path, mobile_page, axe_source, serve):
    write_files(tmp_path, {"index.html": page(), "bild.png": b""})
    report = browser.inspect_page(mobile_page, serve(tmp_path).url(""), axe_source=axe_source)
    assert report.problems() == []


@pytest.mark.browser
@pytest.mark.parametrize("head, body, expected", [case[1:] for case in BROKEN_IN_BROWSER],
                         ids=[case[0] for case in BROKEN_IN_BROWSER])
def test_browser_check_reports_broken_page(tmp_path, mobile_page, axe_source, serve, head, body, expected):
    write_files(tmp_path, {"index.html": page(body, head), "bild.png": _PNG})
    report = browser.inspect_page(mobile_page, serve(tmp_path).url(""), axe_source=axe_source)
    problems = "\n".join(report.problems())
    assert expected in problems, problems


@pytest.mark.browser
def test_off_origin_requests_are_blocked_not_sent(tmp_path, mobile_page, serve):
    write_files(tmp_path, {"index.html": page('<img src="https://tracker.example/p.gif" alt="">')})
    report = browser.inspect_page(mobile_page, serve(tmp_path).url(""))
    assert report.off_origin_requests == ["https://tracker.example/p.gif"]
    assert report.failed_requests == [] and report.console_errors == []  # reported once, as off-origin


@pytest.mark.browser
def test_the_404_page_is_loaded_by_a_missing_url_and_its_status_is_expected(tmp_path, mobile_page, serve):
    write_files(tmp_path, {"404.html": page("<p>Nicht gefunden</p>")})
    server = serve(tmp_path)
    expected = browser.inspect_page(mobile_page, server.url("weg/"), expected_status=404)
    unexpected = browser.inspect_page(mobile_page, server.url("weg/"))
    assert expected.problems() == []
    assert f"failed request: 404 {server.url('weg/')} (the page itself)" in unexpected.problems()


@pytest.mark.browser
def test_a_built_article_with_an_external_image_fails_on_its_page_type(build_site, mobile_page, axe_source, serve):
    from tools.sitecheck.suite import inspect_page_type

    site = build_site({"articles/erster-beitrag.md": article(
        "Erster Beitrag", "2026-11-18 09:30", tags=["netzwerken"], category="Arbeitskultur",
        body='<img src="https://cdn.example/bild.jpg" alt="Ein Bild vom CDN">')})
    page_type = next(t for t in pagetypes.discover(site.output, sample_site()) if t.name == "article")
    report = inspect_page_type(mobile_page, page_type, serve(site.output).origin, axe_source)
    # the page's Content-Security-Policy refuses the picture before a request leaves: the browser says so
    assert report.off_origin_requests == []
    assert [e for e in report.console_errors if "https://cdn.example/bild.jpg" in e and "Content Security Policy" in e]
    assert report.problems()  # the page type fails


# --- HTML validity ------------------------------------------------------------------------------

@pytest.mark.browser
def test_nu_checker_names_file_and_line_of_an_unclosed_element(tmp_path):
    require_validator()
    write_files(tmp_path, {
        "index.html": page(),
        "kaputt/index.html": page("<div>\n<p>Ein <span>offenes Element</p>\n</div>"),
        "verschachtelt.html": page("<p>Absatz <div>Block im Absatz</div></p>"),
    })
    findings = vnu.check_directory(tmp_path)
    by_file = {}
    for finding in findings:
        by_file.setdefault(finding.file, []).append(finding)
    assert set(by_file) == {"kaputt/index.html", "verschachtelt.html"}
    unclosed = [f for f in by_file["kaputt/index.html"] if "Unclosed element “span”" in f.message]
    assert unclosed and unclosed[0].line == 13, [f.format() for f in findings]
    assert unclosed[0].format().startswith("kaputt/index.html:13: ")
    assert any("No “p” element in scope" in f.message for f in by_file["verschachtelt.html"])


def test_nu_checker_output_is_parsed_into_file_line_and_message(tmp_path):
    output = (f'"file:{tmp_path}/a/index.html":12.5-12.9: error: Unclosed element “span”.\n'
              f'"file:{tmp_path}/b.html":3.1-3.4: error: Stray end tag “p”.\n'
              "Picked up JAVA_TOOL_OPTIONS: -Xmx1g\n")
    assert vnu.parse_gnu_output(output, tmp_path) == [
        vnu.Finding("a/index.html", 12, "Unclosed element “span”."),
        vnu.Finding("b.html", 3, "Stray end tag “p”."),
    ]


def test_a_checker_crash_is_a_finding_never_a_silent_pass(tmp_path):
    findings = vnu.parse_gnu_output("StackOverflowError while evaluating HTML schema.\n", tmp_path)
    assert [f.message for f in findings] == ["vnu.jar: StackOverflowError while evaluating HTML schema."]


def test_outlook_markup_is_allowed_in_email_html_only():
    noise = "Attribute “xmlns:v” not allowed here."
    findings = [vnu.Finding("newsletter/2026-W47.html", 2, noise), vnu.Finding("index.html", 2, noise)]
    assert vnu.drop_email_noise(findings) == [vnu.Finding("index.html", 2, noise)]


# --- links ----------------------------------------------------------------------------------------

SITE_URL = "https://blog.example"
LINK_CASES = [
    # (link on archiv/index.html, broken?)
    ('<a href="../">Start</a>', False),
    ('<a href="/kategorie/arbeit/">Kategorie</a>', False),
    ('<a href="../kategorie/arbeit/?seite=1#oben">Mit Anker</a>', False),
    ('<a href="https://blog.example/kategorie/arbeit/">Absolut</a>', False),
    ('<a href="../kategorie/arbeit">Ohne Schrägstrich</a>', False),
    ('<a href="#inhalt">Sprung</a>', False),
    ('<img src="../bild.png" srcset="../bild.png 1x, ../bild.png 2x" alt="">', False),
    ('<a href="mailto:redaktion@example.org">Mail</a>', False),
    ('<a href="https://elsewhere.example/">Extern</a>', False),
    ('<a href="../kategorie/gibtsnicht/">Tot</a>', True),
    ('<a href="https://blog.example/gibtsnicht/">Tot, absolut</a>', True),
    ('<img src="/fehlt.png" alt="Fehlt">', True),
    ('<img src="../bild.png" srcset="../bild@2x.png 2x" alt="">', True),
    ('<a href="#fehlender-anker">Sprung ins Leere</a>', True),
    ('<a href="../kategorie/arbeit/#unten">Anker fehlt dort</a>', True),
    ('<link rel="stylesheet" href="/theme/css/fehlt.css">', True),
    ('<meta http-equiv="refresh" content="0; url=../kategorie/arbeit/">', False),  # a redirect page (aliases)
    ('<meta http-equiv="refresh" content="0; url=https://blog.example/gibtsnicht/">', True),
]


@pytest.mark.parametrize("markup, broken", LINK_CASES, ids=[case[0] for case in LINK_CASES])
def test_link_checker_resolves_links_like_a_browser(tmp_path, markup, broken):
    write_files(tmp_path, {
        "index.html": page(), "bild.png": b"", "kategorie/arbeit/index.html": page('<p id="oben">x</p>'),
        "archiv/index.html": page(f'<p id="inhalt">{markup}</p>'),
    })
    report = links.check_links(tmp_path, SITE_URL)
    assert bool(report.broken) == broken, report.problem_lines()


def test_dead_internal_link_names_the_page_line_and_missing_target(tmp_path):
    write_files(tmp_path, {
        "index.html": page('<p><a href="archiv/">Archiv</a></p>'),
        "2026/beitrag/index.html": page('<p><a href="../../autoren/niemand/">Niemand</a></p>'),
    })
    report = links.check_links(tmp_path)
    assert [link.format() for link in report.broken] == [
        "2026/beitrag/index.html:12: broken link '../../autoren/niemand/': "
        "no file autoren/niemand/index.html in the output",
        "index.html:12: broken link 'archiv/': no file archiv/index.html in the output",
    ]


def test_external_links_are_listed_not_checked(tmp_path):
    write_files(tmp_path, {"index.html": page('<p><a href="https://example.social/@jana">Jana</a></p>')})
    report = links.check_links(tmp_path)
    assert report.ok and report.external == {"https://example.social/@jana": ["index.html"]}


def test_stylesheet_urls_and_sitemap_locations_are_checked(tmp_path):
    write_files(tmp_path, {
        "index.html": page(),
        "theme/css/site.css": "body { background: url('../img/fehlt.png'); }\n",
        "sitemap.xml": ('<?xml version="1.0" encoding="UTF-8"?>\n'
                        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
                        f"<url><loc>{SITE_URL}/</loc></url>\n<url><loc>{SITE_URL}/weg/</loc></url>\n</urlset>\n"),
    })
    report = links.check_links(tmp_path, SITE_URL)
    assert sorted(link.format() for link in report.broken) == [
        "sitemap.xml:4: broken link 'https://blog.example/weg/': no file weg/index.html in the output",
        "theme/css/site.css:1: broken link '../img/fehlt.png': no file theme/img/fehlt.png in the output",
    ]


# --- page types -----------------------------------------------------------------------------------

def test_page_types_of_later_features_are_discovered_by_their_paths(tmp_path):
    files = ["index.html", "seite/2/index.html", "2026/kurz/index.html", "2026/lang/index.html",
             "impressum/index.html", "kategorie/index.html", "kategorie/arbeit/index.html",
             "thema/index.html", "thema/sprache/index.html", "thema/sprache/seite/2/index.html",
             "archiv/index.html", "404.html", "autoren/index.html", "autoren/jana-beispiel/index.html",
             "serien/index.html", "serien/mittwochstipp/index.html", "wochenrueckblick/index.html",
             "wochenrueckblick/2026-W47/index.html", "wochenrueckblick/2026-W47/teilen/index.html",
             "newsletter/2026-W47.html", "entwuerfe/geheim/index.html"]
    write_files(tmp_path, {name: page() for name in files})
    write_files(tmp_path, {"2026/lang/index.html": page("<p>" + "Viel Text. " * 50 + "</p>")})
    found = {t.name: t for t in pagetypes.discover(tmp_path, sample_site())}
    assert list(found) == [
        "index", "index-page-2", "article", "page", "categories-index", "category", "tags-index", "tag",
        "archives", "authors-index", "author", "series-index", "series", "roundups-index", "roundup",
        "roundup-share", "newsletter-email", "404"]
    assert found["article"].path == "2026/lang/"  # the richest page stands for its type
    assert found["roundup-share"].path == "wochenrueckblick/2026-W47/teilen/"
    assert found["newsletter-email"].is_email and found["404"].expected_status == 404
    assert pagetypes.missing_required(list(found.values())) == []


def test_a_site_without_a_required_page_type_is_reported(tmp_path):
    write_files(tmp_path, {"index.html": page(), "impressum/index.html": page()})
    missing = pagetypes.missing_required(pagetypes.discover(tmp_path, sample_site()))
    assert missing == ["article", "categories-index", "category", "tags-index", "tag", "archives", "404"]


# --- missing tools --------------------------------------------------------------------------------

@pytest.mark.parametrize("ci, outcome", [("true", pytest.fail.Exception), ("", pytest.skip.Exception)])
def test_missing_checker_fails_in_ci_and_skips_locally_with_install_hint(monkeypatch, ci, outcome):
    monkeypatch.setitem(environment._LOCATORS, "java", lambda: None)
    monkeypatch.setenv("CI", ci)
    with pytest.raises(outcome) as raised:
        require_tool("java", "vnu-jar")
    assert "java is missing: install it with `apt-get install chromium default-jre-headless`" in str(raised.value)


_PNG = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000"
                     "1f15c4890000000d49444154789c6360f8ffff3f0005fe02fea35e1ee40000000049454e44ae426082")


# --- make check -----------------------------------------------------------------------------------

@pytest.mark.browser
def test_make_check_lists_every_failed_site_check_in_one_summary(tmp_path):
    require_tool("playwright", "chromium", "axe-core", "java", "vnu-jar")
    broken_article = """\
        ---
        title: "Kaputter Beitrag"
        date: 2026-11-18 09:30
        author: jana-beispiel
        tags: [netzwerken]
        category: Arbeitskultur
        ---
        Siehe [das Archiv von früher](/altes-archiv/).
        """
    # The strict build refuses an article image without alt text, so the one the site checks
    # must catch sits in a profile bio, which the build does not check for alt text (its address
    # on another host is the privacy gate's, a content problem of the build).
    broken_profile = MINIMAL_SITE["authors/jana-beispiel.yml"] + "bio: '<img src=\"https://cdn.example/bild.jpg\">'\n"
    write_files(tmp_path / "content", {**MINIMAL_SITE, "articles/erster-beitrag.md": broken_article,
                                       "authors/jana-beispiel.yml": broken_profile})
    finished = run_tool("tools.check", "--no-lighthouse", "--settings", str(SAMPLE_PUBLISHCONF),
                        "--content", str(tmp_path / "content"))
    assert finished.returncode == 1, finished.stderr
    summary = finished.stderr[finished.stderr.index("== summary =="):]
    assert summary.splitlines()[1].startswith("content (strict build)")
    assert "jana-beispiel.yml:7: <img src> loads https://cdn.example/bild.jpg from another origin" in summary
    assert "no file altes-archiv/index.html in the output; linked from 2026/erster-beitrag/index.html" in summary
    # the page's Content-Security-Policy blocks the picture before a request leaves; the browser says so
    assert "console error: Loading the image 'https://cdn.example/bild.jpg' violates the following Content " \
           "Security Policy directive" in summary
    assert "axe critical 'image-alt'" in summary
    assert "autoren/jana-beispiel/index.html:" in summary and "must have an “alt” attribute" in summary
    assert summary.rstrip().endswith("check: FAILED: content (strict build), internal links, HTML validity (Nu "
                                     "checker), pages in chromium (requests, console, 375 px, axe-core)")


@pytest.mark.parametrize("ci, failed, status", [("true", True, "FAILED (not run)"), ("", False, "SKIPPED")])
def test_make_check_fails_a_check_it_could_not_run_only_in_ci(monkeypatch, ci, failed, status):
    from tools.sitecheck.suite import CheckOutcome, format_summary

    monkeypatch.setenv("CI", ci)
    outcome = CheckOutcome("HTML validity (Nu checker)", skipped="java is missing: install it with …")
    assert (outcome.failed, outcome.status()) == (failed, status)
    assert "    java is missing: install it with …" in format_summary([outcome]).splitlines()
