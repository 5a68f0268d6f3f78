"""`make new-site`: see __main__.py."""
