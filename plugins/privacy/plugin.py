"""The privacy gate: after every build, no written file may load anything from another origin, and no
published picture may carry its GPS position or a camera's serial number (docs/privacy.md).

It reads the whole output on `finalized`, so pages, emails and their web copies, feeds, CSS and the
pictures are all covered, whichever plugin or template wrote them; each finding is a content problem
at the source file and line that typed the address, so `make check`, `make publish` (hence `make
deploy`) and the preview banner show it and a strict build fails.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from html import unescape

from pelican import signals

from shared.config import read_config
from shared.editor import EDITOR_FOLDER, editor_origins
from shared.messages import t
from shared.digests import as_noted
from shared.model import TEXT_WRITTEN, connect, on_stage, site_config, written_pages
from shared.problems import ContentProblem, relative_path, report

from .gate import loads_in_css, loads_in_html, own_hosts
from .pictures import RASTER_SUFFIXES, revealing_metadata
from .policy import REFERRER_POLICY, content_security_policy
from .sources import SourceFinder

SKIPPED_FOLDERS = ("pagefind",)  # written after the build by Pagefind, from our own pages
TEXT_SUFFIXES = (".html", ".htm", ".xml", ".opml", ".css", ".svg", ".xsl")  # files that may load something
SCANS_KEY = "PRIVACY_SCANS"  # this build's Scans (in the settings: `finalized` only gets those)


@dataclass
class Scans:
    """One build's pages as the writer wrote them: read for loads then, not from the disk again."""

    own: frozenset
    forms: frozenset
    editor_own: frozenset
    files: dict = field(default_factory=dict)  # path -> (stat signature when written, its loads)


def hosts_of(settings) -> tuple[frozenset, frozenset, frozenset]:
    """The hosts pages may load from, those forms may submit to, and those of the editor's folder."""
    config, _problems = read_config(settings)  # reported at the start of the build already
    allowed = config["PRIVACY_ALLOWED_ORIGINS"]
    own = own_hosts(config.site_url, config["NEWSLETTER_SITEURL"], *allowed)
    # the one exception: the web editor's page talks to the git host it logs in to (docs/privacy.md)
    return own, own_hosts(config["NEWSLETTER_SUBSCRIBE_URL"]), own | own_hosts(*editor_origins(config))


def start_scans(context, generators=()) -> None:
    """Model stage "pages" (before any page is written): this build's Scans."""
    if generators:
        generators[0].settings[SCANS_KEY] = Scans(*hosts_of(generators[0].settings))


def scan_written(settings, path: str, text: str, signature: tuple) -> None:
    """shared.model.TEXT_WRITTEN: the loads of a page, from the text the writer just wrote."""
    scans = settings.get(SCANS_KEY)
    if scans is None or not path.endswith(TEXT_SUFFIXES):
        return
    allowed = scans.editor_own if _in_editor(path, settings["OUTPUT_PATH"]) else scans.own
    scans.files[path] = (signature, _loads_in_text(path, text, allowed, scans.forms))


def check_output(pelican) -> None:
    """finalized: every file below the output folder."""
    settings = pelican.settings
    scans = settings.pop(SCANS_KEY, None)
    own, forms, editor_own = (scans.own, scans.forms, scans.editor_own) if scans else hosts_of(settings)
    written = written_pages(settings)
    sources = {page.path: page.source for page in written.pages} if written else {}
    theme = settings.get("THEME")
    finder = SourceFinder((settings["PATH"], os.path.join(theme, "templates") if theme else None,
                           os.path.join(theme, "static") if theme else None))
    checked = written.reused if written else set()  # taken over unchanged from a publish that passed this gate
    for found in sorted(output_problems(pelican.output_path, own, forms, sources, finder, editor_own, checked,
                                        scans.files if scans else {})):
        report(found)


def output_problems(output: str, own: frozenset, forms: frozenset, sources: dict, finder: SourceFinder,
                    editor_own: frozenset | None = None, checked=frozenset(), scanned=None) -> list:
    """`editor_own`: the hosts files in the editor's folder (admin/) may load from, if not `own`;
    `checked`: files not to read again; `scanned`: the loads found in files as they were written
    (Scans.files), used while a file is still as written."""
    problems, found = [], {}  # one problem per source line and address, however many files show it
    scanned = scanned or {}
    for path in _files(output):
        if path in checked:
            continue
        shown = os.path.relpath(path, output).replace(os.sep, "/")
        allowed = editor_own if editor_own is not None and _in_editor(path, output) else own
        if path.endswith(RASTER_SUFFIXES):
            for what in revealing_metadata(path):
                problems.append(ContentProblem(
                    shown, 0, t("published picture carries its {what}", what=t(what)),
                    t("remove the metadata before publishing (e.g. {command}), or let the build "
                      "re-encode it; a picture's position and camera are personal data",
                      command="exiftool -all= picture.jpg")))
            continue
        loads = as_noted(scanned, path)  # found when the writer wrote it, if it is still that file
        for load in loads if loads is not None else _loads(path, allowed, forms):
            where = finder.find(load.url, load.host, sources.get(path))
            file, line = (relative_path(where[0]), where[1]) if where else (shown, load.line)
            found.setdefault((file, line, load.what, load.url, load.host), []).append(f"{shown}:{load.line}")
    for (file, line, what, url, host), written in found.items():
        more = t(" and {count} more file(s)", count=len(written) - 1) if len(written) > 1 else ""
        loads = (t("{what} submits to {url} from another origin ({host})", what=what, url=url, host=host)
                 if what == "<form action>" else
                 t("{what} loads {url} from another origin ({host})", what=what, url=url, host=host))
        problems.append(ContentProblem(
            file, line, loads,
            t("readers' browsers would contact {host} (written to {file}{more}): put the file on this site "
              "(content/images/) and link it from here, make it a plain link, or, if the origin is your "
              "company's own, add it with a comment to PRIVACY_ALLOWED_ORIGINS in pelicanconf.py",
              host=host, file=written[0], more=more)))
    return problems


def _in_editor(path: str, output: str) -> bool:
    return os.path.relpath(path, output).replace(os.sep, "/").startswith(EDITOR_FOLDER + "/")


def _loads(path: str, own: frozenset, forms: frozenset) -> list:
    if not path.endswith(TEXT_SUFFIXES):
        return []
    with open(path, encoding="utf-8", errors="replace") as handle:
        return _loads_in_text(path, handle.read(), own, forms)


def _loads_in_text(path: str, text: str, own: frozenset, forms: frozenset) -> list:
    if path.endswith(".css"):
        return loads_in_css(text, own)
    if path.endswith((".xml", ".opml")):  # feed content is escaped HTML: read it as the reader's app will
        text = unescape(text)
    return loads_in_html(text, own, forms)


def _files(output: str) -> list:
    found = []
    for folder, dirs, names in os.walk(output):
        if folder == output:
            dirs[:] = [d for d in dirs if d not in SKIPPED_FOLDERS]
        dirs.sort()
        found += [os.path.join(folder, name) for name in sorted(names)]
    return found


def expose_policies(generator) -> None:
    """generator_init: every page's <meta> Content-Security-Policy and Referrer-Policy (theme/base.html)."""
    config = site_config(generator.context)
    generator.env.globals.update(
        content_security_policy=content_security_policy(config["PRIVACY_ALLOWED_ORIGINS"],
                                                        config["NEWSLETTER_SUBSCRIBE_URL"]),
        referrer_policy=REFERRER_POLICY)


def register():
    connect()
    on_stage("pages", start_scans)
    TEXT_WRITTEN.connect(scan_written)
    signals.generator_init.connect(expose_policies)
    signals.finalized.connect(check_output)
