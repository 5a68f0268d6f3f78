"""The pieces of a test site: the repository root, the build clock, a minimal content folder,
writing files, the settings of a build in a temporary folder, and running a tool like the Makefile.

Test sites are built with the sample's settings frozen in tests/fixtures/settings/, not with the
checkout's pelicanconf.py: `make new-site` rewrites that one, and the suite must pass in a company's
checkout too. The few tests that read the sample's content/ skip there (needs_sample_content).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
import textwrap
from dataclasses import dataclass
from pathlib import Path

import pytest
from lxml import html as lxml_html

from helpers.frontmatter import article, front_matter
from tools.build import BuildResult, load_settings
from tools.new_site.manifest import has_sample_content

ROOT = Path(__file__).resolve().parents[2]
# The sample's pelicanconf.py and publishconf.py as shipped (tests/test_sample_settings.py keeps them so).
SAMPLE_SETTINGS = ROOT / "tests" / "fixtures" / "settings"
SAMPLE_PELICANCONF = SAMPLE_SETTINGS / "pelicanconf.py"
SAMPLE_PUBLISHCONF = SAMPLE_SETTINGS / "publishconf.py"
# The few tests of the sample's own content/ skip in a company's checkout (make new-site removed it).
HAS_SAMPLE_CONTENT = has_sample_content(ROOT)
SAMPLE_CONTENT_GONE = "the sample content was replaced by make new-site"
needs_sample_content = pytest.mark.skipif(not HAS_SAMPLE_CONTENT, reason=SAMPLE_CONTENT_GONE)
SOCIAL_CARDS_CACHE = Path(tempfile.gettempdir()) / "werkbank-tests-socialcards"
# Monday 23 November 2026, 12:00 Berlin: the default "now" of test builds.
DEFAULT_BUILD_TIME = "1795431600"

AUTHOR_YAML = """\
name: "{name}"
role: "Entwicklerin"
department: "Technik"
since: 2024-01-01
status: active
expertise: [Testen]
"""

# The sample's SITE_LOGO, as a small file of the same kind (tests/test_brand_site.py tests logos).
LOGO_PATH = load_settings(SAMPLE_PELICANCONF).get("SITE_LOGO")
STAND_IN_LOGO = (b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"><rect width="64" height="64" rx="14" '
                 b'fill="#0b5d50"/></svg>\n')
if LOGO_PATH and LOGO_PATH.lower().endswith(".png"):
    import io

    from PIL import Image

    _png = io.BytesIO()
    Image.new("RGBA", (64, 64), (11, 93, 80, 255)).save(_png, format="PNG")
    STAND_IN_LOGO = _png.getvalue()

# A minimal valid site: extend it in a test with more files, or override a file.
MINIMAL_SITE = {
    **({LOGO_PATH: STAND_IN_LOGO} if LOGO_PATH else {}),
    "authors/jana-beispiel.yml": AUTHOR_YAML.format(name="Jana Beispiel"),
    "authors/tom-muster.yml": AUTHOR_YAML.format(name="Tom Muster"),
    # the sample's FOOTER_PAGES
    "pages/ueber-uns.md": front_matter({"title": "Über uns"}, body="Wir bauen Sensoren."),
    "pages/impressum.md": front_matter({"title": "Impressum"}, body="Nordlicht Werkstatt GmbH"),
    "pages/datenschutz.md": front_matter({"title": "Datenschutz"}, body="Wir speichern nichts."),
    "articles/erster-beitrag.md": article("Erster Beitrag", "2026-11-18 09:30", id="0001", tags=["netzwerken"],
                                          category="Arbeitskultur", summary="Ein Satz zum Beitrag.",
                                          body="Wer gibt, bekommt."),
}


@dataclass
class SiteBuild:
    result: BuildResult
    content: Path
    output: Path

    def path(self, relative: str) -> Path:
        return self.output / relative

    def html(self, relative: str):
        """Parsed HTML of an output file (directory URLs resolve to index.html)."""
        target = self.output / relative
        if target.is_dir() or relative.endswith("/") or relative == "":
            target = target / "index.html"
        return lxml_html.fromstring(target.read_bytes())

    def text(self, relative: str) -> str:
        return (self.output / relative).read_text(encoding="utf-8")

    @property
    def messages(self) -> str:
        return self.result.summary()


def write_files(base: Path, files: dict) -> None:
    for relative, text in files.items():
        target = base / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            target.write_bytes(text)
        else:
            target.write_text(textwrap.dedent(text), encoding="utf-8")


def copy_sample_settings(folder: Path) -> Path:
    """folder/pelicanconf.py: the sample's settings as a file a test may edit; its plugins and theme
    are still this project's."""
    text = SAMPLE_PELICANCONF.read_text(encoding="utf-8")
    pinned = re.sub(r"^project = .*$", lambda _: f"project = {str(ROOT)!r}", text, count=1, flags=re.MULTILINE)
    assert pinned != text, "tests/fixtures/settings/pelicanconf.py no longer sets `project`"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "pelicanconf.py").write_text(pinned, encoding="utf-8")
    return folder / "pelicanconf.py"


def site_settings(tmp: Path, settings_file: str = "pelicanconf.py", overrides: dict | None = None) -> dict:
    """The sample's settings (or another file, given by path) for a site in tmp/content -> tmp/output."""
    values = {"PATH": str(tmp / "content"), "OUTPUT_PATH": str(tmp / "output"), "CACHE_PATH": str(tmp / "cache"),
              # cards are named by their inputs: test sites share them, so each card is drawn once per run
              "SOCIAL_CARDS_CACHE_PATH": str(SOCIAL_CARDS_CACHE)}
    values.update(overrides or {})
    return load_settings(SAMPLE_SETTINGS / settings_file, values)


def run_tool(*args, cwd=ROOT, env_extra=None) -> subprocess.CompletedProcess:
    """Run `python -m tools.<name> ...` the way the Makefile does; returns the finished process."""
    env = {**os.environ, "SOURCE_DATE_EPOCH": DEFAULT_BUILD_TIME, **(env_extra or {})}
    return subprocess.run([sys.executable, "-m", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=300)
