"""Editor notes for a week: content/roundups/<ISO year>-W<week>.md with YAML front matter.

    ---
    title: "KW 47/2026: Werkstatt offen"   # optional title override
    skip: false                            # true drops this week's roundup
    thanks:                                # extra thanks: handles or {name, url}, each with an optional `for`
      - aylin-oezdemir
      - {name: "Das Team am Empfang", for: "den Kaffee beim Werkstattbesuch"}
    ---
    The intro, in Markdown.

Pure: text in, a RoundupNote and a list of ContentProblems out.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field

from shared.dates import real_iso_week
from shared.fields import kind_of, text_list
from shared.messages import t
from shared.people import HANDLE
from shared.references import no_profile_hint
from shared.problems import ContentProblem, did_you_mean, relative_path
from shared.yamlsource import YamlSyntaxError, load_yaml, split_front_matter

from .thanks import ExtraThanks
from .windows import week_slug

NOTE_KEYS = ("title", "skip", "thanks")
THANKS_KEYS = ("handle", "name", "url", "for")
FILE_NAME = re.compile(r"^(\d{4})-[Ww](\d{1,2})\.md$")
# "#Mittwochstipp" at the start of a wrapped line would become a Markdown heading
HASHTAG_AT_LINE_START = re.compile(r"^( {0,3})#(?=[^\s#])", re.MULTILINE)


@dataclass
class RoundupNote:
    slug: str
    iso_year: int
    iso_week: int
    path: str
    title: str | None = None
    skip: bool = False
    thanks: list = field(default_factory=list)  # ExtraThanks
    intro_markdown: str = ""


def protect_hashtags(markdown: str) -> str:
    """Keep '#Mittwochstipp' a hashtag when a wrapped line starts with it ('# Heading' stays a heading)."""
    return HASHTAG_AT_LINE_START.sub(r"\1\\#", markdown)


def week_of_file_name(file_name: str) -> tuple[int, int] | None:
    """(iso_year, iso_week) for '2026-W47.md', None for a name that does not name a real ISO week."""
    match = FILE_NAME.match(file_name)
    if not match:
        return None
    return real_iso_week(int(match.group(1)), int(match.group(2)))


def read_note(text: str, path: str, known_handles=None) -> tuple[RoundupNote | None, list[ContentProblem]]:
    """Parse one note; `known_handles` (a set, or None when profiles are unknown) checks thanks handles."""
    shown = relative_path(path)
    problems: list[ContentProblem] = []

    def add(line, message, hint=""):
        problems.append(ContentProblem(shown, line, message, hint))

    file_name = os.path.basename(path)
    week = week_of_file_name(file_name)
    if week is None:
        add(1, t("'{file}' is not the name of a roundup note", file=file_name),
            t("name it after the ISO week of the roundup, e.g. {example} (weeks 01 to 52 or 53)",
              example="2026-W47.md"))
        return None, problems
    slug = week_slug(*week)
    if file_name != f"{slug}.md":
        add(1, t("'{file}' should be written '{name}'", file=file_name, name=f"{slug}.md"),
            t("rename the file to {name}", name=f"{slug}.md"))
        return None, problems

    yaml_text, body, _ = split_front_matter(text)  # an unclosed fence: all of it is read as YAML
    note = RoundupNote(slug=slug, iso_year=week[0], iso_week=week[1], path=path, intro_markdown=protect_hashtags(body.strip()))
    if yaml_text is None:
        return note, problems  # a note may be just an intro
    try:
        doc = load_yaml(yaml_text, path, line_offset=1)
    except YamlSyntaxError as error:
        return None, [error.problem]
    data = doc.data if doc.data is not None else {}
    if not isinstance(data, dict):
        add(2, t("the front matter of a roundup note must be keys and values"),
            t("e.g. {example}", example='title: "…", skip: true'))
        return None, problems
    for key in data:
        if key not in NOTE_KEYS:
            add(doc.line(key), t("unknown key '{key}' in roundup note", key=key),
                t("{suggestion} (a note knows: {keys})", suggestion=did_you_mean(key, NOTE_KEYS),
                  keys=", ".join(NOTE_KEYS)))
    if "title" in data:
        title = data["title"]
        if isinstance(title, (str, int, float)) and str(title).strip():
            note.title = str(title).strip()
        else:
            add(doc.line("title"), t("'title' must be text, found {kind}", kind=kind_of(title)),
                t("write {example}", example='title: "KW 47/2026: Werkstatt offen"'))
    if "skip" in data:
        if isinstance(data["skip"], bool):
            note.skip = data["skip"]
        else:
            add(doc.line("skip"), t("'skip' must be true or false, found '{value}'", value=data["skip"]),
                t("write skip: true to leave this week out, or remove the line"))
    thanks, wrong_types = text_list(
        "thanks", data.get("thanks"), what=t("handles or {{name: …}} entries"), entries_may_be=(dict, list),
        example='one entry per line: thanks:\n  - aylin-oezdemir\n  - {name: "Das Team", for: "…"}')
    for wrong in wrong_types:
        add(doc.line(*wrong.path), wrong.message, wrong.hint)
    for index, entry in thanks:
        found = _extra_thanks(entry, doc.line("thanks", index), known_handles, add)
        if found:
            note.thanks.append(found)
    return (None if problems else note), problems


def _extra_thanks(entry, line, known_handles, add) -> ExtraThanks | None:
    if isinstance(entry, str):
        entry = {"handle": entry}
    if not isinstance(entry, dict):
        add(line, t("a 'thanks' entry must be a handle or {{name: …, url: …, for: …}}"),
            t("e.g. {first}  or  {second}", first="- tom-muster",
              second='- {name: "Das Team am Empfang", for: "den Kaffee"}'))
        return None
    wrong = 0  # every wrong key of the entry is reported, then the entry is left out
    for key in entry:
        if key not in THANKS_KEYS:
            add(line, t("unknown key '{key}' in a 'thanks' entry", key=key),
                t("{suggestion} (use handle or name, and optionally url and for)",
                  suggestion=did_you_mean(str(key), THANKS_KEYS)))
            wrong += 1
        elif isinstance(entry[key], (dict, list)):
            add(line, t("'{key}' in a 'thanks' entry must be text, found {kind}", key=key, kind=kind_of(entry[key])),
                t("write it on one line; put text with ':' in \"double quotes\""))
            wrong += 1
    if wrong:
        return None
    handle = str(entry.get("handle") or "").strip()
    name = str(entry.get("name") or "").strip()
    url = str(entry.get("url") or "").strip() or None
    reason = str(entry.get("for") or "").strip() or None
    if bool(handle) == bool(name):
        add(line, t("a 'thanks' entry needs either a handle or a name"),
            t("e.g. {first}  or  {second}", first="- tom-muster", second='- {name: "Das Team"}'))
        return None
    if handle:
        if not HANDLE.match(handle):
            add(line, t("'{handle}' in 'thanks' is not a handle", handle=handle),
                t("handles are lower-case letters, digits and '-'"))
            return None
        if known_handles is not None and handle not in known_handles:
            add(line, t("unknown person '{handle}' in 'thanks'", handle=handle),
                no_profile_hint(handle, known_handles))
            return None
        if url:
            add(line, t("a 'url' belongs to a free name; a handle links to the profile"), t("remove the url"))
            return None
    if url and not url.startswith("https://"):
        add(line, t("unsafe link '{url}' in 'thanks'", url=url), t("use an https:// address or leave url out"))
        return None
    return ExtraThanks(handle=handle or None, name=name or None, url=url, reason=reason)
