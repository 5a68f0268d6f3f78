"""The web editor at /admin/ (Decap CMS, docs/editor.md): when EDITOR_ENABLED, a generator writes
the page, its configuration made from this build's content (people, series, categories) and Decap's
bundle from node_modules. Written outside Pelican's page writer, so no sitemap or search index
lists it; only files whose bytes changed are written (the preview rebuilds on every save)."""

from __future__ import annotations

import shutil
from pathlib import Path

from babel.dates import get_day_names
from pelican import signals
from pelican.generators import Generator
from pelican.utils import sanitised_join

from shared.collation import german_sort_key
from shared.config import WEEKDAYS, where
from shared.editor import EDITOR_FOLDER, git_host
from shared.messages import t
from shared.model import connect, site_config
from shared.people import NETWORKS
from shared.problems import ContentProblem, report

from .collections import Choices, Person, collections
from .decap import EditorSettings, config_yaml, decap_config, missing_settings, page_model
from .page import EditorPage, bundle_files, bundle_missing, render_page


def choices_of(context, config) -> Choices:
    """This build's people, series and categories as plain values (a new profile shows next build)."""
    profiles = context.get("author_profiles") or {}
    people = sorted((Person(handle, profile.name, profile.status) for handle, profile in profiles.items()),
                    key=lambda person: german_sort_key(person.name))
    days = get_day_names("wide", locale=config.lang)
    return Choices(people=tuple(people), series=tuple((s.slug, s.title) for s in context.get("series") or ()),
                   categories=tuple(sorted({str(category) for category, _ in context.get("categories") or ()},
                                           key=german_sort_key)),
                   networks=NETWORKS, weekdays=tuple((day, days[index]) for index, day in enumerate(WEEKDAYS)),
                   timezone=config.tz_name, default_category=str(context.get("DEFAULT_CATEGORY") or "Allgemein"))


class EditorGenerator(Generator):
    def generate_context(self):
        pass

    def generate_output(self, writer):
        config = site_config(self.context)
        if not config["EDITOR_ENABLED"]:
            return
        for name, message, hint in missing_settings(config):
            report(ContentProblem(*where(self.settings, name), message, hint))
        if missing := bundle_missing():
            report(ContentProblem("package.json", 0, t("the web editor needs {files}", files=", ".join(missing)),
                                  t("run make node-tools (npm ci) once: Decap CMS is pinned in package-lock.json")))
            return
        words = self.env.globals["t"]
        settings = EditorSettings(git_host(config), config["EDITOR_REPO"], config["EDITOR_BRANCH"],
                                  config["EDITOR_APP_ID"], config["EDITOR_LOCAL_BACKEND"], config.lang,
                                  config.site_url if config.site_url.startswith("http") else "")
        page = EditorPage(config.lang, words("editor_page_title", site=self.settings["SITENAME"]),
                          words("editor_needs_js"), settings.host.origins, settings.local_backend, page_model(words))
        texts = {"index.html": render_page(page),
                 "config.yml": config_yaml(decap_config(settings, collections(choices_of(self.context, config), words)))}
        for name, text in texts.items():
            write_if_changed(Path(sanitised_join(self.output_path, f"{EDITOR_FOLDER}/{name}")), text.encode("utf-8"))
        for name, source in bundle_files().items():
            copy_if_changed(source, Path(sanitised_join(self.output_path, f"{EDITOR_FOLDER}/{name}")))


def write_if_changed(target: Path, data: bytes) -> None:
    if target.is_file() and target.read_bytes() == data:
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)


def copy_if_changed(source: Path, target: Path) -> None:
    if target.is_file():
        mine, theirs = source.stat(), target.stat()
        if mine.st_size == theirs.st_size and int(mine.st_mtime) == int(theirs.st_mtime):
            return
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy2(source, target)


def get_generators(pelican):
    return EditorGenerator


def register():
    connect()
    signals.get_generators.connect(get_generators)
