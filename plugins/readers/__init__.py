"""Reader aids. `register` imports the plugin (and Pelican) only when Pelican loads it: the tools
run Pagefind through readers.search_index from a small process that has no Pelican (tools/build.py)."""


def register():
    from .plugin import register as connect

    connect()
