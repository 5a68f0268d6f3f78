"""Feed entries as plain data: stable ids, text that XML accepts, HTML with absolute links."""

from __future__ import annotations

import hashlib
import posixpath
import re
from dataclasses import dataclass, field
from datetime import datetime
from urllib.parse import quote

from shared.messages import N_, t


# Everything outside the XML 1.0 Char production (#x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD]
# | [#x10000-#x10FFFF]): control characters, surrogates, U+FFFE/U+FFFF. Written as the small class
# it leaves out (the complement compiles ten times slower; tests compare them on every code point).
NOT_XML_CHAR = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")

CHARACTER_NAMES = {
    "\x00": "NUL", "\x08": N_("backspace"), "\x0b": N_("vertical tab"), "\x0c": N_("form feed"),
    "\x1b": N_("escape"),
}


@dataclass(frozen=True)
class Person:
    name: str
    uri: str | None = None


@dataclass(frozen=True)
class Term:
    """A category or tag of an entry: term (shown name) and scheme (the site's listing URL)."""

    term: str
    scheme: str | None = None


@dataclass(frozen=True)
class Entry:
    entry_id: str
    title: str
    url: str  # absolute
    content_html: str
    summary_html: str
    published: datetime
    updated: datetime
    authors: tuple[Person, ...] = ()
    terms: tuple[Term, ...] = ()


@dataclass
class CleanText:
    """Text with every character XML forbids removed, and which ones were there."""

    text: str
    removed: list[str] = field(default_factory=list)


def clean_xml_text(text: str | None) -> CleanText:
    text = text or ""
    removed = sorted(set(NOT_XML_CHAR.findall(text)))
    return CleanText(NOT_XML_CHAR.sub("", text) if removed else text, removed)


def describe_character(char: str) -> str:
    """'U+000B (vertical tab)': how an author finds the invisible character in an editor."""
    code = f"U+{ord(char):04X}"
    name = CHARACTER_NAMES.get(char, N_("control character") if ord(char) < 0x20 or 0x7F <= ord(char) < 0xA0 else "")
    return f"{code} ({t(name)})" if name else code


def line_of_character(source_text: str, char: str) -> int | None:
    """1-based line of the first occurrence of `char` in the source file, None if absent."""
    position = source_text.find(char)
    return source_text.count("\n", 0, position) + 1 if position >= 0 else None


def stored_id(front_matter_id: str | None, source_path: str, content_root: str) -> str:
    """The front matter's `id`; without one, the source path under content/ without extension."""
    if front_matter_id is not None and str(front_matter_id).strip():
        return str(front_matter_id).strip()
    relative = posixpath.normpath(
        posixpath.relpath(source_path.replace("\\", "/"), content_root.replace("\\", "/"))
    )
    return posixpath.splitext(relative)[0]


def suggested_id(source_path: str) -> str:
    """A ready-to-paste id for the warning's hint: 8 hex digits derived from the path (deterministic)."""
    return hashlib.sha256(source_path.encode("utf-8")).hexdigest()[:8]


def tag_uri(id_domain: str, first_published: datetime, stored: str, tz=None) -> str:
    """RFC 4151 tag URI: survives edits of title and slug because none of them are in it."""
    day = (first_published.astimezone(tz) if tz else first_published).date().isoformat()
    return f"tag:{id_domain},{day}:{quote(stored, safe='/-._~')}"
