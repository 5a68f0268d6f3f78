"""Placeholder: the authors plugin is built in its own issue."""


def register():
    pass
