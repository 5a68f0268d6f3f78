"""`make check` loads in the browser what a merge request changed (from git, mapped to pages by the
build's record), every page with FULL=1, and one page of every type when nothing changed."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from helpers.frontmatter import article, series
from helpers.site import AUTHOR_YAML, DEFAULT_BUILD_TIME, MINIMAL_SITE, ROOT, site_settings, write_files
from helpers.sitecheck import sample_site
from shared.model import WRITTEN_KEY, written_pages
from tools.build import build
from tools.sitecheck import pagetypes
from tools.sitecheck.changes import Changes, changed_files
from tools.sitecheck.selection import CHANGED, FULL, ONE_OF_ITS_TYPE, TYPES, changed_pages, choose
from tools.sitecheck.suite import check_pages

# A short second post by Tom: the article page of the type check is the richest (Jana's), so only
# a change makes the browser load Tom's.
SITE = {**MINIMAL_SITE,
        "articles/erster-beitrag.md": MINIMAL_SITE["articles/erster-beitrag.md"].replace(
            "Wer gibt, bekommt.", "Wer gibt, bekommt. " * 40),
        "articles/zweiter-beitrag.md": article("Zweiter Beitrag", "2026-11-19 10:00", author="tom-muster", id="0002",
                                               tags=["netzwerken"], category="Arbeitskultur", summary="Kurz.")}
POST = "2026/zweiter-beitrag/"
NO_CI = {}  # the environment of a laptop: no merge request variables


def git(repo: Path, *args: str) -> str:
    done = subprocess.run(["git", "-c", "user.name=Test", "-c", "user.email=test@example.org",
                           "-c", "commit.gpgsign=false", "-c", "init.defaultBranch=main", *args],
                          cwd=repo, capture_output=True, text=True, check=True)
    return done.stdout.strip()


class Checkout:
    """A blog's repository in tmp_path: main holds SITE, `feature` is the merge request's branch."""

    def __init__(self, folder: Path):
        self.folder = folder
        write_files(folder / "content", SITE)
        (folder / ".gitignore").write_text("output/\ncache/\n")
        git(folder, "init", "--quiet")
        git(folder, "add", ".")
        git(folder, "commit", "--quiet", "-m", "the blog")
        git(folder, "checkout", "--quiet", "-b", "feature")

    def edit(self, relative: str, text: str, commit: bool = True) -> None:
        write_files(self.folder / "content", {relative: text})
        if commit:
            git(self.folder, "add", "content")
            git(self.folder, "commit", "--quiet", "-m", f"edit {relative}")

    def build(self, site_url: str = "http://127.0.0.1:9", **overrides) -> dict:
        """The site built the way make check builds it (publishconf.py, SITEURL the server that
        shows it); the settings carry the build's record of its pages."""
        with pytest.MonkeyPatch.context() as patch:
            patch.setenv("SOURCE_DATE_EPOCH", DEFAULT_BUILD_TIME)
            settings = site_settings(self.folder, "publishconf.py", {"SITEURL": site_url, **overrides})
            result = build(settings)
        assert result.exit_code(strict=True) == 0, result.summary()
        return settings

    @property
    def output(self) -> Path:
        return self.folder / "output"


@pytest.fixture
def checkout(tmp_path):
    return Checkout(tmp_path / "blog")


def html_pages(output: Path) -> set[str]:
    """URL path of every HTML file, the way the browser check asks for it (404.html by a missing URL)."""
    kinds = pagetypes.Classifier(sample_site())
    return {kinds.page(path.relative_to(output).as_posix()).path for path in output.rglob("*.html")}


def reasons(selection, path: str) -> list[str]:
    return selection.pages[path].reasons if path in selection.pages else []


@pytest.mark.browser
def test_a_merge_request_that_edits_one_post_loads_that_post(checkout, chromium, serve):
    checkout.edit("articles/zweiter-beitrag.md", SITE["articles/zweiter-beitrag.md"].replace("Text.", "Neuer Text."))
    server = serve(checkout.output)
    settings = checkout.build(server.origin)
    selection = choose(checkout.output, settings, environ=NO_CI)
    assert selection.mode == CHANGED and selection.base.startswith("merge base with main (")
    assert reasons(selection, POST) == ["content/articles/zweiter-beitrag.md changed"]
    assert [entry.page.path for entry in selection.changed()] == [POST]
    outcome = check_pages(checkout.output, server.origin, settings, selection, chromium=chromium)
    assert outcome.problems == [] and outcome.loaded[0] == POST
    assert set(outcome.loaded) == {page.path for page in pagetypes.discover(checkout.output, sample_site())} | {POST}
    assert outcome.notes[1] == "  /2026/zweiter-beitrag/ (article): content/articles/zweiter-beitrag.md changed"
    assert outcome.notes[0].startswith(f"loading {len(outcome.loaded)} page(s): 1 changed against merge base with main")


@pytest.mark.browser
def test_full_loads_every_html_page(checkout, chromium, serve):
    server = serve(checkout.output)
    settings = checkout.build(server.origin)
    selection = choose(checkout.output, settings, full=True, environ=NO_CI)
    assert selection.mode == FULL and set(selection.pages) == html_pages(checkout.output)
    assert pagetypes.NOT_FOUND_PROBE in selection.pages  # 404.html, loaded by a missing URL
    outcome = check_pages(checkout.output, server.origin, settings, selection, chromium=chromium)
    assert outcome.problems == [] and set(outcome.loaded) == html_pages(checkout.output)
    assert outcome.notes[0].startswith(f"loading every page (FULL): {len(outcome.loaded)} page(s): ")
    assert outcome.notes[1] == "  /2026/erster-beitrag/ (article)"  # the first few, sorted by path


def test_without_a_change_one_page_of_every_type_is_loaded(checkout):
    git(checkout.folder, "checkout", "--quiet", "main")
    settings = checkout.build()
    selection = choose(checkout.output, settings, environ=NO_CI)
    assert selection.changed() == []
    assert selection.page_types == pagetypes.discover(checkout.output, pagetypes.site_of(settings))
    assert POST not in selection.pages


def test_an_uncommitted_edit_counts_too(checkout):
    checkout.edit("articles/zweiter-beitrag.md", SITE["articles/zweiter-beitrag.md"] + "Noch ein Satz.\n", commit=False)
    selection = choose(checkout.output, checkout.build(), environ=NO_CI)
    assert reasons(selection, POST) == ["content/articles/zweiter-beitrag.md changed"]


def test_a_profile_loads_its_author_page_and_the_posts_it_bylines(checkout):
    checkout.edit("authors/tom-muster.yml", AUTHOR_YAML.format(name="Tom Muster") + "pronouns: er/ihm\n")
    selection = choose(checkout.output, checkout.build(), environ=NO_CI)
    assert "profile content/authors/tom-muster.yml changed" in reasons(selection, "autoren/tom-muster/")
    assert reasons(selection, POST) == ["byline of content/authors/tom-muster.yml"]
    assert reasons(selection, "2026/erster-beitrag/") == [ONE_OF_ITS_TYPE]  # Jana's post


def test_a_new_roundup_note_loads_its_roundup_page(checkout):
    checkout.edit("roundups/2026-W47.md", "---\ntitle: Eine Woche voller Dank\n---\nDanke!\n", commit=False)
    selection = choose(checkout.output, checkout.build(), environ=NO_CI)  # an untracked file
    assert reasons(selection, "wochenrueckblick/2026-W47/")[0] == "roundup note content/roundups/2026-W47.md changed"


def test_a_series_loads_its_pages_and_its_tips(checkout):
    tips = series("#Mittwochstipp", "Tipp {n}", description="Jeden Mittwoch ein Tipp.", weekday="wednesday",
                  owners=["tom-muster"])
    checkout.edit("series/mittwochstipp.yml", tips)
    checkout.edit("articles/zweiter-beitrag.md", SITE["articles/zweiter-beitrag.md"].replace(
        "summary: Kurz.", "summary: Kurz.\nseries: mittwochstipp"))
    before = git(checkout.folder, "rev-parse", "HEAD")
    checkout.edit("series/mittwochstipp.yml", tips.replace("Jeden Mittwoch", "Mittwochs"))
    selection = choose(checkout.output, checkout.build(), base=before, environ=NO_CI)
    assert "series content/series/mittwochstipp.yml changed" in reasons(selection, "serien/mittwochstipp/")
    assert reasons(selection, POST) == ["in the series of content/series/mittwochstipp.yml"]


def test_a_picture_loads_the_pages_that_show_it(checkout):
    picture = (ROOT / "theme/static/favicon.png").read_bytes()
    checkout.edit("images/bild.png", picture, commit=False)
    checkout.edit("articles/zweiter-beitrag.md", SITE["articles/zweiter-beitrag.md"].replace(
        "Text.", "![Ein Bild]({static}/images/bild.png)"))  # commits the picture too
    selection = choose(checkout.output, checkout.build(), environ=NO_CI)
    assert "shows content/images/bild.png" in reasons(selection, POST)


def test_a_theme_or_plugin_change_is_covered_by_one_page_of_every_type_and_says_so(checkout):
    settings = checkout.build()
    changes = Changes("merge base with main (abc1234)", (ROOT / "theme/templates/base.html",
                                                         ROOT / "plugins/roundup/thanks.py"), top=ROOT)
    selection = changed_pages(changes, checkout.output, settings, pagetypes.site_of(settings),
                              written_pages(settings))
    assert selection.changed() == [] and len(selection.pages) == len(pagetypes.discover(checkout.output, sample_site()))
    assert ("theme changed (theme/templates/base.html): one page of every type covers its templates, CSS and "
            "scripts") in selection.notes
    assert any(note.startswith("plugins or settings changed (plugins/roundup/thanks.py)") for note in selection.notes)


def test_a_changed_logo_is_covered_like_the_theme_not_called_shown_by_no_page(checkout):
    """The header shows SITE_LOGO from a copy in the theme's folder: no page names the file itself."""
    checkout.edit("images/brand/acme.svg", '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 50">'
                  '<rect width="200" height="50" fill="#4b0082"/></svg>')
    settings = checkout.build(SITE_LOGO="images/brand/acme.svg")
    selection = choose(checkout.output, settings, environ=NO_CI)
    assert not any("no page shows it" in note for note in selection.notes), selection.notes
    assert any(note.startswith("theme changed (content/images/brand/acme.svg)") for note in selection.notes)


def test_a_changed_draft_has_no_page_and_is_named(checkout):
    checkout.edit("articles/entwurf.md", article("Entwurf", id="0003", status="draft"), commit=False)
    settings = checkout.build()
    selection = choose(checkout.output, settings, environ=NO_CI)
    assert selection.changed() == []
    assert any("no page in this build" in note and "content/articles/entwurf.md" in note for note in selection.notes)


# --- where the base comes from ----------------------------------------------------------------

def test_gitlab_names_the_base_commit(checkout):
    first = git(checkout.folder, "rev-parse", "HEAD")
    checkout.edit("articles/zweiter-beitrag.md", SITE["articles/zweiter-beitrag.md"] + "Mehr.\n")
    git(checkout.folder, "branch", "-D", "main")  # GitLab's clone has no local main either
    changes = changed_files(checkout.folder / "content", {"CI_MERGE_REQUEST_DIFF_BASE_SHA": first})
    assert changes.base == f"the merge request's base (CI_MERGE_REQUEST_DIFF_BASE_SHA, {first[:7]})"
    assert changes.files == ((checkout.folder / "content/articles/zweiter-beitrag.md").resolve(),)


def test_github_names_the_base_branch_of_a_clone(checkout, tmp_path):
    checkout.edit("articles/zweiter-beitrag.md", SITE["articles/zweiter-beitrag.md"] + "Mehr.\n")
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "--quiet", "--branch", "feature", str(checkout.folder), str(clone))
    changes = changed_files(clone / "content", {"GITHUB_BASE_REF": "main"})
    assert changes.base.startswith("merge base with origin/main (GITHUB_BASE_REF, ")
    assert changes.files == ((clone / "content/articles/zweiter-beitrag.md").resolve(),)


def test_in_ci_a_base_that_cannot_be_found_loads_every_page(checkout):
    settings = checkout.build()
    selection = choose(checkout.output, settings, environ={"GITHUB_BASE_REF": "gibt-es-nicht"})
    assert selection.mode == FULL and set(selection.pages) == html_pages(checkout.output)
    assert selection.notes[-1].startswith("the merge request's base was not found (branch gibt-es-nicht could "
                                          "not be fetched")


def test_an_explicit_base_wins(checkout):
    first = git(checkout.folder, "rev-parse", "HEAD")
    checkout.edit("articles/zweiter-beitrag.md", SITE["articles/zweiter-beitrag.md"] + "Mehr.\n")
    git(checkout.folder, "checkout", "--quiet", "main")
    git(checkout.folder, "merge", "--quiet", "--ff-only", "feature")
    assert changed_files(checkout.folder / "content", NO_CI).files == ()  # main against itself
    assert changed_files(checkout.folder / "content", NO_CI, base=first).files != ()


def test_without_git_one_page_of_every_type_is_loaded(build_site, monkeypatch, tmp_path):
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path.parent))  # never the repository around tmp
    site = build_site()
    settings = site_settings(tmp_path)
    settings[WRITTEN_KEY] = None  # a build of its own would keep a record; this one has none
    selection = choose(site.output, settings, environ=NO_CI)
    assert selection.mode == TYPES and selection.page_types == pagetypes.discover(site.output, sample_site())
    assert "is not in a git checkout" in selection.notes[-1]


def test_make_check_passes_full_and_base_on():
    def dry_run(*args):
        # --no-print-directory: under `make test` this make is a sub-make, which would add "Leaving directory"
        return subprocess.run(["make", "--no-print-directory", "-n", "check", *args], cwd=ROOT, capture_output=True,
                              text=True, check=True).stdout.strip().splitlines()[-1]

    assert dry_run().split()[-2:] == ["-m", "tools.check"]
    assert dry_run("FULL=1").endswith("--full")
    assert dry_run("BASE=origin/main").endswith("--base 'origin/main'")
    assert dry_run("LIGHTHOUSE=0").endswith("--no-lighthouse") and "--no-lighthouse" not in dry_run()


@pytest.mark.parametrize("relative, name", [("seite/3/index.html", "index-page-n"),
                                            ("autoren/jana-beispiel/seite/2/index.html", "author-page-n"),
                                            ("thema/netzwerken/seite/4/index.html", "tag-page-n"),
                                            ("seite/2/index.html", "index-page-2")])
def test_later_pages_of_a_listing_are_named_after_its_first_page(relative, name):
    assert pagetypes.Classifier(sample_site()).page(relative).name == name


def test_in_ci_a_checkout_git_refuses_to_read_loads_every_page(checkout):
    if os.geteuid() != 0:
        pytest.skip("needs root to give the checkout to another user")
    settings = checkout.build()
    subprocess.run(["chown", "-R", "12345:12345", str(checkout.folder / ".git")], check=True)
    selection = choose(checkout.output, settings, environ={"GITHUB_BASE_REF": "main"})
    assert selection.mode == FULL
    assert "detected dubious ownership" in selection.notes[-1] and "safe.directory" in selection.notes[-1]
