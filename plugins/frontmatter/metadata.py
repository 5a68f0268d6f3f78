"""Front matter of articles and pages: split it off, check every key, return plain values."""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field

from shared.aliases import AliasProblem, read_alias
from shared.dates import DateValueError, parse_datetime
from shared.fields import kind_of, not_text, text_list
from shared.messages import N_, t
from shared.people import HANDLE, HANDLE_HINT
from shared.problems import WARNING, ContentProblem, did_you_mean, relative_path
from shared.yamlsource import YamlDocument, YamlSyntaxError, load_yaml, split_front_matter

ARTICLE_KEYS = {
    "title", "date", "modified", "author", "co_authors", "thanks", "series", "series_index",
    "tags", "category", "summary", "image", "image_alt", "status", "slug", "id", "lang", "aliases",
}
PAGE_KEYS = {"title", "summary", "status", "slug", "lang", "template", "modified", "date", "aliases"}
STATUSES = ("published", "draft", "hidden")
# What `make new-post` writes for the author to replace (tools/new_post.py uses these).
PLACEHOLDER_SUMMARY = "Ein Satz, der im Feed, in der Übersicht und im Newsletter steht."
PLACEHOLDER_BODY = "Hier beginnt dein Beitrag. Setze `status: published`, wenn er erscheinen soll."


@dataclass
class FrontMatter:
    """What the reader hands to Pelican, plus the problems found on the way."""

    values: dict = field(default_factory=dict)
    lines: dict = field(default_factory=dict)  # "author" / "thanks.1" -> line number
    body: str = ""
    problems: list = field(default_factory=list)


def read_front_matter(text: str, path: str, *, is_page: bool, tz_name: str) -> FrontMatter:
    result = FrontMatter()
    yaml_text, result.body, offset = split_front_matter(text)

    def add(line, message, hint=""):
        result.problems.append(ContentProblem(relative_path(path), line, message, hint))

    if yaml_text is None:
        add(1, t("no front matter"), t("start the file with a '---' line, the YAML keys, and another '---' line"))
        return result
    if offset < 0:
        add(1, t("front matter is not closed"), t("add a line '---' after the last YAML key"))
        return result
    try:
        doc = load_yaml(yaml_text, path, line_offset=offset)
    except YamlSyntaxError as error:
        result.problems.append(error.problem)
        return result
    if not isinstance(doc.data, dict):
        add(2, t("front matter must be YAML keys and values"), t("write it as 'title: \"…\"' lines"))
        return result

    # the same few keys ("title", "tags.0", …) in every post: one string each, not one per post
    result.lines = {sys.intern(".".join(str(p) for p in key)): line for key, line in doc.lines.items() if key}
    checker = _Checker(doc, add, tz_name)
    allowed = PAGE_KEYS if is_page else ARTICLE_KEYS
    for key in doc.data:
        if key not in allowed:
            add(doc.line(key), t("unknown key '{key}' in front matter", key=key),
                t("{suggestion} (remove the key if it is not needed)", suggestion=did_you_mean(key, allowed)))
    result.values = checker.values(is_page)
    if result.values.get("status") == "published":
        for line, message, hint in placeholders_left(result.values, text, len(text) - len(result.body), doc):
            add(line, message, hint)
    return result


def placeholders_left(values: dict, text: str, body_start: int, doc: YamlDocument) -> list[tuple]:
    """(line, message, hint) for each text of `make new-post` that a published post still carries."""
    found = []
    if values.get("summary") == PLACEHOLDER_SUMMARY:
        found.append((doc.line("summary"), t("the summary is still the placeholder that make new-post wrote"),
                      t('write one sentence about this post: summary: "…" '
                        "(feeds, listings and the newsletter show it)")))
    position = text.find(PLACEHOLDER_BODY, body_start)
    if position >= 0:
        found.append((text.count("\n", 0, position) + 1,
                      t("the text still has the placeholder line that make new-post wrote"),
                      t("replace it with your text")))
    return found


# What `make new-site` writes into the legal pages for the company to fill in: "[[Straße und Hausnummer]]".
PAGE_FIELD = re.compile(r"\[\[[^\[\]]+\]\]")


def unfinished_fields(text: str, body_start: int, path: str) -> list[ContentProblem]:
    """A page that still has `[[…]]` fields: one warning naming the first of them, which
    `make publish` refuses (blocks_publish); previews and `make check` show the page as it is."""
    found = list(PAGE_FIELD.finditer(text, body_start))
    if not found:
        return []
    line = text.count("\n", 0, found[0].start()) + 1
    shown = ", ".join(" ".join(match.group(0).split()) for match in found[:3]) + (", …" if len(found) > 3 else "")
    return [ContentProblem(
        relative_path(path), line,
        t("{count} placeholder(s) left to fill in: {fields}", count=len(found), fields=shown),
        t("replace each [[…]] with your own text (make new-site wrote them; the legal pages must be complete "
          "before the site goes live): make publish refuses the site until then, make html and make check only warn"),
        severity=WARNING, blocks_publish=True)]


class _Checker:
    """Turns raw YAML values into checked plain values, reporting each problem once."""

    def __init__(self, doc: YamlDocument, add, tz_name: str):
        self.doc, self.data, self.add, self.tz_name = doc, doc.data, add, tz_name

    def values(self, is_page: bool) -> dict:
        data, out = self.data, {}
        out["title"] = self.text("title", required=True, example='title: "Netzwerken ist eine Haltung"')
        for key in ("summary", "slug", "lang", "template", "image_alt", "category"):
            if key in data:
                out[key] = self.text(key)
        if "id" in data and self.is_text("id", t("write id: as new-post wrote it, e.g. id: a7c3e1f0")):
            # as written: YAML would read `id: 0012` as the number 10
            out["id"] = str(self.doc.source_text.get(("id",), data["id"])).strip() or None
        status = str(data.get("status", "published")).strip().lower()
        if not self.is_text("status", t("write status: published (or {others})", others=", ".join(STATUSES[1:]))):
            status = "draft"
        elif status not in STATUSES:
            self.add(self.doc.line("status"), t("unknown status '{status}'", status=status),
                     t("use one of: {choices}; {suggestion}", choices=", ".join(STATUSES),
                       suggestion=did_you_mean(status, STATUSES)))
            status = "draft"
        out["status"] = status
        if "date" in data or not is_page:
            out["date"] = self.date("date", required=not is_page)
        if "modified" in data:
            out["modified"] = self.date("modified")
        if "aliases" in data:
            out["aliases"] = self.aliases()
        if is_page:
            return {k: v for k, v in out.items() if v not in (None, [])}
        out["author"] = self.handle("author", data.get("author"), ("author",), required=True)
        co_authors = [
            (index, self.handle("co_authors", value, ("co_authors", index)))
            for index, value in self.as_list("co_authors", what=t("author handles"),
                                             example="co_authors: [tom-muster]")
        ]
        out["co_authors"] = self.once(co_authors, "co_authors", {out["author"]},
                                      N_("'{who}' is named twice as an author in '{key}'"),
                                      t("name each person once: one in 'author', the others in 'co_authors'"))
        thanks = [(index, self.thanks_entry(value, index)) for index, value in self.as_list(
            "thanks", what=t("handles or {{name: …, url: …}} entries"), entries_may_be=(dict, list),
            example=t("one entry per line: {example}",
                      example='thanks:\n  - tom-muster\n  - {name: "Das Team", url: "https://…"}'))]
        out["thanks"] = self.once(thanks, "thanks", set(), N_("'{who}' is thanked twice in '{key}'"),
                                  t("thank each person once"))
        tags = self.as_list("tags", what=t("text"), example="tags: [netzwerken, sprache]", split_commas=True)
        out["tags"] = [tag.strip() for _index, tag in tags if tag.strip()]
        if "series" in data:
            out["series"] = self.handle("series", data["series"], ("series",))
        if "series_index" in data:
            out["series_index"] = self.positive_int("series_index")
        if "image" in data:
            out["image"] = self.text("image")
            if not str(data.get("image_alt", "")).strip():
                self.add(self.doc.line("image"), t("image without alt text"),
                         t("add 'image_alt: \"what the picture shows\"' (it is read aloud to blind readers)"))
        return {k: v for k, v in out.items() if v not in (None, [], "")}

    def text(self, key, required=False, example=""):
        value = self.data.get(key)
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                self.add(self.doc.line(key), t("missing '{key}'", key=key),
                         t("add a line like {example}", example=example))
            return None
        if not self.is_text(key, t('write {key}: "…" on one line', key=key)):
            return None
        return str(value).strip()

    def is_text(self, key, hint) -> bool:
        found = not_text(key, self.data.get(key), hint)
        if found:
            self.add(self.doc.line(key), found.message, found.hint)
        return found is None

    def date(self, key, required=False):
        value = self.data.get(key)
        if value is None:
            if required:
                self.add(self.doc.line(key), t("missing '{key}'", key=key),
                         t("add a line like '{key}: 2026-11-18 09:30' ({zone} time)", key=key, zone=self.tz_name))
            return None
        try:
            return parse_datetime(value, self.tz_name)
        except DateValueError:
            self.add(self.doc.line(key), t("invalid date '{value}' in '{key}'", value=value, key=key),
                     t("write YYYY-MM-DD HH:MM, e.g. 2026-11-18 09:30, or add an offset: 2026-11-18T09:30+01:00"))
            return None

    def handle(self, key, value, path, required=False):
        if len(path) == 1 and not self.is_text(key, t("write {key}: one handle, e.g. {key}: jana-beispiel", key=key)):
            return None
        if value is None or str(value).strip() == "":
            if required:
                self.add(self.doc.line(*path), t("missing '{key}'", key=key),
                         t("add '{key}: your-handle' (the name of your file in content/authors/)", key=key))
            return None
        text = str(value).strip()
        if not HANDLE.match(text):
            self.add(self.doc.line(*path), t("'{text}' in '{key}' is not a handle", text=text, key=key), t(HANDLE_HINT))
            return None
        return text

    def thanks_entry(self, value, index):
        line = self.doc.line("thanks", index)
        if isinstance(value, str):
            handle = self.handle("thanks", value, ("thanks", index))
            return {"handle": handle, "line": line} if handle else None
        if isinstance(value, dict):
            for part in ("name", "url"):
                if isinstance(value.get(part), (dict, list)):
                    self.add(line, t("'{part}' in a 'thanks' entry must be text, found {kind}", part=part,
                                     kind=kind_of(value[part])),
                             t("write it on one line; put text with ':' in \"double quotes\""))
                    return None
        if isinstance(value, dict) and str(value.get("name", "")).strip():
            for unknown in sorted(set(value) - {"name", "url"}, key=str):
                self.add(line, t("unknown key '{key}' in a 'thanks' entry", key=unknown),
                         t("{suggestion} (use only name and url)",
                           suggestion=did_you_mean(str(unknown), ("name", "url"))))
            url = str(value.get("url", "")).strip()
            if url and not url.startswith("https://"):
                self.add(line, t("unsafe link '{url}' in 'thanks'", url=url),
                         t("use an https:// address or leave url out"))
                url = ""
            return {"name": str(value["name"]).strip(), "url": url or None, "line": line}
        self.add(line, t("a 'thanks' entry must be a handle or {{name: …, url: …}}"),
                 t('e.g. - tom-muster  or  - {{name: "Das Team Vertrieb", url: "https://…"}}'))
        return None

    def once(self, entries, key, named: set, message: str, fix: str) -> list:
        """Entries without repeats (a person is one handle or one free name); each repeat is a problem
        (`message`: marked with N_, its {who} and {key} filled in)."""
        kept = []
        for index, entry in entries:
            if not entry:
                continue
            who = entry if isinstance(entry, str) else entry.get("handle") or entry.get("name")
            if who in named:
                self.add(self.doc.line(key, index), t(message, who=who, key=key), fix)
                continue
            named.add(who)
            kept.append(entry)
        return kept

    def as_list(self, key, **how) -> list:
        """(index, entry) pairs; the index finds the entry's line."""
        entries, problems = text_list(key, self.data.get(key), **how)
        for found in problems:
            self.add(self.doc.line(*found.path), found.message, found.hint)
        return entries

    def aliases(self) -> list[dict]:
        """Old addresses: {"alias": as typed, "save_as": the file that answers it, "line": …} each."""
        entries = self.as_list("aliases", what=t("old addresses (paths like /2019/03/29/alter-name/)"),
                               example="aliases: [/2019/03/29/alter-name/]")
        found = []
        for index, typed in entries:
            line = self.doc.line("aliases", index)
            alias = read_alias(typed)
            if isinstance(alias, AliasProblem):
                self.add(line, alias.message, alias.hint)
            else:
                found.append({"alias": alias.typed, "save_as": alias.save_as, "line": line})
        return found

    def positive_int(self, key):
        value = self.data.get(key)
        if isinstance(value, int) and not isinstance(value, bool) and value > 0:
            return value
        self.add(self.doc.line(key), t("'{key}' must be a whole number from 1, found '{value}'", key=key, value=value),
                 t("write {key}: 13, or remove it to number by date", key=key))
        return None
