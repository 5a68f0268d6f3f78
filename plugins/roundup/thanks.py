"""Who helped this week: authors, co-authors, the people in `thanks` and the editor's extra thanks.

Pure functions: plain post credits + profiles in, ordered Contributor objects out. Every person is
listed once (merged by handle; free names by their exact text), with what they did this week,
in German alphabetical order (DIN 5007-1: Ä sorts with A) and never by popularity.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import partial

from shared.collation import sorted_by_name
from shared.quotes import quote_title


@dataclass(frozen=True)
class PostCredit:
    """What the thanks need to know about one post of the week."""

    title: str
    author_handles: tuple = ()
    thanks: tuple = ()  # {"handle": h} or {"name": s, "url": https-or-None}
    series_role: str | None = None  # e.g. "Tipp 13 · #Mittwochstipp" for a series tip


@dataclass(frozen=True)
class ExtraThanks:
    """An editor's thank-you from the week's note: a handle or a free name, and what for."""

    handle: str | None = None
    name: str | None = None
    url: str | None = None
    reason: str | None = None


@dataclass
class Contributor:
    name: str
    handle: str | None = None
    profile_url: str | None = None  # site-relative profile page, e.g. "autoren/jana-beispiel/"
    links: dict = field(default_factory=dict)  # network -> https URL, in the profile's order
    roles: list = field(default_factory=list)  # phrases: "2 Beiträge", "Mitarbeit an „…“", ...
    is_newcomer: bool = False
    is_removed: bool = False


@dataclass
class _Deeds:
    """What one person did this week, collected before it is put into words."""

    handle: str | None = None
    name: str | None = None
    url: str | None = None
    posts: int = 0
    series_roles: list = field(default_factory=list)
    co_authored: list = field(default_factory=list)
    helped_with: list = field(default_factory=list)
    editor_reasons: list = field(default_factory=list)
    editor_thanked: bool = False


def _add_once(items: list, value) -> None:
    if value not in items:
        items.append(value)


def collect_deeds(posts, extra_thanks=()) -> list[_Deeds]:
    """Merge everything each person did into one record (handles and free names kept apart)."""
    people: dict[tuple, _Deeds] = {}

    def person(entry: dict) -> _Deeds:
        if entry.get("handle"):
            key = ("handle", entry["handle"])
            return people.setdefault(key, _Deeds(handle=entry["handle"]))
        key = ("name", entry["name"])
        deeds = people.setdefault(key, _Deeds(name=entry["name"]))
        deeds.url = deeds.url or entry.get("url")
        return deeds

    for post in posts:
        handles = list(post.author_handles)
        for position, handle in enumerate(handles):
            deeds = person({"handle": handle})
            if position > 0:
                _add_once(deeds.co_authored, post.title)
            elif post.series_role:
                _add_once(deeds.series_roles, post.series_role)
            else:
                deeds.posts += 1
        for entry in post.thanks:
            if entry.get("handle") in handles:
                continue  # an author thanked in their own post is already named as author
            _add_once(person(entry).helped_with, post.title)
    for extra in extra_thanks:
        deeds = person({"handle": extra.handle, "name": extra.name, "url": extra.url})
        deeds.editor_thanked = True
        if extra.reason:
            _add_once(deeds.editor_reasons, extra.reason)
    return list(people.values())


def role_phrases(deeds: _Deeds, phrases) -> list[str]:
    """What someone did, in the site's language: ["2 Beiträge", "Mitarbeit an „Titel“", ...]."""
    def titles(found):
        return phrases.join([quote_title(title, partial(phrases.text, "roundup_quoted")) for title in found])

    roles = []
    if deeds.posts:
        roles.append(phrases.count("roundup_role_posts", deeds.posts))
    roles += [phrases.text("roundup_role_series", label=label) for label in deeds.series_roles]
    if deeds.co_authored:
        roles.append(phrases.text("roundup_role_co_author", titles=titles(deeds.co_authored)))
    if deeds.helped_with:
        roles.append(phrases.text("roundup_role_thanked", titles=titles(deeds.helped_with)))
    roles += [phrases.text("roundup_role_editor_for", reason=reason) for reason in deeds.editor_reasons]
    if deeds.editor_thanked and not deeds.editor_reasons:
        roles.append(phrases.text("roundup_role_editor"))
    return roles


def contributor_of(deeds: _Deeds, profiles, newcomers, phrases) -> Contributor:
    roles = role_phrases(deeds, phrases)
    if deeds.handle is None:
        links = {"website": deeds.url} if deeds.url else {}
        return Contributor(name=deeds.name, links=links, roles=roles)
    profile = (profiles or {}).get(deeds.handle)
    if profile is None:  # an unknown handle (reported by the reader): the handle is all we have
        return Contributor(name=deeds.handle, handle=deeds.handle, roles=roles,
                           is_newcomer=deeds.handle in newcomers)
    if profile.status == "removed":
        # The person asked to be removed: the authors plugin's neutral byline, no handle, no links.
        name = profile.name or phrases.text("roundup_removed_person")
        return Contributor(name=name, roles=roles, is_removed=True)
    return Contributor(
        name=profile.name,
        handle=deeds.handle,
        profile_url=profile.url,
        links=dict(profile.links),
        roles=roles,
        # welcome people who start here, not someone whose first post is their farewell (alumni)
        is_newcomer=deeds.handle in newcomers and profile.status == "active",
    )


def contributors(posts, profiles, newcomers=frozenset(), phrases=None, extra_thanks=()) -> list[Contributor]:
    """Everyone who contributed this week, each once, in German alphabetical order."""
    people = [contributor_of(deeds, profiles, newcomers, phrases) for deeds in collect_deeds(posts, extra_thanks)]
    return sorted_by_name(people)
