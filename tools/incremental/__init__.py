"""Incremental production builds: every page of `make publish` is recorded with what it was made
from, and the next publish renders only the pages whose inputs changed (docs/incremental.md).
session.py is the entry point (tools/build.py), record.py the file, tracking.py and facts.py what a
page read and how values are compared."""
