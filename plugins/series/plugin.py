"""Placeholder: the series plugin is built in its own issue."""


def register():
    pass
