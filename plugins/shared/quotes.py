"""Quotation marks inside quotation marks: a quoted title that has quotes of its own gets the inner
marks of the language („Warum ‚Q&A‘ hilft“, “Why ‘Q&A’ helps”), not a second pair of outer ones."""

from __future__ import annotations

import re

# outer opening mark -> the inner pair used inside it
INNER_MARKS = {"„": ("‚", "‘"), "“": ("‘", "’"), "«": ("‹", "›"), "»": ("›", "‹"), '"': ("'", "'")}
DOUBLE_MARKS = re.compile('["„“”«»]')


def quote_title(title: str, quote) -> str:
    """`quote(title=…)` is the language's quoting (a UI string such as '„{title}“'); the title's own
    double quotes become the inner marks, opening and closing in turn."""
    outer = quote(title="").strip()[:1]
    if not DOUBLE_MARKS.search(title):
        return quote(title=title)
    opening, closing = INNER_MARKS.get(outer, ("‘", "’"))
    state = {"open": False}

    def swap(_match):
        state["open"] = not state["open"]
        return opening if state["open"] else closing

    return quote(title=DOUBLE_MARKS.sub(swap, title))
