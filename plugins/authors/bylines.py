"""Articles meet profiles: check the handles an article names, list whom it thanks."""

from __future__ import annotations

from shared.problems import ContentProblem, did_you_mean, relative_path

from .profiles import Profile


def unknown_handle_problems(source_path: str, handles: list, thanks: list, lines: dict,
                            profiles: dict, authors_dir: str = "content/authors") -> list[ContentProblem]:
    """One problem per handle in author / co_authors / thanks that has no profile."""
    shown = relative_path(source_path)
    problems = []

    def unknown(handle, key, line, extra=""):
        hint = f"no profile {authors_dir}/{handle}.yml; {did_you_mean(handle, profiles)}{extra}"
        problems.append(ContentProblem(shown, line, f"unknown {'person' if key == 'thanks' else 'author'} "
                                       f"'{handle}' in '{key}'", hint))

    for index, handle in enumerate(handles):
        if handle in profiles:
            continue
        if index == 0:
            unknown(handle, "author", lines.get("author", 1))
        else:
            line = lines.get(f"co_authors.{index - 1}", lines.get("co_authors", 1))
            unknown(handle, "co_authors", line)
    for entry in thanks:
        handle = entry.get("handle")
        if handle and handle not in profiles:
            unknown(handle, "thanks", entry.get("line") or lines.get("thanks", 1),
                    ' (for someone without a profile write - {name: "…", url: "https://…"})')
    return problems


def profile_or_placeholder(handle: str, profiles: dict) -> Profile:
    """The profile of `handle`; an unknown handle (already reported) gets a page-less stand-in."""
    if handle in profiles:
        return profiles[handle]
    return Profile(handle, handle, status="removed")


def thanks_display(thanks: list, profiles: dict) -> list[dict]:
    """[{name, url, handle}] for an article's thanks, in the order written; url links the profile."""
    shown = []
    for entry in thanks:
        handle = entry.get("handle")
        if handle:
            profile = profile_or_placeholder(handle, profiles)
            shown.append({"name": profile.name, "url": profile.url, "handle": handle})
        else:
            shown.append({"name": entry["name"], "url": entry.get("url"), "handle": None})
    return shown
