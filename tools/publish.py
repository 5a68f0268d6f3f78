"""Publish atomically: build into a fresh directory, swap it in only when the build is clean.

    python -m tools.publish [--settings publishconf.py] [--output output]

A failed build prints the problems and leaves the previous output/ untouched, byte for byte.
Leftovers of an interrupted earlier run (.output.new-*, .output.old-*) are removed first; a lock on
the parent folder keeps two publishes next to each other from removing each other's work.
"""

from __future__ import annotations

import argparse
import fcntl
import os
import shutil
import sys
import tempfile
from pathlib import Path

from tools.build import build, load_settings, path_overrides, print_report


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
    """Remove what an interrupted publish left next to target; returns what was removed.

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


def publish(settings_file: str, target: Path, content: str | None = None) -> int:
    target = target.resolve()
    target.parent.mkdir(parents=True, exist_ok=True)
    folder = os.open(target.parent, os.O_RDONLY)  # a lock on the folder itself leaves no lock file behind
    try:
        fcntl.flock(folder, fcntl.LOCK_EX)  # released by the OS when a run is killed
        for leftover in remove_leftovers(target):
            print(f"removed {leftover.name}, left by an interrupted earlier publish", file=sys.stderr)
        return _publish_locked(settings_file, target, content)
    finally:
        os.close(folder)


def _publish_locked(settings_file: str, target: Path, content: str | None) -> int:
    # Same parent directory, so the final rename never crosses file systems.
    new_dir = Path(tempfile.mkdtemp(prefix=f".{target.name}.new-", dir=target.parent))
    try:
        result = build(load_settings(settings_file, path_overrides(content, str(new_dir))), search_index=True)
        print_report(result)
        code = result.exit_code(strict=True)
        if code:
            print(f"publish failed: {target} was left as it was", file=sys.stderr)
            return code
        swap_in(new_dir, target)
        print(f"published {target}", file=sys.stderr)
        return 0
    finally:
        if new_dir.exists():
            shutil.rmtree(new_dir)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--settings", default="publishconf.py")
    parser.add_argument("--output", default="output")
    parser.add_argument("--content", help="content directory (default: PATH of the settings)")
    args = parser.parse_args(argv)
    return publish(args.settings, Path(args.output), args.content)


if __name__ == "__main__":
    sys.exit(main())
