"""Front matter text as our reader reads it back: every text value exactly as typed."""

from __future__ import annotations

import json

# YAML reads these as line breaks even inside a quoted scalar: written as escapes, they stay text.
YAML_LINE_BREAKS = {"\x85": "\\N", "\u2028": "\\L", "\u2029": "\\P"}


def yaml_text(value: str) -> str:
    """A double-quoted YAML scalar (JSON's string syntax is valid YAML) that reads back as `value`."""
    quoted = json.dumps(value, ensure_ascii=False)
    for char, escape in YAML_LINE_BREAKS.items():
        quoted = quoted.replace(char, escape)
    return quoted


def yaml_list(values) -> str:
    return "[" + ", ".join(yaml_text(v) for v in values) + "]"


def front_matter(fields: list[tuple[str, object]]) -> str:
    """`---`, one `key: value` line per field with a value, `---`. Lists are flow lists of texts;
    values that are already YAML (dates, handles) are given as `raw(...)`."""
    lines = ["---"]
    for key, value in fields:
        if value in (None, "", []):
            continue
        if isinstance(value, Raw):
            lines.append(f"{key}: {value.text}")
        elif isinstance(value, list):
            lines.append(f"{key}: {yaml_list(value)}")
        else:
            lines.append(f"{key}: {yaml_text(str(value))}")
    lines.append("---")
    return "\n".join(lines) + "\n"


class Raw:
    """A value written as it is (a handle, a date): it needs no quotes and must not get them."""

    def __init__(self, text: str):
        self.text = text

    def __eq__(self, other):
        return isinstance(other, Raw) and other.text == self.text
