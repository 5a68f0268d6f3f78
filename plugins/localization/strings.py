"""UI strings of the theme in German and English, with CLDR plural rules from Babel.

Strings live in theme/strings/<lang>/*.yml, one file per feature (site.yml, authors.yml, ...),
so features add their words without touching each other's files.
"""

from __future__ import annotations

import os

from babel import Locale

from shared.yamlsource import load_yaml_file


class MissingString(KeyError):
    """A template asked for a UI string that the language files do not have (a theme bug)."""


class UiStrings:
    def __init__(self, table: dict, lang: str):
        self.table, self.lang = table, lang
        self.locale = Locale.parse(lang)

    def text(self, key: str, **values) -> str:
        try:
            template = self.table[key]
        except KeyError:
            raise MissingString(f"UI string '{key}' missing for language '{self.lang}'") from None
        if isinstance(template, dict):
            raise MissingString(f"UI string '{key}' has plural forms; use tn('{key}', count)")
        return str(template).format(**values)

    def count(self, key: str, number: int, **values) -> str:
        """'1 Beitrag' / '3 Beiträge': the plural form is chosen by the language's rules."""
        forms = self.table.get(key)
        if not isinstance(forms, dict):
            raise MissingString(f"UI string '{key}' needs plural forms (one/other) for '{self.lang}'")
        template = forms.get(self.locale.plural_form(number), forms["other"])
        return str(template).format(n=number, **values)


def load_strings(theme_path: str, lang: str) -> UiStrings:
    folder = os.path.join(theme_path, "strings", lang)
    if not os.path.isdir(folder):
        available = sorted(os.listdir(os.path.join(theme_path, "strings")))
        raise ValueError(f"DEFAULT_LANG = '{lang}' has no UI strings in {folder}; available: {', '.join(available)}")
    table: dict = {}
    for name in sorted(os.listdir(folder)):
        if name.endswith(".yml"):
            path = os.path.join(folder, name)
            for key, value in load_yaml_file(path).data.items():
                if key in table:
                    raise ValueError(f"{path}: UI string '{key}' is defined twice for '{lang}'")
                table[key] = value
    return UiStrings(table, lang)
