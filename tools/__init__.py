"""Command-line tools behind the Makefile: build, publish, check, new-post, newsletter, share."""

import sys
from pathlib import Path

# The plugins import their shared helpers as `shared`; the tools use them too.
_PLUGINS = str(Path(__file__).resolve().parent.parent / "plugins")
if _PLUGINS not in sys.path:
    sys.path.insert(0, _PLUGINS)
