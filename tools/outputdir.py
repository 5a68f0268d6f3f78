"""The output folder holds exactly one build: each build goes into a fresh folder next to it and is
swapped in whole, and a preview build (drafts, relative links, no feeds) is marked so it is never
uploaded (docs/deploy.md, "One build per folder").
"""

from __future__ import annotations

import fcntl
import os
import shutil
import tempfile
from contextlib import contextmanager
from pathlib import Path

# Written into the output by make html / make serve / make devserver; make deploy refuses a folder with it.
PREVIEW_MARKER = ".werkbank-preview"
PREVIEW_MARKER_TEXT = """\
This folder is a preview build (make html, make serve or make devserver): it has drafts, relative
links and no feeds or newsletter files. Do not upload it; make deploy refuses it. Build the site
for the web with make publish.
"""


def swap_in(new_dir: Path, target: Path) -> None:
    """Replace target with new_dir; the old tree is removed only after the new one is in place."""
    old_dir = None
    if target.exists():
        old_dir = Path(tempfile.mkdtemp(prefix=f".{target.name}.old-", dir=target.parent))
        os.rmdir(old_dir)
        os.rename(target, old_dir)
    os.rename(new_dir, target)
    if old_dir is not None:
        shutil.rmtree(old_dir)


def remove_leftovers(target: Path) -> list[Path]:
    """Remove what an interrupted build left next to target; returns what was removed.

    Killed between the two renames of swap_in, the previous site is only in .old-*: it is put
    back as target first, so an interruption never loses the live output."""
    removed = []
    olds = sorted(target.parent.glob(f".{target.name}.old-*"))
    if olds and not target.exists():
        os.rename(olds.pop(), target)
    for leftover in [*sorted(target.parent.glob(f".{target.name}.new-*")), *olds]:
        shutil.rmtree(leftover, ignore_errors=True)
        removed.append(leftover)
    return removed


@contextmanager
def locked(target: Path):
    """Held while a build replaces target: two builds next to each other take turns."""
    target.parent.mkdir(parents=True, exist_ok=True)
    folder = os.open(target.parent, os.O_RDONLY)  # a lock on the folder itself leaves no lock file behind
    try:
        fcntl.flock(folder, fcntl.LOCK_EX)  # released by the OS when a run is killed
        yield
    finally:
        os.close(folder)


def fresh_folder(target: Path) -> Path:
    """An empty folder next to target (same file system, so the swap is a rename)."""
    return Path(tempfile.mkdtemp(prefix=f".{target.name}.new-", dir=target.parent))


def mark_preview(folder: str | os.PathLike) -> None:
    marker = Path(folder) / PREVIEW_MARKER
    if not marker.is_file():
        marker.write_text(PREVIEW_MARKER_TEXT, encoding="utf-8")


def preview_marker(folder: str | os.PathLike) -> Path | None:
    """The marker file if folder holds a preview build, else None."""
    marker = Path(folder) / PREVIEW_MARKER
    return marker if marker.exists() else None
