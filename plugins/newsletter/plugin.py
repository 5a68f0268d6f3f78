"""Placeholder: the newsletter plugin is built in its own issue."""


def register():
    pass
