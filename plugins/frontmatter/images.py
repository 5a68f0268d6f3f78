"""Images in an article's text need alt text; `{: .decorative}` marks the few that are only decoration.

We look at the HTML Markdown made, not at the source, so images in code blocks and inline code
(which are text there) are never flagged and raw HTML <img> tags are checked the same way.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from shared.messages import t
from shared.problems import ContentProblem, relative_path

DECORATIVE = "decorative"
IMG_TAG = re.compile(r"<img\b[^>]*>", re.IGNORECASE)  # in code, Markdown wrote &lt;img instead
EMPTY_ALT = re.compile(r"!\[\s*\]")  # ![](…) and ![][ref]: a reference image's file is named further down


class _Images(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[dict] = []

    def handle_starttag(self, tag, attrs):
        if tag == "img":
            self.found.append({name: value or "" for name, value in attrs})


def images_without_alt(html: str) -> list[dict]:
    """Attributes of every <img> with no alt text that is not marked decorative."""
    if "<img" not in html:
        return []
    parser = _Images()
    parser.feed("".join(IMG_TAG.findall(html)))  # only the tags: parsing a whole post costs more
    return [attrs for attrs in parser.found if not attrs.get("alt", "").strip() and not _decorative(attrs)]


def _decorative(attrs: dict) -> bool:
    # Markdown always writes alt=""; raw HTML must too, or the page would not say "skip me"
    return DECORATIVE in attrs.get("class", "").split() and "alt" in attrs


def _empty_alt(line: str) -> bool:
    return bool(EMPTY_ALT.search(line)) and DECORATIVE not in line


def missing_alt_problems(html: str, body: str, body_line: int, source_path: str) -> list[ContentProblem]:
    """One problem per image without alt text, at the next body line that names its file or has ![]."""
    problems, lines, cursor, used = [], body.split("\n"), 0, {}

    def has_room(i):  # a line holds as many images as it has "![" and "<img" (several may share one)
        return lines[i].count("![") + lines[i].count("<img") > used.get(i, 0)

    for attrs in images_without_alt(html):
        src = attrs.get("src", "")
        line = next((i for i in range(cursor, len(lines))
                     if ((src and src in lines[i]) or _empty_alt(lines[i])) and has_room(i)), None)
        if line is not None:
            cursor, used[line] = line, used.get(line, 0) + 1
        problems.append(ContentProblem(
            relative_path(source_path), body_line + (line if line is not None else 0),
            t("image without alt text: '{src}'", src=src),
            t("describe the picture: ![Zwei Kolleginnen am Whiteboard](…) (it is read aloud to blind readers); "
              'for pure decoration write ![](…){{: .decorative}} (in HTML: class="decorative" alt="")'),
        ))
    return problems


FIRST_IMAGE_SOURCE = re.compile(r"""<img\b[^>]*?\bsrc=["']([^"']*)["']""", re.IGNORECASE)


def body_repeats_image(content_html: str, image: str) -> bool:
    """Whether the body's first picture is the post's `image:`: the page then shows it once, in the
    text (where it may have its caption), not a second time above it."""
    found = FIRST_IMAGE_SOURCE.search(content_html)
    if not found:
        return False
    source = found.group(1).split("?", 1)[0]
    for marker in ("{static}", "{attach}", "{filename}", "|static|"):
        source = source.removeprefix(marker)
    return source.lstrip("/") == image.lstrip("/")
