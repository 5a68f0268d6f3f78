"""Series definitions: read content/series/<slug>.yml and check every key like author profiles."""

from __future__ import annotations

import difflib
import os
import re
from dataclasses import dataclass, field
from datetime import datetime

from shared.fields import not_text, text_list
from shared.messages import t
from shared.people import HANDLE
from shared.references import no_profile_hint
from shared.problems import ContentProblem, did_you_mean, relative_path
from shared.yamlsource import YamlDocument, YamlSyntaxError, load_yaml_file

SERIES_KEYS = ("title", "description", "weekday", "label", "owners")
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
# German authors write "mittwoch"; we point them to the English name instead of guessing.
GERMAN_WEEKDAYS = ("montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag", "sonntag")
NUMBER_FIELD = "{n}"


@dataclass(eq=False)
class Series:
    """One series as templates and other plugins see it; `tips` are its published articles in order."""

    slug: str
    title: str
    description_html: str = ""
    weekday: int | None = None  # 0 = Monday; None = no fixed cadence
    label_pattern: str = "{n}"
    owners: list = field(default_factory=list)  # author handles
    url: str = ""
    save_as: str = ""
    source_path: str = ""
    tips: list = field(default_factory=list)
    # date of the next scheduled tip when SERIES_ANNOUNCE_NEXT is on; never its title or URL
    next_date: datetime | None = None

    def number_label(self, number: int) -> str:
        """'Tipp 13' for the pattern 'Tipp {n}'."""
        return self.label_pattern.replace(NUMBER_FIELD, str(number))

    def full_label(self, number: int | None) -> str:
        """'Tipp 13 · #Mittwochstipp', or just the title for a tip without a number (a draft)."""
        if number is None:
            return self.title
        return f"{self.number_label(number)} · {self.title}"

    @property
    def tip_noun(self) -> str | None:
        """'Tipp' from 'Tipp {n}', for "Der nächste Tipp erscheint …"; None if not a single word."""
        noun = self.label_pattern.replace(NUMBER_FIELD, "").strip(" .:#-")
        return noun if noun and re.fullmatch(r"\w+", noun) else None

    @property
    def sort_key(self) -> tuple:
        return (self.title.lstrip("#").casefold(), self.slug)


def series_paths(folder: str) -> list[str]:
    if not os.path.isdir(folder):
        return []
    return sorted(
        os.path.join(folder, name) for name in os.listdir(folder)
        if name.endswith((".yml", ".yaml")) and not name.startswith(".")
    )


def load_series(path: str, known_handles, markdown_to_html, url_pattern="serien/{slug}/",
                save_as_pattern="serien/{slug}/index.html") -> tuple[Series, list[ContentProblem]]:
    """Read one series file. A broken file still yields a Series (title = slug), so articles that
    name it do not get a second, misleading 'unknown series' error."""
    slug = os.path.splitext(os.path.basename(path))[0]
    shown = relative_path(path)
    series = Series(slug=slug, title=slug, url=url_pattern.format(slug=slug),
                    save_as=save_as_pattern.format(slug=slug), source_path=path)
    problems: list[ContentProblem] = []

    def add(line, message, hint=""):
        problems.append(ContentProblem(shown, line, message, hint))

    if not HANDLE.match(slug):
        add(1, t("series file name '{slug}' is not usable in a URL", slug=slug),
            t("rename the file to lower-case letters, digits and '-', e.g. {example}",
              example="content/series/mittwochstipp.yml"))
    try:
        doc = load_yaml_file(path)
    except YamlSyntaxError as error:
        return series, [*problems, error.problem]
    if not isinstance(doc.data, dict):
        add(doc.first_line, t("a series file must be YAML keys and values"),
            t("write it as lines like {example}", example='title: "#Mittwochstipp"'))
        return series, problems

    data = doc.data
    misspelt = set()  # required keys an unknown key looks like: one message is enough
    for key in data:
        if key not in SERIES_KEYS:
            # the key did_you_mean suggests (its rule: the closest of the keys, if close enough)
            misspelt.update(difflib.get_close_matches(str(key), sorted(SERIES_KEYS), n=1, cutoff=0.6))
            add(doc.line(key), t("unknown key '{key}' in series", key=key),
                t("{suggestion} (remove the key if it is not needed)", suggestion=did_you_mean(key, SERIES_KEYS)))

    title = _text(doc, "title", add)
    if title is None and "title" not in data and "title" not in misspelt:
        add(doc.first_line, t("missing 'title'"), t("add a line like {example}", example='title: "#Mittwochstipp"'))
    series.title = title or slug

    label = _text(doc, "label", add)
    if label is None and "label" not in data and "label" not in misspelt:
        add(doc.first_line, t("missing 'label'"),
            t("add a line like {example} ({{n}} becomes the number)", example='label: "Tipp {n}"'))
    elif label is not None and NUMBER_FIELD not in label:
        add(doc.line("label"), t("label '{label}' has no '{{n}}' for the tip's number", label=label),
            t("write e.g. {example}", example=f'label: "{label} {{n}}"'))
        label = None
    series.label_pattern = label or NUMBER_FIELD

    description = _text(doc, "description", add)
    series.description_html = markdown_to_html(description) if description else ""
    series.weekday = _weekday(doc, add)
    series.owners = _owners(doc, add, set(known_handles))
    return series, problems


def _text(doc: YamlDocument, key: str, add) -> str | None:
    value = doc.data.get(key)
    if value is None or (isinstance(value, str) and not value.strip()):
        if key in doc.data and key != "description":
            add(doc.line(key), t("'{key}' is empty", key=key), t('write {key}: "…"', key=key))
        return None
    found = not_text(key, value, t('write {key}: "…" (for several lines use {key}: |)', key=key))
    if found:
        add(doc.line(key), found.message, found.hint)
        return None
    return str(value).strip()


def _weekday(doc: YamlDocument, add) -> int | None:
    if doc.data.get("weekday") is None:
        return None
    found = not_text("weekday", doc.data["weekday"], t("write {example} (one day, in English)",
                                                       example="weekday: wednesday"))
    if found:
        add(doc.line("weekday"), found.message, found.hint)
        return None
    name = str(doc.data["weekday"]).strip().lower()
    if name in WEEKDAYS:
        return WEEKDAYS.index(name)
    if name in GERMAN_WEEKDAYS:
        hint = t("use the English name: {example}", example=f"weekday: {WEEKDAYS[GERMAN_WEEKDAYS.index(name)]}")
    else:
        hint = did_you_mean(name, WEEKDAYS)
    add(doc.line("weekday"), t("unknown weekday '{value}'", value=doc.data["weekday"]), hint)
    return None


def _owners(doc: YamlDocument, add, known_handles: set) -> list[str]:
    entries, problems = text_list("owners", doc.data.get("owners"), what=t("author handles"),
                                example="owners: [jana-beispiel]")
    for found in problems:
        add(doc.line(*found.path), found.message, found.hint)
    owners = []
    for index, owner in entries:
        line = doc.line("owners", index)
        text = str(owner).strip() if owner is not None else ""
        if not HANDLE.match(text):
            add(line, t("owner '{owner}' is not a handle", owner=owner),
                t("handles are lower-case letters, digits and '-', e.g. {example}", example="jana-beispiel"))
        elif text not in known_handles:
            add(line, t("unknown owner '{owner}' in 'owners'", owner=text),
                no_profile_hint(text, known_handles))
        elif text not in owners:
            owners.append(text)
    return owners
