"""Publish atomically: build into a fresh directory, swap it in only when the build is clean.

    python -m tools.publish [--settings publishconf.py] [--output output]

A failed build prints the problems and leaves the previous output/ untouched, byte for byte.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from pathlib import Path

from tools.build import build, load_settings, path_overrides


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


def publish(settings_file: str, target: Path, content: str | None = None) -> int:
    target = target.resolve()
    target.parent.mkdir(parents=True, exist_ok=True)
    # Same parent directory, so the final rename never crosses file systems.
    new_dir = Path(tempfile.mkdtemp(prefix=f".{target.name}.new-", dir=target.parent))
    try:
        result = build(load_settings(settings_file, path_overrides(content, str(new_dir))), search_index=True)
        print(result.summary(), file=sys.stderr)
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
