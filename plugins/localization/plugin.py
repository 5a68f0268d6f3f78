"""Gives every template the UI strings (t, tn) and Babel date filters of the site's language."""

from functools import partial

from pelican import signals

from shared import dates
from shared.messages import problem_language, use_language
from shared.model import connect, site_config

from .strings import load_strings

def add_template_helpers(generator):
    config = site_config(generator.context)
    lang, tz_name = config.lang, config.tz_name
    strings = load_strings(config["THEME"], lang)
    env = generator.env
    env.globals.update(t=strings.text, tn=strings.count, LANG=lang)
    env.filters.update(
        long_date=partial(dates.long_date, locale=lang, tz_name=tz_name),
        weekday_date=partial(dates.weekday_date, locale=lang, tz_name=tz_name),
        date_and_time=partial(dates.date_and_time, locale=lang, tz_name=tz_name),
        iso=dates.iso,
    )

def choose_problem_language(pelican):
    """Plain `pelican` runs too: problems in the language the settings choose."""
    use_language(problem_language(pelican.settings))

def register():
    connect()
    signals.initialized.connect(choose_problem_language)
    signals.generator_init.connect(add_template_helpers)
