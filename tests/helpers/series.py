"""Content snippets for the series tests: series files and tips."""

MITTWOCHSTIPP = """\
title: "#Mittwochstipp"
description: "Jeden **Mittwoch** ein kurzer Tipp für besseres Netzwerken."
weekday: wednesday
label: "Tipp {n}"
owners: [jana-beispiel, tom-muster]
"""

WERKSTATTBESUCH = """\
title: "#Werkstattbesuch"
description: "Wir schauen Kolleginnen und Kollegen über die Schulter."
weekday: monday
label: "Teil {n}"
owners: [tom-muster]
"""


def tip(title, date, series="mittwochstipp", extra="", author="jana-beispiel"):
    """A tip with the series on line 5 and any extra keys (series_index, status) from line 7."""
    return (
        "---\n"
        f'title: "{title}"\n'
        f"date: {date}\n"
        f"author: {author}\n"
        f"series: {series}\n"
        f'summary: "Worum es in {title} geht."\n'
        f"{extra}"
        "---\n"
        "Ein Absatz Text.\n"
    )
