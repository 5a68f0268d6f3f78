"""The import report: counts per type and outcome, every item not published as it was, and what to do next."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from enum import Enum

from pelican.utils import slugify

SKIPPED_TYPES = {
    "nav_menu_item": "menu items", "revision": "revisions", "wp_navigation": "navigation menus",
    "wp_global_styles": "global styles", "wp_block": "reusable blocks (inlined where a post uses them)",
    "wp_template": "templates", "wp_template_part": "template parts", "custom_css": "custom CSS",
    "customize_changeset": "customizer drafts", "oembed_cache": "embed caches", "user_request": "privacy requests",
    "wp_font_family": "fonts", "wp_font_face": "fonts",
}


class Outcome(str, Enum):
    PUBLISHED = "published"
    SCHEDULED = "scheduled (published at its date)"
    DRAFTED = "draft"
    UNCHANGED = "already imported, left as it is"


@dataclass
class Report:
    source: str
    dry_run: bool
    types: Counter = field(default_factory=Counter)
    outcomes: Counter = field(default_factory=Counter)  # (post type, outcome) -> count
    not_as_before: list = field(default_factory=list)  # (type, title, reason)
    skipped: list = field(default_factory=list)  # (type, title, reason) of posts/pages left out
    shortcodes: list = field(default_factory=list)  # (title, what)
    removed: list = field(default_factory=list)  # (title, tag)
    people: list = field(default_factory=list)
    new_people: list = field(default_factory=list)
    unpublished_people: list = field(default_factory=list)  # handles whose posts are all drafts here
    comments: Counter = field(default_factory=Counter)
    written: list = field(default_factory=list)
    taken: list = field(default_factory=list)  # (wanted path, used path)
    roundup_start: str | None = None
    files_copied: int = 0
    files_missing: list = field(default_factory=list)
    attachments_unused: int = 0
    _spellings: dict = field(default_factory=dict)
    numbered: list = field(default_factory=list)  # (kind, WordPress id, new address) of what is published
    respelled: dict = field(default_factory=dict)  # (kind, name as in WordPress) -> the spelling written

    def skip(self, item, reason: str) -> None:
        self.skipped.append((item.post_type, item.title or f"#{item.post_id}", reason))

    def outcome(self, entry, outcome: Outcome) -> None:
        self.outcomes[(entry.kind, outcome)] += 1
        if outcome != Outcome.UNCHANGED:
            for reason in entry.reasons:
                self.not_as_before.append((entry.kind, entry.item.title or f"#{entry.item.post_id}", reason))

    def findings(self, item, findings, removed) -> None:
        title = item.title or f"#{item.post_id}"
        self.shortcodes += [(title, what) for what in [*findings.unknown_shortcodes, *findings.dropped_blocks]]
        self.removed += [(title, tag) for tag in dict.fromkeys(removed)]

    def spelling(self, name: str, kind: str = "tag", noted: dict | None = None) -> str:
        """One spelling per slug for tags and categories (the first one met: the site's own, then the
        export's); another spelling of one address is written as that one, and the report says so
        (`noted`: kept there until the item's file is known to be written)."""
        used = self._spellings.setdefault((kind, slugify(name)), name)
        if used != name:
            (self.respelled if noted is None else noted)[(kind, name)] = used
        return used

    def format(self) -> str:
        lines = [f"WordPress import of {self.source}" + (" (DRY_RUN: nothing was written)" if self.dry_run else "")]
        lines.append("")
        lines.append("Items in the export:")
        for post_type, count in sorted(self.types.items()):
            what = "imported" if post_type in ("post", "page") else (
                "copied where used" if post_type == "attachment" else f"skipped ({SKIPPED_TYPES.get(post_type, 'not content of a blog')})")
            lines.append(f"  {post_type:<22} {count:>5}  {what}")
        lines.append("")
        lines.append("Posts and pages:")
        for (kind, outcome), count in sorted(self.outcomes.items(), key=lambda e: (e[0][0], e[0][1].value)):
            lines.append(f"  {kind:<6} {outcome.value:<34} {count:>5}")
        for kind, title, reason in self.skipped:
            lines.append(f"  {kind:<6} left out: {title!r}: {reason}")
        if self.not_as_before:
            lines.append("")
            lines.append("Not published as in WordPress (each is a draft until an editor fixes it):")
            for kind, title, reason in dict.fromkeys(self.not_as_before):
                lines.append(f"  {kind} {title!r}: {reason}")
        if self.shortcodes:
            lines.append("")
            lines.append("Removed shortcodes and blocks (their text was kept):")
            for title, what in dict.fromkeys(self.shortcodes):
                lines.append(f"  {title!r}: {what}")
        if self.removed:
            lines.append("")
            lines.append("Left out of bodies (scripts, styles, forms; iframes, video and audio became links):")
            counts = Counter(tag for _title, tag in self.removed)
            lines.append("  " + ", ".join(f"<{tag}> in {count} item(s)" for tag, count in sorted(counts.items())))
        lines.append("")
        lines.append(f"Pictures and files: {self.files_copied} to copy into content/images/wordpress/, "
                     f"{len(self.files_missing)} not found (UPLOADS: a copy of wp-content/uploads or its address), "
                     f"{self.attachments_unused} attachment(s) that no imported post uses (not copied)")
        lines.append("")
        lines.append(f"People: {len(self.people)} ({len(self.new_people)} new profiles in content/authors/; "
                     "no e-mail addresses are imported)")
        for handle, name in self.people:
            lines.append(f"  {handle}: {name}")
        if self.unpublished_people:
            lines.append(f"  without a published post here, so status: removed (no page, name not shown) until one "
                         f"is: {', '.join(self.unpublished_people)} (write status: active in the change that "
                         "publishes it)")
        total = sum(self.comments.values())
        approved = self.comments.get("1", 0)
        lines.append("")
        lines.append(f"Comments: {total} in the export, none imported ({approved} approved, "
                     f"{total - approved} pending, spam or trashed); see the README on comments")
        if self.taken:
            lines.append("")
            lines.append("Taken names (the item got a free one):")
            lines += [f"  {wanted} -> {used}" for wanted, used in self.taken]
        if self.numbered:
            lines.append("")
            lines.append("Old numbered addresses: WordPress answered /?p=<id> and /?page_id=<id> too. A static host "
                         "cannot; one web-server line each can (docs/deploy.md, 'old addresses'):")
            lines += [f"  /?{'page_id' if kind == 'page' else 'p'}={number} -> {address}"
                      for kind, number, address in self.numbered]
        if self.respelled:
            lines.append("")
            lines.append("Written as the spelling that has its address already (change it in both, if you like):")
            lines += [f"  {kind} {name!r} -> {used!r}" for (kind, name), used in sorted(self.respelled.items())]
        if self.roundup_start:
            lines.append("")
            lines.append(f"Weekly roundups start with {self.roundup_start} (ROUNDUP_START in pelicanconf.py): "
                         "no roundups, newsletters or #FollowFriday posts for the imported history")
        lines.append("")
        if self.dry_run:
            lines.append(f"DRY_RUN: {len(self.written)} file(s) would be written. Run again without DRY_RUN=1 to import.")
        else:
            lines.append(f"Written: {len(self.written)} file(s) below content/.")
            lines.append("Next: make check (fix what it names), read the drafts listed above, then open a merge request.")
        return "\n".join(lines)
