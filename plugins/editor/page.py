"""The files of /admin/: the page, its configuration, the blog's script and Decap's bundle from
node_modules (pinned in package-lock.json, served from the site itself: no CDN)."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path

from jinja2 import Environment, FileSystemLoader
from markupsafe import Markup

from shared.editor import origin_of

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]  # the checkout: node_modules/ is next to package.json
NODE_MODULES = ROOT / "node_modules"
DECAP = NODE_MODULES / "decap-cms" / "dist"
JS_YAML = NODE_MODULES / "js-yaml" / "dist" / "js-yaml.min.js"
STATIC = HERE / "static"  # the blog's own script and stylesheet for the page


@dataclass(frozen=True)
class EditorPage:
    """What the page says: its language and title, the origins it may talk to, the script's data."""

    lang: str
    title: str
    needs_js: str
    origins: tuple  # the git host's (shared.editor.GitHost.origins)
    local_backend: str  # decap-server's address, '' outside `make editor`
    model: dict = field(default_factory=dict)


def content_security_policy(origins: tuple, local_backend: str) -> str:
    """The browser enforces what the privacy gate checks: this page talks to its own origin and the
    git host only (and, with `make editor`, to decap-server on this machine). Decap needs eval (its
    configuration check compiles schemas), inline styles (its components) and blob: URLs (media)."""
    talk = [*origins, *([origin_of(local_backend)] if local_backend else [])]
    return "; ".join([
        "default-src 'self'",
        "script-src 'self' 'unsafe-eval' 'wasm-unsafe-eval'",
        "style-src 'self' 'unsafe-inline'",
        " ".join(["connect-src 'self' blob: data:", *talk]),
        " ".join(["img-src 'self' blob: data:", *origins]),
        "media-src 'self' blob: data:",
        "font-src 'self' data:",
        "frame-src 'self' blob:",
        "worker-src 'self' blob:",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
    ])


def render_page(page: EditorPage) -> str:
    env = Environment(loader=FileSystemLoader(str(HERE)), autoescape=True, trim_blocks=True, lstrip_blocks=True)
    model = json.dumps(page.model, ensure_ascii=False, sort_keys=True, separators=(",", ":")).replace("<", "\\u003c")
    # a preconnect names the git host in the page itself (the privacy gate's one exception, docs/privacy.md)
    preconnect = () if page.local_backend else page.origins
    return env.get_template("admin.html").render(
        page=page, csp=content_security_policy(page.origins, page.local_backend), preconnect=preconnect,
        model=Markup(model))


def bundle_files() -> dict:
    """Output name -> source file of everything the page loads besides its generated files."""
    files = {name: STATIC / name for name in ("werkbank-editor.js", "werkbank-editor.css")}
    files["js-yaml.min.js"] = JS_YAML
    for name in sorted(os.listdir(DECAP)):
        if name == "decap-cms.js" or name.endswith((".decap-cms.js", ".wasm")) or name == "decap-cms.js.LICENSE.txt":
            files[name] = DECAP / name
    return files


def bundle_missing() -> list:
    """The files of node_modules the page needs that are not there (shown relative to the checkout)."""
    missing = [path for path in (DECAP / "decap-cms.js", JS_YAML) if not path.is_file()]
    return [os.path.relpath(path, ROOT) for path in missing]
