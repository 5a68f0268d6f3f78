"""German alphabetical order for names (DIN 5007-1, "dictionary" order), for every plugin.

Ä sorts with A, Ö with O, Ü with U, ß as ss: we strip diacritics after Unicode decomposition and
casefold, then break ties on the original spelling so the order is total and deterministic.
This avoids PyICU (a large C++ dependency) for the one rule we need.
"""

from __future__ import annotations

import unicodedata


def german_sort_key(name: str) -> tuple[str, str]:
    decomposed = unicodedata.normalize("NFKD", name)
    base = "".join(char for char in decomposed if not unicodedata.combining(char))
    return (base.casefold(), name)


def sorted_by_name(items, name=lambda item: item.name) -> list:
    return sorted(items, key=lambda item: german_sort_key(name(item)))
