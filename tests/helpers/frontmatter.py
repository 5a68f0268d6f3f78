"""One way to write content files in tests: an article's front matter, a profile, a series file.

Values are Python values (str, int, date/datetime, lists, dicts), written one key per line in the
order given: a scalar plain when YAML reads it back unchanged and quoted otherwise (PyYAML decides),
a list of scalars in flow style on its key's line (`tags: [a, b]`), a mapping as an indented block,
a list of mappings one `- {…}` item per line. So a key's line number is its position in the call.
Tests of YAML syntax, quoting or exact lines keep their literal text instead.
"""

from __future__ import annotations

import yaml


def _inline(value) -> str:
    """A scalar, list or mapping on one line, as YAML reads it back."""
    text = yaml.safe_dump(value, default_flow_style=True, allow_unicode=True, sort_keys=False, width=float("inf"))
    return text.removesuffix("\n...\n").rstrip("\n")


def yaml_text(fields: dict, indent: str = "") -> str:
    """`fields` as YAML lines (see the module docstring for the layout)."""
    lines = []
    for key, value in fields.items():
        if isinstance(value, dict) and value:
            lines.append(f"{indent}{key}:\n" + yaml_text(value, indent + "  ").rstrip("\n"))
        elif isinstance(value, list) and any(isinstance(item, dict) for item in value):
            lines.append(f"{indent}{key}:")
            lines += [f"{indent}  - {_inline(item)}" for item in value]
        else:
            lines.append(f"{indent}{key}: {_inline(value)}")
    return "".join(line + "\n" for line in lines)


def front_matter(fields: dict, body: str = "Text.") -> str:
    """`---`, the fields as YAML (line 2 on), `---`, then the body and a final newline."""
    return "---\n" + yaml_text(fields) + "---\n" + body + "\n"


def article(title: str, date="2026-11-19 09:30", author: str = "jana-beispiel", body: str = "Text.",
            **keys) -> str:
    """An article: title on line 2, date on line 3, author on line 4, then `keys` in order from line 5."""
    return front_matter({"title": title, "date": date, "author": author, **keys}, body)


def profile(name: str, **keys) -> str:
    """A profile file (content/authors/<handle>.yml): name on line 1, then `keys` in order."""
    return yaml_text({"name": name, **keys})


def series(title: str, label: str, **keys) -> str:
    """A series file (content/series/<slug>.yml): title on line 1, label on line 2, then `keys` in order."""
    return yaml_text({"title": title, "label": label, **keys})
