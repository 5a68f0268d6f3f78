"""Site quality checks over a built output directory: links, HTML validity, browser checks.

Each module is usable on its own (plain data in, plain data out); tools/check.py and the tests
combine them.
"""
