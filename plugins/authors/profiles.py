"""Author profiles: read content/authors/<handle>.yml, check every field, return a Profile.

A profile with problems is still returned (with the bad values left out) so that one build
reports every problem of every file and the articles that use the handle still resolve.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from datetime import date

from shared.dates import DateValueError, parse_day
from shared.fields import kind_of, not_text, text_list
from shared.messages import t
from shared.people import HANDLE, NETWORKS, link_problem, mentions_of
from shared.problems import WARNING, ContentProblem, did_you_mean, relative_path
from shared.yamlsource import YamlDocument, YamlSyntaxError, load_yaml_file

from .images import IMAGE_SUFFIXES, image_size

PROFILE_KEYS = ("name", "pronouns", "role", "department", "location", "since", "status",
                "avatar", "expertise", "links", "bio")
TEXT_KEYS = ("pronouns", "role", "department", "location")
STATUSES = ("active", "alumni", "removed")


@dataclass(frozen=True)
class Profile:
    """One person, as every plugin and template sees them; made once per build, never changed."""

    handle: str
    name: str
    pronouns: str | None = None
    role: str | None = None
    department: str | None = None
    location: str | None = None
    bio: str = ""  # Markdown as written; bio_html is filled by the plugin
    bio_html: str = ""
    avatar: str | None = None  # output-relative path, e.g. images/authors/jana.jpg
    avatar_size: tuple[int, int] | None = None  # (width, height) in pixels
    expertise: list = field(default_factory=list)
    links: dict = field(default_factory=dict)  # network -> https URL, in the file's order
    mentions: dict = field(default_factory=dict)  # network -> "@name@instance" where text can mention
    since: date | None = None
    status: str = "active"
    source_path: str = ""
    # files of a removed person that must not be published (their avatar, if still present)
    withheld_files: list = field(default_factory=list)
    page_url: str = ""  # from the site's URL table (AUTHOR_URL), given when the plugin loads profiles

    @property
    def has_page(self) -> bool:
        return self.status != "removed"

    @property
    def url(self) -> str | None:
        # without a URL table (unit tests of plain profiles) pelicanconf.py's AUTHOR_URL is assumed
        return (self.page_url or f"autoren/{self.handle}/") if self.has_page else None

    @property
    def is_alumni(self) -> bool:
        return self.status == "alumni"


@dataclass
class ProfileCheck:
    """Where profiles live and what the checks need to know about the site."""

    content_root: str
    static_paths: tuple = ("images",)
    removed_byline: str = "ehemalige Kollegin / ehemaliger Kollege"


def load_profiles(folder: str, check: ProfileCheck) -> tuple[dict, list[ContentProblem]]:
    """All profiles of `folder` by handle (sorted by file name) and the problems found."""
    profiles, problems = {}, []
    if not os.path.isdir(folder):
        return profiles, problems
    for file_name in sorted(os.listdir(folder)):
        path = os.path.join(folder, file_name)
        handle, suffix = os.path.splitext(file_name)
        if suffix == ".yaml":
            problems.append(ContentProblem(relative_path(path), 1,
                                           t("profile file ends in .yaml: {file}", file=file_name),
                                           t("rename it to {file}", file=f"{handle}.yml")))
            continue
        if suffix != ".yml" or file_name.startswith("."):
            continue
        if not HANDLE.match(handle):
            problems.append(ContentProblem(
                relative_path(path), 1, t("'{handle}' is not a valid handle for a profile file name", handle=handle),
                t("use lower-case letters, digits and '-', e.g. {example}", example="content/authors/jana-beispiel.yml")))
            continue
        profiles[handle], found = load_profile(handle, path, check)
        problems.extend(found)
    return profiles, problems


def load_profile(handle: str, path: str, check: ProfileCheck):
    """(Profile, problems) for one profile file; a file that is no YAML gives a stand-in profile."""
    try:
        doc = load_yaml_file(path)
    except YamlSyntaxError as error:
        return Profile(handle, handle, source_path=path), [error.problem]
    return read_profile(handle, doc, path, check)


def read_profile(handle: str, doc: YamlDocument, path: str, check: ProfileCheck):
    """(Profile, problems) for one parsed profile file."""
    shown = relative_path(path)
    problems: list[ContentProblem] = []

    def add(key_path, message, hint):
        line = doc.line(*key_path) if isinstance(key_path, tuple) else doc.line(key_path)
        problems.append(ContentProblem(shown, line, message, hint))

    data = doc.data
    if not isinstance(data, dict):
        add((), t("a profile must be YAML keys and values"),
            t("start with a line like {example}", example='name: "Jana Beispiel"'))
        return Profile(handle, handle, source_path=path), problems

    for key in data:
        if key not in PROFILE_KEYS:
            add(key, t("unknown key '{key}' in profile", key=key),
                t("{suggestion} (remove the key if it is not needed)", suggestion=did_you_mean(key, PROFILE_KEYS)))

    name = _text(data, "name", add)
    if not name:
        if "name" not in data or data.get("name") in (None, ""):
            add("name", t("missing 'name' in profile"), t("add a line like {example}", example='name: "Jana Beispiel"'))
        name = handle
    # checked in this order, so the problems come in the order of the fields
    texts = {key: _text(data, key, add) for key in TEXT_KEYS}
    bio, status, since = _text(data, "bio", add) or "", _status(data, add), _since(data, add)
    expertise, links = _expertise(data, add), _links(data, add)
    avatar, avatar_size = _avatar(data, add, check)
    profile = Profile(handle, name, **texts, bio=bio, status=status, since=since, expertise=expertise,
                      links=links, mentions=mentions_of(links), avatar=avatar, avatar_size=avatar_size,
                      source_path=path)
    if profile.status == "removed":
        leftovers = [key for key in ("avatar", "links", "bio", "pronouns", "role", "department", "location")
                     if data.get(key)]
        if leftovers:
            problems.append(ContentProblem(
                shown, doc.line("status"),
                t("profile is 'removed' but still contains: {keys} (not published)", keys=", ".join(leftovers)),
                t("for a data-protection request delete these keys and the avatar file, keep only "
                  "name and status: removed (see docs/authors.md)"), WARNING))
        profile = scrub(profile, check.removed_byline)
    return profile, problems


def either(choices) -> str:
    """'a or b or c' in the current language."""
    word = t("or")
    return f" {word} ".join(choices)


def scrub(profile: Profile, byline: str) -> Profile:
    """A person who asked to be removed: keep only the handle (to resolve articles) and a neutral name;
    their avatar, if still in content/, is withheld from the site."""
    return Profile(profile.handle, byline, status="removed", source_path=profile.source_path,
                   withheld_files=[profile.avatar] if profile.avatar else [])


def _text(data, key, add):
    value = data.get(key)
    if value is None:
        return None
    found = not_text(key, value, t('write {key}: "…" on one line (bio may use a block: bio: |)', key=key))
    if found:
        add(key, found.message, found.hint)
        return None
    text = str(value).strip()
    return text or None


def _status(data, add) -> str:
    value = data.get("status", "active")
    found = not_text("status", value, t("write status: {choices}", choices=either(STATUSES)))
    if found:
        add("status", found.message, found.hint)
        return "active"
    status = str(value).strip().lower() if value is not None else "active"
    if status not in STATUSES:
        add("status", t("unknown status '{value}' in profile", value=value),
            t("use one of: {choices}; {suggestion}", choices=", ".join(STATUSES),
              suggestion=did_you_mean(status, STATUSES)))
        return "active"
    return status


def _since(data, add):
    if data.get("since") is None:
        return None
    try:
        return parse_day(data["since"])
    except DateValueError:
        add("since", t("invalid date '{value}' in 'since'", value=data["since"]),
            t("write the first day as YYYY-MM-DD, e.g. {example}", example="since: 2024-03-01"))
        return None


def _expertise(data, add) -> list:
    topics, problems = text_list("expertise", data.get("expertise"), what=t("topics"),
                                 example="expertise: [Netzwerken, Barrierefreiheit]")
    for found in problems:
        add(found.path, found.message, found.hint)
    return [topic.strip() for _index, topic in topics if topic.strip()]


def _links(data, add) -> dict:
    value = data.get("links")
    if value is None:
        return {}
    if not isinstance(value, dict):
        add("links", t("'links' must be a mapping of network to address"),
            t("write links: on its own line, then e.g.   {example}", example='mastodon: "https://mastodon.social/@jana"'))
        return {}
    links = {}
    for network, url in value.items():
        if network not in NETWORKS:
            add(("links", network), t("unknown network '{network}' in 'links'", network=network),
                t("{suggestion} (accepted: {choices})", suggestion=did_you_mean(network, NETWORKS),
                  choices=", ".join(NETWORKS)))
            continue
        if isinstance(url, (dict, list)):
            add(("links", network), t("link '{network}' must be an address, found {kind}", network=network,
                                      kind=kind_of(url)),
                t('write {network}: "https://…" on one line', network=network))
            continue
        found = link_problem(network, url)
        if found:
            add(("links", network), *found)
            continue
        links[network] = url.strip()
    return links


def _avatar(data, add, check: ProfileCheck):
    value = data.get("avatar")
    if value is None:
        return None, None
    if not isinstance(value, str) or not value.strip():
        add("avatar", t("'avatar' must be a file path"), t("write {example}", example="avatar: images/authors/jana-beispiel.jpg"))
        return None, None
    path = value.strip()
    if "://" in path or path.startswith("//") or re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", path):
        add("avatar", t("avatar must be a local file, found the address '{address}'", address=path),
            t("save the photo under content/images/authors/ and write avatar: images/authors/<handle>.jpg "
              "(no remote avatar services: they track readers)"))
        return None, None
    relative = os.path.normpath(path.lstrip("/")).replace(os.sep, "/")
    full = os.path.join(check.content_root, relative)
    if relative.startswith("../") or not os.path.isfile(full):
        add("avatar", t("avatar file not found: '{path}' (looked for {looked_for})", path=path,
                        looked_for=relative_path(full)),
            t("check the spelling; the path is relative to content/, e.g. {example}",
              example="images/authors/jana-beispiel.jpg"))
        return None, None
    if not any(relative.startswith(folder.rstrip("/") + "/") for folder in check.static_paths):
        add("avatar", t("avatar '{path}' is not in a folder that is copied to the site", path=path),
            t("move it below {folders}", folders=either(f"content/{f}/" for f in check.static_paths)))
        return None, None
    size = image_size(full) if relative.lower().endswith(IMAGE_SUFFIXES) else None
    if size is None:
        add("avatar", t("avatar '{path}' is not a PNG, JPEG, GIF or WebP image", path=path),
            t("save the photo as .jpg, .png or .webp"))
        return None, None
    return relative, size
