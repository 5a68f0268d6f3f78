"""make status: scheduled posts, the next roundup so far, the newsletter of the closed week, drafts."""

from helpers.site import MINIMAL_SITE, SAMPLE_PELICANCONF, run_tool, write_files
from tools.newsletter.ledger import SentWeek, write_ledger

POST = """\
---
title: "{title}"
date: {date}
author: {author}
{extra}status: {status}
---
Text.
"""

SITE = {
    **MINIMAL_SITE,
    "articles/montag.md": POST.format(title="Montagsfrage", date="2026-11-23 10:00", author="jana-beispiel",
                                      extra='thanks:\n  - tom-muster\n  - {name: "Die Lehrwerkstatt"}\n',
                                      status="published"),
    "articles/bald.md": POST.format(title="Kommt am Mittwoch", date="2026-11-25 07:30", author="tom-muster",
                                    extra="", status="published"),
    "articles/entwurf.md": POST.format(title="Noch nicht fertig", date="2026-11-20", author="tom-muster",
                                       extra="", status="draft"),
}


def status(tmp_path, ledger_entries=(), build_time=None):
    write_files(tmp_path / "content", SITE)
    ledger = tmp_path / "sent.json"
    if ledger_entries:
        write_ledger(ledger, list(ledger_entries))
    done = run_tool("tools.status", "--settings", str(SAMPLE_PELICANCONF), "--content", str(tmp_path / "content"),
                    "--ledger", str(ledger),
                    env_extra={"SOURCE_DATE_EPOCH": build_time} if build_time else None)
    assert done.returncode == 0, done.stderr
    return done.stdout.splitlines()


def test_status_lists_the_scheduled_post_the_next_roundup_and_the_draft(tmp_path):
    lines = status(tmp_path)
    assert lines[0] == "status at Mon 23.11.2026 12:00 CET"
    at = lines.index("scheduled posts (1):")
    assert lines[at + 1] == "  Wed 25.11.2026 07:30 CET  'Kommt am Mittwoch' by Tom Muster  (in 1 d 19 h)"
    assert lines[at + 2].endswith("content/articles/bald.md")
    assert "next roundup 2026-W48: cut-off Fri 27.11.2026 15:00 CET (in 4 d 3 h)" in lines
    assert "  posts so far (1): 'Montagsfrage'" in lines
    assert "  would thank so far (3): Jana Beispiel, Tom Muster, Die Lehrwerkstatt" in lines
    assert "  plus 1 scheduled post(s) before the cut-off: 'Kommt am Mittwoch'" in lines
    drafts = lines.index("drafts waiting for review (1):")
    assert lines[drafts + 1].startswith("  'Noch nicht fertig' by Tom Muster") and lines[drafts + 1].endswith("entwurf.md")


def test_status_says_whether_the_closed_week_was_sent(tmp_path):
    unsent = status(tmp_path, build_time="1795186800")  # Friday 16:00, an hour after the cut-off
    assert any(line.startswith("newsletter 2026-W47 (cut-off Fri 20.11.2026 15:00 CET): not sent yet") for line in unsent)
    sent = status(tmp_path, [SentWeek("2026-W47", "2026-11-20T14:05:09+00:00", "<x@example>", "liste@example.org")])
    assert ("newsletter 2026-W47 (cut-off Fri 20.11.2026 15:00 CET): sent 2026-11-20T14:05:09+00:00 "
            "to liste@example.org") in sent


def test_a_week_the_ci_job_will_not_send_any_more_is_called_missed_with_the_commands(tmp_path):
    """Monday noon: the cut-off was 69 hours ago, beyond NEWSLETTER_SEND_WITHIN_HOURS (24)."""
    [line] = [line for line in status(tmp_path) if line.startswith("newsletter 2026-W47")]
    assert "MISSED" in line and "not sent yet" not in line
    assert "within 24 h" in line and "NEWSLETTER_SEND_WITHIN_HOURS" in line
    assert "make newsletter" in line and "CONFIRM=1 make send-newsletter" in line
