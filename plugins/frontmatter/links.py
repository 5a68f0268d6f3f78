"""Links from an article to other content ({static}, {filename}, image:) that point at nothing."""

from __future__ import annotations

import os
import re

from shared.messages import t
from shared.problems import ContentProblem, relative_path

# Pelican's intra-site link syntax inside Markdown links, images and HTML attributes.
INTERNAL_LINK = re.compile(r"\{(static|filename|attach)\}([^)\s\"'>#?]+)")


def resolve(target: str, source_path: str, content_root: str) -> str:
    """'/images/a.png' is relative to content/, 'a.png' to the article's folder (Pelican's rule)."""
    if target.startswith("/"):
        return os.path.join(content_root, target.lstrip("/"))
    return os.path.normpath(os.path.join(os.path.dirname(source_path), target))


# The image: line of a front matter (a line of the body that starts so only adds a file to check)
IMAGE_LINE = re.compile(r"^image:[ \t]*[\"']?([^\"'\n]+?)[\"']?[ \t]*$", re.MULTILINE)


def linked_files(text: str, source_path: str, content_root: str) -> list[str]:
    """The files a source's internal links and image: name. Whether each is there decides the
    problems its reading reports, so a cached reading holds only while that stays the same."""
    found = {resolve(target, source_path, content_root) for _kind, target in INTERNAL_LINK.findall(text)}
    found |= {os.path.join(content_root, image.lstrip("/")) for image in IMAGE_LINE.findall(text)}
    return sorted(found)


def missing_link_targets(text: str, source_path: str, content_root: str) -> list[ContentProblem]:
    problems = []
    for line_number, line in enumerate(text.split("\n"), start=1):
        for match in INTERNAL_LINK.finditer(line):
            kind, target = match.groups()
            if not os.path.exists(resolve(target, source_path, content_root)):
                problems.append(ContentProblem(
                    relative_path(source_path), line_number,
                    t("link to a missing file: {link}", link=f"{{{kind}}}{target}"),
                    t("check the path; {{static}}/images/… starts in content/, a path without '/' starts next to "
                      "this file"),
                ))
    return problems


def missing_image(image: str, line: int, source_path: str, content_root: str) -> list[ContentProblem]:
    if os.path.exists(os.path.join(content_root, image.lstrip("/"))):
        return []
    return [ContentProblem(
        relative_path(source_path), line, t("image file not found: '{image}'", image=image),
        t("image: is relative to content/, e.g. images/2026/bild.png; add the file or fix the path"),
    )]
