"""Connects the social cards to Pelican: every page's card is planned in the model's last stage
(context["SOCIAL_CARDS"], a CardPlan), base.html asks `social_card()` for the page's og:image,
and on `finalized` the files go into the output, drawing only what the cache lacks: after the
pages, so the preview shows an edited page before it draws its new cards. PLUGINS lists this
plugin before the privacy gate, whose `finalized` reads every file, the cards too. Then the cache
lets go of the cards no build used for SOCIAL_CARDS_CACHE_KEEP_DAYS."""

from __future__ import annotations

import logging
from pathlib import Path

from jinja2 import pass_context
from pelican import signals

from shared.model import connect, on_stage, site_config

from .cards import Brand
from .options import read_options
from .painter import Painter, engine_id
from .plan import CardMaker, plan_cards, source_file, words_from
from .listing import copies_folder, listing_copy
from .store import SourceHashes, place_cards, place_copies, prune_cache

PLAN_KEY = "SOCIAL_CARDS"
log = logging.getLogger(__name__)


def make_plan(context, generators=()) -> None:
    """Model stage "pages": a card for every page, named by its inputs (nothing is drawn yet)."""
    options = read_options(site_config(context))
    hashes = SourceHashes.load(options.cache)
    words = words_from(generators[0].env.globals, site_config(context).lang)
    brand = Brand(options.site_name, options.accent, source_file(options.logo, hashes.digest))
    maker = CardMaker(options.content_path, brand, words, engine_id(hashes.digest), hashes.digest)
    plan = plan_cards(maker, generators, context, options.index_save_as, options.tagline, options.with_drafts)
    hashes.save()
    context[PLAN_KEY] = plan
    if generators:  # for `finalized`, which gets only the Pelican object; taken from there again
        generators[0].settings[PLAN_KEY] = (plan, maker.copies, options.cache, options.keep_days)


def place_cards_of_build(pelican) -> None:
    """finalized: every card of this build in the output (made now if the cache lacks it); then the
    cache's cards that no build used for keep_days days are removed."""
    plan, copies, cache, keep_days = pelican.settings.pop(PLAN_KEY, (None, {}, None, None))
    if plan is None:
        return
    folder = Path(pelican.output_path) / plan.folder
    placed = place_cards(plan.specs, cache, folder, Painter().make)
    made = place_copies(copies, copies_folder(cache), folder, listing_copy)
    pruned = prune_cache(cache, plan.specs, copies, copies_folder(cache), keep_days)
    log.debug("social cards: %d drawn, %d from the cache, %d kept; %d listing copies made; %d old files "
              "(%d bytes) removed from the cache, %d unused kept for now", len(placed.drawn), placed.copied,
              placed.kept, made, len(pruned.removed), pruned.freed, pruned.waiting)


@pass_context
def social_card(context):
    """The card of the page being rendered: its article's, page's, author's, series' or roundup's,
    else the home page's (listings, paginated pages)."""
    plan = context.get(PLAN_KEY)
    if plan is None:
        return None
    for name in ("article", "page", "author", "current_series", "roundup"):
        card = plan.pages.get(getattr(context.get(name), "save_as", None))
        if card is not None:
            return card
    return plan.site


def add_template_function(generator) -> None:
    generator.env.globals["social_card"] = social_card


def register():
    connect()
    on_stage("pages", make_plan)
    signals.generator_init.connect(add_template_function)
    signals.finalized.connect(place_cards_of_build)
