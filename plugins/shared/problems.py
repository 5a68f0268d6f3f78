"""Content problems: one message per problem with where, what, found and fix.

Plugins call `report(...)`; the build tool (tools/build.py) collects the records, prints them
sorted by file and decides the exit status. Plain `pelican` runs just log them.
"""

from __future__ import annotations

import difflib
import logging
import os
from dataclasses import dataclass

from shared.messages import Text, t

logger = logging.getLogger("blog.content")

# Set by the tests: every problem's text must come from the catalogs (see plugins/shared/messages.py).
STRICT_MESSAGES = os.environ.get("WERKBANK_STRICT_MESSAGES") == "1"

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True, order=True)
class ContentProblem:
    path: str
    line: int
    message: str
    hint: str = ""
    severity: str = ERROR
    # A warning that `make publish` (and deploy) refuses: text that must be replaced before the site
    # goes live, e.g. the legal pages `make new-site` writes. Previews and `make check` only list it.
    blocks_publish: bool = False

    def __post_init__(self):
        if STRICT_MESSAGES:
            for name in ("message", "hint"):
                text = getattr(self, name)
                if text and not isinstance(text, Text):
                    raise TypeError(f"{self.path}:{self.line}: the problem's {name} {text!r} did not go through "
                                    "t() (plugins/shared/messages.py), so it has no translation")

    def format(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        text = f"{where}: {self.message}"
        if self.hint:
            text += "\n    " + self.hint.replace("\n", "\n    ")
        return text


def relative_path(path: str, base: str | None = None) -> str:
    """Show paths the way an author sees them in git: relative to the project."""
    base = base or os.getcwd()
    try:
        rel = os.path.relpath(path, base)
    except ValueError:
        return str(path)
    return str(path) if rel.startswith("..") else rel


def report(problem: ContentProblem) -> None:
    level = logging.ERROR if problem.severity == ERROR else logging.WARNING
    logger.log(level, "%s", problem.format(), extra={"content_problem": problem})


def problem(path, line, message, hint="", severity=ERROR) -> None:
    report(ContentProblem(relative_path(str(path)), int(line or 0), message, hint, severity))


def did_you_mean(value: str, choices) -> str:
    """Click-style suggestion, or a list of what is accepted."""
    choices = sorted(str(c) for c in choices)
    close = difflib.get_close_matches(str(value), choices, n=1, cutoff=0.6)
    if close:
        return t("did you mean '{choice}'?", choice=close[0])
    if not choices:
        return t("none are defined yet")
    if len(choices) <= 12:
        return t("known: {choices}", choices=", ".join(choices))
    return t("{count} known, e.g. {choices}, …", count=len(choices), choices=", ".join(choices[:8]))


class ProblemCollector(logging.Handler):
    """Collects content problems and any other error record of one build."""

    def __init__(self):
        super().__init__(level=logging.WARNING)
        self.problems: list[ContentProblem] = []
        self.other_errors: list[str] = []
        self.other_warnings: list[str] = []  # Pelican's own, e.g. a theme file it cannot find

    def emit(self, record: logging.LogRecord) -> None:
        found = getattr(record, "content_problem", None)
        if found is not None:
            self.problems.append(found)
        elif record.levelno >= logging.ERROR:
            self.other_errors.append(record.getMessage())
        else:
            self.other_warnings.append(record.getMessage())

    @property
    def errors(self) -> list[ContentProblem]:
        return sorted(p for p in self.problems if p.severity == ERROR)

    @property
    def warnings(self) -> list[ContentProblem]:
        return sorted(p for p in self.problems if p.severity == WARNING)
