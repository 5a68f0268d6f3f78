"""The preview's builds: one long-lived process rebuilds the site in place after each edit.

Every rebuild is a full Pelican build (so a settled preview is exactly a cold `make html`), made
fast by three things a cold build cannot have:

- the readers' results stay in memory between builds (pickled, like Pelican's content cache, so no
  build sees objects another build changed); only files whose stamp changed are read again;
- rendering is split: the pages the browser needs now (`priority`) are rendered while the
  generators run, every other page is queued and rendered afterwards, or at once when a request
  asks for it (`render_now`);
- a file is replaced (atomically) only when its bytes changed, and files the previous build wrote
  but this one did not are removed.
"""

from __future__ import annotations

import fnmatch
import functools
import hashlib
import io
import logging
import os
import pickle
import shutil
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from types import SimpleNamespace

from pelican import Pelican, contents, signals
from pelican.contents import Article
from pelican.generators import StaticGenerator
from pelican.paginator import Paginator
from pelican.urlwrappers import URLWrapper
from pelican.utils import sanitised_join
from pelican.writers import FileOverwriteFailedError
from pelican.writers import Writer
import jinja2

from readers.images import ImageShop, size_site_images
from readers.plugin import PICTURES_KEY
from shared.model import PARTS_KEY, STAGES, note_written_text, on_stage, url_table, written_pages
from shared.post import post_model
from shared.problems import ContentProblem, ProblemCollector
from shared.yamlsource import YamlSyntaxError, load_yaml
from tools.build import BuildResult, forget_logged_warnings
from tools.compiled_templates import CompiledTemplates
from tools.incremental.facts import Facts
from tools.incremental.stamps import file_stamp, remember_stamps
from tools.incremental.tracking import Parts, Reads, RenderedBy, render_reading
from tools.outputdir import mark_preview

from . import model_edits

log = logging.getLogger(__name__)


# File times come from a coarser clock than time.time_ns() (a few ms on Linux): a file saved just
# after a build began may carry a time a little before it.
SAVE_CLOCK_SLACK_NS = 20_000_000


class Superseded(BaseException):
    """A newer save arrived while a build was still making its model: that build stops where it is.
    Not an Exception: Pelican logs and skips a source whose reading raised one, and goes on."""


class MemoryReaderCache(dict):
    """source path -> (stamp, pickled reader result); Pelican's reader cache, kept in memory.

    Each build unpickles its own copy, as from Pelican's cache file. The settings dict that Pelican's
    Tag and Category objects hold is pickled by reference (it is the builder's, for every build).
    """

    def attach(self, readers, checkpoint=lambda: None) -> None:
        cache, settings = self, readers.settings

        class Pickler(pickle.Pickler):
            def persistent_id(self, obj):
                return "settings" if obj is settings else None

        class Unpickler(pickle.Unpickler):
            def persistent_load(self, key):
                return settings

        class Entries(dict):
            def get(self, path, default=None):
                checkpoint()  # each source read: the point where a newer save stops this build
                entry = cache.get(path)
                if entry is None:
                    return default
                return entry[0], Unpickler(io.BytesIO(entry[1])).load()

            def __setitem__(self, path, value):
                stamp, data = value
                make_slugs(data)
                buffer = io.BytesIO()
                Pickler(buffer, pickle.HIGHEST_PROTOCOL).dump(data)
                cache[path] = (stamp, buffer.getvalue())

        readers._cache = Entries()
        readers._cache_data_policy = True
        readers.save_cache = lambda: None


def make_slugs(data) -> None:
    """The slugs of the tags, category and authors in a reader's result, made before it is pickled:
    Pelican makes a slug from the name on first use, so every build would make all of them again
    from the unpickled copies (25,000 at 5,000 posts, about 0.3 s). An empty slug is left to be
    made on use, where Pelican warns about it, in every build as a cold build does."""
    metadata = data[1] if isinstance(data, tuple) and len(data) == 2 and isinstance(data[1], dict) else {}
    with model_edits.silenced("pelican.urlwrappers"):  # its warning about an empty slug: given on use
        for value in metadata.values():
            for item in (value if isinstance(value, (list, tuple)) else (value,)):
                if isinstance(item, URLWrapper) and item._slug is None and not item.slug:
                    item._slug = None


def remove_outputs(output: str, paths, changed: set) -> None:
    """Files an earlier build wrote and this one does not, removed (and noted in `changed`), and
    the folders that leaves empty, up to `output`: a cold build has no empty folders (a topic's
    page that went leaves `thema/<slug>/`). Called under the builder's lock, so no page is being
    written into such a folder meanwhile."""
    root = os.path.abspath(output)
    for path in sorted(paths):
        if not os.path.isfile(path):
            continue
        os.remove(path)
        changed.add(path)
        folder = os.path.dirname(os.path.abspath(path))
        while folder.startswith(root + os.sep):
            try:
                os.rmdir(folder)  # only an empty one
            except OSError:
                break
            folder = os.path.dirname(folder)


def _written_already(name: str) -> FileOverwriteFailedError:
    return FileOverwriteFailedError(f'Failed to overwrite "{name}" as Pelican has already written to it')


class _ChangedOnlyFile(io.StringIO):
    """What Pelican writes into one output file; on close, replaces the file only if bytes differ."""

    def __init__(self, path: str, writer: "PreviewWriter"):
        super().__init__()
        self.path, self.writer = path, writer

    def close(self):
        if not self.closed:
            text = self.getvalue()
            note_written_text(self.writer.settings, self.path, text)  # as shared.model.SiteWriter does
            self.writer.store(self.path, text.encode("utf-8"))
        super().close()


class PreviewWriter(Writer):
    """Pelican's writer, with rendering queued for pages not needed at once and unchanged files kept."""

    def __init__(self, output_path, settings=None, priority=(), lock=None, checkpoint=lambda: None,
                 page_reads=None):
        super().__init__(output_path, settings=settings)
        self.checkpoint = checkpoint
        # output name -> the model keys its page read when last rendered (tools/incremental/tracking.py)
        self.page_reads = page_reads
        self._facts: Facts | None = None
        self._parts = Parts()
        self.priority = set(priority)
        self.queued: dict[str, list] = {}  # output name -> pending write_file calls, in order
        self.lock = lock or threading.RLock()
        self.produced: set[str] = set()  # absolute paths this build wrote (changed or not)
        self.changed: set[str] = set()
        self.cancelled = False
        self.finished = False  # every page written, `finalized` sent
        self.calls: dict[str, list] = {}  # every write_file call of the build, for re-rendering one page
        self.requests: dict[str, tuple] = {}  # name -> the write_file call as made, before pagination
        self.paged: dict[str, list] = {}  # name -> the output names of that call's pages
        self.gone: set[str] = set()  # output names of pages a shorter list no longer has (write_again)
        self._claims: dict[str, bool] = {}  # output name -> whether a write of it overrides (see _claim)
        self.requests_waiting = 0  # requests in render_now; render_rest lets them go first
        self._counting = threading.Lock()

    def write_file(self, name, template, context, relative_urls=False, paginated=None, template_name=None,
                   override_output=False, url=None, **kwargs):
        if not name:
            return
        self.checkpoint()
        request = (template, context, relative_urls, paginated, template_name, override_output, url, kwargs)
        calls = self._page_calls(name, request)
        for call in calls:
            self._claim(call[0], override_output)
        self.requests[name] = request
        for call in calls:
            page_name = call[0]
            self.paged.setdefault(name, []).append(page_name)
            self.calls.setdefault(page_name, []).append(call)
            if page_name in self.priority:
                self._render(call)
            else:
                self.queued.setdefault(page_name, []).append(call)

    def _claim(self, page_name: str, override: bool) -> None:
        """Pelican's refusal to write one file twice (Writer._open_w), when the write is asked for:
        the generator that asks handles it then, as in a cold build (Pelican skips a topic whose name
        gives no slug: its page would be the topics index). Rendered later, it stopped the build."""
        overridden = self._claims.get(page_name)
        if overridden is False and not override:
            raise _written_already(page_name)
        self._claims[page_name] = bool(overridden or override)

    def _page_calls(self, name: str, request: tuple) -> list[tuple]:
        """The calls that write each page of one write_file request (as `requests` keeps it)."""
        template, context, relative_urls, paginated, template_name, override_output, url, kwargs = request
        return [(os.path.normpath(page_name), template, context, (relative_urls,),
                 {"override_output": override_output, **page_kwargs})
                for page_name, page_kwargs in self._pages(name, url, paginated, template_name, kwargs)]

    def _pages(self, name, url, paginated, template_name, kwargs) -> list:
        """One write per output page: Pelican's pagination (pelican/writers.py, Writer.write_file)
        done here, so a request for page 1 of a listing renders page 1, not all of them."""
        if paginated is None:
            paginated = {key: value for key, value in kwargs.items() if key in {"articles", "dates"}}
        if not (paginated and template_name in self.settings["PAGINATED_TEMPLATES"]):
            return [(name, {"paginated": paginated, "template_name": template_name, "url": url, **kwargs})]
        per_page = self.settings["PAGINATED_TEMPLATES"][template_name] or self.settings["DEFAULT_PAGINATION"]
        paginators = {key: Paginator(name, url, value, self.settings, per_page) for key, value in paginated.items()}
        pages = []
        for number in range(next(iter(paginators.values())).num_pages):
            page_kwargs = dict(kwargs)
            for key, paginator in paginators.items():
                page = paginator.page(number + 1)
                page_kwargs.update({
                    f"{key}_paginator": paginator,
                    f"{key}_page": page,
                    f"{key}_previous_page": paginator.page(number) if number > 0 else None,
                    f"{key}_next_page": paginator.page(number + 2) if number + 1 < paginator.num_pages else None,
                })
            # paginated={} and no template_name: Pelican writes this one page as it is
            pages.append((page.save_as, {"paginated": {}, "template_name": None, "url": url, **page_kwargs}))
        return pages

    def write_again(self, name: str, **changed) -> list[str]:
        """The write_file call of `name` again, with some of its values `changed` (e.g. a longer
        list of posts): it replaces the request and its pages' calls. The names of its pages; those it
        no longer has go into `gone`."""
        *call, kwargs = self.requests[name]
        request = self.requests[name] = (*call, {**kwargs, **changed})
        pages = []
        for page_call in self._page_calls(name, request):
            self.calls[page_call[0]] = [page_call]
            pages.append(page_call[0])
        for page_name in set(self.paged.get(name, ())) - set(pages):
            self.calls.pop(page_name, None)
            self.gone.add(page_name)
        self.paged[name] = pages
        return pages

    def _render(self, call) -> None:
        name, template, context, args, kwargs = call
        if self.page_reads is not None and isinstance(template, jinja2.Template):
            template = RenderedBy(template, functools.partial(self._render_noting_reads, name=name))
        super().write_file(name, template, context, *args, **kwargs)

    def _render_noting_reads(self, template, localcontext: dict, name: str) -> str:
        """Render one page and note which model objects it read (its parts' included)."""
        if self._facts is None:
            self._facts = Facts(localcontext, self.settings, self.settings["PATH"])
        text, reads = render_reading(template, localcontext, self._facts, self._parts)
        self.page_reads[name] = frozenset(_keys_with_parts(reads, self._parts))
        return text

    def render_now(self, name: str) -> bool:
        """Render the queued writes of one output name (a request waits for it); False if none."""
        name = os.path.normpath(name)
        if name not in self.queued:  # no lock needed to see that (and a running build holds it)
            return False
        with self._counting:
            self.requests_waiting += 1  # render_rest lets us go first: a lock is not fair
        try:
            with self.lock:
                calls = self.queued.pop(name, None)
                for call in calls or ():
                    self._render(call)
        finally:
            with self._counting:
                self.requests_waiting -= 1
        return calls is not None

    def render_rest(self) -> None:
        while True:
            while self.requests_waiting:  # a browser waits for its page: it goes before the queue
                time.sleep(0.001)
            with self.lock:
                if not self.queued:
                    return
                try:
                    self.checkpoint()
                except Superseded:  # a save came before this build was current, so nobody cancelled it
                    self.cancel()
                    return
                name = next(iter(self.queued))
                for call in self.queued.pop(name):
                    self._render(call)

    def _open_w(self, filename, encoding, override=False):
        """Pelican's overwrite rules (pelican/writers.py), then a file that is stored only if changed."""
        if filename in self._overridden_files:
            if override:
                raise FileOverwriteFailedError(f'Failed to overwrite "{filename}" a second time')
            return io.StringIO()  # Pelican skips this write too
        if filename in self._written_files and not override:
            raise _written_already(filename)
        if override:
            self._overridden_files.add(filename)
        self._written_files.add(filename)
        return _ChangedOnlyFile(filename, self)

    def cancel(self) -> None:
        """A newer build replaces this one: drop what is still queued (nothing, once finished)."""
        with self.lock:
            if not self.finished:
                self.queued.clear()
                self.cancelled = True

    def store(self, path: str, data: bytes) -> None:
        self.produced.add(path)
        try:
            with open(path, "rb") as handle:
                if handle.read() == data:
                    return
        except OSError:
            pass
        temporary = f"{path}.preview-tmp"
        with open(temporary, "wb") as handle:
            handle.write(data)
        os.replace(temporary, path)  # a request never sees half a file
        self.changed.add(path)


def _keys_with_parts(reads: Reads, parts: Parts) -> set:
    keys, waiting, seen = set(reads.keys), list(reads.parts), set()
    while waiting:
        name = waiting.pop()
        if name in seen or name not in parts.made:
            continue
        seen.add(name)
        keys |= parts.made[name].reads.keys
        waiting += parts.made[name].reads.parts
    return keys


@dataclass
class Build:
    """One rebuild: its problems (like tools.build), and the writer that still holds queued pages."""

    number: int
    result: BuildResult
    writer: PreviewWriter | None
    sources: dict = field(default_factory=dict)  # absolute source path -> output name of its page
    objects: dict = field(default_factory=dict)  # absolute source path -> its Article or Page
    text_reader: object = None
    seconds_to_priority: float = 0.0
    seconds_total: float = 0.0
    superseded: bool = False  # stopped while making its model: a newer save follows
    started_ns: int = 0  # wall clock when it began, as file times count
    changed_halfway: bool = False  # a shortcut changed its model and then gave up: no start for another

    @property
    def editable(self) -> bool:
        """Whether an edit may be shown from this build's model (a complete one, whole)."""
        return self.writer is not None and bool(self.writer.calls) and not self.changed_halfway


class PreviewBuilder:
    """Rebuilds one site again and again in this process. Not thread-safe: one build at a time."""

    def __init__(self, settings: dict):
        # Files are told apart by content, not mtime: two saves within one clock tick still count.
        self.settings = {**settings, "CACHE_CONTENT": False, "LOAD_CONTENT_CACHE": False,
                         "CHECK_MODIFIED_METHOD": "sha1"}
        # Templates compile once; Jinja recompiles one whose source changed (checksum).
        self.settings["JINJA_ENVIRONMENT"] = {**settings["JINJA_ENVIRONMENT"],
                                              "bytecode_cache": CompiledTemplates()}
        self.output = os.path.abspath(self.settings["OUTPUT_PATH"])
        self.caches: dict[str, MemoryReaderCache] = {}
        self.previous_outputs: set[str] = set()
        self.number = 0
        self.fronts: dict[str, tuple] = {}  # source -> (mtime_ns, front matter text)
        self.lock = threading.RLock()  # held while rendering: requests and the queue take turns
        # Set by a save while a build makes its model; the build stops at its next source read or
        # write (Superseded), so the newer save is built at once instead of after the stale build.
        self.superseded = threading.Event()
        self.page_reads: dict[str, frozenset] = {}  # output name -> model keys it read (_render_again)
        # Pelican's SHA-1 stamps of the sources (three reads of every source per build otherwise),
        # each kept while the file's stat stays and no save of it was seen (forget_stamps): two
        # saves within one tick of the file clock, of the same size, still count.
        self.stamps: dict = {}
        self.pelican = Pelican(self.settings)
        self._building = False  # while this builder makes a model (the signals are every build's)
        # Where a superseded build stops besides each source read and page write: after Pelican's
        # article stages and each stage of the site model (plugins' work, seconds at 5,000 posts).
        # Bound methods are held weakly: a builder that is gone is not called.
        for signal in (signals.article_generator_pretaxonomy, signals.article_generator_finalized,
                       signals.all_generators_finalized):
            signal.connect(self.stop_if_superseded)
        for stage in STAGES:
            on_stage(stage, self.stop_if_superseded)

    def clean_output(self) -> None:
        """A fresh output directory, so the preview holds exactly what a cold build writes, marked
        as a preview (make deploy refuses to upload it)."""
        content = os.path.abspath(self.settings["PATH"])
        for kept in (content, os.getcwd()):
            if os.path.commonpath([self.output, kept]) == self.output:
                raise SystemExit(f"preview: the output directory {self.output} contains {kept}; "
                                 "give an output directory of its own (--output)")
        if os.path.isdir(self.output):
            for entry in os.scandir(self.output):
                if entry.is_dir(follow_symlinks=False):
                    shutil.rmtree(entry.path, ignore_errors=True)
                elif os.path.exists(entry.path):
                    os.remove(entry.path)
        os.makedirs(self.output, exist_ok=True)
        mark_preview(self.output)

    def build(self, priority=()) -> Build:
        """Read, model and write; returns once the `priority` output names are written.

        Call `finish(build)` afterwards (another thread may) to render the queued rest.
        """
        self.number += 1
        forget_logged_warnings()
        contents.Content.__dict__["get_content"].cache.clear()  # else it keeps every old article alive
        started = time.perf_counter()
        collector = ProblemCollector()
        handlers = _attach(collector)
        result = BuildResult()
        writer = PreviewWriter(self.output, settings=self.settings, priority=priority, lock=self.lock,
                               checkpoint=self.checkpoint, page_reads=self.page_reads)
        build = Build(self.number, result, writer, started_ns=time.time_ns())
        build._collector, build._handlers, build._started = collector, handlers, started
        try:
            with self.lock:
                self._building = True
                try:
                    self._generate(writer, build)
                finally:
                    self._building = False
        except Superseded:
            writer.cancel()
            self.previous_outputs |= writer.produced  # the next build removes what is stale
            build.superseded = True
            self._close(build)
        except Exception as error:  # a bug in our code or Pelican's: shown, never hidden
            log.exception("build crashed: %s", error)
            result.crashed = True
            self._close(build)
            build.writer = None
        _take_problems(build)  # found so far; rendering the queued pages may find more (share texts)
        build.seconds_to_priority = time.perf_counter() - started
        return build

    def finish(self, build: Build) -> Build:
        """Render every queued page, send `finalized`, remove what this build no longer writes."""
        if build.writer is None:
            return build
        try:
            build.writer.render_rest()
            with self.lock:
                if build.writer.cancelled:
                    self.previous_outputs |= build.writer.produced  # the next build removes what is stale
                    return build
                signals.finalized.send(self.pelican)
                self._remove_stale(build)
                mark_preview(self.output)  # again: a make publish meanwhile swapped in an unmarked folder
                build.writer.finished = True
        except Exception as error:
            log.exception("build crashed: %s", error)
            build.result.crashed = True
        finally:
            self._close(build)
        build.seconds_total = time.perf_counter() - build._started
        return build

    def forget_stamps(self, paths) -> None:
        """These files were saved: their next stamp is read from the file, and so is their text.
        (Pelican stamps a source after reading it: a save in between would pair the new stamp with
        the old text in the readers' cache, and the next build would trust it.)"""
        for path in map(os.path.abspath, paths):
            self.stamps.pop(path, None)
            for cache in self.caches.values():
                cache.pop(path, None)

    def checkpoint(self) -> None:
        if self.superseded.is_set():
            raise Superseded()

    def stop_if_superseded(self, *_sender, **_values) -> None:
        """A receiver of the model's signals: `checkpoint` of a build this builder runs."""
        if self._building:
            self.checkpoint()

    def rebuild(self, priority=()) -> Build:
        return self.finish(self.build(priority))

    # -- the shortcut for an edit of an article's text only -----------------------------------------

    def remember_front_matter(self, build: Build) -> None:
        """The front matter of every page's source, to tell an edit of the text alone. A file saved
        since the build began that is no longer what the build read is forgotten: its next edit
        takes the full build instead of a shortcut from a model that never saw the save."""
        for source in build.sources:
            try:
                stamp = os.stat(source).st_mtime_ns
            except OSError:
                continue
            if stamp >= build.started_ns - SAVE_CLOCK_SLACK_NS and not self._read_as_is(source):
                self.fronts.pop(source, None)
            elif self.fronts.get(source, (None,))[0] != stamp:
                with open(source, encoding="utf-8") as handle:
                    self.fronts[source] = (stamp, split_front_matter(handle.read())[0])

    def _read_as_is(self, source: str) -> bool:
        """Whether the file is still what the readers' cache holds (Pelican's SHA-1 stamp)."""
        try:
            with open(source, "rb") as handle:
                digest = hashlib.sha1(handle.read()).digest()
        except OSError:
            return False
        return any(file_stamp(cache.get(source, (None,))[0]) == digest for cache in self.caches.values())

    def show_text_edit(self, build: Build, sources, priority=()) -> PreviewWriter | None:
        """Show an edit of articles' text, title, summary, authors, topics, category or date from the
        last build's model.

        A changed text re-renders the article's own page; a changed title or summary also every
        page that read the article when it was last rendered (home, archive, topics, its roundup,
        Weiterlesen under other posts: `page_reads`, the same record of reads as make publish's).
        Changed authors, topics, category or date (of one article) change the model in place
        (model_edits.py) and re-render the listings that show it now or did too: author, topic and
        category pages, a new topic's or category's page, the roundups of the weeks it left and
        joined. Returns the writer of those pages (see `_render_again`), or None when some edit
        needs a full build (other front matter changed, a problem, a file the last build did not
        show). The full build follows anyway and makes what is derived elsewhere (its social card,
        share texts, feeds) new.
        """
        if build is None or not build.editable:
            return None
        reader = build.text_reader
        updates = []
        for source in sources:
            item, known = build.objects.get(source), self.fronts.get(source)
            if item is None or known is None or reader is None:
                return None
            try:
                stamp = os.stat(source).st_mtime_ns
                with open(source, encoding="utf-8") as handle:
                    front = split_front_matter(handle.read())[0]
            except OSError:
                return None
            changes = front_changes(known[1], front)
            if changes is None or not changes <= SHOWN_FRONT_MATTER or (changes - OWN_FIELDS and len(sources) > 1):
                return None
            updates.append((item, changes, source, (stamp, front)))
        with self.lock:
            shown = self._change_model(build, updates)
            if shown is None:  # the full build follows
                build.changed_halfway = True
                return None
            for _, _, source, known in updates:  # what the model says now: the next edit compares with it
                self.fronts[source] = known
            pages, changed_keys, later = shown
            return self._render_again(build, pages, changed_keys, priority, later)

    def _change_model(self, build: Build, updates: list) -> tuple | None:
        """The last model with the edits of `updates` ((article, keys changed, ...)); (pages to render
        now, model keys changed, pages to render later), or None when an edit needs the full build."""
        reader, pages, later, changed_keys = build.text_reader, [], [], set()
        for item, changes, *_ in updates:
            content, metadata = reader.read(item.source_path)
            if content is None or ("title" in changes and "title" not in metadata):
                return None
            listings = []  # of the author and topic pages that list it now or did
            if changes & BYLINE:
                listings.append(model_edits.change_authors(build, item, tuple(metadata.get("author_handles") or ())))
            if "tags" in changes and None not in listings:
                listings.append(model_edits.change_tags(build, item, list(metadata.get("tags") or ())))
            if "category" in changes and None not in listings:
                listings.append(model_edits.change_category(build, item, metadata.get("category")))
            changed = []  # other model objects the edit changed (the roundups of a post's weeks)
            if "date" in changes and None not in listings:
                listings.append(model_edits.change_date(build, item, metadata.get("date"), changed))
            if None in listings:
                return None
            for listing in (pages_of_one for found in listings for pages_of_one in found):
                later += listing  # queued: its own page and the open ones first (the archive alone takes 0.2 s at 5,000 posts)
            updates_content(item, content)
            pages.append(os.path.normpath(item.save_as))
            if "title" in changes:
                item.title = item.metadata["title"] = metadata["title"]
            if "summary" in changes:
                model_edits.change_summary(item, metadata)
            if changes:
                changed_keys |= {self.record_key(obj) for obj in (item, *changed)}
        return pages, changed_keys, later

    def show_series_edit(self, build: Build, source: str, priority=()) -> PreviewWriter | None:
        """A series file whose description alone changed: the new description on every page that
        read the series (its page, the series index, its tips), from the last build's model. None
        when the edit needs a full build (plugins/series: description_only_edit)."""
        series_plugin = sys.modules.get("series.plugin")  # the plugin's module, as Pelican loads it
        if build is None or not build.editable or series_plugin is None:
            return None
        with self.lock:
            found = series_plugin.description_only_edit(model_edits.context_of(build), self.settings, source)
            if found is None:
                return None
            series, description_html = found
            series.description_html = description_html
            return self._render_again(build, [series.save_as], {self.record_key(series)}, priority)

    def show_profile_edit(self, build: Build, source: str, priority=()) -> PreviewWriter | None:
        """A profile whose name, role, bio or other text changed (not its handle, status or photo):
        the new values on every page that read the person (their page, bylines, cards), from the
        last build's model. None when the edit needs a full build (plugins/authors: profile_only_edit)."""
        authors_plugin = sys.modules.get("authors.plugin")
        if build is None or not build.editable or authors_plugin is None:
            return None
        with self.lock:
            context = model_edits.context_of(build)
            found = authors_plugin.profile_only_edit(context, self.settings, source)
            if found is None:
                return None
            profile, fresh = found
            people = authors_plugin.authors_of(context, profile.handle)
            # keys as the last build's pages recorded them: an author's key holds the old name
            changed_keys = {self.record_key(profile)} | {self.record_key(author) for author in people}
            authors_plugin.update_profile(context, profile, fresh)
            return self._render_again(build, [author.save_as for author in people], changed_keys, priority)

    def show_post_alone(self, build: Build, source: str) -> PreviewWriter | None:
        """A post's page at once, from a build of the site with only that post (and the other tips
        of its series, for its number) among the articles (`_show_alone`): for a file the last model
        did not have (a new or renamed post), and for an edit the last model cannot take (its series,
        its status, a date that moves it). The full build that follows adds what it shares with the
        other posts (its place in listings and roundups) and writes it again. None when the file is
        no post or its address is another page's."""
        articles = model_edits._articles_generator(build) if build is not None and build.writer is not None else None
        source = os.path.abspath(source)
        if articles is None or not _is_article_file(articles, source):
            return None

        def its_page(_context, items) -> list | None:
            item = items.get(source)
            if item is None:
                return None
            name = os.path.normpath(item.save_as)
            if name in build.writer.calls and build.sources.get(source) != item.save_as:
                return None  # another post's or a listing's address: the full build reports it
            return [name]

        return self._show_alone(build, lambda: [source, *_series_tips(build, source)], its_page)

    def show_structure_alone(self, build: Build, path: str, priority=()) -> PreviewWriter | None:
        """A profile or series file edit the last model cannot take (a person's status or photo; a
        series' title, weekday or owners): her author page or the series' page, and the open pages
        among her posts or its tips, from a build of the site with only those posts (see
        `_show_alone`). None for another file, or when that build writes none of those pages."""
        context = model_edits.context_of(build) if build is not None and build.writer is not None else {}
        path = os.path.abspath(path)
        profile = next((p for p in (context.get("author_profiles") or {}).values()
                        if os.path.abspath(p.source_path) == path), None)
        series = next((s for s in context.get("series") or () if os.path.abspath(s.source_path) == path), None)
        authors_plugin = sys.modules.get("authors.plugin")
        if profile is not None and authors_plugin is not None:
            sources = [source for source, item in build.objects.items() if profile.handle in post_model(item).handles]

            def main_pages(made):
                return [author.save_as for author in authors_plugin.authors_of(made, profile.handle)]
        elif series is not None:
            sources = _tips_of(build, series.slug)

            def main_pages(made):
                return [found.save_as for found in made.get("series") or () if found.slug == series.slug]
        else:
            return None
        open_pages = {os.path.normpath(name) for name in priority}

        def pages(made, items) -> list:
            return [os.path.normpath(name) for name in main_pages(made)] + sorted(
                name for item in items.values() if (name := os.path.normpath(item.save_as)) in open_pages)

        return self._show_alone(build, lambda: sources, pages)

    def _show_alone(self, build: Build, sources, pages_of) -> PreviewWriter | None:
        """The pages `pages_of(context, {source: post})` names (None or none: refused), rendered from
        a build of the site with only the posts of `sources()` among the articles. From the last
        model: the menu's roundups, the posts and files links name, the sizes of pictures, and each
        post's Weiterlesen (none for a new post: it is chosen among all posts). None when a problem
        was found or a newer save came (then the full build shows it).

        Only the last model's lists are read (roundups, linked content, Weiterlesen, series), so a
        model a refused edit changed halfway serves too. At 5,000 posts the model of the whole site
        takes over 2 s; one of a post alone 0.07-0.3 s (issue 26: ≤ 1 s)."""
        articles, last = model_edits._articles_generator(build), model_edits.context_of(build)
        collector = ProblemCollector()
        handlers = _attach(collector)  # its problems are the full build's to report
        try:
            with self.lock:
                files = sources()
                settings = {**self.settings, "ARTICLE_PATHS": [os.path.relpath(path, articles.path) for path in files]}
                writer = PreviewWriter(self.output, settings=settings, lock=self.lock, checkpoint=self.checkpoint)
                generators = self._model(settings, known=last)
                posts = model_edits._articles_generator(SimpleNamespace(generators=generators))
                # the menu links the roundups once the site has any: the whole site's, not these posts'
                posts.context["roundups"] = last.get("roundups") or []
                for generator in generators:  # those that write through the writer only (feeds write files)
                    if type(generator).__name__ in WRITTEN_ALONE:
                        generator.generate_output(writer)
                items = _pages_by_source([posts])
                names = pages_of(posts.context, items)
                # Problems of these posts' files stop it (the full build shows them); others come
                # from the site being partial (a roundup note of a week without these posts).
                if not names or collector.other_errors or any(
                        os.path.abspath(problem.path) in files for problem in collector.errors):
                    return None
                for source, item in items.items():
                    known = build.objects.get(source)
                    listed = any(post is item for post in posts.articles)  # a draft has no Weiterlesen
                    post_model(item).read_next = post_model(known).read_next if known is not None and listed else ()
                for name in names:
                    writer.render_now(name)
                writer.cancel()  # the site's other pages are the full build's
                pictures = self.settings.get(PICTURES_KEY)  # the last build's
                size_site_images(ImageShop(Path(self.output), pictures.pictures if pictures else {}),
                                 url_table(last).site_url, writer.produced)
        except (Superseded, UnicodeDecodeError, OSError):
            return None
        finally:
            _detach(handlers)
        return writer

    def show_deleted(self, build: Build, sources, priority=()) -> PreviewWriter | None:
        """Posts whose files were deleted, from the last build's model: their pages removed, and
        every page that showed them rendered again without them (model_edits.remove_post: home,
        archive, topic, category and author pages, roundups, Weiterlesen under other posts). None
        when a file had no post in the last build or an edit needs the full build."""
        if build is None or not build.editable:
            return None
        items = [build.objects.get(os.path.abspath(source)) for source in sources]
        if not items or not all(isinstance(item, Article) for item in items):
            return None
        with self.lock:
            pages, later, changed = [], [], []
            for item in items:
                listings = model_edits.remove_post(build, item, changed)
                if listings is None:
                    build.changed_halfway = bool(pages or changed)  # an earlier post is off its lists
                    return None
                for listing in listings:
                    pages.append(listing[0])  # its first page now, the others queued
                    later += listing[1:]
            gone = []
            for item in items:  # its own page is not rendered again
                name = os.path.normpath(item.save_as)
                build.writer.calls.pop(name, None)
                self.page_reads.pop(name, None)
                del build.objects[os.path.abspath(item.source_path)]
                build.sources.pop(os.path.abspath(item.source_path), None)
                gone.append(sanitised_join(self.output, name))
            changed_keys = {self.record_key(obj) for obj in (*items, *changed)}
            writer = self._render_again(build, pages, changed_keys, priority, later)
            remove_outputs(self.output, gone, writer.changed)
            return writer

    def _render_again(self, build: Build, pages: list, changed_keys: set, priority=(), later=()) -> PreviewWriter:
        """`pages`, `later` and every page that read one of `changed_keys` when it was last rendered,
        from the last build's model: `pages` and the open ones (`priority`) are rendered now, the
        others are queued in the returned writer (a request renders its page at once, `render_rest`
        the rest). At 5,000 posts a person's name is on 1,200 pages: rendering them all takes seconds."""
        now = {os.path.normpath(name) for name in (*pages, *priority)}
        pages = [os.path.normpath(name) for name in (*pages, *later)]
        if changed_keys:  # parts made once per build (a post's card, the header) may show the old value
            forget_parts(build)
            pages += sorted(name for name, keys in self.page_reads.items() if changed_keys & keys)
        writer = PreviewWriter(self.output, settings=self.settings, lock=self.lock, checkpoint=self.checkpoint)
        # a page of a listing that got shorter
        remove_outputs(self.output, [sanitised_join(self.output, name) for name in build.writer.gone], writer.changed)
        build.writer.gone.clear()
        for name in dict.fromkeys(pages):
            for call in build.writer.calls.get(name, ()):
                if name in now:
                    writer._render(call)
                else:
                    writer.queued.setdefault(name, []).append(call)
        return writer

    def record_key(self, obj) -> str | None:
        """The name the record of reads gives a model object (tools/incremental/facts.py)."""
        return Facts({}, self.settings, self.settings["PATH"]).key(obj)

    # -- steps of Pelican.run, split where the preview needs it ----------------------------------

    def _generate(self, writer: PreviewWriter, build: Build) -> None:
        generators = self._model(self.settings)
        for generator in generators:
            if hasattr(generator, "generate_output"):
                generator.generate_output(writer)
        build.generators = generators
        build.objects = _pages_by_source(generators)
        build.sources = {source: item.save_as for source, item in build.objects.items()}
        build.text_reader = next((g.readers.readers.get("md") for g in generators
                                  if type(g).__name__ == "ArticlesGenerator"), None)

    def _model(self, settings: dict, known: dict | None = None) -> list:
        """Pelican's generators with the site model made from `settings` (nothing written yet);
        `known`: the context of another build whose posts and files links may name."""
        pelican = self.pelican
        context = settings.copy()
        context["generated_content"] = dict(known["generated_content"]) if known else {}
        context["static_links"] = set()
        context["static_content"] = dict(known["static_content"]) if known else {}
        context["localsiteurl"] = settings["SITEURL"]
        generators = [cls(context=context, settings=settings, path=pelican.path, theme=pelican.theme,
                          output_path=pelican.output_path) for cls in pelican._get_generator_classes()]
        for generator in generators:
            readers = getattr(generator, "readers", None)
            if readers is not None:
                self.caches.setdefault(type(generator).__name__, MemoryReaderCache()).attach(readers, self.checkpoint)
                remember_stamps(readers, self.stamps)
                remember_stamps(generator, self.stamps)
        for generator in generators:
            self.checkpoint()
            if hasattr(generator, "generate_context"):
                generator.generate_context()
            if hasattr(generator, "check_disabled_readers"):
                generator.check_disabled_readers()
        self.checkpoint()
        signals.all_generators_finalized.send(generators)
        self.checkpoint()
        for generator in generators:
            if hasattr(generator, "refresh_metadata_intersite_links"):
                generator.refresh_metadata_intersite_links()
        return generators

    def _remove_stale(self, build: Build) -> None:
        produced = set(build.writer.produced)
        for generator in build.generators:
            if isinstance(generator, StaticGenerator):
                produced.update(sanitised_join(self.output, item.save_as) for item in generator.staticfiles)
                # a picture's smaller and modern copies beside it (a smaller picture has fewer of them)
                shop = generator.settings.get(PICTURES_KEY)
                produced.update(sanitised_join(self.output, name) for name in (shop.files if shop else ()))
        written = written_pages(self.settings)  # pages written outside the writer too (redirects of old addresses)
        if written is not None:
            produced.update(page.path for page in written.pages)
        remove_outputs(self.output, self.previous_outputs - produced, build.writer.changed)
        self.previous_outputs = produced

    def _close(self, build: Build) -> None:
        _detach(build._handlers)
        _take_problems(build)


def _take_problems(build: Build) -> None:
    collector, result = build._collector, build.result
    result.errors, result.warnings = collector.errors, collector.warnings
    result.other_errors, result.other_warnings = list(collector.other_errors), list(collector.other_warnings)


def split_front_matter(text: str) -> tuple[str, str]:
    """("---\\n…\\n---", body) of a Markdown file; ("", text) without front matter."""
    if text.startswith("---"):
        end = text.find("\n---", 3)
        if end != -1:
            return text[:end + 4], text[end + 4:]
    return "", text


# The generators a build of some posts alone writes with (_show_alone): through the writer only
WRITTEN_ALONE = frozenset({"ArticlesGenerator", "SeriesGenerator"})
# Front matter keys whose edit the preview shows from the last build's model (show_text_edit).
BYLINE = frozenset({"author", "co_authors"})
# what only the post itself holds: edits of several posts at once are shown too
OWN_FIELDS = frozenset({"title", "summary"})
SHOWN_FRONT_MATTER = frozenset({"tags", "category", "date"}) | BYLINE | OWN_FIELDS


def front_changes(old_front: str, new_front: str) -> set | None:
    """The keys whose values differ between two front matters (where lines are does not count);
    None when one of them is not a mapping of keys."""
    old, new = _front_values(old_front), _front_values(new_front)
    if old is None or new is None:
        return None
    return {key for key in old.keys() | new.keys() if old.get(key, _ABSENT) != new.get(key, _ABSENT)}


_ABSENT = object()


def _front_values(front: str) -> dict | None:
    try:
        values = load_yaml(front.strip().strip("-"), "").data
    except YamlSyntaxError:
        return None
    return values if isinstance(values, dict) else None


def forget_parts(build: "Build") -> None:
    """Drop the HTML that `once` keeps for this build (shared.model.render_once): made again on use."""
    for item in build.objects.values():
        post_model(item).rendered.clear()
    parts = model_edits.context_of(build).get(PARTS_KEY)
    if parts:
        parts.clear()


def updates_content(item, content: str) -> None:
    item._content = content
    contents.Content.__dict__["get_content"].cache.clear()  # Pelican memoizes the rendered text


def _is_article_file(articles, source: str) -> bool:
    """Whether the articles generator reads `source` as a post (in ARTICLE_PATHS, not excluded)."""
    relative, settings = os.path.relpath(source, articles.path), articles.settings

    def under(folders) -> bool:
        return any(os.path.commonpath([folder, source]) == folder
                   for folder in (os.path.join(articles.path, name) for name in folders))

    folders = os.path.dirname(relative).split(os.sep)  # Pelican's walk skips ignored folders too
    ignored = any(fnmatch.fnmatch(folder, pattern) for folder in folders for pattern in settings["IGNORE_FILES"])
    return (under(settings["ARTICLE_PATHS"]) and not under(settings["ARTICLE_EXCLUDES"]) and not ignored
            and articles._include_path(relative))


def _series_tips(build, source: str) -> list[str]:
    """The files of the last model's other posts in the series `source` names (its number counts them)."""
    metadata = build.text_reader.read(source)[1] if build.text_reader is not None else {}
    slug = metadata.get("series")
    return sorted(set(_tips_of(build, slug)) - {source}) if slug else []


def _tips_of(build, slug: str) -> list[str]:
    """The files of the last model's tips of a series, the scheduled ones too (the newest announces the next)."""
    scheduled = model_edits.context_of(build).get("scheduled_articles") or ()
    return sorted({os.path.abspath(item.source_path) for item in (*build.objects.values(), *scheduled)
                   if getattr(item, "series", None) == slug and getattr(item, "source_path", None)})


def _pages_by_source(generators) -> dict:
    pages = {}
    for generator in generators:
        for attribute in ("articles", "drafts", "hidden_articles", "pages", "hidden_pages", "draft_pages"):
            for item in getattr(generator, attribute, None) or ():
                if getattr(item, "source_path", None) and getattr(item, "save_as", None):
                    pages[os.path.abspath(item.source_path)] = item
    return pages


def _attach(collector: logging.Handler):
    content_logger, root_logger = logging.getLogger("blog.content"), logging.getLogger()
    content_logger.addHandler(collector)
    content_logger.propagate = False
    root_logger.addHandler(collector)
    return content_logger, root_logger, collector


def _detach(handlers) -> None:
    content_logger, root_logger, collector = handlers
    content_logger.removeHandler(collector)
    content_logger.propagate = True
    root_logger.removeHandler(collector)


__all__ = ["Build", "ContentProblem", "PreviewBuilder", "PreviewWriter"]
