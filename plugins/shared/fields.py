"""Type checks every YAML file kind shares: text where text belongs, a list of text where a list belongs.

Pure: a key and its value in, plain values and FieldProblems (key path, message, hint) out; each
reader turns the key path into a line with its own YamlDocument.
"""

from __future__ import annotations

from dataclasses import dataclass

from shared.messages import t


@dataclass(frozen=True)
class FieldProblem:
    path: tuple  # ("tags",) or ("tags", 1): where the line is looked up
    message: str
    hint: str


def kind_of(value) -> str:
    """What an author wrote, in their words: 'a mapping', 'a list', 'a number', 'true/false', 'text'."""
    if isinstance(value, dict):
        return t("a mapping")
    if isinstance(value, list):
        return t("a list")
    if isinstance(value, bool):
        return t("true/false")
    if isinstance(value, (int, float)):
        return t("a number")
    if value is None:
        return t("nothing")
    return t("text")


def not_text(key: str, value, hint: str) -> FieldProblem | None:
    """A mapping or list where one line of text belongs (numbers and true/false read as text)."""
    if isinstance(value, (dict, list)):
        return FieldProblem((key,), t("'{key}' must be text, found {kind}", key=key, kind=kind_of(value)), hint)
    return None


def text_list(key: str, value, *, what: str, example: str, split_commas: bool = False,
              entries_may_be=()) -> tuple[list, list[FieldProblem]]:
    """The (index, entry) pairs of a list-of-text field and the problems found.

    The index is the entry's place in the YAML list, for its line (a single text is index 0).

    A single text is a list of one (`co_authors: tom-muster`), or split at commas for tags. Numbers
    are text (`tags: [2026]`); a mapping, list or true/false entry is an error naming key and
    entry number. `entries_may_be` lets a field accept other entry types (thanks: {name: …}), which
    are passed through for the caller to check.
    """
    if value is None:
        return [], []
    if isinstance(value, str):
        if not value.strip():
            return [], []
        return [(0, part) for part in (value.split(",") if split_commas else [value])], []
    if not isinstance(value, list):
        return [], [FieldProblem((key,), t("'{key}' must be a list of {what}, found {kind}",
                                           key=key, what=what, kind=kind_of(value)),
                                 t("write {example}", example=example))]
    entries, problems = [], []
    for index, entry in enumerate(value):
        if entry is None:
            continue  # an empty "- " line: nothing to keep, nothing worth an error
        if isinstance(entry, entries_may_be) or isinstance(entry, str):
            entries.append((index, entry))
        elif isinstance(entry, (int, float)) and not isinstance(entry, bool):
            entries.append((index, str(entry)))
        else:
            problems.append(FieldProblem(
                (key, index), t("'{key}' entry {number} must be text, found {kind}",
                                key=key, number=index + 1, kind=kind_of(entry)),
                # a mapping entry is nearly always a ':' inside the text
                t("write each entry as text on its own '- ' line; put text with ':' in \"double quotes\""),
            ))
    return entries, problems
