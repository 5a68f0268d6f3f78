"""The search index: Pagefind (pinned on PyPI with its binary) run over a finished output folder.

Only elements marked data-pagefind-body are indexed (the article templates mark the post); the
share box, the series navigation and "Weiterlesen" are left out so a search finds what a post says.
`make html`, `make check` and `make publish` call it after a build (publish before the swap);
`make devserver` does not, so a preview stays fast.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

BUNDLE_DIR = "pagefind"
EXCLUDED = (".share", ".series-nav", ".read-next", ".thanks")
# Pagefind's ready-made interfaces: our search page uses its JS API with a small UI of its own
# (theme/static/js/search.js), so these 420 KB are not published.
UNUSED_FILES = ("pagefind-ui.js", "pagefind-ui.css", "pagefind-component-ui.js", "pagefind-component-ui.css",
                "pagefind-modular-ui.js", "pagefind-modular-ui.css", "pagefind-highlight.js")


def index_site(output: str | Path, quiet: bool = True) -> subprocess.CompletedProcess:
    """Write output/pagefind/ anew; raises RuntimeError with Pagefind's own message when it fails.

    The same pages give the same bytes (tests/test_readers_browser.py checks it)."""
    shutil.rmtree(Path(output) / BUNDLE_DIR, ignore_errors=True)  # hashed names: old chunks would stay
    command = [sys.executable, "-m", "pagefind", "--site", str(output), "--output-subdir", BUNDLE_DIR]
    for selector in EXCLUDED:
        command += ["--exclude-selectors", selector]
    if quiet:
        command.append("--quiet")
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError(f"pagefind failed ({done.returncode}): {done.stderr.strip() or done.stdout.strip()}")
    for name in UNUSED_FILES:
        (Path(output) / BUNDLE_DIR / name).unlink(missing_ok=True)
    return done


def bundle_size(output: str | Path) -> int:
    """Bytes of the whole search bundle on disk (index, fragments, scripts, wasm)."""
    folder = Path(output) / BUNDLE_DIR
    return sum(path.stat().st_size for path in folder.rglob("*") if path.is_file())
