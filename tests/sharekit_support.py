"""Helpers for the share-kit tests: the real post wording and reading names back out of posts."""

from pathlib import Path

from shared.yamlsource import load_yaml_file
from sharekit.threads import Wording

ROOT = Path(__file__).resolve().parent.parent


def wording(lang: str = "de") -> Wording:
    strings = load_yaml_file(str(ROOT / "theme" / "strings" / lang / "sharekit.yml")).data
    return Wording.from_strings(strings)


def named_lines(posts: list[str], names: list[str]) -> list[str]:
    """Every line of the posts that is one of `names`, in order (names stand on their own lines)."""
    wanted = set(names)
    return [line for post in posts for line in post.split("\n") if line in wanted]
