"""Publish atomically: build into a fresh directory, swap it in only when the build is clean.

    python -m tools.publish [--settings publishconf.py] [--output output] [--full]

It is incremental (tools/incremental): pages whose inputs did not change since the last publish are
taken over from output/, the rest is rendered; the result is what a cold build writes, byte for
byte. --full (make publish FULL=1) renders every page.

A failed build prints the problems and leaves the previous output/ untouched, byte for byte.
Leftovers of an interrupted earlier run (.output.new-*, .output.old-*) are removed first; a lock on
the parent folder keeps two builds next to each other from removing each other's work. Settings
that write drafts (WRITE_DRAFTS, pelicanconf.py) are refused: drafts are for preview builds only.
The folder mechanics (swap_in, remove_leftovers) are in tools/outputdir.py, shared with make html.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from tools.build import build_into, path_overrides


def publish(settings_file: str, target: Path, content: str | None = None, full: bool = False) -> int:
    target = Path(target).resolve()
    code = build_into(settings_file, target, path_overrides(content, None), strict=True, job="publish",
                      production=True, full=full)
    if code == 0:
        from shared.messages import t  # after the build: the process that waits for it stays small

        print(t("published {target}", target=target), file=sys.stderr)
    return code


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--settings", default="publishconf.py")
    parser.add_argument("--output", default="output")
    parser.add_argument("--content", help="content directory (default: PATH of the settings)")
    parser.add_argument("--full", action="store_true", help="render every page, take nothing over (FULL=1)")
    args = parser.parse_args(argv)
    return publish(args.settings, Path(args.output), args.content, full=args.full)


if __name__ == "__main__":
    sys.exit(main())
