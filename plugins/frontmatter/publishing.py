"""Which articles a build publishes: scheduled posts wait, duplicates are refused."""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime

from shared.messages import t
from shared.problems import ContentProblem, relative_path


def split_scheduled(articles, now: datetime):
    """(published now, scheduled for later); a post dated exactly now is published."""
    published = [a for a in articles if a.date <= now]
    scheduled = [a for a in articles if a.date > now]
    return published, scheduled


def duplicate_urls(items) -> tuple[list, list[ContentProblem]]:
    """Keep the first item per output path (by source path), report every later one."""
    by_path = defaultdict(list)
    for item in items:
        by_path[item.save_as].append(item)
    kept, problems = [], []
    for save_as, group in by_path.items():
        group.sort(key=lambda item: item.source_path)
        kept.append(group[0])
        for other in group[1:]:
            lines = getattr(other, "front_matter_lines", {})
            problems.append(ContentProblem(
                relative_path(other.source_path),
                lines.get("slug", 1),
                t("duplicate slug '{slug}': {path} is also written by {other}", slug=other.slug, path=save_as,
                  other=relative_path(group[0].source_path)),
                t("give one of them another file name or set 'slug: another-slug' in its front matter"),
            ))
    kept_ids = {id(item) for item in kept}
    return [item for item in items if id(item) in kept_ids], problems


def duplicate_ids(items) -> list[ContentProblem]:
    """Two posts with one `id` would share a feed entry id: readers would drop one of them."""
    first_with: dict = {}
    problems = []
    for item in sorted(items, key=lambda item: item.source_path):
        entry_id = str(item.metadata.get("id") or "").strip()
        if not entry_id:
            continue
        if entry_id in first_with:
            lines = getattr(item, "front_matter_lines", {})
            problems.append(ContentProblem(
                relative_path(item.source_path), lines.get("id", 1),
                t("id '{id}' is also the id of {other}", id=entry_id,
                  other=relative_path(first_with[entry_id].source_path)),
                t("every post needs its own id (feed readers tell posts apart by it): "
                  "give this one another, e.g. 8 new hex digits"),
            ))
        else:
            first_with[entry_id] = item
    return problems


def colliding_terms(items, attribute: str, key: str) -> list[ContentProblem]:
    """Two different tags (or categories) with one slug share one page: "C#" and "C++" both become
    "c". Reported at the first post that uses the second spelling."""
    first_name: dict = {}
    problems, reported = [], set()
    for item in sorted(items, key=lambda item: item.source_path):
        value = getattr(item, attribute, None)
        for term in (value if isinstance(value, list) else [value] if value else []):
            seen = first_name.setdefault(term.slug, (term.name, item))
            if seen[0] != term.name and term.name not in reported:
                reported.add(term.name)
                lines = getattr(item, "front_matter_lines", {})
                problems.append(ContentProblem(
                    relative_path(item.source_path), lines.get(key, 1),
                    t("'{name}' in '{key}' gets the same page as '{first}' ({path}): both become '{slug}'",
                      name=term.name, key=key, first=seen[0], path=relative_path(seen[1].source_path),
                      slug=term.slug),
                    t("spell both the same, or give one a name with letters of its own (e.g. 'C-Sharp')"),
                ))
    return problems
