"""Read YAML and remember on which line every value starts, for messages like `file:12: ...`."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import yaml

from shared.messages import t

from .problems import ContentProblem, relative_path


class YamlSyntaxError(ValueError):
    def __init__(self, problem: ContentProblem):
        super().__init__(problem.format())
        self.problem = problem


@dataclass
class YamlDocument:
    """Plain data plus the 1-based line of every key path, e.g. ("thanks", 1) -> 7."""

    data: object
    lines: dict = field(default_factory=dict)
    first_line: int = 1
    # Scalars as written, for values YAML would change: `id: 0012` is the number 10 (octal) to YAML.
    source_text: dict = field(default_factory=dict)

    def line(self, *path) -> int:
        """Line of the deepest known node on `path`, falling back to the document start."""
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return self.first_line


# libyaml's parser when PyYAML has it (about 10x faster); its nodes carry the same marks.
_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _LineLoader(_BaseLoader):
    """SafeLoader that keeps line numbers and leaves dates as text.

    YAML would turn `2026-11-18` into a date but `2026-11-18 09:30` into a string and drop
    offsets inconsistently; we parse every date ourselves (shared.dates) so all forms agree.
    """


_LineLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in _BaseLoader.yaml_implicit_resolvers.items()
}


def _construct_with_lines(loader, node, path, lines, offset, source_text):
    lines[path] = node.start_mark.line + 1 + offset
    if isinstance(node, yaml.MappingNode):
        loader.flatten_mapping(node)
        result = {}
        for key_node, value_node in node.value:
            key = loader.construct_object(key_node, deep=True)
            if not isinstance(key, (str, int, float, bool)) or key is None:
                key = str(key)
            result[key] = _construct_with_lines(loader, value_node, path + (key,), lines, offset, source_text)
            # a key's line is where the key is written, not where a block value starts
            lines[path + (key,)] = key_node.start_mark.line + 1 + offset
        return result
    if isinstance(node, yaml.SequenceNode):
        return [
            _construct_with_lines(loader, item, path + (index,), lines, offset, source_text)
            for index, item in enumerate(node.value)
        ]
    source_text[path] = node.value
    return loader.construct_object(node, deep=True)


def _unreadable_character(error, text: str, path: str, line_offset: int) -> YamlSyntaxError:
    """A control character (e.g. pasted from a chat), which YAML refuses: say which and where."""
    # libyaml counts bytes, PyYAML characters: find the character itself instead
    position = text.find(chr(error.character))
    line = text.count("\n", 0, position if position >= 0 else max(error.position, 0)) + 1 + line_offset
    return YamlSyntaxError(ContentProblem(
        relative_path(path), line,
        t("invisible character U+{code} is not allowed in YAML", code=f"{error.character:04X}"),
        t('delete it (often pasted from Word or a chat); to write one on purpose use an escape in double quotes, '
          'e.g. "\\t"'),
    ))


def load_yaml(text: str, path: str, line_offset: int = 0) -> YamlDocument:
    """Parse one YAML document; syntax errors become a ContentProblem with file and line."""
    try:
        loader = _LineLoader(text)
    except yaml.reader.ReaderError as error:
        raise _unreadable_character(error, text, path, line_offset) from None
    try:
        node = loader.get_single_node()
        lines: dict = {}
        if node is None:
            return YamlDocument({}, lines, line_offset + 1)
        source_text: dict = {}
        data = _construct_with_lines(loader, node, (), lines, line_offset, source_text)
        return YamlDocument(data, lines, line_offset + 1, source_text)
    except yaml.reader.ReaderError as error:  # libyaml finds it only while parsing
        raise _unreadable_character(error, text, path, line_offset) from None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        lines = text.rstrip("\n").split("\n")
        if error.context_mark and (mark.line >= len(lines) or _next_key_in_flow(error, lines)):
            # "end of file", or the next key: point at where the unclosed [ or { started
            mark = error.context_mark
        opened = _unclosed_quote(text, mark) if mark else None
        if opened is not None:  # the parser read on to the next " and stumbled there
            raise YamlSyntaxError(ContentProblem(
                relative_path(path), opened + 1 + line_offset,
                t("YAML syntax error: the \" that starts this value is not closed in its line"),
                t('close it at the end of the value: title: "Mein Titel" (a " inside the text is written \\")'),
            )) from None
        line = (mark.line + 1 + line_offset) if mark else line_offset + 1
        what = error.problem or t("invalid YAML")
        if error.context:
            what = f"{error.context}, {what}"
        raise YamlSyntaxError(
            ContentProblem(
                relative_path(path),
                line,
                t("YAML syntax error: {what}", what=what),
                t("check indentation and quoting; values with ':' or '#' need \"double quotes\""),
            )
        ) from None
    except yaml.YAMLError as error:
        raise YamlSyntaxError(
            ContentProblem(relative_path(path), line_offset + 1, t("YAML error: {error}", error=str(error)))
        ) from None
    finally:
        loader.dispose()


def _next_key_in_flow(error, lines: list[str]) -> bool:
    """Whether a [ or { was left open and the parser met the next `key:` (the problem is the ':')."""
    mark = error.problem_mark
    if not (error.context or "").startswith("while parsing a flow") or mark is None or mark.line >= len(lines):
        return False
    line = lines[mark.line]
    key = r"\s*(?:[\w-]+|\"[^\"]*\"|'[^']*')\s*"  # a key, plain or quoted
    return line[mark.column:mark.column + 1] == ":" and re.fullmatch(key, line[:mark.column]) is not None


def _unclosed_quote(text: str, mark) -> int | None:
    """The line where a "double-quoted" value opens when the parser failed right after it and it runs
    over several lines: an unclosed " that YAML read on to the next " (0-based), else None."""
    last = None
    try:
        for token in yaml.scan(text, Loader=_BaseLoader):  # the parser's own scanner (libyaml's if there)
            if (token.start_mark.line, token.start_mark.column) >= (mark.line, mark.column):
                break
            last = token
    except yaml.YAMLError:
        pass
    if (isinstance(last, yaml.ScalarToken) and last.style == '"' and last.end_mark.line > last.start_mark.line
            and last.end_mark.line == mark.line):  # it ends where the parser stumbled: at the next "
        return last.start_mark.line
    return None


def load_yaml_file(path: str) -> YamlDocument:
    with open(path, encoding="utf-8") as handle:
        return load_yaml(handle.read(), path)


FENCE = "---"


def split_front_matter(text: str) -> tuple[str | None, str, int]:
    """Return (yaml_text, markdown_body, line_offset_of_yaml). yaml_text is None without a fence."""
    text = text.lstrip("\ufeff")
    lines = text.split("\n")
    if not lines or lines[0].strip() != FENCE:
        return None, text, 0
    for index in range(1, len(lines)):
        if lines[index].strip() in (FENCE, "..."):
            return "\n".join(lines[1:index]), "\n".join(lines[index + 1 :]), 1
    return "\n".join(lines[1:]), "", -1
