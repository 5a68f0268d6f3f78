"""Connects the YAML front-matter reader and the publishing rules to Pelican."""

from pelican import signals

from shared.model import connect, site_config, url_table
from shared.post import post_model
from shared.problems import report

from .publishing import colliding_terms, duplicate_ids, duplicate_urls, split_scheduled
from .reader import YamlFrontMatterReader


def add_reader(readers):
    for extension in YamlFrontMatterReader.file_extensions:
        readers.reader_classes[extension] = YamlFrontMatterReader


def hold_back_scheduled_and_duplicates(generator):
    now = site_config(generator.context).now
    published, scheduled = split_scheduled(generator.articles, now)
    published, problems = duplicate_urls(published + generator.drafts + generator.hidden_articles)
    problems += duplicate_ids([*generator.articles, *generator.drafts, *generator.hidden_articles])
    problems += colliding_terms(generator.articles, "tags", "tags")
    problems += colliding_terms(generator.articles, "category", "category")
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


def fix_urls_for_this_build(generator):
    """Compute each article's URL and output path once per build.

    Pelican formats `article.url` from ARTICLE_URL on every access (about 70 µs); listings, feeds,
    roundups, share texts and the sitemap ask for it some 20,000 times in a 1,000-post build, and
    for `save_as` some 4,000 times. `override_url` / `override_save_as` are Pelican's own
    per-content overrides; they are set on the Article objects, which Pelican's content cache
    (reader layer: the readers' results) never holds, so they never outlive this build.
    """
    urls = url_table(generator.context)
    for article in (*generator.articles, *generator.translations, *generator.drafts, *generator.hidden_articles):
        article.override_url, article.override_save_as = article.url, article.save_as
        post_model(article).absolute_url = urls.absolute(article.url)


def fix_urls_and_hold_back(generator):
    """article_generator_pretaxonomy: the URLs first, since the duplicate check asks for every
    article's (at 5,000 posts each computation of them all costs about 0.15 s), then the rules."""
    fix_urls_for_this_build(generator)
    hold_back_scheduled_and_duplicates(generator)


def register():
    connect()
    signals.readers_init.connect(add_reader)
    signals.article_generator_pretaxonomy.connect(fix_urls_and_hold_back)
