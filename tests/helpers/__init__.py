"""Plain helpers for the tests (text builders, expected values, checker lookups), imported as `helpers.…`.

Fixtures are not here: tests get them by name from tests/conftest.py and tests/fixtures/.
"""
