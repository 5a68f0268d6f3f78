"""Placeholder: the roundup plugin is built in its own issue."""


def register():
    pass
