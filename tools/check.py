"""`make check`: a strict build of the content into a scratch directory, then the site checks.

Content errors fail the check; warnings (e.g. a tip on the wrong weekday) are listed but pass.
"""

from __future__ import annotations

import sys
import tempfile

from tools.build import build, load_settings


def main(argv=None) -> int:
    with tempfile.TemporaryDirectory(prefix="werkbank-check-") as scratch:
        result = build(load_settings("publishconf.py", {"OUTPUT_PATH": scratch}))
        print(result.summary(), file=sys.stderr)
        code = result.exit_code(strict=True)
    print("check: " + ("content OK" if code == 0 else "content has errors"), file=sys.stderr)
    return code


if __name__ == "__main__":
    sys.exit(main())
