"""Byte-compile this project's own code where Python would not keep it compiled.

Python caches each module it compiles in __pycache__, unless PYTHONDONTWRITEBYTECODE is set, as many
CI images do: then every build compiled the ~120 modules of plugins/ and tools/ again (at 1,000
posts about 0.15 s of a publish's CPU time; Pelican and the other packages were compiled by pip
when they were installed). compileall writes only what is missing or stale, into __pycache__
(ignored by git), and when everything is current it only compares timestamps.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FOLDERS = ("plugins", "tools")


def compile_own_code() -> None:
    if not sys.dont_write_bytecode:
        return  # importing keeps the cache itself
    import compileall

    for folder in FOLDERS:  # quiet=2: a checkout we may not write to is built as before
        compileall.compile_dir(ROOT / folder, quiet=2)
