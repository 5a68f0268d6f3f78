"""Connects the brand (logo, colour, font, footer line) to Pelican: made once per build when the
first generator starts (its problems reported then), `brand` for every template, and its files
written by a generator."""

from __future__ import annotations

from pathlib import Path

from pelican import signals
from pelican.generators import Generator
from pelican.utils import sanitised_join

from shared.model import connect, site_config
from shared.problems import report

from .cards import card_picture, profiles_of
from .view import BrandView, make_brand

BRAND_KEY = "SITE_BRAND"


def brand_of(context) -> BrandView:
    view = context.get(BRAND_KEY)
    if view is None:
        view, problems = make_brand(context, site_config(context))
        context[BRAND_KEY] = view
        for found in problems:
            report(found)
    return view


def expose_brand(generator):
    generator.env.globals.update(brand=brand_of(generator.context), card_picture=card_picture,
                                 profiles_of=profiles_of)


class BrandGenerator(Generator):
    """Writes the logo's copies, the icons and the font files (only those whose bytes changed)."""

    def generate_context(self):
        pass

    def generate_output(self, writer):
        for relative, data in brand_of(self.context).files.items():
            target = Path(sanitised_join(self.output_path, relative))
            data = data.read_bytes() if isinstance(data, Path) else data
            if target.is_file() and target.read_bytes() == data:
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)


def get_generators(pelican):
    return BrandGenerator


def register():
    connect()
    signals.generator_init.connect(expose_brand)
    signals.get_generators.connect(get_generators)
