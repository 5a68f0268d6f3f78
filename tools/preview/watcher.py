"""Watches content, theme, plugins and settings; hands changed paths to the session.

Content and theme edits are rebuilt in this process. A change of Python code (plugins/, the
settings files, tools/) restarts the process: modules cannot be reloaded safely.
"""

from __future__ import annotations

import os
import sys

import watchfiles


class PreviewFilter(watchfiles.DefaultFilter):
    """watchfiles' defaults (editor swap files, .git, __pycache__) plus our own temporary files."""

    def __call__(self, change, path: str) -> bool:
        return super().__call__(change, path) and not path.endswith((".preview-tmp", "~"))


def watch(session, content: str, code_paths, theme: str, restart) -> None:
    """Blocks; calls session.submit(paths) for content/theme changes, restart() for code changes."""
    code = [os.path.abspath(p) for p in code_paths]
    roots = [os.path.abspath(p) for p in (content, theme, *code_paths) if os.path.exists(p)]
    for changes in watchfiles.watch(*roots, watch_filter=PreviewFilter(), debounce=30, step=10,
                                    stop_event=session.stopping, yield_on_timeout=False):
        paths = {os.path.abspath(path) for _, path in changes}
        code_changed = [p for p in paths if p.endswith(".py") and any(p == c or p.startswith(c + os.sep) for c in code)]
        if code_changed:
            restart(code_changed)
            return
        session.submit(paths)


def restart_process(changed) -> None:
    print(f"preview: {len(changed)} Python file(s) changed ({changed[0]}), restarting", file=sys.stderr, flush=True)
    os.execv(sys.executable, [sys.executable, "-m", "tools.preview", *sys.argv[1:]])
