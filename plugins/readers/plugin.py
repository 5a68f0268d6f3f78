"""Reader aids: reading time and "Weiterlesen" on every post (model stage "readers"), the search and
subscribe pages with the OPML of all feeds (a generator), pictures re-encoded for readers (instead of
Pelican's copy of the static file) and sized images (on `finalized`)."""

from __future__ import annotations

from functools import partial
from pathlib import Path

from pelican import signals

from shared.config import read_config
from shared.model import connect, on_stage, site_config, written_pages
from shared.problems import report
from shared.urls import build_url_table

from .images import ImageShop, size_site_images
from .pages import ReadersGenerator, attach_reader_aids, is_email_page, picture_shop

PICTURES_KEY = "SITE_PICTURES"  # this build's PictureShop (in the settings: `finalized` only gets those)


def get_generators(pelican):
    return ReadersGenerator


def take_over_pictures(generator):
    """static_generator_init: Pelican copies every static file, except the pictures, which this build
    publishes re-encoded (readers.pictureshop). Its copy step is replaced on this generator only."""
    shop = picture_shop(site_config(generator.context), generator.output_path, generator.settings["CACHE_PATH"])
    generator.settings[PICTURES_KEY] = shop
    generator._link_or_copy_staticfile = partial(publish_static, generator, shop, generator._link_or_copy_staticfile)
    generator._file_update_required = partial(update_required, shop, generator._file_update_required)


def publish_static(generator, shop, pelican_copy, static) -> None:
    before = len(shop.problems)
    if not shop.publish(str(Path(generator.path) / static.source_path), static.save_as):
        pelican_copy(static)
    for found in shop.problems[before:]:
        report(found)


def update_required(shop, pelican_check, static) -> bool:
    """A picture is always placed (from the cache): STATIC_CHECK_IF_MODIFIED compares the source's
    time with the output's, which says nothing about the settings that shaped the output."""
    return shop.handles(static.save_as) or pelican_check(static)


def size_images(pelican):
    """finalized: every page and static file is written; give each <img> its size and copies."""
    settings = pelican.settings
    shop = settings.get(PICTURES_KEY)
    if shop is not None:
        shop.save()
    config, _problems = read_config(settings)  # reported at the start of the build already
    urls = build_url_table(settings, config.values)
    written = written_pages(settings)
    if written is None:
        return
    images = ImageShop(Path(pelican.output_path), shop.pictures if shop is not None else {})
    size_site_images(images, urls.site_url, [page.path for page in written.pages if page.path in written.with_images],
                     skip=lambda relative: is_email_page(relative, urls))


def register():
    connect()
    on_stage("readers", attach_reader_aids)
    signals.get_generators.connect(get_generators)
    signals.static_generator_init.connect(take_over_pictures)
    signals.finalized.connect(size_images)
