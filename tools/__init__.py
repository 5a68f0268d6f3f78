"""Command-line tools behind the Makefile: build, publish, new-post."""
