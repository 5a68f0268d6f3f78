"""One production build's use of the record: it renders a page only when what the page read changed,
and takes every other page over from the last build (a hard link into the new folder).

Pelican's writer is kept; each page's template is handed to it wrapped (`tracking.RenderedBy`): asked to
render, the wrapper checks the page's entry of the record against this build's values first. When
they are the same (and the last build's file is still as it was written) it returns nothing and
the writer links the old file in place of writing one. Everything else about a write is Pelican's:
pagination, the overwrite rules, the `content_written` signal the sitemap and the privacy gate
count on. Files that are not pages of a template (feeds, emails, pictures, the search index) are
made every time.
"""

from __future__ import annotations

import copy
import gc
import hashlib
import io
import logging
import os
import posixpath
import re
import shutil
from pathlib import Path

import jinja2
from jinja2.utils import missing
from pelican import signals
from pelican.cache import FileStampDataCacher
from pelican.utils import sanitised_join
from pelican.writers import FileOverwriteFailedError

from readers.search_index import BUNDLE_DIR  # the plugin's module, under the name Pelican loads
from shared.digests import as_noted, stat_signature
from shared.model import SEARCH_MARKER, written_pages

from .facts import Facts, digest_of
from .record import (PLACE_SETTINGS, Finished, PageEntry, PartEntry, Record, build_key, file_digest, load,
                     record_path)
from .stamps import remember_stamps
from .tracking import Parts, RenderedBy, render_reading, track

log = logging.getLogger(__name__)
IMG_SRC = re.compile(r"<img\b[^>]*?\ssrc=\"([^\"]+)\"", re.IGNORECASE)
MISSING = b"missing"
PART = "(part)"  # the label of a part's fingerprint


class Session:
    def __init__(self, settings: dict, target: Path, full: bool = False):
        # The settings file's lists and dicts are its module's: Pelican edits some in place (the
        # Markdown reader adds extensions to MARKDOWN), which a second build in this process (tests,
        # the preview) would read as a change of settings. This build gets copies of its own.
        for name, value in settings.items():
            if isinstance(value, (dict, list, set)):
                settings[name] = copy.deepcopy(value)
        self.target = Path(target)
        self.output = os.path.abspath(settings["OUTPUT_PATH"])
        self.path = record_path(settings["CACHE_PATH"], self.target)
        self.key = build_key(settings, settings_digest(settings))
        self.previous = None if full else load(self.path, self.key)
        self.record = Record(self.key)
        self.facts: Facts | None = None
        self.context: dict | None = None  # the build's shared context (the writer gets it with each page)
        self.parts = Parts()  # the parts `once` rendered in this build (tracking.py)
        self._parts_true: dict[str, bool] = {}
        self._unrecorded: set[str] = set()  # parts made in this build that cannot be recorded
        self.pending: dict[str, tuple] = {}  # new output file -> (last build's file to link there, its entry)
        self.seen: set[str] = set()
        self.rendered = self.reused = 0
        self.problems = _ProblemCount()
        self._statics: dict | None = None
        self._source_digests: dict[str, str] = {}
        self.search_inputs: str | None = None
        self.html_files: dict[str, str] = {}  # output-relative path -> digest, once the build is done
        self.reused_files: dict[str, str] = {}  # the pages taken over -> their digests (known, not read)
        self.search_taken_over = False
        # Pelican's reader cache goes with the record: read again in full whenever the record is not trusted.
        settings["CACHE_CONTENT"] = True
        settings["LOAD_CONTENT_CACHE"] = self.previous is not None
        settings["CHECK_MODIFIED_METHOD"] = "sha1"  # by content: a checkout's file times say nothing
        # Uncompressed: gzip of the cache was a quarter second of a cold publish at 1,000 posts (the
        # file is ~2× larger, in CACHE_PATH, which CI keeps between deploys)
        settings["GZIP_CACHE"] = False
        settings["JINJA_ENVIRONMENT"] = {**settings["JINJA_ENVIRONMENT"],
                                         "bytecode_cache": compiled_templates(settings["CACHE_PATH"], self.key)}
        self.settings = settings

    @property
    def warm(self) -> bool:
        return self.previous is not None

    # -- the build -------------------------------------------------------------------------------

    def run(self, pelican) -> None:
        """Pelican.run() with this session's writer."""
        plain_get_writer = pelican._get_writer

        def get_writer():
            # Pages are written now: the site's model is made and lives to the end of the build, so
            # the garbage collector need not walk it again and again (with the freeze after reading,
            # 0.35 -> 0.22 s at 1,000 posts). unfreeze() below hands it all back, for a process that
            # builds more than once (tests, the preview's tools).
            gc.freeze()
            return self.adopt(plain_get_writer())

        pelican._get_writer = get_writer
        stamps: dict = {}

        def remember(generator):  # after FileStampDataCacher.__init__: the *_generator_init signals
            for cacher in (generator, getattr(generator, "readers", None)):
                if isinstance(cacher, FileStampDataCacher):
                    remember_stamps(cacher, stamps)

        def read(generator):  # the posts are read and live to the end of the build, like the model
            gc.freeze()

        caching_inits = (signals.article_generator_init, signals.page_generator_init)
        for signal in caching_inits:
            signal.connect(remember)
        signals.article_generator_finalized.connect(read)
        self.problems.attach()
        try:
            pelican.run()
        finally:
            gc.unfreeze()
            self.problems.detach()
            for signal in caching_inits:
                signal.disconnect(remember)
            signals.article_generator_finalized.disconnect(read)

    def adopt(self, writer):
        writer.__class__ = type(f"Reusing{type(writer).__name__}", (_ReusingWriter, type(writer)), {})
        writer.session = self
        return writer

    def render(self, template, localcontext: dict) -> str:
        name = posixpath.normpath(localcontext["output_file"])
        if self.facts is None:
            self.facts = Facts(self.context or localcontext, self.settings, self.settings["PATH"])
        track(template.environment, self.parts)
        twice = name in self.seen  # written twice in one build (Pelican's override): never taken over
        self.seen.add(name)
        entry = None if twice or self.previous is None else self.previous.pages.get(name)
        if entry is not None and self._still_true(entry, template, localcontext, name):
            self.pending[sanitised_join(self.output, name)] = (str(self.target / name), entry)
            self.record.pages[name] = entry
            self.reused += 1
            self.reused_files[name] = entry.file
            return ""
        before = self.problems.count
        text, reads = render_reading(template, localcontext, self.facts, self.parts)
        env = template.environment
        self.rendered += 1
        # A page or part that reported a problem is not recorded: it is made (and says so) every time.
        quiet = self.problems.count == before
        for part in self.parts.fresh:  # made while this page rendered
            self._record_part(part, env, localcontext, quiet)
        self.parts.fresh.clear()
        if twice:
            self.record.pages.pop(name, None)
        elif reads.replay and quiet:
            names, keys, calls = sorted(reads.names), sorted(reads.keys), sorted(reads.calls)
            self.record.pages[name] = PageEntry(
                template.name, fingerprint(self.facts, env, template.name, localcontext, names, keys, calls),
                names, keys, calls, sorted(reads.parts), self._pictures(text, name), SEARCH_MARKER in text)
        else:
            self.record.pages.pop(name, None)
        return text

    def _record_part(self, name: str, env, localcontext: dict, quiet: bool) -> None:
        made = self.parts.made[name]
        reads = made.reads
        if not (reads.replay and quiet):
            self.record.parts.pop(name, None)
            self._unrecorded.add(name)
            return
        names, keys, calls = sorted(reads.names), sorted(reads.keys), sorted(reads.calls)
        self.record.parts[name] = PartEntry(
            fingerprint(self.facts, env, PART, localcontext, names, keys, calls), names, keys, calls,
            sorted(reads.parts), html_digest(made.html))

    def _still_true(self, entry: PageEntry, template, localcontext: dict, name: str) -> bool:
        if entry.template != template.name or not self._holds(name, entry.file):
            return False  # output/ does not hold the file the record describes (replaced, edited by hand)
        for picture, digest in entry.pictures.items():
            if self._picture_digest(picture) != digest:
                return False
        env = template.environment
        if fingerprint(self.facts, env, template.name, localcontext, entry.names, entry.keys, entry.calls) != \
                entry.fingerprint:
            return False
        return all(self._part_still_true(part, env, localcontext) for part in entry.parts)

    def _part_still_true(self, name: str, env, localcontext: dict) -> bool:
        """Whether a part's HTML is what the last build's was: compared when this build made it
        already, else told by what it read. Once true, it goes into the new record as it was."""
        known = self._parts_true.get(name)
        if known is not None:
            return known
        before = self.previous.parts.get(name)
        made = self.parts.made.get(name)
        if before is None:
            true = False
        elif made is not None:
            true = html_digest(made.html) == before.html
        else:
            true = (fingerprint(self.facts, env, PART, localcontext, before.names, before.keys, before.calls)
                    == before.fingerprint
                    and all(self._part_still_true(part, env, localcontext) for part in before.parts))
            if not true:
                return False  # may still turn out the same once a page renders it
        self._parts_true[name] = true
        if true and name not in self.record.parts and name not in self._unrecorded:
            self.record.parts[name] = before
        return true

    # -- pictures: the image pass sizes a page's <img> from the picture's file -----------------------

    def _pictures(self, text: str, name: str) -> dict:
        if "<img" not in text:
            return {}
        found = {}
        site_url = (self.settings.get("SITEURL") or "").rstrip("/")
        folder = posixpath.dirname(name)
        for src in IMG_SRC.findall(text):
            path = src.split("?", 1)[0].split("#", 1)[0]
            if site_url and path.startswith(site_url + "/"):
                path = path[len(site_url) + 1:]
            elif path.startswith("/"):
                path = path.lstrip("/")
            elif "://" in path or path.startswith("data:"):
                continue
            else:
                path = posixpath.normpath(posixpath.join(folder, path))
            digest = self._picture_digest(path)
            if digest is not None:
                found[path] = digest
        return found

    def _picture_digest(self, output_path: str) -> str | None:
        """Digest of the source file of a static file of this build (None: not one of them)."""
        if self._statics is None:
            self._statics = {}
            for static in (self.facts.context.get("static_content") or {}).values():
                save_as, source = getattr(static, "save_as", None), getattr(static, "source_path", None)
                if save_as and source:
                    self._statics[posixpath.normpath(save_as)] = source
        source = self._statics.get(posixpath.normpath(output_path))
        if source is None:
            return None
        digest = self._source_digests.get(source)
        if digest is None:
            digest = self._source_digests[source] = self._file_digest(source)
        return digest

    def _file_digest(self, source: str) -> str:
        try:
            stat = os.stat(source)
        except OSError:
            return "absent"
        known = self.previous.sources.get(source) if self.previous else None
        if known and known[:2] == [stat.st_size, stat.st_mtime_ns]:
            digest = known[2]
        else:
            with open(source, "rb") as handle:
                digest = hashlib.file_digest(handle, "sha256").hexdigest()
        self.record.sources[source] = [stat.st_size, stat.st_mtime_ns, digest]
        return digest

    def _holds(self, name: str, digest: str) -> bool:
        """Whether the last output's file `name` is the one with `digest`: known by its stat when that
        is as saved, else read."""
        path = self.target / name
        try:
            stat = os.stat(path)
        except OSError:
            return False
        if self.previous.stats.get(name) == list(stat_signature(stat)):
            return True
        return file_digest(path) == digest

    # -- the search index: Pagefind reads the finished pages ---------------------------------------------

    def take_search_index_over(self) -> bool:
        """Link the last build's search index into this build when every HTML file it may have read
        is the same (Pagefind makes the same bytes from the same pages); False: run Pagefind."""
        written = written_pages(self.settings)
        self.html_files = html_files(self.output, self.reused_files, written.digests if written else {})
        self.search_inputs = digest_of(*(f"{name}\0{digest}".encode()
                                         for name, digest in sorted(self.html_files.items()))).hex()
        before = self.previous.search if self.previous else {}
        if not before or before.get("inputs") != self.search_inputs:
            return False
        old, new = self.target / BUNDLE_DIR, Path(self.output) / BUNDLE_DIR
        files = before.get("files") or {}
        if not files or not all(self._holds(f"{BUNDLE_DIR}/{name}", digest) for name, digest in files.items()):
            return False
        try:
            for name in files:
                (new / name).parent.mkdir(parents=True, exist_ok=True)
                os.link(old / name, new / name)
        except OSError:  # links not allowed here: Pagefind makes it anew
            shutil.rmtree(new, ignore_errors=True)
            return False
        self.search_taken_over = True
        return True

    # -- after the build -----------------------------------------------------------------------------

    def finished(self) -> Finished:
        """What is left for after the swap, as plain values: the build runs in a child process that
        has ended by then (tools/build.py, build_apart)."""
        return Finished(self.path, self.target, self.record, self.warm, self.rendered, self.reused,
                        self.html_files, self.search_inputs, self.search_taken_over,
                        self.previous.search if self.previous else {})

    def save(self) -> None:
        """Record the output now in `target` (call after the swap)."""
        self.finished().save()

    def summary(self) -> str:
        return self.finished().summary()


def html_files(folder: str, known: dict, written: dict | None = None) -> dict[str, str]:
    """{output-relative path: digest} of every HTML file below `folder`, the search index's own left
    out; `known`: digests of files not to read again (the pages taken over); `written`: what the
    writer noted of the files it wrote (shared.model, WrittenPages.digests), trusted while a file's
    stat is still the one noted (the image pass rewrites some pages after)."""
    found = {}
    written = written or {}
    for base, dirs, names in os.walk(folder):
        dirs[:] = [d for d in dirs if not (base == folder and d == BUNDLE_DIR)]
        relative = os.path.relpath(base, folder).replace(os.sep, "/")
        for name in names:
            if name.endswith((".html", ".htm")):
                shown = name if relative == "." else f"{relative}/{name}"
                path = os.path.join(base, name)
                found[shown] = known.get(shown) or as_noted(written, path) or file_digest(path)
    return found


def html_digest(html: str) -> str:
    return hashlib.blake2b(html.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


def fingerprint(facts: Facts, env, label: str, localcontext: dict, names, keys, calls) -> str:
    """Digest of the values a page (or part) read, as they are in this build."""
    parts = [label.encode()]
    for name in names:
        if name in localcontext:
            value = localcontext[name]
        else:
            value = env.globals.get(name, missing)
        parts += [name.encode(), MISSING if value is missing else facts.digest(value)]
    for key in keys:
        parts += [key.encode(), facts.deep(key)]
    if calls:
        context = env.context_class(env, localcontext, label, {})
        for name, args in calls:
            parts += [name.encode(), _call_digest(facts, env, context, localcontext, name, args)]
    return digest_of(*parts).hex()


def _call_digest(facts, env, context, localcontext, name, args) -> bytes:
    function = localcontext.get(name, env.globals.get(name, missing))
    values = []
    for kind, value in args:
        if kind == "key":
            value = facts.find(value)
            if value is None:
                return b"gone"
        values.append(value)
    if function is missing:
        return MISSING
    try:
        return facts.digest(context.call(function, *values))
    except Exception:  # noqa: BLE001 (whatever it was, the page is then rendered and says what)
        return os.urandom(16)


def compiled_templates(cache_path: str, key: str) -> jinja2.FileSystemBytecodeCache:
    """Jinja's compiled templates, kept per build key: Jinja tells templates apart by their source,
    not by the environment's options, which are in the key. Folders of other keys are removed."""
    folder = Path(cache_path) / "jinja" / key[:16]
    if not folder.is_dir():
        if folder.parent.is_dir():
            for other in folder.parent.iterdir():
                shutil.rmtree(other, ignore_errors=True)
        folder.mkdir(parents=True, exist_ok=True)
    return jinja2.FileSystemBytecodeCache(str(folder))


def settings_digest(settings: dict) -> str:
    facts = Facts({}, None, settings.get("PATH") or "")
    digest = digest_of(*(part for name in sorted(settings) if name not in PLACE_SETTINGS
                     for part in (name.encode(), facts.digest(settings[name]))))
    if facts.unknown:
        log.debug("settings of kinds the record cannot compare: %s", sorted(facts.unknown))
    return digest.hex()


class _ReusingWriter:
    """Mixed into the build's writer class (shared.model.SiteWriter) by Session.adopt."""

    session: Session

    def write_file(self, name, template, context, *args, **kwargs):
        if isinstance(template, jinja2.Template):
            template = RenderedBy(template, self.session.render)
            if self.session.context is None:
                self.session.context = context
        return super().write_file(name, template, context, *args, **kwargs)

    def _open_w(self, filename, encoding, override=False):
        old, reused_entry = self.session.pending.pop(filename, (None, None))
        if old is None:
            if not (filename in self._overridden_files and not override) and os.path.lexists(filename):
                os.remove(filename)  # never write through a link to the last build's file
            return super()._open_w(filename, encoding, override)
        # Pelican's overwrite rules (pelican/writers.py), then the last build's file instead of a new one
        if filename in self._overridden_files:
            if override:
                raise FileOverwriteFailedError(f'Failed to overwrite "{filename}" a second time')
            return io.StringIO()
        if filename in self._written_files and not override:
            raise FileOverwriteFailedError(f'Failed to overwrite "{filename}" as Pelican has already written to it')
        if override:
            self._overridden_files.add(filename)
        self._written_files.add(filename)
        if os.path.lexists(filename):
            os.remove(filename)
        try:
            os.link(old, filename)
        except OSError:  # another file system, or links not allowed: a copy is as good
            shutil.copy2(old, filename)
        written = written_pages(self.settings)
        if written is not None:  # what the writer notes of a page it writes (shared.model), for this one
            written.reused.add(filename)
            if reused_entry.searchable:
                written.searchable.add(filename)
        return io.StringIO()


class _ProblemCount(logging.Handler):
    """Counts warnings and errors while the build runs: a page that logged one is not recorded."""

    def __init__(self):
        super().__init__(level=logging.WARNING)
        self.count = 0

    def emit(self, record):
        self.count += 1

    def attach(self):
        for name in ("", "blog.content"):
            logging.getLogger(name).addHandler(self)

    def detach(self):
        for name in ("", "blog.content"):
            logging.getLogger(name).removeHandler(self)
