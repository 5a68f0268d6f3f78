"""Articles meet profiles: check the handles an article names, list whom it thanks."""

from __future__ import annotations

from shared.problems import ContentProblem
from shared.references import unknown_author_problems

from shared.post import ThanksShown

from .profiles import Profile


def unknown_handle_problems(source_path: str, handles: list, thanks: list, lines: dict,
                            profiles: dict, authors_dir: str = "content/authors") -> list[ContentProblem]:
    """One problem per handle in author / co_authors / thanks that has no profile (shared rule)."""
    return unknown_author_problems(source_path, handles, thanks, lines, profiles, authors_dir)


def profile_or_placeholder(handle: str, profiles: dict) -> Profile:
    """The profile of `handle`; an unknown handle (already reported) gets a page-less stand-in."""
    if handle in profiles:
        return profiles[handle]
    return Profile(handle, handle, status="removed")


def thanks_display(thanks: list, profiles: dict) -> tuple[ThanksShown, ...]:
    """An article's thanks in the order written; a profile's url is its page."""
    shown = []
    for entry in thanks:
        handle = entry.get("handle")
        if handle:
            profile = profile_or_placeholder(handle, profiles)
            shown.append(ThanksShown(profile.name, profile.url, handle))
        else:
            shown.append(ThanksShown(entry["name"], entry.get("url")))
    return tuple(shown)
