"""Pelican's lists of posts per topic, category and author, with a membership test that does not
compare every post.

Pelican's generate_tags, generate_categories and generate_authors make each listing's `dates`
as `[article for article in self.dates if article in articles]`: every post of the site tested
against every post of every listing. At 5,000 posts that is some 30 million comparisons, about
1 s of every build (the preview's too), for lists whose members are known.
"""

from __future__ import annotations

from collections import defaultdict


class PostList(list):
    """A list of posts whose `in` looks the post up by identity in a set (made on first use, and
    made again after any change), as `list.__contains__` finds a post: posts have no `__eq__`."""

    __slots__ = ("_members",)

    def __init__(self, *args):
        super().__init__(*args)
        self._members = None

    def __reduce__(self):  # a copy (pickle, copy) makes its own set: ids are not the copy's
        return (type(self), (list(self),))

    def __contains__(self, value) -> bool:
        if type(value).__eq__ is not object.__eq__:  # a value that may equal another: as a list asks
            return list.__contains__(self, value)
        members = self._members
        if members is None:
            members = self._members = {id(item) for item in self}
        return id(value) in members


def _forgetting_members(name: str):
    change = getattr(list, name)

    def changed(self, *args):
        self._members = None
        return change(self, *args)

    changed.__name__ = name
    return changed


for _name in ("append", "extend", "insert", "remove", "pop", "clear", "__setitem__", "__delitem__",
              "__iadd__", "__imul__"):
    setattr(PostList, _name, _forgetting_members(_name))


def use_post_lists(generator) -> None:
    """article_generator_pretaxonomy: Pelican fills these right after; an empty one only (another
    plugin that filled one keeps its lists)."""
    for name in ("tags", "categories", "authors"):
        found = getattr(generator, name, None)
        if isinstance(found, defaultdict) and not found and found.default_factory is list:
            setattr(generator, name, defaultdict(PostList))
