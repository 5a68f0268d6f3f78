"""UI strings of the theme in German and English, with CLDR plural rules from Babel."""

from __future__ import annotations

import os

from babel import Locale

from shared.yamlsource import load_yaml_file


class MissingString(KeyError):
    """A template asked for a UI string that the language file does not have (a theme bug)."""


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
        form = self.locale.plural_form(number)
        template = forms.get(form, forms["other"])
        return str(template).format(n=number, **values)


def load_strings(theme_path: str, lang: str) -> UiStrings:
    path = os.path.join(theme_path, "strings", f"{lang}.yml")
    if not os.path.exists(path):
        available = sorted(name[:-4] for name in os.listdir(os.path.dirname(path)) if name.endswith(".yml"))
        raise ValueError(f"DEFAULT_LANG = '{lang}' has no UI strings file {path}; available: {', '.join(available)}")
    return UiStrings(load_yaml_file(path).data, lang)
