"""Handles and series an article names that have no file: the one rule, "no such profile / series file".

The authors and series plugins apply it to the articles Pelican read; the front-matter reader
applies it to a file it skips for other mistakes, so the author sees every problem in one run.
"""

from __future__ import annotations

import os

from shared.messages import t

from .problems import ContentProblem, did_you_mean, relative_path


def names_in(folder: str, suffixes=(".yml",)) -> set[str]:
    """File names without suffix, e.g. the handles of content/authors/*.yml."""
    if not os.path.isdir(folder):
        return set()
    return {os.path.splitext(name)[0] for name in os.listdir(folder)
            if name.endswith(suffixes) and not name.startswith(".")}


def no_profile_hint(handle: str, known, authors_dir: str = "content/authors") -> str:
    """What every "unknown author / person / owner" message says about the missing profile."""
    return t("no profile {path}; {suggestion}", path=f"{authors_dir}/{handle}.yml",
             suggestion=did_you_mean(handle, known))


def unknown_author_problems(source_path: str, handles: list, thanks: list, lines: dict,
                            known, authors_dir: str = "content/authors") -> list[ContentProblem]:
    """One problem per handle in author (handles[0]) / co_authors / thanks that has no profile."""
    problems = []

    def unknown(handle, key, line):
        hint = no_profile_hint(handle, known, authors_dir)
        if key == "thanks":
            message = t("unknown person '{handle}' in '{key}'", handle=handle, key=key)
            hint = t('{hint} (for someone without a profile write - {{name: "…", url: "https://…"}})', hint=hint)
        else:
            message = t("unknown author '{handle}' in '{key}'", handle=handle, key=key)
        problems.append(ContentProblem(relative_path(source_path), line, message, hint))

    for index, handle in enumerate(handles):
        if handle in known:
            continue
        if index == 0:
            unknown(handle, "author", lines.get("author", 1))
        else:
            line = lines.get(f"co_authors.{index - 1}", lines.get("co_authors", 1))
            unknown(handle, "co_authors", line)
    for entry in thanks:
        handle = entry.get("handle")
        if handle and handle not in known:
            unknown(handle, "thanks", entry.get("line") or lines.get("thanks", 1))
    return problems


def unknown_series_problem(source_path: str, slug: str, line: int, known,
                           series_dir: str = "content/series") -> ContentProblem | None:
    if not slug or slug in known:
        return None
    return ContentProblem(relative_path(source_path), line, t("unknown series '{slug}' in 'series'", slug=slug),
                          t("no file {path}; {suggestion}", path=f"{series_dir}/{slug}.yml",
                            suggestion=did_you_mean(slug, known)))


def unknown_reference_problems(source_path: str, values: dict, lines: dict, known_authors, known_series,
                               authors_dir: str = "content/authors",
                               series_dir: str = "content/series") -> list[ContentProblem]:
    """Both checks for one file's checked front-matter values; None skips a check (plugin not in use)."""
    problems = []
    if known_authors is not None and values.get("author"):
        handles = [values["author"], *values.get("co_authors", [])]
        problems += unknown_author_problems(source_path, handles, values.get("thanks", []), lines,
                                            known_authors, authors_dir)
    if known_series is not None:
        found = unknown_series_problem(source_path, values.get("series"), lines.get("series", 1),
                                       known_series, series_dir)
        problems += [found] if found else []
    return problems
