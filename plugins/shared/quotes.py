"""Quotation marks inside quotation marks: a quoted title that has quotes of its own gets the inner
marks of the language („Warum ‚Q&A‘ hilft“, “Why ‘Q&A’ helps”), not a second pair of outer ones."""

from __future__ import annotations

import re

# outer opening mark -> (the marks that clash with it, the inner pair used instead)
INNER_MARKS = {"„": ("„“”", ("‚", "‘")), "“": ("„“”", ("‘", "’")), "«": ("«»", ("‹", "›")), "»": ("»«", ("›", "‹"))}


def quote_title(title: str, quote) -> str:
    """`quote(title=…)` is the language's quoting (a UI string such as '„{title}“'); the title's own
    typographic double quotes become the inner marks, opening and closing in turn. Straight and single
    quotes do not look like the outer ones and stay as typed."""
    outer = quote(title="").strip()[:1]
    clashing, (opening, closing) = INNER_MARKS.get(outer, ("", ("", "")))
    if not clashing or not any(mark in title for mark in clashing):
        return quote(title=title)
    state = {"open": False}

    def swap(_match):
        state["open"] = not state["open"]
        return opening if state["open"] else closing

    return quote(title=re.sub(f"[{clashing}]", swap, title))
