"""The editor's newsletter commands (make newsletter, make send-newsletter).

    python -m tools.newsletter build [--settings publishconf.py] [--output output] [--no-site-build]
    python -m tools.newsletter send [--confirm] [--force] [--week 2026-W47] [--ledger newsletter/sent.json]
    python -m tools.newsletter send-due [--confirm] [--no-site-build] [--remote origin] [--branch main]
    python -m tools.newsletter screenshots [--output output]

`build` publishes the site (atomically, like make publish), then prints the latest roundup's email
files and fails when the HTML is over NEWSLETTER_MAX_BYTES. `send` is a dry run unless --confirm;
the ledger (committed to git) makes sure a week goes out once unless --force. `send-due` is the
scheduled CI job: it sends the week that just closed, once, claiming it on the remote first
(tools/newsletter/once.py), and does nothing outside the hours after the cut-off. Both sending
commands refuse an email that still holds a mail service's placeholder (placeholders.py).
"""

from __future__ import annotations

import argparse
import email
import email.policy
import os
import sys
import socket
from datetime import datetime, timedelta, timezone
from email.utils import parseaddr
from pathlib import Path

from newsletter.config import NewsletterConfigError, newsletter_settings  # the build plugin's settings
from tools.newsletter.ledger import LedgerError, SentWeek, read_ledger, sends_of, write_ledger
from tools.newsletter.once import ClaimError, GitLedger, send_once
from tools.newsletter.placeholders import placeholders_in, refusal
from tools.newsletter.schedule import send_decision
from tools.newsletter.sending import SendError, send_eml, smtp_settings
from tools.newsletter.written import NewsletterMissing, newsletters, pick

ROOT = Path(__file__).resolve().parents[2]

DEFAULT_LEDGER = ROOT / "newsletter" / "sent.json"


def error(message: str) -> int:
    print(f"error: {message}", file=sys.stderr)
    return 1


def show_path(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def build_command(args) -> int:
    if not args.no_site_build:
        from tools.publish import publish

        code = publish(args.settings, Path(args.output))
        if code:
            return code
    from tools.build import load_settings

    try:
        config = newsletter_settings(load_settings(args.settings))
        latest = pick(newsletters(Path(args.output)), args.week)
    except (NewsletterConfigError, NewsletterMissing) as problem:
        return error(str(problem))
    output = Path(args.output)
    print(f"newsletter {latest['slug']}: {latest['subject']}")
    for kind in ("html", "txt", "eml"):
        print(f"  {kind:5} {show_path(output / latest[kind])}")
    print(f"  web   {latest['web_copy']}")
    if placeholders_in((output / latest["eml"]).read_bytes()):
        print(f"  send  through the mail service's campaign editor or API with {show_path(output / latest['html'])} "
              "(it fills in its placeholders; make send-newsletter refuses it): docs/newsletter.md")
    else:
        print("  send  make send-newsletter (a dry run), then make send-newsletter CONFIRM=1")
    size, budget = latest["html_bytes"], config.max_bytes
    print(f"  size  {size / 1024:.1f} KB HTML (budget {budget / 1024:.0f} KB; Gmail clips at about 102 KB)")
    if size > budget:
        return error(f"{latest['html']} is {size / 1024:.1f} KB, over the budget of {budget / 1024:.0f} KB "
                     "(NEWSLETTER_MAX_BYTES): shorten the intro or summaries, or split the week")
    return 0


def message_of(output: Path, latest: dict):
    """(path, bytes, headers, envelope sender, envelope recipient) of a written email."""
    eml_path = output / latest["eml"]
    eml = eml_path.read_bytes()
    headers = email.message_from_bytes(eml, policy=email.policy.default)
    sender = parseaddr(str(headers["From"]))[1]
    recipient = os.environ.get("NEWSLETTER_TO", "").strip() or parseaddr(str(headers["To"]))[1]
    return eml_path, eml, headers, sender, recipient


def placeholder_refusal(output: Path, latest: dict, eml: bytes) -> str | None:
    """Why this email must not go out by SMTP (a mail service's placeholder is in it), or None."""
    found = placeholders_in(eml)
    return refusal(found, show_path(output / latest["eml"]), show_path(output / latest["html"])) if found else None


def utc_now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def send_command(args) -> int:
    output, ledger_path = Path(args.output), Path(args.ledger)
    try:
        latest = pick(newsletters(output), args.week)
        entries = read_ledger(ledger_path)
    except (NewsletterMissing, LedgerError) as problem:
        return error(str(problem))
    eml_path, eml, headers, sender, recipient = message_of(output, latest)
    print(f"newsletter {latest['slug']}: {headers['Subject']}")
    print(f"  file        {show_path(eml_path)} ({len(eml) / 1024:.1f} KB)")
    print(f"  from        {sender}")
    print(f"  to          {recipient}")
    print(f"  message-id  {headers['Message-ID']}")
    try:
        smtp = smtp_settings(os.environ)
        print(f"  smtp        {smtp.describe()}")
    except SendError as problem:
        smtp = None
        print(f"  smtp        not ready: {problem}")
    refused = placeholder_refusal(output, latest, eml)
    if refused:  # a dry run says it too: the real send would be refused
        return error(refused)
    earlier = sends_of(entries, latest["slug"])
    for sent in earlier:
        print(f"  sent        {sent.sent_at} to {sent.recipient}{' (forced)' if sent.forced else ''}")
    if earlier and not args.force:
        return error(f"{latest['slug']} was already sent (see {show_path(ledger_path)}); "
                     "send it again only on purpose: make send-newsletter CONFIRM=1 FORCE=1")
    if not args.confirm:
        print("dry run: nothing was sent. Send it with: make send-newsletter CONFIRM=1")
        return 0
    if smtp is None:
        return error("cannot send: set the NEWSLETTER_SMTP_* variables (see docs/newsletter.md)")
    try:
        send_eml(eml, sender, recipient, smtp)
    except SendError as problem:
        return error(f"{problem}\nnothing was sent; {show_path(ledger_path)} is unchanged")
    record = SentWeek(latest["slug"], utc_now(), str(headers["Message-ID"]), recipient, forced=bool(earlier))
    write_ledger(ledger_path, entries + [record])
    print(f"sent {latest['slug']} to {recipient}; recorded in {show_path(ledger_path)}")
    print(f"commit the ledger so nobody sends it twice: git add {show_path(ledger_path)} && git commit")
    return 0


def run_name() -> str:
    """Who claims a week in the ledger: the CI run, or this machine."""
    if os.environ.get("GITHUB_RUN_ID"):
        return f"github run {os.environ['GITHUB_RUN_ID']}.{os.environ.get('GITHUB_RUN_ATTEMPT', '1')}"
    if os.environ.get("CI_JOB_ID"):
        return f"gitlab job {os.environ['CI_JOB_ID']}"
    return f"{socket.gethostname()} pid {os.getpid()}"


def send_due_command(args) -> int:
    from roundup.plugin import read_roundup_settings
    from shared.config import read_config
    from tools.build import load_settings

    output = Path(args.output)
    if not args.no_site_build:
        from tools.publish import publish

        code = publish(args.settings, output)
        if code:
            return code
    config, _ = read_config(load_settings(args.settings))
    try:
        written = {entry["slug"]: entry for entry in newsletters(output)}
    except NewsletterMissing:
        written = {}
    repo = Path(args.repo).resolve()
    ledger = GitLedger(repo, args.remote, args.branch, Path(args.ledger).resolve().relative_to(repo).as_posix())
    try:
        entries = ledger.read(ledger.fetch())
    except (ClaimError, LedgerError) as problem:
        return error(str(problem))
    sent = {entry.slug for entry in entries if entry.status == "sent"}  # a claim is handled by send_once
    roundup_settings = read_roundup_settings(config)
    decision = send_decision(config.now, roundup_settings.cutoff, sent=sent, written=set(written),
                             within=timedelta(hours=config["NEWSLETTER_SEND_WITHIN_HOURS"]),
                             start=roundup_settings.start)
    print(decision.reason)
    if not decision.due:
        return 0
    eml_path, eml, headers, sender, recipient = message_of(output, written[decision.week])
    print(f"newsletter {decision.week}: {headers['Subject']} -> {recipient}")
    refused = placeholder_refusal(output, written[decision.week], eml)
    if refused:  # before the claim: the ledger stays as it is
        return error(refused)
    try:
        smtp = smtp_settings(os.environ)
    except SendError as problem:
        return error(f"cannot send: {problem} (CI: set it as a secret variable, see README)")
    if not args.confirm:
        print(f"dry run: nothing was sent or claimed; CONFIRM=1 sends it through {smtp.describe()}")
        return 0
    claim = SentWeek(decision.week, utc_now(), str(headers["Message-ID"]), recipient, status="sending",
                     run=run_name())
    try:
        outcome = send_once(ledger, claim, lambda: send_eml(eml, sender, recipient, smtp), now=utc_now)
    except SendError as problem:
        return error(f"{problem}\nnothing was sent; the claim on {args.remote}/{args.branch} was taken back")
    except (ClaimError, LedgerError) as problem:
        return error(str(problem))
    print(outcome.message)
    return 1 if outcome.needs_a_person else 0


def screenshots_command(args) -> int:
    from tools.newsletter.screenshots import write_email_screenshots

    try:
        written = write_email_screenshots(Path(args.output))
    except NewsletterMissing as problem:
        return error(str(problem))
    for path in written:
        print(show_path(path))
    return 0


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.newsletter", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    build = commands.add_parser("build", help="publish the site, print the latest newsletter and its size")
    build.add_argument("--settings", default="publishconf.py")
    build.add_argument("--no-site-build", action="store_true", help="use what is already in --output")
    send = commands.add_parser("send", help="send the latest newsletter (dry run unless --confirm)")
    send.add_argument("--confirm", action="store_true", help="really send (make send-newsletter CONFIRM=1)")
    send.add_argument("--force", action="store_true", help="send a week again (FORCE=1)")
    send.add_argument("--ledger", default=str(DEFAULT_LEDGER), help="the ledger of sent weeks (committed)")
    due = commands.add_parser("send-due", help="CI: send the week that just closed, exactly once")
    due.add_argument("--settings", default="publishconf.py")
    due.add_argument("--no-site-build", action="store_true", help="use what is already in --output")
    due.add_argument("--confirm", action="store_true", help="really send (CONFIRM=1)")
    due.add_argument("--ledger", default=str(DEFAULT_LEDGER), help="the ledger's path in the repository")
    due.add_argument("--repo", default=str(ROOT), help="the blog's git checkout")
    due.add_argument("--remote", default=os.environ.get("NEWSLETTER_LEDGER_REMOTE", "origin"))
    due.add_argument("--branch", default=os.environ.get("NEWSLETTER_LEDGER_BRANCH", "main"),
                     help="branch that holds the ledger (NEWSLETTER_LEDGER_BRANCH)")
    shots = commands.add_parser("screenshots", help="PNGs of the latest newsletter at 600/375 px, light/dark")
    for sub in (build, send, due, shots):
        sub.add_argument("--output", default="output")
    for sub in (build, send):
        sub.add_argument("--week", help="a week like 2026-W47 instead of the latest")
    args = parser.parse_args(argv)
    handler = {"build": build_command, "send": send_command, "send-due": send_due_command,
               "screenshots": screenshots_command}[args.command]
    return handler(args)


if __name__ == "__main__":
    sys.exit(main())
