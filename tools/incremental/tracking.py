"""What a page read while its templates rendered: the context names it looked up, the model objects
(articles, pages, authors, tags, categories, roundups, series) whose attributes it read, the calls
of template functions that look beyond their arguments (its social card, its feeds), and the parts
it shows that `once` renders once per build (the header, the footer, a post's card).

Jinja sends every `x.y` and `x['y']` through `environment.getattr/getitem`, every name lookup
through `Context.resolve_or_missing` and every call through `Context.call`; `track(env, parts)`
puts a recorder behind those for one environment. Outside a page's rendering (`env.reads` is None,
e.g. the newsletter's email templates) they cost one attribute test.

A part is recorded on its own, with its HTML: a page depends on the header's HTML, not on what the
header looked at to make it (whether there are roundups at all, not which ones), so a new week's
roundup does not make every page new.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from jinja2.runtime import Context, Macro

from shared.model import PARTS_KEY

from .facts import Facts

TRACKED = "_incremental_tracked"
# Template functions whose result depends on nothing but their arguments and the build's key (code,
# theme strings, settings): their calls need no record. (`once` is recorded as parts.)
PURE_FUNCTIONS = frozenset({"t", "tn", "once", "card_picture", "range", "dict", "lipsum", "cycler", "joiner",
                            "namespace"})
# Template functions that look up model objects by what their arguments name: what they return is
# what the page reads (profiles_of: the profiles of a roundup's people).
LOOKUP_FUNCTIONS = frozenset({"profiles_of"})
# Context values that are no input: the parts `once` keeps for the build (recorded as parts instead).
IGNORED_NAMES = frozenset({PARTS_KEY})


@dataclass
class Reads:
    """The reads of one page, or of one part, while it renders; `replay` False when some read cannot
    be checked again in the next build (then the page is rendered every time)."""

    facts: Facts
    names: set = field(default_factory=set)
    keys: set = field(default_factory=set)
    calls: set = field(default_factory=set)  # (function name, ((kind, value), ...)) with model objects as keys
    parts: set = field(default_factory=set)  # ids of the parts shown (see part_id)
    callables: dict = field(default_factory=dict)  # id(function) -> the name it was looked up by
    replay: bool = True
    # ids of the model objects noted already (a page reads an article's attributes some twenty times);
    # Facts keeps each keyed object alive for the build, so its id names it until the end
    touched: set = field(default_factory=set)

    def touch(self, value) -> None:
        if id(value) in self.touched:
            return
        key = self.facts.key(value)
        if key is not None:
            self.keys.add(key)
            self.touched.add(id(value))

    def merge(self, other: "Reads") -> None:
        self.names |= other.names
        self.keys |= other.keys
        self.calls |= other.calls
        self.parts |= other.parts
        self.replay = self.replay and other.replay

    def note_call(self, name: str, args: tuple, kwargs: dict) -> bool:
        """Record a call of a template function; True when its result is what the record keeps."""
        named = tuple(argument(self.facts, value) for value in args)
        if kwargs or any(value is None for value in named):
            self.replay = False  # its arguments cannot be found again in the next build
            return False
        self.calls.add((name, named))
        return True


@dataclass
class Part:
    """A part `once` rendered in this build: what it read and the HTML it made."""

    reads: Reads
    html: str


@dataclass
class Parts:
    """The parts of one build, shared by all its environments as `once` shares them."""

    made: dict = field(default_factory=dict)  # part id (or (id(owner), key) if unnamed) -> Part
    seen: dict = field(default_factory=dict)  # (id(owner), key) -> (owner, its entry in `made`)
    fresh: list = field(default_factory=list)  # ids of the named parts made since the last page (Session drains it)


def argument(facts: Facts, value):
    """An argument as the record keeps it: ("=", value) for text, numbers and None, ("key", key) for a
    model object; None for anything else."""
    if value is None or isinstance(value, (bool, int, float)) or type(value) is str:
        return ("=", value)
    key = facts.key(value)
    return ("key", key) if key is not None else None


def part_id(facts: Facts, owner, key: tuple) -> str | None:
    """The same part's name in every build: its owner ("site" or a model key) and its key; None when
    either cannot be named."""
    named = "site" if type(owner).__name__ == "SiteConfig" else facts.key(owner)
    if named is None or not all(value is None or isinstance(value, (bool, int, float, str)) for value in key):
        return None
    return json.dumps([named, list(key)], ensure_ascii=False)


class TrackingContext(Context):
    def resolve_or_missing(self, key):
        value = super().resolve_or_missing(key)
        reads = self.environment.reads
        if reads is not None and key not in IGNORED_NAMES:
            reads.names.add(key)
            if reads.facts.model_kinds.get(type(value)) is not False:
                reads.touch(value)
            if callable(value) and not isinstance(value, Macro):
                reads.callables[id(value)] = key
        return value

    def call(__self, __obj, *args, **kwargs):  # noqa: N805 (Jinja's own signature)
        reads = __self.environment.reads
        if reads is None or isinstance(__obj, Macro):
            return super().call(__obj, *args, **kwargs)
        name = reads.callables.get(id(__obj))
        if name == "once":  # its owner is read by the part, not by the page
            return super().call(__obj, *args, **kwargs)
        kinds = reads.facts.model_kinds
        for value in args:
            if kinds.get(type(value)) is not False:
                reads.touch(value)
        for value in kwargs.values():
            if kinds.get(type(value)) is not False:
                reads.touch(value)
        if name in LOOKUP_FUNCTIONS:
            found = super().call(__obj, *args, **kwargs)
            for value in found:
                reads.touch(value)
            return found
        if name is not None and name not in PURE_FUNCTIONS:
            if reads.note_call(name, args, {k: v for k, v in kwargs.items() if k not in ("_loop_vars", "_block_vars")}):
                # its result is in the record; what it looked up on the way is not the page's read
                __self.environment.reads = None
                try:
                    return super().call(__obj, *args, **kwargs)
                finally:
                    __self.environment.reads = reads
        return super().call(__obj, *args, **kwargs)


def render_reading(template, localcontext: dict, facts: Facts, parts: Parts) -> tuple[str, Reads]:
    """Render a page's template and return its text with what it read (make publish's record, the
    preview's reverse index of reads)."""
    env = template.environment
    track(env, parts)
    reads = Reads(facts)
    env.reads = reads
    try:
        return template.render(localcontext), reads
    finally:
        env.reads = None


class RenderedBy:
    """A page's template as Pelican's writer sees it: asked to render, it calls `render(template,
    localcontext)` instead (make publish decides whether to render at all, the preview notes reads)."""

    def __init__(self, template, render):
        self.template, self._render = template, render

    def render(self, localcontext):
        return self._render(self.template, localcontext)

    def __getattr__(self, name):
        return getattr(self.template, name)


def track(env, parts: Parts) -> None:
    """Make `env` report reads to `env.reads` (a Reads, or None when no page is being recorded).

    `parts` is shared by every environment of one build, like the parts `once` keeps."""
    if getattr(env, TRACKED, False):
        return
    plain_getattr, plain_getitem = env.getattr, env.getitem

    # Called some 300,000 times a build: a value of a kind known to be no model object is let pass
    # on one dictionary lookup (Facts.model_kinds), without a call.
    def tracked_getattr(obj, attribute):
        value = plain_getattr(obj, attribute)
        reads = env.reads
        if reads is not None:
            kinds = reads.facts.model_kinds
            if kinds.get(type(obj)) is not False:
                reads.touch(obj)
            if kinds.get(type(value)) is not False:
                reads.touch(value)
        return value

    def tracked_getitem(obj, argument):
        value = plain_getitem(obj, argument)
        reads = env.reads
        if reads is not None:
            kinds = reads.facts.model_kinds
            if kinds.get(type(obj)) is not False:
                reads.touch(obj)
            if kinds.get(type(value)) is not False:
                reads.touch(value)
        return value

    env.reads = None
    env.getattr, env.getitem = tracked_getattr, tracked_getitem
    env.context_class = TrackingContext
    once = env.globals.get("once")
    if once is not None:
        env.globals["once"] = _recording_once(env, once, parts)
    setattr(env, TRACKED, True)


def _recording_once(env, once, parts: Parts):
    """`once` (plugins/shared/model.py) renders a part the first time and hands out the same HTML
    after. The part's reads are its own (parts.made[id]); the page records that it shows the part."""

    def recording_once(context, owner, *key, caller):
        reads = env.reads
        if reads is None:
            return once(context, owner, *key, caller=caller)
        known = parts.seen.get((id(owner), key))
        if known is not None and known[0] is owner:  # made by an earlier page: `once` hands it out
            made = parts.made[known[1]]
            if isinstance(known[1], str):
                reads.parts.add(known[1])
            else:
                reads.merge(made.reads)
            return once(context, owner, *key, caller=caller)
        ran = []

        def counted_caller(*args, **kwargs):
            ran.append(True)
            return caller(*args, **kwargs)

        inner = Reads(reads.facts, callables=reads.callables)
        inner.touch(owner)
        env.reads = inner
        try:
            html = once(context, owner, *key, caller=counted_caller)
        finally:
            env.reads = reads
        if not ran:  # made where nobody recorded what it read
            reads.replay = False
            return html
        name = part_id(reads.facts, owner, key) or (id(owner), key)  # unnamed: its reads are the page's
        parts.made[name] = Part(inner, html)  # the same string `once` keeps, not a copy
        parts.seen[(id(owner), key)] = (owner, name)
        if isinstance(name, str):
            reads.parts.add(name)
            parts.fresh.append(name)
        else:
            reads.merge(inner)
        return html

    recording_once.jinja_pass_arg = getattr(once, "jinja_pass_arg", None)  # still gets the context
    return recording_once
