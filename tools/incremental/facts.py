"""Digests of the values a page is made from, so two builds can tell whether a page would come out the same.

A value's digest covers everything reachable from it (lists, dicts, dataclasses, plain objects),
except the site's content objects (Pelican's articles, pages and static files) and its authors, tags
and categories: those are "model objects", named by a stable key and digested on their own
(`Facts.deep`), because a page that lists 20 posts depends on their titles, not on everything the
posts link to. Which model objects a page really read is recorded while it renders (tracking.py).

Every digest belongs to one build (objects are remembered by id for the build's lifetime); equal
digests in two builds mean equal values. A value of a kind we cannot digest gets a digest of its
own that no other build repeats: the page is then rendered again, never wrongly taken over.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import hashlib
import os
import struct
import types
from pathlib import PurePath

from pelican.contents import Content
from pelican.generators import Generator
from pelican.writers import Writer
from pelican.urlwrappers import URLWrapper

# Attributes that are not part of what a value says: the whole site (_context), the settings (in the
# build's key, tools/incremental/record.py), per-build render caches, and Pelican's raw reader text
# (the `content` property, with its links resolved, is digested instead).
SKIPPED_ATTRIBUTES = frozenset({"_context", "settings", "rendered", "_content"})
# Computed attributes (properties) of content objects that templates read.
CONTENT_PROPERTIES = ("content", "summary", "url", "save_as", "status")
WRAPPER_PROPERTIES = ("name", "slug", "url", "save_as", "page_name")
GONE = b"gone"
# The site model's own objects that pages list many of, named by an attribute: a page that only lists
# roundups (the menu asks whether there are any) does not depend on every post of every week.
KEYED_KINDS = {("roundup.roundups", "Roundup"): "slug", ("series.definitions", "Series"): "slug",
               ("authors.profiles", "Profile"): "handle"}


def digest_of(*parts: bytes) -> bytes:
    """16 bytes for a sequence of byte strings (each framed by its length, so no two sequences meet)."""
    return hashlib.blake2b(b"".join([_length(len(part)) + part for part in parts]), digest_size=16).digest()


_length = struct.Struct("<I").pack


class Facts:
    """Digests of one build's values. `digest(value)` names model objects by key; `deep(key)` digests one."""

    def __init__(self, context: dict, settings: dict, content_path: str):
        self.context, self.settings = context, settings
        self.content_path = content_path
        self._memo: dict[int, bytes] = {}  # id -> digest, of the objects in _alive
        self._alive: list = []  # every object digested: alive for the build, its id stays its own
        self._deep: dict[str, bytes] = {}
        self._index: dict[str, object] | None = None
        self.model_kinds: dict[type, bool] = {}
        self._handlers: dict[type, object] = {}  # kind -> how its values are digested
        self._keys: dict[int, tuple[object, str | None]] = {}  # id -> (the object, kept alive; its key)
        self.unknown: set[str] = set()  # kinds of values digested as "always different" (for tests)
        self._nonce = os.urandom(16)

    # -- keys ----------------------------------------------------------------------------------------

    def key(self, obj) -> str | None:
        """The stable name of a model object (the same in the next build), or None for other values."""
        kind = type(obj)
        model = self.model_kinds.get(kind)
        if model is None:
            model = self.model_kinds[kind] = _model_kind(kind)
        if model is False:
            return None
        known = self._keys.get(id(obj))
        if known is not None and known[0] is obj:
            return known[1]
        if model == "content":
            source = getattr(obj, "source_path", None)
            key = "c:" + os.path.relpath(source, self.content_path) if source else None
        elif model == "wrapper":
            key = f"{kind.__name__}:{obj.slug}:{obj.name}"
        else:
            key = f"{kind.__name__}:{getattr(obj, model)}"
        self._keys[id(obj)] = (obj, key)
        return key

    def find(self, key: str):
        """The model object of this build with that key, or None."""
        if self._index is None:
            self._index = self._build_index()
        return self._index.get(key)

    def _build_index(self) -> dict:
        index = {}

        def add(obj):
            key = self.key(obj)
            if key is not None:
                index.setdefault(key, obj)

        contents = list((self.context.get("generated_content") or {}).values())
        contents += list((self.context.get("static_content") or {}).values())
        for name in ("articles", "drafts", "hidden_articles", "pages", "hidden_pages", "draft_pages",
                     "scheduled_articles"):
            contents += list(self.context.get(name) or ())
        for item in contents:
            add(item)
            for name in ("author", "category"):
                add(getattr(item, name, None))
            for name in ("authors", "tags"):
                for wrapper in getattr(item, name, None) or ():
                    add(wrapper)
        for name in ("authors", "categories", "tags", "roundups", "series"):
            collection = self.context.get(name) or ()
            for entry in (collection.items() if isinstance(collection, dict) else collection):
                add(entry[0] if isinstance(entry, tuple) else entry)
        for profile in (self.context.get("author_profiles") or {}).values():
            add(profile)
        return index

    # -- digests ---------------------------------------------------------------------------------------

    def deep(self, key: str) -> bytes:
        """Digest of everything a model object says: its attributes, its text, URLs and status."""
        found = self._deep.get(key)
        if found is None:
            obj = self.find(key)
            if obj is None:
                found = GONE
            else:
                properties = (CONTENT_PROPERTIES if isinstance(obj, Content) else
                              WRAPPER_PROPERTIES if isinstance(obj, URLWrapper) else ())
                parts = [type(obj).__qualname__.encode()]
                for name in properties:
                    parts += [name.encode(), self.digest(getattr(obj, name, None))]
                parts.append(self._attributes(obj))
                # An article's share texts name its people as their profiles say (made in Python
                # when its page renders, not read by the template): its facts include theirs.
                for profile in getattr(obj.__dict__.get("blog"), "profiles", ()):
                    profile_key = self.key(profile)
                    parts.append(self.deep(profile_key) if profile_key else self.digest(profile))
                found = digest_of(*parts)
            self._deep[key] = found
        return found

    def digest(self, value) -> bytes:
        kind = type(value)
        scalar = _SCALARS.get(kind)
        if scalar is not None:
            return scalar(value)
        if isinstance(value, str):  # Markup, Text: the kind matters (escaped or not)
            return digest_of(b"s", kind.__qualname__.encode(), value.encode("utf-8", "surrogatepass"))
        ident = id(value)
        remembered = self._memo.get(ident)
        if remembered is not None:
            return remembered
        self._alive.append(value)
        self._memo[ident] = b"cycle"
        result = self._memo[ident] = self._compose(value)
        return result

    def _compose(self, value) -> bytes:
        kind = type(value)
        handler = self._handlers.get(kind)
        if handler is None:
            handler = self._handlers[kind] = self._handler_for(kind)
        return handler(value)

    def _handler_for(self, kind: type):
        """How values of one kind are digested (decided once per kind and build)."""
        if _model_kind(kind) is not False:
            def model_object(value):
                key = self.key(value)
                return digest_of(b"m", key.encode()) if key is not None else self._attributes(value)
            return model_object
        if issubclass(kind, (list, tuple)):
            name = kind.__qualname__.encode()
            return lambda value: digest_of(b"l", name, *map(self.digest, value))
        if issubclass(kind, (dict, types.MappingProxyType)):
            return self._mapping
        if issubclass(kind, (set, frozenset)):
            return lambda value: digest_of(b"e", *sorted(map(self.digest, value)))
        if issubclass(kind, (dt.datetime, dt.date, dt.time)):
            return lambda value: digest_of(b"t", value.isoformat().encode(), str(getattr(value, "tzinfo", None)).encode())
        if issubclass(kind, dt.tzinfo):
            return lambda value: digest_of(b"tz", str(value).encode())
        if issubclass(kind, dt.timedelta):
            return lambda value: digest_of(b"td", repr(value).encode())
        if issubclass(kind, (bytes, bytearray)):
            return lambda value: digest_of(b"b", bytes(value))
        if issubclass(kind, PurePath):
            return lambda value: digest_of(b"p", str(value).encode())
        if issubclass(kind, functools.partial):
            return lambda value: digest_of(b"fp", self.digest(value.func), self.digest(value.args),
                                           self.digest(value.keywords))
        if issubclass(kind, (types.FunctionType, types.BuiltinFunctionType, type, types.ModuleType)):
            # code is in the build's key (tools/incremental/record.py); its name says which
            return lambda value: digest_of(
                b"f", f"{getattr(value, '__module__', '')}.{getattr(value, '__qualname__', value)}".encode())
        if issubclass(kind, types.MethodType):
            return lambda value: digest_of(b"fm", self.digest(value.__func__), self.digest(value.__self__))
        special = _special(kind)
        if special is not None:
            return special
        if dataclasses.is_dataclass(kind):
            names = tuple(sorted(field.name for field in dataclasses.fields(kind) if field.name not in SKIPPED_ATTRIBUTES))
            return lambda value: self._attributes(value, names)
        if hasattr(kind, "__slots__") or hasattr(kind, "__dict__"):
            return lambda value: self._attributes(value, _attribute_names(value))

        def unknown(value):
            self.unknown.add(kind.__qualname__)
            return digest_of(b"?", self._nonce, str(id(value)).encode())
        return unknown

    def _mapping(self, value) -> bytes:
        if value is self.context:
            return b"context"
        if value is self.settings:
            return b"settings"
        digest = self.digest
        items = sorted((digest(k), digest(v)) for k, v in value.items())
        return digest_of(b"d", *(part for pair in items for part in pair))

    def _attributes(self, value, names=None) -> bytes:
        kind = type(value)
        parts = [b"o", f"{kind.__module__}.{kind.__qualname__}".encode()]
        digest = self.digest
        for name in (_attribute_names(value) if names is None else names):
            parts += [name.encode(), digest(getattr(value, name, None))]
        return digest_of(*parts)


def _model_kind(kind: type):
    """How objects of a kind are named ("content", "wrapper", the attribute that names them), or False."""
    if issubclass(kind, Content):
        return "content"
    if issubclass(kind, URLWrapper):
        return "wrapper"
    return KEYED_KINDS.get((kind.__module__, kind.__qualname__), False)


def _attribute_names(value) -> list:
    """The attributes of a plain object (slots and __dict__), sorted, without SKIPPED_ATTRIBUTES."""
    names = set()
    for klass in type(value).__mro__:
        for name in getattr(klass, "__slots__", ()) or ():
            if name not in ("__dict__", "__weakref__") and hasattr(value, name):
                names.add(name)
    names.update(getattr(value, "__dict__", ()))
    return sorted(names - SKIPPED_ATTRIBUTES)


def _special(kind: type):
    """How values are digested by what they stand for rather than by their attributes, or None."""
    module = kind.__module__ or ""
    name = kind.__qualname__
    if name == "SiteConfig" and module.endswith("config"):
        # The settings are in the build's key; `now` moves every build but no page prints it: what
        # it decides (scheduled posts, roundup weeks) is in the model the pages read.
        return lambda value: digest_of(b"site-config")
    if module.startswith("jinja2"):
        if name in ("Template", "Environment"):
            return lambda value: digest_of(b"j", name.encode(), str(getattr(value, "name", "")).encode())
        if "Undefined" in name:
            return lambda value: digest_of(b"u", name.encode())
    if module.startswith("babel") and name == "Locale":
        return lambda value: digest_of(b"locale", str(value).encode())  # its data is loaded as it is used
    if issubclass(kind, (Generator, Writer)):
        # A generator's own state is made from the settings (in the build's key) and the model, which
        # pages read through the objects they touch: e.g. the share kit's article.blog.make_share is
        # a method of its generator, and what it makes comes from the article and its authors.
        return lambda value: digest_of(b"g", f"{module}.{name}".encode())
    return None


def _bool(value):
    return b"\x01T" if value else b"\x01F"


_SCALARS = {
    type(None): lambda value: b"\x00",
    bool: _bool,
    int: lambda value: b"\x02" + str(value).encode(),
    float: lambda value: b"\x03" + repr(value).encode(),
    str: lambda value: b"\x04" + value.encode("utf-8", "surrogatepass"),  # the parent's digest covers it
}
