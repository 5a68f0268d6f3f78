"""A German site's problems in German where the tools show them: make check (the strict build, the
site checks and the summary), the preview's banner, and the CI annotations; each at the same file
and line as in English. English stays what the other tests assert (they run with PROBLEM_LANG=en)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from lxml import html as lxml_html

from helpers.frontmatter import article
from helpers.preview import ARTICLE, RunningPreview
from helpers.site import MINIMAL_SITE, run_tool, site_settings, write_files
from helpers.sitecheck import require_tool
from shared.messages import Text, current_language, problem_language, use_language
from shared.problems import ContentProblem
from tools.build import build, code_quality_report, github_annotations, print_report
from tools.check import content_outcome
from tools.preview.problems import banner, problem_page
from tools.sitecheck import browser, environment, lighthouse, vnu
from tools.sitecheck.suite import CheckOutcome, check_links, format_summary

MISSPELT = "jana-beispil"  # the author a German site's problems suggest: "meintest du 'jana-beispiel'?"
BROKEN = {
    **MINIMAL_SITE,
    "articles/erster-beitrag.md": article("Erster Beitrag", "2026-11-18 09:30", id="0001",
                                          body="Siehe [das Archiv von früher](/altes-archiv/)."),
    "articles/zweiter.md": article("Zweiter", id="0002", author=MISSPELT),
}


@pytest.fixture
def german(monkeypatch):
    """The site's language decides (no PROBLEM_LANG from the environment); the language of the
    messages is put back afterwards (it is the process's, set by each build)."""
    monkeypatch.delenv("PROBLEM_LANG", raising=False)
    before = current_language()
    yield
    use_language(before)


@pytest.fixture
def language(german):
    """language("de") or language("en"): the messages made from now on."""
    return use_language


def built(folder: Path, files: dict, **overrides):
    write_files(folder / "content", files)
    settings = site_settings(folder, overrides=overrides)
    return settings, build(settings)


def places(problems) -> list[tuple[str, int]]:
    return [(problem.path, problem.line) for problem in problems]


# --- the strict build and the CI annotations ----------------------------------------------------

def test_a_german_sites_annotations_and_code_quality_report_are_german_on_the_same_lines(
        german, tmp_path, monkeypatch, capsys):
    settings, result = built(tmp_path, BROKEN)
    assert problem_language(settings) == "de"  # the sample site is German
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    print_report(result, code_quality=str(tmp_path / "quality.json"))
    printed = capsys.readouterr()
    annotations = [line for line in printed.out.splitlines() if line.startswith("::")]
    assert annotations and all("meintest du 'jana-beispiel'?" in line for line in annotations)
    assert printed.err.splitlines()[-1] == f"{len(result.errors)} Fehler, {len(result.warnings)} Warnung(en)"
    [issue] = json.loads((tmp_path / "quality.json").read_text(encoding="utf-8"))
    assert "meintest du 'jana-beispiel'?" in issue["description"]

    _settings, english = built(tmp_path, BROKEN, PROBLEM_LANG="en")
    assert places(english.errors) == places(result.errors)
    english_annotations = github_annotations(english.errors)
    assert [line.split(",title=")[0] for line in english_annotations] == [line.split(",title=")[0] for line in annotations]
    assert "did you mean 'jana-beispiel'?" in english_annotations[0]
    assert json.loads(code_quality_report(english.errors))[0]["location"] == issue["location"]


# --- make check: the content outcome, the link check and the summary --------------------------------

def test_make_checks_outcomes_and_summary_are_german_and_the_setting_switches_to_english(german, tmp_path):
    settings, result = built(tmp_path, BROKEN)
    outcomes = [content_outcome(result), check_links(Path(settings["OUTPUT_PATH"]), None)]
    summary = format_summary(outcomes).splitlines()
    assert summary[1] == "== Zusammenfassung =="
    assert summary[2].startswith("Inhalt (strenger Build)") and summary[2].endswith("1 Problem(e)")
    [(path, line)] = places(result.errors)
    assert summary[3].startswith(f"    {path}:{line}: ") and "meintest du 'jana-beispiel'?" in "\n".join(summary)
    assert ("    keine Datei altes-archiv/index.html in der Ausgabe; verlinkt von "
            "2026/erster-beitrag/index.html:") in "\n".join(summary)
    assert summary[-1] == "check: FEHLGESCHLAGEN: Inhalt (strenger Build), interne Links"
    assert "Verweise geprüft" in outcomes[1].notes[0]

    english_settings, english = built(tmp_path, BROKEN, PROBLEM_LANG="en")  # PROBLEM_LANG: the setting
    outcomes = [content_outcome(english), check_links(Path(english_settings["OUTPUT_PATH"]), None)]
    summary = format_summary(outcomes).splitlines()
    assert summary[3].startswith(f"    {path}:{line}: ") and "did you mean 'jana-beispiel'?" in "\n".join(summary)
    assert summary[-1] == "check: FAILED: content (strict build), internal links"


def test_the_site_checks_say_in_german_what_they_found_and_frame_the_nu_checkers_english(language, monkeypatch):
    finding = vnu.Finding("autoren/index.html", 12, "Unclosed element “span”.")
    violation = browser.AxeViolation("image-alt", "critical", "Abbildungen müssen einen Alternativtext besitzen.",
                                     ["img"], context="375 px, hell")
    page = lighthouse.PageScores("article", "http://127.0.0.1:8000/2026/x/", {"performance": 90}, kilobytes=200)
    monkeypatch.setitem(environment._LOCATORS, "java", lambda: None)

    language("de")
    assert finding.format() == "autoren/index.html:12: Nu-Checker (englisch): Unclosed element “span”."
    report = browser.PageReport("http://127.0.0.1:8000/", off_origin_requests=["https://fonts.example/x.css"],
                                console_errors=["kaputt"], axe_violations=[violation])
    assert report.problems() == [
        "Anfrage verlässt den Ursprung der Website: https://fonts.example/x.css",
        "Konsolenfehler: kaputt",
        "axe kritisch 'image-alt' [375 px, hell]: Abbildungen müssen einen Alternativtext besitzen. Betrifft: img."]
    problems = lighthouse.budget_problems(page)
    assert "article (http://127.0.0.1:8000/2026/x/): überträgt 200 KB > 150 KB (total-byte-weight)" in problems
    assert environment.missing(["java"]) == [
        "java fehlt: installiere es mit `apt-get install chromium default-jre-headless`"]
    skipped = CheckOutcome("HTML-Validität (Nu-Checker)", skipped=environment.missing(["java"])[0])
    assert skipped.status() in ("ÜBERSPRUNGEN", "FEHLGESCHLAGEN (nicht gelaufen)")

    language("en")
    assert finding.format() == "autoren/index.html:12: Unclosed element “span”."
    assert environment.missing(["java"]) == [
        "java is missing: install it with `apt-get install chromium default-jre-headless`"]


# --- the preview --------------------------------------------------------------------------------------

def test_the_preview_banner_frames_the_problems_in_german(language, tmp_path):
    problem = ContentProblem("content/articles/x.md", 4, Text("unknown author 'jana-beispil' in 'author'"))
    warning = ContentProblem("content/articles/y.md", 2, Text("a tip on a Tuesday"), severity="warning")
    source = str(tmp_path / "content" / "articles" / "x.md")
    language("de")
    page = lxml_html.fromstring(problem_page([problem, warning], str(tmp_path), source))
    assert page.get("lang") == "de"
    assert page.findtext(".//title") == "Problem in content/articles/x.md"
    assert [h.text_content() for h in page.xpath("//aside//h2")] == ["Diese Seite hat 1 Problem",
                                                                     "1 Problem in anderen Dateien"]
    assert [pre.text_content() for pre in page.xpath("//aside//pre")] == [
        problem.format(), "Warnung: " + warning.format()]
    assert page.findtext(".//h1") == "content/articles/x.md wird nicht gebaut"
    assert page.xpath("//aside/@aria-label") == ["Vorschau: Probleme"]
    others = lxml_html.fromstring(banner([problem, warning], str(tmp_path)))
    assert others.findtext(".//h2") == "Die Vorschau hat 2 Probleme"
    language("en")
    english = lxml_html.fromstring(problem_page([problem, warning], str(tmp_path), source))
    assert english.get("lang") == "en"
    assert [h.text_content() for h in english.xpath("//aside//h2")] == ["This page has 1 problem",
                                                                        "1 problem in other files"]
    assert english.findtext(".//h1") == "content/articles/x.md is not built"


def test_a_german_sites_preview_shows_the_problem_in_german_at_make_checks_file_and_line(german, tmp_path,
                                                                                         monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795431600")
    monkeypatch.chdir(tmp_path)
    files = {**MINIMAL_SITE, "articles/erster-beitrag.md": ARTICLE.format(body="Wer gibt."),
             "articles/zweiter.md": article("Zweiter", id="0002", author=MISSPELT)}
    running = RunningPreview(tmp_path, files)
    try:
        _status, _kind, home = running.get("/")
    finally:
        running.stop()
    aside = lxml_html.fromstring(home).xpath("//*[@id='werkbank-preview-problems']")[0]
    assert aside.findtext(".//h2") == "Die Vorschau hat 1 Problem"
    [line] = [pre.text_content() for pre in aside.xpath(".//pre")]
    assert "meintest du 'jana-beispiel'?" in line
    _settings, english = built(tmp_path, files, PROBLEM_LANG="en")  # as make check builds it, in English
    [(path, number)] = places(english.errors)
    assert path == "content/articles/zweiter.md" and line.startswith(f"{path}:{number}: ")


# --- make check in the browser: axe-core in German ---------------------------------------------------

@pytest.mark.browser
def test_make_check_on_a_german_site_reports_in_german_with_axes_own_german_help(tmp_path):
    require_tool("playwright", "chromium", "axe-core", "java", "vnu-jar")
    # a picture without alt text in a profile's bio: the build leaves it to the site checks
    profile = MINIMAL_SITE["authors/jana-beispiel.yml"] + "bio: '<img src=\"/theme/fehlt.png\">'\n"
    write_files(tmp_path / "content", {**BROKEN, "authors/jana-beispiel.yml": profile})
    settings_file = Path(site_settings(tmp_path)["SETTINGS_FILE"]).parent / "publishconf.py"
    finished = run_tool("tools.check", "--no-lighthouse", "--settings", str(settings_file),
                        "--content", str(tmp_path / "content"), env_extra={"PROBLEM_LANG": ""})
    assert finished.returncode == 1, finished.stderr
    assert "lade eine Seite jedes Typs: " in finished.stderr  # what the browser loads, and why
    summary = finished.stderr[finished.stderr.index("== Zusammenfassung =="):]
    assert "meintest du 'jana-beispiel'?" in summary
    assert "keine Datei altes-archiv/index.html in der Ausgabe; verlinkt von 2026/erster-beitrag/index.html" in summary
    assert "axe kritisch 'image-alt'" in summary and "Abbildungen müssen einen Alternativtext besitzen." in summary
    assert "Nu-Checker (englisch): " in summary and "must have an “alt” attribute" in summary
    assert summary.rstrip().endswith("check: FEHLGESCHLAGEN: Inhalt (strenger Build), interne Links, HTML-Validität "
                                     "(Nu-Checker), Seiten in chromium (Anfragen, Konsole, 375 px, axe-core)")
