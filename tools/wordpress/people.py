"""WordPress users as our profiles: a handle from the login, the display name, never an e-mail address."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from tools.new_post import file_slug

from .frontmatter import yaml_text
from .wxr import WpAuthor


@dataclass(frozen=True)
class Person:
    handle: str
    name: str


def visible(text: str) -> str:
    """Text without invisible characters (zero-width, bidi overrides, controls) and combining marks
    stacked on letters ("Zalgo"); letters with accents are kept (NFC composes them first)."""
    composed = unicodedata.normalize("NFC", text)
    return "".join(c for c in composed if unicodedata.category(c) not in ("Cf", "Cc", "Co", "Cn", "Cs", "Mn", "Me"))


def handle_of(login: str) -> str:
    """Our handle rules (lower-case letters, digits, '-') applied to a WordPress login."""
    return file_slug(visible(login)).replace("_", "-").strip("-")


def display_name(author: WpAuthor | None, login: str) -> str:
    if author is not None:
        name = " ".join(visible(author.display_name).split())
        if name:
            return name
        name = " ".join(visible(f"{author.first_name} {author.last_name}").split())
        if name:
            return name
    return " ".join(visible(login).split()) or login


def people_of(authors: list[WpAuthor], creators: list[str], taken: dict) -> tuple[dict, list]:
    """{login as the export writes it: Person}, and the people whose profile file is to be written.

    `taken` maps handles that already have a profile file to the name in it: the same name is the same
    person (a second import), another name gets a free handle ('admin-2'). Malformed logins
    ('themereviewteam>') clean to the declared login's handle and are the same person."""
    declared = {author.login: author for author in authors}
    by_handle: dict[str, Person] = {}
    people, new = {}, []
    for login in [*declared, *creators]:
        if login in people:
            continue
        base = handle_of(login) or "autor"
        author = declared.get(login) or next((a for a in authors if handle_of(a.login) == base), None)
        name = display_name(author, login)
        if base in by_handle:
            people[login] = by_handle[base]
            continue
        handle, number = base, 1
        while handle in taken and taken[handle] != name:
            number += 1
            handle = f"{base}-{number}"
        person = by_handle[base] = people[login] = Person(handle, name)
        if handle not in taken:
            new.append(person)
            taken[handle] = name
    return people, new


def profile_text(person: Person, published: bool = True) -> str:
    """`published`: the person wrote a post the import publishes; else the profile is written with
    status: removed (every other profile gets a public page, and their posts are all unpublished)."""
    if not published:
        return (f"name: {yaml_text(person.name)}\n"
                "status: removed\n"
                "# Imported from WordPress: none of their posts is published yet, so their name is not\n"
                "# either (no author page, a neutral byline). Write status: active in the same change\n"
                "# that publishes one of their posts, or it goes out as by a former colleague.\n")
    return (f"name: {yaml_text(person.name)}\n"
            "status: active\n"
            "# Imported from WordPress. Add role, department, avatar, expertise, links and bio:\n"
            "# see docs/authors.md.\n")
