"""The search index: Pagefind (pinned on PyPI with its binary) run over a finished output folder.

Only elements marked data-pagefind-body are indexed (the article templates mark the post); the
share box, the series navigation and "Weiterlesen" are left out so a search finds what a post says.
Pagefind is shown only the pages the build wrote with that mark (`pages`, as a glob): it would read
every other page too only to skip it, at 1,000 posts a third of its time and a fifth of its memory.
`make html`, `make check` and `make publish` call it after a build (publish before the swap);
`make devserver` does not, so a preview stays fast.
"""

from __future__ import annotations

import os
import re
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


# A folder or file name written into a glob as it is; any other name becomes a wildcard.
PLAIN_NAME = re.compile(r"[A-Za-z0-9._-]+")
MOST_NAMED = 40  # more different names at one level of the paths: a wildcard there


def index_site(output: str | Path, quiet: bool = True, pages=None) -> subprocess.CompletedProcess:
    """Write output/pagefind/ anew; raises RuntimeError with Pagefind's own message when it fails.

    `pages`: the files (paths) that carry data-pagefind-body; Pagefind then reads only those (and
    perhaps a few more, never fewer). None or empty: it reads every page, as without the mark.
    The same pages give the same bytes (tests/test_readers_browser.py checks it)."""
    shutil.rmtree(Path(output) / BUNDLE_DIR, ignore_errors=True)  # hashed names: old chunks would stay
    command = [sys.executable, "-m", "pagefind", "--site", str(output), "--output-subdir", BUNDLE_DIR]
    glob = pages_glob(output, pages or ())
    if glob:
        command += ["--glob", glob]
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


def searchable_pages(settings: dict) -> list[str]:
    """The pages of the build that just ran which Pagefind reads: every post and page it wrote
    (rendered, or taken over from the last publish unread), and any other page the writer saw
    data-pagefind-body in (shared.model notes both)."""
    from shared.model import written_pages  # here: a process that only runs Pagefind has no Pelican

    written = written_pages(settings)
    if written is None:
        return []
    return sorted({page.path for page in written.pages if page.kind in ("article", "page")} | written.searchable)


def pages_glob(output: str | Path, pages) -> str | None:
    """A glob (Pagefind's syntax) that matches every one of `pages` below `output`, and few other
    files: per depth, each level's names as a list ({2025,2026}), or a wildcard where they are many
    or not plain names. None when there are no pages (or one lies outside `output`)."""
    by_depth: dict[int, list[tuple[str, ...]]] = {}
    for page in pages:
        relative = os.path.relpath(page, output).replace(os.sep, "/")
        if relative.startswith("../"):
            return None
        parts = tuple(relative.split("/"))
        by_depth.setdefault(len(parts), []).append(parts)
    globs = ["/".join(_level_glob({parts[level] for parts in paths}, last=level == depth - 1)
                      for level in range(depth)) for depth, paths in sorted(by_depth.items())]
    if not globs:
        return None
    return globs[0] if len(globs) == 1 else "{" + ",".join(globs) + "}"


def _level_glob(names: set, last: bool) -> str:
    if len(names) <= MOST_NAMED and all(PLAIN_NAME.fullmatch(name) for name in names):
        return next(iter(names)) if len(names) == 1 else "{" + ",".join(sorted(names)) + "}"
    if last and all(name.endswith(".html") for name in names):
        return "*.html"
    return "*"


def bundle_size(output: str | Path) -> int:
    """Bytes of the whole search bundle on disk (index, fragments, scripts, wasm)."""
    folder = Path(output) / BUNDLE_DIR
    return sum(path.stat().st_size for path in folder.rglob("*") if path.is_file())
