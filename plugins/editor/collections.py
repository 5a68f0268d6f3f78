"""The editor's forms, made from the content model: one Decap collection per kind of file (posts,
profiles, series, roundup notes) and, for each, the rule the page's script follows to write the file
the way `make new-post` and the docs write it (key order, quoting, what a form field becomes).

Plain data in, plain data out: `Choices` is what this build's content offers (people, series,
categories); `words(key, **values)` the site's UI strings (theme/strings/<lang>/editor.yml).
"""

from __future__ import annotations

from dataclasses import dataclass

# What `make new-post` writes (tools/new_post.py; its category is the site's DEFAULT_CATEGORY, as
# Choices.default_category); tests/test_editor_site.py compares the two.
NEW_POST_STATUS = "draft"
POST_STATUSES = ("draft", "published", "hidden")  # frontmatter's STATUSES (tests keep them equal)
PROFILE_STATUSES = ("active", "alumni", "removed")  # the authors plugin's STATUSES
HTTPS = "^https://[^\\s]+$"
ISO_WEEK = "^\\d{4}-W\\d{2}$"
DATE_AND_TIME = "YYYY-MM-DD HH:mm"  # the front matter's "2026-11-18 09:30" (local time)
DAY = "YYYY-MM-DD"
# Form fields that only name the file, never written into it (the page's script drops them).
FILE_NAME_FIELD = "file_name"


@dataclass(frozen=True)
class Person:
    handle: str
    name: str
    status: str  # active | alumni | removed


@dataclass(frozen=True)
class Choices:
    """What the editor's select boxes offer, read from this build's content."""

    people: tuple = ()  # Person, in the order they are shown (German collation of the name)
    series: tuple = ()  # (slug, title)
    categories: tuple = ()  # names used by posts so far
    networks: tuple = ()  # profile link kinds (shared.people.NETWORKS)
    weekdays: tuple = ()  # (value, label) for a series' weekday, Monday first
    timezone: str = "Europe/Berlin"
    default_category: str = "Allgemein"  # DEFAULT_CATEGORY: a new post's, as make new-post writes it


def _option(label: str, value: str) -> dict:
    return {"label": label, "value": value}


def _people(choices: Choices, words) -> list:
    """Every profile but the removed ones; alumni stay choosable (their old posts name them)."""
    return [_option(person.name + (f" ({words('editor_profile_alumni')})" if person.status == "alumni" else ""),
                    person.handle)
            for person in choices.people if person.status != "removed"]


def _thanks(choices: Choices, words, with_for: bool) -> dict:
    fields = [
        {"name": "handle", "label": words("editor_thanks_handle"), "widget": "select",
         "options": _people(choices, words), "required": False},
        {"name": "name", "label": words("editor_thanks_name"), "widget": "string", "required": False},
        {"name": "url", "label": words("editor_thanks_url"), "widget": "string", "required": False,
         "pattern": [HTTPS, words("editor_https")]},
    ]
    if with_for:
        fields.append({"name": "for", "label": words("editor_thanks_for"), "widget": "string", "required": False})
    return {"name": "thanks", "label": words("editor_thanks"), "label_singular": words("editor_thanks_one"),
            "widget": "list", "required": False, "hint": words("editor_thanks_hint"),
            "summary": "{{fields.handle}}{{fields.name}}", "fields": fields}


def post_collection(choices: Choices, words) -> dict:
    people = _people(choices, words)
    categories = ", ".join(choices.categories) or choices.default_category
    return {
        "name": "posts", "label": words("editor_posts"), "label_singular": words("editor_post"),
        "folder": "content/articles", "path": "{{year}}/{{slug}}", "slug": "{{fields.%s}}" % FILE_NAME_FIELD,
        "extension": "md", "format": "werkbank-post", "create": True, "identifier_field": "title",
        "summary": "{{title}} · {{date | date('DD.MM.YYYY')}} · {{status}}",
        "sortable_fields": ["date", "title"],
        "view_filters": [{"label": words(f"editor_status_{status}").split(" (")[0], "field": "status",
                          "pattern": f"^{status}$"} for status in POST_STATUSES],
        # pictures of a post go where the README says: content/images/<year>/
        "media_folder": "/content/images/{{year}}", "public_folder": "images/{{year}}",
        "preview_path": "{{year}}/{{filename}}/", "preview_path_date_field": "date",
        "fields": [
            {"name": "title", "label": words("editor_title"), "widget": "string"},
            {"name": "date", "label": words("editor_date"), "widget": "datetime", "format": DATE_AND_TIME,
             "date_format": "DD.MM.YYYY", "time_format": "HH:mm", "default": "{{now}}", "picker_utc": False,
             "hint": words("editor_date_hint", tz=choices.timezone)},
            {"name": "author", "label": words("editor_author"), "widget": "select", "options": people},
            {"name": "co_authors", "label": words("editor_co_authors"), "widget": "select", "options": people,
             "multiple": True, "required": False},
            _thanks(choices, words, with_for=False),
            {"name": "series", "label": words("editor_series_field"), "widget": "select", "required": False,
             "options": [_option(title, slug) for slug, title in choices.series]},
            {"name": "tags", "label": words("editor_tags"), "widget": "list", "required": False,
             "hint": words("editor_tags_hint")},
            {"name": "category", "label": words("editor_category"), "widget": "string",
             "default": choices.default_category, "hint": words("editor_category_hint", categories=categories)},
            {"name": "summary", "label": words("editor_summary"), "widget": "text",
             "hint": words("editor_summary_hint")},
            # A list of at most one: the picture is optional, but once there its alt text is required.
            {"name": "picture", "label": words("editor_picture"), "label_singular": words("editor_picture"),
             "widget": "list", "max": 1, "required": False, "collapsed": False, "summary": "{{fields.image_alt}}",
             "fields": [
                 {"name": "image", "label": words("editor_image"), "widget": "image", "choose_url": False},
                 {"name": "image_alt", "label": words("editor_image_alt"), "widget": "string",
                  "hint": words("editor_image_alt_hint")},
             ]},
            {"name": "status", "label": words("editor_status"), "widget": "select", "default": NEW_POST_STATUS,
             "options": [_option(words(f"editor_status_{status}"), status) for status in POST_STATUSES]},
            {"name": "body", "label": words("editor_body"), "widget": "markdown"},
        ],
    }


def profile_collection(choices: Choices, words) -> dict:
    def text(name, label_key, required=False):
        return {"name": name, "label": words(label_key), "widget": "string", "required": required}

    return {
        "name": "authors", "label": words("editor_profiles"), "label_singular": words("editor_profile"),
        "folder": "content/authors", "slug": "{{fields.%s}}" % FILE_NAME_FIELD, "extension": "yml",
        "format": "werkbank-profile", "create": True, "delete": False, "identifier_field": "name",
        "summary": "{{name}} · {{role}}",
        "media_folder": "/content/images/authors", "public_folder": "images/authors",
        "fields": [
            text("name", "editor_name", required=True), text("pronouns", "editor_pronouns"),
            text("role", "editor_role"), text("department", "editor_department"), text("location", "editor_location"),
            {"name": "since", "label": words("editor_since"), "widget": "datetime", "format": DAY,
             "date_format": "DD.MM.YYYY", "time_format": False, "required": False},
            {"name": "status", "label": words("editor_profile_status"), "widget": "select", "default": "active",
             "options": [_option(words(f"editor_profile_{status}"), status) for status in PROFILE_STATUSES]},
            {"name": "avatar", "label": words("editor_avatar"), "widget": "image", "required": False,
             "choose_url": False, "hint": words("editor_avatar_hint")},
            {"name": "expertise", "label": words("editor_expertise"), "widget": "list", "required": False},
            {"name": "links", "label": words("editor_links"), "widget": "object", "required": False,
             "collapsed": True,
             "fields": [{"name": network, "label": words(f"authors_link_{network}"), "widget": "string",
                         "required": False, "pattern": [HTTPS, words("editor_https")]}
                        for network in choices.networks]},
            {"name": "bio", "label": words("editor_bio"), "widget": "markdown", "required": False,
             "buttons": ["bold", "italic", "link", "bulleted-list"], "editor_components": []},
        ],
    }


def series_collection(choices: Choices, words) -> dict:
    return {
        "name": "series", "label": words("editor_series_all"), "label_singular": words("editor_series_one"),
        "folder": "content/series", "slug": "{{fields.%s}}" % FILE_NAME_FIELD, "extension": "yml",
        "format": "werkbank-series", "create": True, "delete": False, "identifier_field": "title",
        "fields": [
            {"name": "title", "label": words("editor_title"), "widget": "string"},
            {"name": "description", "label": words("editor_description"), "widget": "markdown", "required": False,
             "buttons": ["bold", "italic", "link"], "editor_components": []},
            {"name": "weekday", "label": words("editor_weekday"), "widget": "select", "required": False,
             "options": [_option(label, value) for value, label in choices.weekdays]},
            {"name": "label", "label": words("editor_label"), "widget": "string", "default": "Tipp {n}",
             "hint": words("editor_label_hint"), "pattern": ["\\{n\\}", words("editor_label_pattern")]},
            {"name": "owners", "label": words("editor_owners"), "widget": "select", "multiple": True,
             "required": False, "options": _people(choices, words)},
        ],
    }


def note_collection(choices: Choices, words) -> dict:
    thanks = _thanks(choices, words, with_for=True)
    return {
        "name": "roundups", "label": words("editor_notes"), "label_singular": words("editor_note"),
        "folder": "content/roundups", "slug": "{{fields.%s}}" % FILE_NAME_FIELD, "extension": "md",
        "format": "werkbank-note", "create": True, "identifier_field": "week",
        "summary": "{{filename}} {{title}}", "sortable_fields": ["title"],
        "fields": [
            # the file's name (2026-W47.md), typed once for a new note: not written into the file
            {"name": "week", "label": words("editor_week"), "widget": "string", "required": False,
             "hint": words("editor_week_hint"), "pattern": [ISO_WEEK, words("editor_week_pattern")]},
            {"name": "title", "label": words("editor_note_title"), "widget": "string", "required": False},
            {"name": "skip", "label": words("editor_skip"), "widget": "boolean", "required": False, "default": False},
            thanks,
            {"name": "body", "label": words("editor_intro"), "widget": "markdown", "required": False},
        ],
    }


def collections(choices: Choices, words) -> list:
    return [post_collection(choices, words), profile_collection(choices, words),
            series_collection(choices, words), note_collection(choices, words)]


# How the page's script writes each kind of file (plugins/editor/static/werkbank-editor.js):
#   keys: the file's keys in this order (others the file already had follow, unchanged);
#   quoted: text always written in "double quotes" (like make new-post), others plain when safe;
#   dates: written plain (2026-11-18 09:30), as YAML and the build read dates; other text never is;
#   keep_empty: written even when empty (make new-post writes `tags: []`);
#   flatten: a form list of one whose fields become the file's own keys (picture -> image, image_alt);
#   shorthand: list entries that are only this key are written as its value (a thanked handle);
#   file_name_from: the form field the file is named after (tools/new_post.file_slug's rule),
#     or a field that is the file name already (`file_name_is`);
#   new_id: a key that gets a random 8-hex id when a new file is saved (make new-post's `id`).
#   text_links: in the Markdown text, a link target starting with the first is written with the
#     second: Decap links a picture as images/2026/x.png, the README (and Pelican) as {static}/images/….
FILE_RULES = {
    "werkbank-post": {
        "collection": "posts", "front_matter": True, "file_name_from": "title", "new_id": "id",
        "keys": ["title", "id", "date", "modified", "author", "co_authors", "thanks", "series", "series_index",
                 "tags", "category", "summary", "image", "image_alt", "status", "slug", "lang", "aliases"],
        "quoted": ["title", "id", "summary", "image_alt"], "dates": ["date", "modified"], "keep_empty": ["tags"],
        "flatten": {"picture": ["image", "image_alt"]}, "shorthand": {"thanks": "handle"},
        "text_links": [["images/", "{static}/images/"]],
        # a post without status: is published (the build's reading): the form shows it so, instead of
        # an empty required field that only "Entwurf" (offline!) or a status line added by hand fill
        "read_defaults": {"status": "published"},
    },
    "werkbank-profile": {
        "collection": "authors", "front_matter": False, "file_name_from": "name",
        "keys": ["name", "pronouns", "role", "department", "location", "since", "status", "avatar", "expertise",
                 "links", "bio"],
        "quoted": ["name", "pronouns", "role", "department", "location"], "dates": ["since"],
    },
    "werkbank-series": {
        "collection": "series", "front_matter": False, "file_name_from": "title",
        "keys": ["title", "description", "weekday", "label", "owners"], "quoted": ["title", "label"],
    },
    "werkbank-note": {
        "collection": "roundups", "front_matter": True, "file_name_is": "week", "file_name_pattern": ISO_WEEK,
        "keys": ["title", "skip", "thanks"], "quoted": ["title"], "shorthand": {"thanks": "handle"},
        "dropped": ["week"], "text_links": [["images/", "{static}/images/"]],
    },
}
