"""`make new-site` in a copy of this repository: exactly the sample company's files go, a changed or
added file stops it before anything is deleted, the settings and legal pages are written, nothing of
the sample is left in the output, and `make publish` refuses the legal pages' placeholders."""

from __future__ import annotations

import hashlib
import io
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from PIL import Image

from helpers.site import DEFAULT_BUILD_TIME, ROOT, needs_sample_content
from tools.build import load_settings
from tools.new_site.manifest import current_manifest, read_manifest

IGNORED = shutil.ignore_patterns(".venv", "node_modules", "output", ".git", "cache", ".pytest_cache", "__pycache__",
                                 ".output*", "_screenshots")
# Words of the sample company that must not be in a new company's site (names, products, places).
SAMPLE_WORDS = ("Nordlicht", "nordlicht", "Werkbank", "Werkstatt", "Jana Beispiel", "Tom Muster", "Zoë", "Mittwochstipp",
                "Billbrook", "Hamburg")
# In a company's checkout (make new-site ran) there is no sample left to remove: nothing here applies.
pytestmark = needs_sample_content


def copy_project(target: Path) -> Path:
    """This repository without its virtualenv, node_modules, outputs and git; those two linked."""
    shutil.copytree(ROOT, target, ignore=IGNORED)
    for linked in (".venv", "node_modules"):
        (target / linked).symlink_to(ROOT / linked)
    return target


def make(site: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "SOURCE_DATE_EPOCH": DEFAULT_BUILD_TIME, "LANG": "C.UTF-8"}  # the shell's LANG is no language
    # -o: the linked .venv and node_modules are this checkout's, never to be made again from the copy
    return subprocess.run(["make", "--no-print-directory", "-o", ".venv/.installed", "-o", "node_modules/.installed",
                           *args], cwd=site, env=env, capture_output=True, text=True, timeout=600)


def tool(site: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "SOURCE_DATE_EPOCH": DEFAULT_BUILD_TIME}
    return subprocess.run([str(site / ".venv/bin/python"), "-m", *args], cwd=site, env=env, capture_output=True,
                          text=True, timeout=600)


def logo_png(path: Path) -> Path:
    image = Image.new("RGBA", (400, 100), (0, 0, 0, 0))
    image.paste(Image.new("RGBA", (380, 80), (40, 40, 120, 255)), (10, 10))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    path.write_bytes(buffer.getvalue())
    return path


def content_files(site: Path) -> list[str]:
    return sorted(p.relative_to(site).as_posix() for p in (site / "content").rglob("*") if p.is_file())


@pytest.fixture(scope="module")
def new_site(tmp_path_factory):
    """A copy of the repository after `make new-site` (German, a logo from outside, a pale accent)."""
    tmp = tmp_path_factory.mktemp("new-site")
    site = copy_project(tmp / "acme")
    done = make(site, "new-site", "NAME=Acme Blog", "COMPANY=Acme Sensorik GmbH", "URL=https://blog.acme.example",
                "LANG=de", f"LOGO={logo_png(tmp / 'Acme Logo.png')}", "ACCENT=#f0e68c")
    assert done.returncode == 0, done.stderr
    return site, done


def test_the_manifest_lists_exactly_the_sample_content():
    current, committed = current_manifest(ROOT, "Werkbank Blog")["files"], read_manifest(ROOT)["files"]
    assert current == committed, ("content/ differs from tools/sample_manifest.json: after changing the sample "
                                  "content run python -m tools.new_site --write-manifest")


def test_a_changed_or_added_file_stops_it_before_anything_is_deleted(tmp_path):
    site = copy_project(tmp_path / "site")
    changed = site / "content/articles/2026/mentoring-rueckwaerts.md"
    changed.write_text(changed.read_text(encoding="utf-8") + "\nEin Satz von uns.\n", encoding="utf-8")
    (site / "content/articles/2026/unser-erster-beitrag.md").write_text("---\ntitle: Unser erster\n---\n", encoding="utf-8")
    before, settings = content_files(site), (site / "pelicanconf.py").read_text(encoding="utf-8")
    done = make(site, "new-site", "NAME=Acme Blog", "COMPANY=Acme GmbH", "URL=https://blog.acme.example")
    assert done.returncode != 0
    assert "changed: content/articles/2026/mentoring-rueckwaerts.md" in done.stderr
    assert "added:   content/articles/2026/unser-erster-beitrag.md" in done.stderr
    assert content_files(site) == before and (site / "pelicanconf.py").read_text(encoding="utf-8") == settings


@pytest.mark.parametrize("args, message", [
    (["URL=http://blog.acme.example"], "URL = 'http://blog.acme.example': expected the blog's https address"),
    (["URL=https://blog.acme.example", "LANG=fr"], "LANG = 'fr': expected de or en"),
    (["URL=https://blog.acme.example", "ACCENT=blau"], "ACCENT = 'blau': expected a colour written #rrggbb"),
    (["URL=https://blog.acme.example", "LOGO=fehlt.svg"], "LOGO = 'fehlt.svg': no such file"),
])
def test_bad_values_are_named_and_nothing_changes(tmp_path, args, message):
    site = copy_project(tmp_path / "site")
    done = make(site, "new-site", "NAME=Acme Blog", "COMPANY=Acme GmbH", *args)
    assert done.returncode != 0 and message in done.stderr
    assert len(content_files(site)) == len(read_manifest(ROOT)["files"])


def test_only_the_logo_and_the_legal_pages_are_left_in_content(new_site):
    site, done = new_site
    assert content_files(site) == ["content/images/brand/acme-logo.png", "content/pages/datenschutz.md",
                                   "content/pages/impressum.md"]
    assert f"removed {len(read_manifest(ROOT)['files'])} files of the sample company" in done.stdout
    assert "light mode, link text: #f0e68c has 1.20:1, below 4.5:1; using #7e730b" in done.stdout


def test_the_settings_are_the_companys(new_site):
    site, _done = new_site
    settings = load_settings(site / "pelicanconf.py")  # publishconf.py would import the pelicanconf of this process
    assert 'SITEURL = os.environ.get("SITEURL", "https://blog.acme.example")' in (site / "publishconf.py").read_text()
    assert {key: settings[key] for key in ("SITENAME", "PUBLISHER", "DEFAULT_LANG", "SITE_LOGO",
                                            "ACCENT_COLOR", "FOOTER_PAGES", "SHARE_SITEURL", "NEWSLETTER_FROM",
                                            "NEWSLETTER_IMPRESSUM_PAGE", "NEWSLETTER_LOGO", "SITE_TAGLINE")} == {
        "SITENAME": "Acme Blog", "PUBLISHER": "Acme Sensorik GmbH",
        "DEFAULT_LANG": "de", "SITE_LOGO": "images/brand/acme-logo.png", "ACCENT_COLOR": "#f0e68c",
        "FOOTER_PAGES": ["impressum", "datenschutz"], "SHARE_SITEURL": "https://blog.acme.example",
        "NEWSLETTER_FROM": "Acme Blog <newsletter@acme.example>", "NEWSLETTER_IMPRESSUM_PAGE": "impressum",
        "NEWSLETTER_LOGO": None, "SITE_TAGLINE": "Wissen teilen bei der Acme Sensorik GmbH"}
    assert "Mitarbeiter der Acme Sensorik GmbH über" in (site / "content/pages/impressum.md").read_text(encoding="utf-8")
    conf = (site / "pelicanconf.py").read_text(encoding="utf-8")
    assert 'NEWSLETTER_TO = ""  # TODO: the list address of your mail service' in conf
    assert 'NEWSLETTER_SUBSCRIBE_URL = ""  # TODO:' in conf


def test_the_web_editor_no_longer_points_at_the_samples_repository(new_site):
    site, _done = new_site
    settings = load_settings(site / "pelicanconf.py")
    assert (settings["EDITOR_REPO"], settings["EDITOR_BASE_URL"], settings["EDITOR_ENABLED"]) == ("", "", False)
    conf = (site / "pelicanconf.py").read_text(encoding="utf-8")
    assert "EDITOR_REPO = \"\"  # TODO: your blog's repository ('group/project'), before EDITOR_ENABLED" in conf
    assert "EDITOR_BASE_URL = \"\"  # TODO: your self-hosted GitLab's address ('' = gitlab.com" in conf


def test_nothing_of_the_sample_company_is_left_in_the_settings(new_site):
    site, _done = new_site
    found = [f"{name}:{number}: {line}" for name in ("pelicanconf.py", "publishconf.py")
             for number, line in enumerate((site / name).read_text(encoding="utf-8").splitlines(), 1)
             if any(word in line for word in SAMPLE_WORDS)]
    assert found == []


def test_turning_the_editor_on_before_filling_in_the_repository_is_explained(new_site, tmp_path):
    site, _done = new_site
    (site / "editorconf.py").write_text("from publishconf import *  # noqa\n\nEDITOR_ENABLED = True\n",
                                        encoding="utf-8")
    built = tool(site, "tools.build", "--strict", "--settings", "editorconf.py", "--output", str(tmp_path / "out"))
    assert built.returncode == 1
    assert "EDITOR_ENABLED is True but EDITOR_REPO is empty" in built.stderr
    assert "EDITOR_REPO = 'group/project'" in built.stderr


def test_nothing_of_the_sample_is_left_in_the_output(new_site):
    site, _done = new_site
    built = tool(site, "tools.build", "--settings", "publishconf.py", "--output", "output")
    assert built.returncode == 0, built.stderr
    output = site / "output"
    sample_hashes = set(read_manifest(ROOT)["files"].values())
    found = []
    for path in output.rglob("*"):
        if not path.is_file():
            continue
        data = path.read_bytes()
        if hashlib.sha256(data).hexdigest() in sample_hashes:
            found.append(f"{path.relative_to(output)}: a sample file")
        if path.suffix in (".html", ".xml", ".txt", ".json", ".css", ".js", ".svg", ".opml", ".xsl", ".eml"):
            text = data.decode("utf-8", errors="replace")
            found += [f"{path.relative_to(output)}: {word!r}" for word in SAMPLE_WORDS if word in text]
    assert found == []
    home = (output / "index.html").read_text(encoding="utf-8")
    assert "Acme Blog" in home and "Noch keine Beiträge." in home and "theme/brand/logo.png" in home


def test_publish_refuses_the_legal_placeholders_and_names_the_files(new_site):
    site, _done = new_site
    refused = make(site, "publish")
    assert refused.returncode != 0
    assert "publish refuses content/pages/datenschutz.md:" in refused.stderr
    assert "publish refuses content/pages/impressum.md:" in refused.stderr
    assert "was left as it was" in refused.stderr
    html = make(site, "html")  # a preview shows the pages and warns
    assert html.returncode == 0 and "placeholder(s) left to fill in" in html.stderr


@pytest.mark.browser
def test_make_check_passes_and_publish_works_once_the_pages_are_filled_in(new_site):
    site, _done = new_site
    checked = tool(site, "tools.check", "--no-lighthouse")
    assert checked.returncode == 0, checked.stderr[-4000:]
    assert "placeholder(s) left to fill in" in checked.stderr  # listed as a warning
    for page in ("impressum", "datenschutz"):
        path = site / "content/pages" / f"{page}.md"
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("[[", "").replace("]]", ""), encoding="utf-8")
    published = make(site, "publish")
    assert published.returncode == 0, published.stderr[-3000:]


def test_an_english_site_gets_english_pages_and_addresses(tmp_path):
    site = copy_project(tmp_path / "site")
    done = make(site, "new-site", "NAME=Acme Blog", "COMPANY=Acme Ltd", "URL=https://www.acme.example/", "LANG=en")
    assert done.returncode == 0, done.stderr
    assert content_files(site) == ["content/pages/imprint.md", "content/pages/privacy.md"]
    built = tool(site, "tools.build", "--strict", "--settings", "pelicanconf.py", "--output", "output")
    assert built.returncode == 0, built.stderr
    assert (site / "output/team/index.html").exists() and (site / "output/imprint/index.html").exists()
    assert "No posts yet." in (site / "output/index.html").read_text(encoding="utf-8")
    assert load_settings(site / "pelicanconf.py")["DEFAULT_CATEGORY"] == "General"  # what make new-post writes
    again = make(site, "new-site", "NAME=Acme Blog", "COMPANY=Acme Ltd", "URL=https://www.acme.example/", "LANG=en",
                 "ACCENT=#aa0000")  # once the sample is gone it only rewrites the settings
    assert again.returncode == 0 and "no sample files left to remove" in again.stdout
    assert "kept content/pages/imprint.md" in again.stdout
    assert load_settings(site / "pelicanconf.py")["ACCENT_COLOR"] == "#aa0000"


def test_run_again_it_changes_only_what_the_typed_values_change(tmp_path):
    """docs/brand.md: run again "to change the colour, say". What was set by hand since (a footer line,
    the newsletter's list, a WordPress import's ROUNDUP_START, the logo) stays."""
    site = copy_project(tmp_path / "site")
    first = make(site, "new-site", "NAME=Acme Blog", "COMPANY=Acme GmbH", "URL=https://blog.acme.example", "LANG=de",
                 f"LOGO={logo_png(tmp_path / 'logo.png')}")
    assert first.returncode == 0, first.stderr
    conf = site / "pelicanconf.py"
    by_hand = {"FOOTER_LINE": "Ein Blog der Acme GmbH", "NEWSLETTER_TO": "blog@lists.acme.example",
               "ROUNDUP_START": "2026-W40", "SITE_TAGLINE": "Aus der Werkhalle"}
    from tools.new_site.settings import set_values

    conf.write_text(set_values(conf.read_text(encoding="utf-8"), by_hand), encoding="utf-8")
    publish_before = (site / "publishconf.py").read_text(encoding="utf-8")

    again = make(site, "new-site", "NAME=Acme Blog", "COMPANY=Acme GmbH", "URL=https://blog.acme.example", "LANG=de",
                 "ACCENT=#aa0000")
    assert again.returncode == 0, again.stderr
    assert "wrote pelicanconf.py (ACCENT_COLOR)" in again.stdout
    settings = load_settings(conf)
    assert settings["ACCENT_COLOR"] == "#aa0000" and settings["SITE_LOGO"] == "images/brand/logo.png"
    assert {name: settings[name] for name in by_hand} == by_hand
    assert (site / "publishconf.py").read_text(encoding="utf-8") == publish_before

    renamed = make(site, "new-site", "NAME=Acme Werkblog", "COMPANY=Acme GmbH", "URL=https://blog.acme.example",
                   "LANG=de")
    assert renamed.returncode == 0, renamed.stderr
    settings = load_settings(conf)
    assert settings["SITENAME"] == "Acme Werkblog" and settings["NEWSLETTER_FROM"] == "Acme Werkblog <newsletter@acme.example>"
    assert settings["SITE_TAGLINE"] == "Aus der Werkhalle" and settings["ACCENT_COLOR"] == "#aa0000"

    before = conf.read_text(encoding="utf-8")
    other_language = make(site, "new-site", "NAME=Acme Blog", "COMPANY=Acme GmbH", "URL=https://blog.acme.example",
                          "LANG=en")
    assert other_language.returncode == 2 and "this blog is de (DEFAULT_LANG in pelicanconf.py)" in other_language.stderr
    assert conf.read_text(encoding="utf-8") == before and not (site / "content/pages/imprint.md").exists()


def test_a_site_name_typed_in_before_the_first_run_still_replaces_all_of_the_samples_settings(tmp_path):
    from tools.new_site.settings import set_values

    site = copy_project(tmp_path / "site")
    conf = site / "pelicanconf.py"
    conf.write_text(set_values(conf.read_text(encoding="utf-8"), {"SITENAME": "Acme Blog"}), encoding="utf-8")
    done = make(site, "new-site", "NAME=Acme Blog", "COMPANY=Acme Ltd", "URL=https://blog.acme.example", "LANG=en")
    assert done.returncode == 0, done.stderr
    settings = load_settings(conf)
    left = {name: settings[name] for name in ("SITE_LOGO", "NEWSLETTER_TO", "NEWSLETTER_SUBSCRIBE_URL", "FOOTER_PAGES",
                                              "EDITOR_REPO", "DEFAULT_LANG")}
    assert left == {"SITE_LOGO": None, "NEWSLETTER_TO": "", "NEWSLETTER_SUBSCRIBE_URL": "",
                    "FOOTER_PAGES": ["imprint", "privacy"], "EDITOR_REPO": "", "DEFAULT_LANG": "en"}
