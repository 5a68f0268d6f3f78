"""Problem messages in the author's language, from Babel message catalogs.

Code writes every message and hint in English through `t("… {name} …", name=value)`; the English
text is the message id, and `plugins/localization/locale/<lang>/LC_MESSAGES/<domain>.po` holds its
translation (one catalog per plugin or tool folder, so features add messages without touching each
other's files). `make messages` extracts the ids from the code and updates the catalogs;
tests/test_messages_catalogs.py walks them.

The language is the site's (DEFAULT_LANG), or the setting PROBLEM_LANG, or the environment variable
PROBLEM_LANG (a developer who reads English on a German site); it is set once per build by
`use_language`. Translation happens when the message is made, so problems stay plain text.
"""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

from babel.messages.pofile import read_po

CATALOGS = Path(__file__).resolve().parents[1] / "localization" / "locale"
SOURCE_LANGUAGE = "en"
LANGUAGES = ("de", "en")

_current = {"lang": SOURCE_LANGUAGE}


class Text(str):
    """A message that went through the catalogs (tests check that every problem is one)."""


def problem_language(settings) -> str:
    """The language problems are shown in: env PROBLEM_LANG, setting PROBLEM_LANG, then DEFAULT_LANG."""
    chosen = os.environ.get("PROBLEM_LANG") or settings.get("PROBLEM_LANG") or settings.get("DEFAULT_LANG") or "de"
    lang = str(chosen)[:2].lower()
    return lang if lang in LANGUAGES else SOURCE_LANGUAGE


def use_language(lang: str) -> None:
    _current["lang"] = lang if lang in LANGUAGES else SOURCE_LANGUAGE


def current_language() -> str:
    return _current["lang"]


@lru_cache(maxsize=None)
def catalog(lang: str) -> dict[str, str]:
    """msgid -> translation of every domain of `lang` (fuzzy and empty entries fall back to English)."""
    table: dict[str, str] = {}
    folder = CATALOGS / lang / "LC_MESSAGES"
    if lang == SOURCE_LANGUAGE or not folder.is_dir():
        return table
    for path in sorted(folder.glob("*.po")):
        with path.open("rb") as handle:
            for message in read_po(handle, locale=lang):
                if message.id and message.string and not message.fuzzy:
                    table[message.id] = message.string
    return table


def t(message: str, /, **values) -> Text:
    """The message in the current language, with `{name}` fields filled in (write `{{` for a brace)."""
    template = catalog(_current["lang"]).get(message, message)
    return Text(template.format(**values))


def joined(separator: str, parts) -> Text:
    """Translated parts joined into one message (a hint of several lines)."""
    return Text(separator.join(parts))


def N_(message: str) -> str:
    """Marks a message for the catalogs where it is defined; `t(name)` translates it where it is used."""
    return message
