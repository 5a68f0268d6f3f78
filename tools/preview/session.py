"""One preview session: the builder, the watcher thread, the build thread, what browsers see.

Edits are taken in batches. An edit of an article's text alone is shown first from the last
build's model (one page re-rendered); then a full build runs, with the pages open in a browser
rendered first and the rest queued behind them. A newer save cancels the queue, and stops a build
that is still making its model (at 5,000 posts that takes seconds): the newer save is built at
once instead of waiting behind a build whose result it replaces. Browsers are told
to reload when their page's bytes (or the list of problems) changed.
"""

from __future__ import annotations

import gc
import logging
import os
import queue
import threading
import time
import uuid
from pathlib import Path

from shared.messages import Text, t
from shared.problems import ContentProblem

from .builder import Build, PreviewBuilder, PreviewWriter

log = logging.getLogger("tools.preview")


def collect_garbage_now() -> None:
    """The preview's heap (readers' results, compiled templates, the model) is large and lives long:
    a full collection in the middle of the next build cost about 0.1 s of its edit-to-page time at
    1,000 posts. Collect now, while nobody waits, and keep what survives out of the collector's way
    until the next pause (unfrozen then, so the garbage of this build is still collected)."""
    gc.unfreeze()
    gc.collect()
    gc.freeze()


class Client:
    """One open page with its event stream."""

    def __init__(self, name: str | None):
        self.name = name  # output name of the page ("2026/x/index.html"), None if unknown
        self.events: queue.Queue = queue.Queue()


class PreviewSession:
    def __init__(self, settings: dict, root: str | Path = "."):
        self.root = os.path.abspath(root)  # problem paths are relative to it (as make check prints them)
        self.builder = PreviewBuilder(settings)
        self.output = self.builder.output
        self.content = os.path.abspath(settings["PATH"])
        self.identity = uuid.uuid4().hex[:8]
        self.version = 0
        self.clients: set[Client] = set()
        self.clients_lock = threading.Lock()
        self.current: Build | None = None  # the build whose output is being served
        self.shortcut = None  # the writer of an edit shown from the last model, while its pages render
        self.shown: Build | None = None  # the last build whose problems the pages show
        self.known_pages: dict[str, str] = {}  # source -> output name, over every build
        # Cleared while a build makes its model (the first build, or one after an edit that the
        # text-only shortcut could not show): requests wait for it instead of getting the page it
        # is about to replace. Requests during the confirming build of a text edit do not wait.
        self.model_ready = threading.Event()
        self.settled = threading.Event()
        self.changes: queue.Queue = queue.Queue()
        self.stopping = threading.Event()
        self.last_latency: dict = {}

    # -- builds ------------------------------------------------------------------------------------

    def start(self) -> None:
        """Clean output, first full build, then the build thread."""
        self.builder.clean_output()
        self._full_build(first=True)
        self.build_thread = threading.Thread(target=self._build_loop, name="preview-build", daemon=True)
        self.build_thread.start()

    def stop(self) -> None:
        self.stopping.set()
        self.changes.put(None)

    def submit(self, paths) -> None:
        """Called by the watcher: these files changed (absolute paths)."""
        self.settled.clear()
        # First: a build still making its model stops at its next source read or page write, and
        # lets go of the builder's lock, which cancel() below waits for. Before the put: the build
        # thread clears the flag once it has taken every queued save, so a flag set after the put
        # could stop the very build that handles this save.
        self.builder.superseded.set()
        current = self.current
        if current is not None and current.writer is not None:
            current.writer.cancel()  # the queued pages are stale now
        self.changes.put(set(paths))

    def _build_loop(self) -> None:
        while not self.stopping.is_set():
            batch = self.changes.get()
            if batch is None:
                return
            while True:  # everything that arrived meanwhile goes into one build
                try:
                    more = self.changes.get_nowait()
                except queue.Empty:
                    break
                if more is None:
                    return
                batch |= more
            # Every save so far is in this batch; a save from now on stops the build (Superseded).
            # (One that came between the last get and here lets this build finish: never lost.)
            self.builder.superseded.clear()
            try:
                self._handle(batch)
            except Exception:  # the preview keeps running; the traceback is a bug report
                log.exception("preview build failed")

    def _handle(self, paths: set) -> None:
        started = time.perf_counter()
        self.builder.forget_stamps(paths)
        try:
            shown = self._quick_edit(paths)
        except Exception:  # a bug in a shortcut: the full build below still shows the edit
            log.exception("showing the edit from the last model failed")
            if self.current is not None:  # it may have changed the model halfway: no shortcut starts from it
                self.current.changed_halfway = True
            shown = None
        if shown is not None:
            self._show_rest(shown, started)
        self._full_build(requests_wait=shown is None)

    def _show_rest(self, shown, started: float) -> None:
        """An edit shown from the last model: browsers hear of the pages rendered at once (the open
        ones), then the other pages are rendered, one a browser asks for first (wait_for_page),
        until a newer save stops them."""
        first = set(shown.changed)
        self._notify(first, problems_changed=False)
        log.warning("edit shown in %.3f s (%d files); full build follows", time.perf_counter() - started, len(first))
        self.shortcut = shown
        try:
            shown.render_rest()
        finally:
            self.shortcut = None
            # a new topic's page, say: the next full build removes it if it does not write it
            self.builder.previous_outputs |= shown.produced
        self._notify(shown.changed - first, problems_changed=False)

    def _quick_edit(self, paths: set) -> PreviewWriter | None:
        """Show an edit from the last build's model where its kind allows: a post's text, title,
        summary, authors, topics, category or date, a deleted post, a series description, a
        person's profile; a new post, another edit of one post, a series' or a person's other
        values from a build of the posts concerned alone. The writer of the pages it changes (see
        PreviewBuilder._render_again), or None (then requests wait for the full build)."""
        # An editor that saves through a temporary file and a rename (vim, gedit, many IDEs) leaves
        # the temporary's name in the batch, gone by now; a gone source of the last build was deleted.
        paths = {p for p in paths if os.path.exists(p) or p in self.known_pages}
        texts = [p for p in paths if p.endswith(".md") and os.path.isfile(p)]
        open_pages = self._open_pages()
        if paths and not any(os.path.exists(p) for p in paths):  # posts deleted
            return self.builder.show_deleted(self.current, paths, open_pages)
        new = [p for p in texts if self.current is not None and os.path.abspath(p) not in self.current.objects]
        if len(new) == 1 and all(p in new or not os.path.exists(p) for p in paths):  # a new post, or renamed
            return self.builder.show_post_alone(self.current, new[0])
        if texts and len(texts) == len(paths):
            shown = self.builder.show_text_edit(self.current, texts, open_pages)
            if shown is None and len(texts) == 1:  # an edit the last model cannot take: its own page first
                shown = self.builder.show_post_alone(self.current, texts[0])
            return shown
        if len(paths) == 1 and next(iter(paths)).endswith((".yml", ".yaml")):
            path = next(iter(paths))
            return (self.builder.show_series_edit(self.current, path, open_pages)
                    or self.builder.show_profile_edit(self.current, path, open_pages)
                    or self.builder.show_structure_alone(self.current, path, open_pages))
        return None

    def _full_build(self, first: bool = False, requests_wait: bool = True) -> None:
        if requests_wait:
            self.model_ready.clear()
        started = time.perf_counter()
        try:
            build = self.builder.build(priority=self._open_pages())
            if build.superseded:  # a newer save is waiting: the last whole model stays current
                if build.writer is not None and build.writer.changed:
                    self._notify(build.writer.changed, problems_changed=False)  # open pages it rendered
                log.warning("build %d stopped after %.2f s: a newer save goes first", build.number,
                            time.perf_counter() - started)
                return
        finally:
            if "build" in locals() and not build.superseded:
                self.current = build
            self.model_ready.set()
        previous = self.shown
        self.shown = build
        self.known_pages.update(build.sources)
        changed = set(build.writer.changed) if build.writer else set()
        problems_changed = previous is None or _problem_lines(previous) != _problem_lines(build)
        if not first:
            self._notify(changed, problems_changed)
        self.builder.remember_front_matter(build)  # the model is complete: text edits can start from it
        shown_problems = _problem_lines(build)
        self.builder.finish(build)
        if build.writer is not None and not build.writer.cancelled:
            late = set(build.writer.changed) - changed
            if not first:  # pages rendered last may have found problems (a template that fails)
                self._notify(late, problems_changed=_problem_lines(build) != shown_problems)
            if self.changes.empty():
                collect_garbage_now()
            self.settled.set()
            self._print(build, time.perf_counter() - started)

    def _print(self, build: Build, seconds: float) -> None:
        summary = build.result.summary()
        log.warning("build %d: %.2f s (pages in the browser after %.2f s)\n%s",
                    build.number, seconds, build.seconds_to_priority, summary)

    # -- what requests see ------------------------------------------------------------------------

    def problems(self) -> list:
        """The last build's content problems, then Pelican's own errors (a template that fails, ...)."""
        build = self.shown
        if build is None:
            return []
        result = build.result
        found = list(result.errors) + list(result.warnings)
        # Pelican's own words (or one of ours, e.g. the search index's): as they were logged
        found += [ContentProblem("Pelican", 0, Text(message)) for message in result.other_errors]
        if result.crashed:
            found.append(ContentProblem("Pelican", 0, t("the build stopped with an error; the preview shows the "
                                                        "last pages it built"),
                                        t("the terminal running `make devserver` shows why")))
        return found

    def wait_for_page(self, name: str, timeout: float = 60.0) -> None:
        """Before serving `name`: wait for the running build's model, render the page if queued."""
        deadline = time.monotonic() + timeout
        shortcut = self.shortcut
        if shortcut is not None and shortcut.render_now(name):
            return
        self.model_ready.wait(timeout)
        build = self.current
        if build is None or build.writer is None:
            return
        if build.writer.render_now(name):
            return
        if build.writer.queued and not os.path.isfile(os.path.join(self.output, name)):
            self.settled.wait(max(0.0, deadline - time.monotonic()))  # e.g. page 2 of a listing

    def source_of(self, name: str) -> str | None:
        for source, page in self.known_pages.items():
            if os.path.normpath(page) == name:
                return source
        return None

    # -- browsers -----------------------------------------------------------------------------------

    def connect(self, name: str | None) -> Client:
        client = Client(name)
        with self.clients_lock:
            self.clients.add(client)
        client.events.put(("hello", self.hello()))
        return client

    def disconnect(self, client: Client) -> None:
        with self.clients_lock:
            self.clients.discard(client)

    def hello(self) -> str:
        return f"{self.identity}-{self.version}"

    def _open_pages(self) -> list[str]:
        with self.clients_lock:
            return [c.name for c in self.clients if c.name]

    def _notify(self, changed_paths, problems_changed: bool) -> None:
        names = {os.path.relpath(p, self.output) for p in changed_paths}
        if not names and not problems_changed:
            return
        self.version += 1
        with self.clients_lock:
            for client in self.clients:
                if problems_changed or client.name is None or client.name in names:
                    client.events.put(("reload", self.hello()))


def _problem_lines(build: Build) -> list:
    result = build.result
    return [p.format() for p in (*result.errors, *result.warnings)] + [*result.other_errors, result.crashed]
