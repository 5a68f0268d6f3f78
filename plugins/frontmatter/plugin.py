"""Connects the YAML front-matter reader and the publishing rules to Pelican."""

from pelican import signals

from shared.dates import build_time
from shared.problems import report

from .publishing import duplicate_urls, split_scheduled
from .reader import YamlFrontMatterReader


def add_reader(readers):
    for extension in YamlFrontMatterReader.file_extensions:
        readers.reader_classes[extension] = YamlFrontMatterReader


def hold_back_scheduled_and_duplicates(generator):
    now = build_time()
    published, scheduled = split_scheduled(generator.articles, now)
    published, problems = duplicate_urls(published + generator.drafts + generator.hidden_articles)
    for found in problems:
        report(found)
    kept = {id(a) for a in published}
    generator.articles = [a for a in generator.articles if id(a) in kept and a.date <= now]
    generator.drafts = [a for a in generator.drafts if id(a) in kept]
    generator.hidden_articles = [a for a in generator.hidden_articles if id(a) in kept]
    generator.translations = [a for a in generator.translations if a.date <= now]
    if not generator.settings.get("WRITE_DRAFTS", True):
        generator.drafts = []
    # Other plugins may announce a scheduled post (never its title); they read it from here.
    generator.context["scheduled_articles"] = sorted(scheduled, key=lambda a: a.date)
    generator.context["articles"] = generator.articles
    generator.context["drafts"] = generator.drafts


def register():
    signals.readers_init.connect(add_reader)
    signals.article_generator_pretaxonomy.connect(hold_back_scheduled_and_duplicates)
