"""Atom and RSS 2.0 feeds written with feedgen; registers the generator and the feeds_for() global."""

from functools import partial

from pelican import signals

from shared.model import connect, on_stage

from .generator import FeedsGenerator, feeds_for, plan_site_feeds


def add_feeds_for(generator):
    generator.env.globals["feeds_for"] = partial(feeds_for, generator.context)


def add_generator(pelican):
    return FeedsGenerator


def register():
    connect()
    on_stage("feeds", plan_site_feeds)
    signals.generator_init.connect(add_feeds_for)
    signals.get_generators.connect(add_generator)
