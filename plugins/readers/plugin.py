"""Reader aids: reading time and "Weiterlesen" on every post (model stage "readers"), the search and
subscribe pages with the OPML of all feeds (a generator), and sized images (on `finalized`)."""

from __future__ import annotations

from pathlib import Path

from pelican import signals

from shared.config import read_config
from shared.model import connect, on_stage, written_pages
from shared.urls import build_url_table

from .images import ImageShop, size_site_images
from .pages import ReadersGenerator, attach_reader_aids, is_email_page


def get_generators(pelican):
    return ReadersGenerator


def size_images(pelican):
    """finalized: every page and static file is written; give each <img> its size and copies."""
    settings = pelican.settings
    config, _problems = read_config(settings)  # reported at the start of the build already
    urls = build_url_table(settings, config.values)
    written = written_pages(settings)
    if written is None:
        return
    shop = ImageShop(Path(pelican.output_path), Path(settings["CACHE_PATH"]) / "readers-images",
                     tuple(config["IMAGE_WIDTHS"]))
    size_site_images(shop, urls.site_url, [page.path for page in written.pages if page.path in written.with_images],
                     skip=lambda relative: is_email_page(relative, urls))


def register():
    connect()
    on_stage("readers", attach_reader_aids)
    signals.get_generators.connect(get_generators)
    signals.finalized.connect(size_images)
