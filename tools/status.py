"""`make status`: what goes live next and when, for editors.

    python -m tools.status [--settings pelicanconf.py] [--content DIR] [--ledger newsletter/sent.json]

Scheduled posts (title, author, time), the next roundup's cut-off with the posts and people it
would thank so far, whether the week that closed last was sent as a newsletter, and the drafts
waiting for review. It builds the site into a scratch folder (with the build's "now", so
SOURCE_DATE_EPOCH works as everywhere) and reads what the plugins decided; nothing is published.
"""

from __future__ import annotations

import argparse
import contextlib
import sys
import tempfile
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from pelican import signals

from roundup.plugin import read_roundup_settings
from roundup.thanks import PostCredit, collect_deeds
from roundup.windows import Cutoff, before_start, cutoff_at_or_after, week_slug, window_ending_at, window_of_week
from shared.messages import t
from shared.model import site_config
from shared.post import post_model
from shared.problems import relative_path
from tools.build import build, load_settings, path_overrides
from tools.newsletter.cli import DEFAULT_LEDGER
from tools.newsletter.ledger import LedgerError, SentWeek, read_ledger
from tools.newsletter.schedule import latest_cutoff


@dataclass(frozen=True)
class Entry:
    """One post as the status shows it."""

    title: str
    date: datetime
    authors: tuple  # display names
    path: str
    credit: PostCredit  # who it would thank


def when(moment: datetime, tz) -> str:
    return moment.astimezone(tz).strftime("%a %d.%m.%Y %H:%M %Z")


def until(now: datetime, moment: datetime) -> str:
    minutes = int((moment - now).total_seconds() // 60)
    days, rest = divmod(minutes, 24 * 60)
    return f"in {days} d {rest // 60} h" if days else f"in {rest // 60} h {rest % 60} min"


def people_of(entries: list[Entry], names: dict) -> list[str]:
    """Everyone the roundup would thank for these posts, each once, in the order they appear."""
    found = []
    for deeds in collect_deeds([entry.credit for entry in entries]):
        name = names.get(deeds.handle, deeds.handle) if deeds.handle else deeds.name
        if name not in found:
            found.append(name)
    return found


def status_lines(now: datetime, cutoff: Cutoff, *, scheduled: list[Entry], published: list[Entry],
                 drafts: list[Entry], names: dict, sent: list[SentWeek], start: tuple | None = None,
                 send_within: timedelta = timedelta(hours=24)) -> list[str]:
    """`start`: ROUNDUP_START as (ISO year, week); weeks before it have no roundup and no newsletter.
    `send_within`: NEWSLETTER_SEND_WITHIN_HOURS, after which the CI job no longer sends a week."""
    tz = cutoff.tz
    lines = [f"status at {when(now, tz)}", ""]

    lines.append(f"scheduled posts ({len(scheduled)}):" if scheduled else "scheduled posts: none")
    for entry in sorted(scheduled, key=lambda e: e.date):
        authors = ", ".join(entry.authors)
        lines.append(f"  {when(entry.date, tz)}  {entry.title!r} by {authors}  ({until(now, entry.date)})")
        lines.append(f"      {entry.path}")

    window = window_ending_at(cutoff_at_or_after(now, cutoff), cutoff)
    if before_start(window.iso_year, window.iso_week, start):
        first = window_of_week(*start, cutoff).end
        lines += ["", f"next roundup: none before {week_slug(*start)} (ROUNDUP_START); the first closes "
                      f"{when(first, tz)} ({until(now, first)})"]
    else:
        lines += ["", *next_roundup_lines(now, window, tz, published, scheduled, names)]

    closed = window_ending_at(latest_cutoff(now, cutoff), cutoff)
    records = [entry for entry in sent if entry.slug == closed.slug]
    if before_start(closed.iso_year, closed.iso_week, start):
        lines += ["", f"newsletter: none yet, the first is {week_slug(*start)} (ROUNDUP_START)"]
    else:
        lines += ["", f"newsletter {closed.slug} (cut-off {when(closed.end, tz)}): "
                  + newsletter_state(now, closed, records, published, send_within)]

    lines += ["", f"drafts waiting for review ({len(drafts)}):" if drafts else "drafts waiting for review: none"]
    for entry in sorted(drafts, key=lambda e: e.path):
        lines.append(f"  {entry.title!r} by {', '.join(entry.authors)}  {entry.path}")
    return lines


def newsletter_state(now: datetime, closed, records: list, published: list[Entry], send_within: timedelta) -> str:
    """What happened to the email of the week that closed last, and what to do about it."""
    if records and records[-1].status == "sent":
        return f"sent {records[-1].sent_at} to {records[-1].recipient}"
    if records:
        return f"claimed by {records[-1].run}, not confirmed"
    if not any(closed.start < entry.date <= closed.end for entry in published):
        return "none: nothing was published that week"
    if now - closed.end > send_within:
        hours = int(send_within.total_seconds() // 3600)
        return (f"MISSED: not sent, and the CI job sends a week only within {hours} h of its cut-off "
                "(NEWSLETTER_SEND_WITHIN_HOURS); send it by hand: make newsletter, make send-newsletter "
                "(a dry run), then CONFIRM=1 make send-newsletter (check the ledger is up to date first: git pull)")
    return "not sent yet: the CI job sends it within the hours after the cut-off (check the ledger is up to date: git pull)"


def next_roundup_lines(now: datetime, window, tz, published: list[Entry], scheduled: list[Entry],
                       names: dict) -> list[str]:
    """The roundup that closes next: its cut-off, its posts so far and whom it would thank."""
    so_far = [entry for entry in published if window.contains(entry.date)]
    coming = [entry for entry in scheduled if window.contains(entry.date)]
    lines = [f"next roundup {window.slug}: cut-off {when(window.end, tz)} ({until(now, window.end)})"]
    lines.append(f"  posts so far ({len(so_far)}): " + ("; ".join(repr(e.title) for e in so_far) or "none yet"))
    people = people_of(so_far, names)
    lines.append(f"  would thank so far ({len(people)}): " + (", ".join(people) or "nobody yet"))
    if coming:
        lines.append(f"  plus {len(coming)} scheduled post(s) before the cut-off: "
                     + "; ".join(repr(e.title) for e in coming))
    return lines


class ContextCapture:
    """Keeps the build's context (Pelican holds receivers weakly: keep this object alive)."""

    def __init__(self):
        self.context = None

    def __call__(self, generators):
        self.context = generators[0].context


def entry_of(article, names: dict) -> Entry:
    handles = post_model(article).handles
    thanks = tuple({"handle": t["handle"]} if t.get("handle") else {"name": t["name"]}
                   for t in article.metadata.get("thanks") or ())
    return Entry(str(article.title), article.date, tuple(names.get(h, h) for h in handles),
                 relative_path(article.source_path), PostCredit(str(article.title), handles, thanks))


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--settings", default="pelicanconf.py")
    parser.add_argument("--content", help="content directory (default: PATH of the settings)")
    parser.add_argument("--ledger", default=str(DEFAULT_LEDGER), help="the ledger of sent newsletters")
    args = parser.parse_args(argv)
    capture = ContextCapture()
    signals.all_generators_finalized.connect(capture)
    try:
        # Pelican's "Done: processed …" goes to stderr: stdout is the status itself
        with tempfile.TemporaryDirectory(prefix="werkbank-status-") as scratch, contextlib.redirect_stdout(sys.stderr):
            overrides = {**path_overrides(args.content, scratch), "WRITE_DRAFTS": True}
            result = build(load_settings(args.settings, overrides))
    finally:
        signals.all_generators_finalized.disconnect(capture)
    if result.crashed or capture.context is None:
        print(result.summary(), file=sys.stderr)
        return 2
    if result.errors:
        print(result.summary() + "\n" + t("(fix these before publishing; the status below ignores the broken files)")
              + "\n", file=sys.stderr)
    context = capture.context
    config = site_config(context)
    names = {handle: profile.name for handle, profile in (context.get("author_profiles") or {}).items()}
    try:
        sent = read_ledger(Path(args.ledger))
    except LedgerError as problem:
        print(t("error: {message}", message=problem), file=sys.stderr)
        return 1
    roundup_settings = read_roundup_settings(config)
    lines = status_lines(
        config.now, roundup_settings.cutoff, start=roundup_settings.start,
        scheduled=[entry_of(a, names) for a in context.get("scheduled_articles") or []],
        published=[entry_of(a, names) for a in context.get("articles") or []],
        drafts=[entry_of(a, names) for a in context.get("drafts") or []], names=names, sent=sent,
        send_within=timedelta(hours=config["NEWSLETTER_SEND_WITHIN_HOURS"]))
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
