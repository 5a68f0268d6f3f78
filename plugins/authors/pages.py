"""What the author pages and the authors index show, computed from plain profiles and articles."""

from __future__ import annotations

import json

from markupsafe import Markup

from shared.collation import sorted_by_name
from .profiles import Profile

def index_sections(profiles) -> dict:
    """{"active": [...], "alumni": [...]} in German alphabetical order; removed people are left out."""
    ordered = sorted_by_name(p for p in profiles if p.has_page)
    return {"active": [p for p in ordered if not p.is_alumni],
            "alumni": [p for p in ordered if p.is_alumni]}


def thanked_in(articles) -> dict:
    """{handle: articles (newest first) whose `thanks` name that handle}, in one pass."""
    found: dict = {}
    for article in articles:
        for handle in dict.fromkeys(e.get("handle") for e in getattr(article, "thanks", None) or []):
            if handle:
                found.setdefault(handle, []).append(article)
    return {handle: sorted(thanked, key=lambda a: a.date, reverse=True) for handle, thanked in found.items()}


def owned_series(handle: str, all_series) -> list:
    return [s for s in all_series or [] if handle in (getattr(s, "owners", None) or [])]


def person_json_ld(profile: Profile, site_url: str, publisher: str) -> Markup:
    """schema.org Person as JSON, safe to place inside <script type="application/ld+json">."""
    base = site_url.rstrip("/")
    person = {"@context": "https://schema.org", "@type": "Person", "name": profile.name,
              "url": f"{base}/{profile.url}"}
    if profile.role:
        person["jobTitle"] = profile.role
    organization = {"@type": "Organization", "name": publisher} if publisher else None
    if profile.department and organization:
        organization = {**organization, "department": {"@type": "Organization", "name": profile.department}}
    if organization:
        person["alumniOf" if profile.is_alumni else "worksFor"] = organization
    if profile.location:
        person["workLocation"] = {"@type": "Place", "name": profile.location}
    if profile.avatar:
        person["image"] = f"{base}/{profile.avatar}"
    if profile.expertise:
        person["knowsAbout"] = list(profile.expertise)
    if profile.links:
        person["sameAs"] = list(profile.links.values())
    text = json.dumps(person, ensure_ascii=False, indent=2, sort_keys=False)
    # "</script>" or "<!--" inside a value would end or confuse the script element. JSON-escaped,
    # so Markup: HTML-escaping it as well would put "&#34;" into the JSON.
    return Markup(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))
