"""Atom and RSS 2.0 feeds written with feedgen; registers the generator and the feeds_for() global."""

from functools import partial

from pelican import signals

from .generator import FeedsGenerator, feeds_for


def add_feeds_for(generator):
    generator.env.globals["feeds_for"] = partial(feeds_for, generator.context, generator.settings)


def add_generator(pelican):
    return FeedsGenerator


def register():
    signals.generator_init.connect(add_feeds_for)
    signals.get_generators.connect(add_generator)
