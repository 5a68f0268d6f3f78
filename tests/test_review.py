"""make review: the site of a branch as colleagues read it on the merge request, before it goes live
(drafts and scheduled posts shown, links that work in a file viewer), and the CI jobs that link it."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
import yaml

from helpers.frontmatter import article
from helpers.site import DEFAULT_BUILD_TIME, MINIMAL_SITE, ROOT, SAMPLE_PELICANCONF, run_tool, write_files
from tools.review import file_link, link_files


@pytest.mark.parametrize("target, linked", [
    ("../2026/netzwerken/", "../2026/netzwerken/index.html"), ("./", "./index.html"), (".", "./index.html"),
    ("..", "../index.html"), ("../../autoren/jana/", "../../autoren/jana/index.html"),
    ("../theme/css/site.css", "../theme/css/site.css"), ("", ""), ("https://example.org/a/", "https://example.org/a/"),
    ("//cdn.example.org/", "//cdn.example.org/"), ("/absolut/", "/absolut/"), ("mailto:a@example.org", "mailto:a@example.org"),
])
def test_a_folder_link_becomes_a_link_to_its_index_file(target, linked):
    assert file_link(target) == linked


def test_fragments_queries_and_other_attributes_are_kept():
    html = ('<a href="../suche/?q=Tipp">s</a><a href="#inhalt">t</a><a href="./#top">u</a>'
            '<form action="../suche/"></form><img src="../bild.png" alt="" data-x="./">')
    assert link_files(html) == ('<a href="../suche/index.html?q=Tipp">s</a><a href="#inhalt">t</a>'
                                '<a href="./index.html#top">u</a><form action="../suche/index.html"></form>'
                                '<img src="../bild.png" alt="" data-x="./">')


@pytest.fixture(scope="module")
def review_site(tmp_path_factory):
    folder = tmp_path_factory.mktemp("review")
    write_files(folder / "content", {
        **MINIMAL_SITE,
        "articles/entwurf.md": article("Ein Entwurf", "2026-11-19 09:30", id="0002", summary="Entwurf.",
                                       status="draft"),
        "articles/geplant.md": article("Nächste Woche", "2026-12-02 07:30", id="0003", summary="Geplant.",
                                       status="published"),
    })
    done = run_tool("tools.review", "--settings", str(SAMPLE_PELICANCONF), "--output", str(folder / "review"),
                    "--content", str(folder / "content"),
                    env_extra={"SOURCE_DATE_EPOCH": DEFAULT_BUILD_TIME})
    assert done.returncode == 0, done.stderr
    return folder / "review", done.stderr


def test_the_review_site_shows_drafts_and_scheduled_posts(review_site):
    output, message = review_site
    assert (output / "entwuerfe" / "entwurf" / "index.html").is_file()
    assert (output / "2026" / "geplant" / "index.html").is_file()  # dated after the build: shown anyway
    assert (output / ".werkbank-preview").is_file()  # make deploy refuses it
    assert "review site:" in message and "drafts and posts scheduled up to 2027-11-24" in message


def test_every_link_of_the_review_site_is_a_file(review_site):
    output, _message = review_site
    missing = []
    for page in output.rglob("*.html"):
        here = "file:///" + page.relative_to(output).as_posix()
        for target in re.findall(r'\s(?:href|src|action)="([^"#?]*)', page.read_text(encoding="utf-8")):
            if not target or re.match(r"^[a-z][a-z0-9+.-]*:|^/", target):
                continue
            linked = urlsplit(urljoin(here, target)).path.lstrip("/")
            if not (output / linked).is_file():
                missing.append(f"{page.relative_to(output)} -> {target}")
    assert missing == []


def _github_job(name: str) -> dict:
    data = yaml.safe_load((ROOT / ".github/workflows/check.yml").read_text())
    return data["jobs"][name]


def test_gitlab_puts_the_review_site_on_the_merge_request_as_a_review_app():
    job = yaml.safe_load((ROOT / ".gitlab-ci.yml").read_text())["review"]
    assert job["rules"] == [{"if": '$CI_PIPELINE_SOURCE == "merge_request_event"'}]
    assert job["script"] == ["make review"] and job["artifacts"]["paths"] == ["review/"]
    assert job["environment"]["name"] == "review/$CI_COMMIT_REF_SLUG"
    assert job["environment"]["url"] == "$CI_PROJECT_URL/-/jobs/$CI_JOB_ID/artifacts/file/review/index.html"


def test_github_uploads_the_review_site_and_links_it_on_the_summary():
    job = _github_job("review")
    assert job["if"] == "github.event_name == 'pull_request'"
    steps = job["steps"]
    assert any(step.get("run") == "make review" for step in steps)
    [upload] = [step for step in steps if step.get("uses", "").startswith("actions/upload-artifact")]
    assert upload["with"]["path"] == "review/"
    assert "steps.upload.outputs.artifact-url" in steps[-1]["run"] and "GITHUB_STEP_SUMMARY" in steps[-1]["run"]


def test_review_output_is_not_committed():
    assert "/review/" in (ROOT / ".gitignore").read_text().splitlines()
    assert Path(ROOT / "Makefile").read_text().count("tools.review") == 1
