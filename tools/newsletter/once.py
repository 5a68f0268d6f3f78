"""Send a week's email exactly once, even when CI retries the job or two pipelines overlap.

The ledger (newsletter/sent.json) lives in the blog's git repository, and the remote branch is the
one place every job agrees on. A job first *claims* the week: it commits a "sending" entry on top
of the branch tip it just fetched and pushes it. git accepts a push only if the branch still
points at that tip, so of two jobs that read the same ledger exactly one push wins; the other
fetches again, sees the claim and stops. Only the winner talks to SMTP, then pushes "sent".

- SMTP refuses (SendError: nothing was delivered): the claim is taken back, a retry may send.
- The job dies between claim and "sent": the claim stays and every later run refuses, naming
  the run; someone checks the list archive and sends with FORCE=1 if it did not go out. Sending
  twice is worse than sending late, so an unconfirmed claim never sends by itself.

Commits are made with git plumbing (commit-tree on the fetched tip), so the job's checkout and
working tree are never touched; "[skip ci]" keeps the ledger commit from starting a pipeline.
"""

from __future__ import annotations

import json
import os
import subprocess
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from pathlib import Path
from typing import Callable

from tools.newsletter.ledger import LedgerError, SentWeek, ledger_text, sends_of
from tools.newsletter.sending import SendError

# A claim younger than this is a job sending right now; an older one was left by a job that died.
CLAIM_TIMEOUT = timedelta(minutes=15)

BOT = {"GIT_AUTHOR_NAME": "Werkbank Newsletter", "GIT_AUTHOR_EMAIL": "newsletter-bot@invalid",
       "GIT_COMMITTER_NAME": "Werkbank Newsletter", "GIT_COMMITTER_EMAIL": "newsletter-bot@invalid"}


class ClaimError(Exception):
    """The ledger could not be read or updated on the remote; the message says what git said."""


@dataclass
class GitLedger:
    """The ledger file on a branch of a remote, read and written without touching the work tree."""

    repo: Path
    remote: str = "origin"
    branch: str = "main"
    path: str = "newsletter/sent.json"  # inside the repository

    def git(self, *args, stdin: str | None = None, check=True, env=None) -> subprocess.CompletedProcess:
        # commits are by the bot unless GIT_AUTHOR_* / GIT_COMMITTER_* say otherwise
        done = subprocess.run(["git", "-C", str(self.repo), *args], input=stdin, capture_output=True,
                              text=True, env={**BOT, **os.environ, **(env or {})})
        if check and done.returncode:
            raise ClaimError(f"git {' '.join(args)} failed: {done.stderr.strip()}")
        return done

    def fetch(self) -> str:
        """The branch tip on the remote, now."""
        self.git("fetch", "--quiet", self.remote, f"refs/heads/{self.branch}")
        return self.git("rev-parse", "FETCH_HEAD").stdout.strip()

    def read(self, commit: str) -> list[SentWeek]:
        # Only a ledger that is really absent counts as empty; any other git failure stops the job.
        if not self.git("ls-tree", "--name-only", commit, "--", self.path).stdout.strip():
            return []  # no week sent yet
        shown = self.git("show", f"{commit}:{self.path}")
        try:
            return sorted(SentWeek(**entry) for entry in json.loads(shown.stdout)["sent"])
        except (ValueError, KeyError, TypeError) as error:
            raise LedgerError(f"{self.path} on {self.remote}/{self.branch} is not a ledger ({error}); "
                              "fix the JSON in a commit on that branch") from None

    def push(self, base: str, entries: list[SentWeek], message: str) -> bool:
        """Commit the ledger on top of base and push; False when the branch moved on meanwhile."""
        blob = self.git("hash-object", "-w", "--stdin", stdin=ledger_text(entries)).stdout.strip()
        index = Path(self.git("rev-parse", "--absolute-git-dir").stdout.strip()) / f"ledger-index-{os.getpid()}"
        try:
            env = {"GIT_INDEX_FILE": str(index)}  # a private index: the checkout's stays as it is
            self.git("read-tree", base, env=env)
            self.git("update-index", "--add", "--cacheinfo", f"100644,{blob},{self.path}", env=env)
            tree = self.git("write-tree", env=env).stdout.strip()
        finally:
            index.unlink(missing_ok=True)
        commit = self.git("commit-tree", tree, "-p", base, "-m", f"{message} [skip ci]").stdout.strip()
        pushed = self.git("push", "--quiet", self.remote, f"{commit}:refs/heads/{self.branch}", check=False)
        if pushed.returncode == 0:
            return True
        if self.fetch() == base:  # nobody else pushed: not a race but a real problem (access, network)
            raise ClaimError(f"cannot push the ledger to {self.remote}/{self.branch}: {pushed.stderr.strip()}")
        return False


@dataclass(frozen=True)
class Outcome:
    sent: bool
    message: str
    needs_a_person: bool = False  # an unconfirmed claim: the job should fail so someone looks


def update(ledger: GitLedger, change: Callable[[list[SentWeek]], list[SentWeek]], message: str,
           attempts: int = 10) -> None:
    """Apply change to the newest ledger and push; retried when others push in between."""
    for _ in range(attempts):
        base = ledger.fetch()
        if ledger.push(base, change(ledger.read(base)), message):
            return
    raise ClaimError(f"the ledger on {ledger.remote}/{ledger.branch} changed {attempts} times while updating it")


def send_once(ledger: GitLedger, claim: SentWeek, deliver: Callable[[], None], now: Callable[[], str],
              attempts: int = 10) -> Outcome:
    """Claim `claim.slug`, deliver, record it as sent. deliver() raises SendError when nothing went out."""
    for _ in range(attempts):
        base = ledger.fetch()
        entries = ledger.read(base)
        earlier = sends_of(entries, claim.slug)
        if earlier:
            return already(earlier[0], ledger, now())
        if ledger.push(base, entries + [claim], f"newsletter: sending {claim.slug} ({claim.run})"):
            break
    else:
        raise ClaimError(f"could not claim {claim.slug}: {ledger.remote}/{ledger.branch} kept changing")
    try:
        deliver()
    except SendError:
        # the server refused or could not be reached: nothing was delivered; give the week back for a retry
        update(ledger, lambda entries: [e for e in entries if e != claim], f"newsletter: {claim.slug} not sent")
        raise
    done = replace(claim, status="sent", sent_at=now())
    update(ledger, lambda entries: [done if e == claim else e for e in entries], f"newsletter: sent {claim.slug}")
    return Outcome(True, f"sent {claim.slug} to {claim.recipient}; recorded on {ledger.remote}/{ledger.branch}")


def already(entry: SentWeek, ledger: GitLedger, now: str) -> Outcome:
    where = f"{ledger.remote}/{ledger.branch}:{ledger.path}"
    if entry.status == "sent":
        return Outcome(False, f"{entry.slug} was already sent at {entry.sent_at} ({where}); nothing to do")
    claimed_by = entry.run or "another run"
    if datetime.fromisoformat(now) - datetime.fromisoformat(entry.sent_at) < CLAIM_TIMEOUT:
        return Outcome(False, f"{entry.slug} is being sent right now by {claimed_by} ({where}); nothing to do")
    return Outcome(False, f"{entry.slug} was claimed by {claimed_by} at {entry.sent_at} but never confirmed "
                          f"({where}): check the list archive; if it did not go out, send it with "
                          f"python -m tools.newsletter send --week {entry.slug} --confirm --force "
                          "and commit the ledger", needs_a_person=True)
