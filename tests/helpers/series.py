"""Content for the series tests: series files and tips.

MITTWOCHSTIPP stays literal YAML: the series checks edit its text and assert the lines of their edits.
"""

from helpers.frontmatter import article, series

MITTWOCHSTIPP = """\
title: "#Mittwochstipp"
description: "Jeden **Mittwoch** ein kurzer Tipp für besseres Netzwerken."
weekday: wednesday
label: "Tipp {n}"
owners: [jana-beispiel, tom-muster]
"""

# A one-owner series for edit tests (preview, content cache): they replace words in its text.
SHORT_SERIES = """\
title: "#Mittwochstipp"
description: "Jeden Mittwoch ein Tipp."
weekday: wednesday
label: "Tipp {n}"
owners: [jana-beispiel]
"""

WERKSTATTBESUCH = series("#Werkstattbesuch", "Teil {n}",
                         description="Wir schauen Kolleginnen und Kollegen über die Schulter.",
                         weekday="monday", owners=["tom-muster"])


def tip(title, date, series="mittwochstipp", author="jana-beispiel", **keys):
    """A tip with the series on line 5, its summary on line 6 and any further keys (series_index, status)
    from line 7."""
    return article(title, date, author, body="Ein Absatz Text.", series=series,
                   summary=f"Worum es in {title} geht.", **keys)
