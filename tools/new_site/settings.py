"""Rewrite assignments of a settings file (pelicanconf.py, publishconf.py) in place.

A setting that is assigned at the top level is replaced where it stands (its comment line above
stays, a comment after it is replaced by ours); a setting that is not there is appended in a section
of its own. Found with Python's own parser, so values over several lines are replaced whole.
"""

from __future__ import annotations

import ast
import io
import json
import tokenize


class Code(str):
    """Python source written as it is, e.g. os.environ.get("SITEURL", "https://blog.example")."""


def python_value(value) -> str:
    """The value as Python source, strings in double quotes like the rest of pelicanconf.py."""
    if isinstance(value, Code):
        return str(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, (list, tuple)):
        inner = ", ".join(python_value(item) for item in value)
        return f"[{inner}]" if isinstance(value, list) else f"({inner}{',' if len(value) == 1 else ''})"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{python_value(k)}: {python_value(v)}" for k, v in value.items()) + "}"
    return repr(value)


def _assignments(source: str) -> dict[str, tuple[int, int]]:
    """NAME -> (first line, last line), 1-based, of each top-level `NAME = …`."""
    found = {}
    for node in ast.parse(source).body:
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            found[node.targets[0].id] = (node.lineno, node.end_lineno)
    return found


def set_values(source: str, values: dict, comments: dict | None = None, section: str = "") -> str:
    """`source` with each NAME of `values` assigned its value (comments: NAME -> trailing comment).

    The last assignment of a name wins in Python, so that is the one replaced."""
    comments = comments or {}
    lines = source.split("\n")
    missing = []
    # from the bottom up, so the line numbers of the assignments above stay right
    spans = _assignments(source)
    kept = _trailing_comments(source)
    for name in sorted((n for n in values if n in spans), key=lambda n: spans[n][0], reverse=True):
        first, last = spans[name]
        comment = comments.get(name) or kept.get(last)
        lines[first - 1:last] = _assignment(name, values[name], comment).split("\n")
    for name in values:
        if name not in spans:
            missing.append(_assignment(name, values[name], comments.get(name)))
    text = "\n".join(lines)
    if missing:
        text = text.rstrip("\n") + "\n\n" + (f"# --- {section} ---\n" if section else "") + "\n".join(missing) + "\n"
    ast.parse(text)  # what we write must stay valid Python
    return text


def _trailing_comments(source: str) -> dict[int, str]:
    """line -> the comment that ends it (without '# '), for comments after code."""
    found, code_lines = {}, set()
    for token in tokenize.generate_tokens(io.StringIO(source).readline):
        if token.type == tokenize.COMMENT and token.start[0] in code_lines:
            found[token.start[0]] = token.string.lstrip("#").strip()
        elif token.type not in (tokenize.NL, tokenize.NEWLINE, tokenize.INDENT, tokenize.DEDENT, tokenize.COMMENT):
            code_lines.add(token.start[0])
    return found


def _assignment(name: str, value, comment: str | None) -> str:
    text = f"{name} = {python_value(value)}"
    if comment:
        if "\n" in text:
            return f"# {comment}\n{text}"
        return f"{text}  # {comment}"
    return text


def get_value(source: str, name: str):
    """The literal value assigned to NAME at the top level (None when absent or not a literal)."""
    for node in ast.parse(source).body:
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name) \
                and node.targets[0].id == name:
            try:
                return ast.literal_eval(node.value)
            except ValueError:
                return None
    return None
