"""Placeholder: the feeds plugin is built in its own issue."""


def register():
    pass
