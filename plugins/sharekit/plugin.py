"""Placeholder: the sharekit plugin is built in its own issue."""


def register():
    pass
