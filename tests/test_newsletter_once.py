"""The Friday email exactly once: the ledger is claimed by a push to the remote branch, so retried
jobs and overlapping pipelines deliver one email to a real SMTP server (aiosmtpd)."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from datetime import datetime, timezone

import pytest
from aiosmtpd.controller import Controller

from helpers.network import Recorder, free_port
from helpers.newsletter import write_newsletter_output
from helpers.site import DEFAULT_BUILD_TIME, ROOT, SAMPLE_PUBLISHCONF
from tools.newsletter.ledger import SentWeek, ledger_text
from tools.newsletter.once import GitLedger, send_once

# Friday 20 November 2026, 15:05 in Berlin (14:05 UTC): week 2026-W47 has just closed.
FRIDAY_AFTER_CUTOFF = str(int(datetime(2026, 11, 20, 14, 5, tzinfo=timezone.utc).timestamp()))
MESSAGE_ID = "<newsletter-2026-W47@nordlicht-werkstatt.example>"


def git(*args, cwd=None) -> str:
    return subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, text=True,
                          env={"GIT_AUTHOR_NAME": "T", "GIT_AUTHOR_EMAIL": "t@invalid", "GIT_COMMITTER_NAME": "T",
                               "GIT_COMMITTER_EMAIL": "t@invalid", "HOME": "/nonexistent", "PATH": "/usr/bin:/bin"}
                          ).stdout.strip()


@pytest.fixture
def blog_repo(tmp_path):
    """A bare 'origin' with one commit on main, and clone(name) -> a fresh checkout of it (one per CI job)."""
    origin, seed = tmp_path / "origin.git", tmp_path / "seed"
    git("init", "--quiet", "--bare", "--initial-branch=main", str(origin))
    git("clone", "--quiet", str(origin), str(seed))
    (seed / "README.md").write_text("Werkbank Blog\n")
    git("add", "README.md", cwd=seed)
    git("commit", "--quiet", "-m", "start", cwd=seed)
    git("push", "--quiet", "origin", "HEAD:main", cwd=seed)

    def clone(name: str):
        checkout = tmp_path / name
        git("clone", "--quiet", str(origin), str(checkout))
        return checkout

    clone.origin = origin
    return clone


def remote_ledger(origin) -> list[dict]:
    return json.loads(git("--git-dir", str(origin), "show", "main:newsletter/sent.json"))["sent"]


@pytest.fixture
def smtp(request):
    recorder = Recorder()
    controller = Controller(recorder, hostname="127.0.0.1", port=free_port())
    controller.start()
    recorder.port = controller.port
    yield recorder
    controller.stop()


@pytest.fixture
def output(tmp_path):
    return write_newsletter_output(tmp_path / "output")


def job_command(checkout, output) -> list[str]:
    return [sys.executable, "-m", "tools.newsletter", "send-due", "--confirm", "--no-site-build",
            "--settings", str(SAMPLE_PUBLISHCONF), "--output", str(output), "--repo", str(checkout),
            "--ledger", str(checkout / "newsletter/sent.json"), "--branch", "main"]


def job_env(port, now=FRIDAY_AFTER_CUTOFF, **extra) -> dict:
    import os

    return {**os.environ, "SOURCE_DATE_EPOCH": now, "NEWSLETTER_SMTP_HOST": "127.0.0.1",
            "NEWSLETTER_SMTP_PORT": str(port), "NEWSLETTER_SMTP_SECURITY": "none", "NEWSLETTER_SMTP_USER": "",
            "NEWSLETTER_TO": "", **extra}


def run_job(checkout, output, port, **env) -> subprocess.CompletedProcess:
    return subprocess.run(job_command(checkout, output), cwd=ROOT, env=job_env(port, **env),
                          capture_output=True, text=True, timeout=120)


def test_two_overlapping_newsletter_jobs_deliver_one_email(blog_repo, output, smtp):
    jobs = [subprocess.Popen(job_command(blog_repo(name), output), cwd=ROOT, env=job_env(smtp.port),
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for name in ("a", "b")]
    results = [(job.wait(timeout=120), *job.communicate()) for job in jobs]
    assert [code for code, _, _ in results] == [0, 0], results
    assert len(smtp.received) == 1
    said = sorted(out.splitlines()[-1] for _, out, _ in results)
    assert sum(line.startswith("sent 2026-W47") for line in said) == 1, said
    [entry] = remote_ledger(blog_repo.origin)
    assert (entry["slug"], entry["status"], entry["message_id"]) == ("2026-W47", "sent", MESSAGE_ID)


class RacingLedger(GitLedger):
    """Both jobs have read the same ledger before either pushes its claim: the worst overlap."""

    barrier: threading.Barrier

    def push(self, base, entries, message):
        if message.startswith("newsletter: sending"):
            self.barrier.wait(timeout=30)
        return super().push(base, entries, message)


def test_of_two_claims_pushed_on_the_same_ledger_exactly_one_wins(blog_repo):
    barrier, delivered, outcomes = threading.Barrier(2), [], {}
    now = lambda: datetime.now(timezone.utc).isoformat(timespec="seconds")

    def job(name):
        ledger = RacingLedger(blog_repo(name))
        ledger.barrier = barrier
        claim = SentWeek("2026-W47", now(), MESSAGE_ID, "liste@example.org", status="sending", run=name)
        outcomes[name] = send_once(ledger, claim, lambda: delivered.append(name), now)

    threads = [threading.Thread(target=job, args=(name,)) for name in ("a", "b")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert len(delivered) == 1
    loser = "b" if delivered == ["a"] else "a"
    # it saw the winner's claim, or already its "sent" (when the winner was that quick)
    said = outcomes[loser].message
    assert not outcomes[loser].sent and not outcomes[loser].needs_a_person
    assert f"is being sent right now by {delivered[0]}" in said or "2026-W47 was already sent" in said
    assert [e["status"] for e in remote_ledger(blog_repo.origin)] == ["sent"]


def test_a_retried_job_after_the_send_sends_nothing_and_leaves_the_checkout_alone(blog_repo, output, smtp):
    checkout = blog_repo("job")
    head = git("rev-parse", "HEAD", cwd=checkout)
    first = run_job(checkout, output, smtp.port)
    assert first.returncode == 0, first.stderr
    again = run_job(blog_repo("retry"), output, smtp.port)
    assert again.returncode == 0 and "2026-W47 was already sent" in again.stdout
    assert len(smtp.received) == 1
    assert git("rev-parse", "HEAD", cwd=checkout) == head and git("status", "--porcelain", cwd=checkout) == ""
    log = git("--git-dir", str(blog_repo.origin), "log", "--format=%s", "main")
    assert log.splitlines()[:2] == ["newsletter: sent 2026-W47 [skip ci]",
                                    "newsletter: sending 2026-W47 (%s) [skip ci]" % remote_ledger(blog_repo.origin)[0]["run"]]


def test_a_refused_send_takes_the_claim_back_so_a_retry_can_send(blog_repo, output, smtp):
    smtp.reply = "550 mailbox unavailable"
    failed = run_job(blog_repo("a"), output, smtp.port)
    assert failed.returncode == 1 and "550 mailbox unavailable" in failed.stderr
    assert "claim on origin/main was taken back" in failed.stderr
    assert remote_ledger(blog_repo.origin) == []
    smtp.reply = "250 OK"
    assert run_job(blog_repo("b"), output, smtp.port).returncode == 0 and len(smtp.received) == 1


def test_a_claim_left_by_a_job_that_died_is_never_sent_by_itself(blog_repo, output, smtp):
    seed = blog_repo("seed2")
    stale = SentWeek("2026-W47", "2026-11-20T14:05:03+00:00", MESSAGE_ID, "liste@example.org", status="sending",
                     run="github run 41.1")
    (seed / "newsletter").mkdir()
    (seed / "newsletter/sent.json").write_text(ledger_text([stale]))
    git("add", "newsletter/sent.json", cwd=seed)
    git("commit", "--quiet", "-m", "claim", cwd=seed)
    git("push", "--quiet", "origin", "HEAD:main", cwd=seed)
    done = run_job(blog_repo("later"), output, smtp.port,
                   now=str(int(datetime(2026, 11, 20, 15, 5, tzinfo=timezone.utc).timestamp())))
    assert done.returncode == 1 and smtp.received == []
    assert "claimed by github run 41.1" in done.stdout and "check the list archive" in done.stdout


def test_outside_the_friday_window_the_job_sends_nothing(blog_repo, output, smtp):
    done = run_job(blog_repo("monday"), output, smtp.port, now=DEFAULT_BUILD_TIME)
    assert done.returncode == 0 and "nothing due" in done.stdout and smtp.received == []
    assert "newsletter" not in git("--git-dir", str(blog_repo.origin), "ls-tree", "-r", "--name-only", "main")


def test_a_remote_that_cannot_be_reached_stops_the_job_before_sending(tmp_path, output, smtp):
    checkout = tmp_path / "alone"
    git("init", "--quiet", str(checkout))
    git("remote", "add", "origin", str(tmp_path / "gone.git"), cwd=checkout)
    done = run_job(checkout, output, smtp.port)
    assert done.returncode == 1 and "git fetch" in done.stderr and smtp.received == []


@pytest.mark.parametrize("confirm", [True, False])
def test_the_ci_job_refuses_an_email_with_a_services_placeholder_before_claiming_the_week(
        blog_repo, tmp_path, smtp, confirm):
    listmonk = write_newsletter_output(tmp_path / "listmonk-output", service="listmonk")
    command = [part for part in job_command(blog_repo("friday"), listmonk) if confirm or part != "--confirm"]
    done = subprocess.run(command, cwd=ROOT, env=job_env(smtp.port), capture_output=True, text=True, timeout=120)
    assert done.returncode == 1
    assert "{{ UnsubscribeURL }}" in done.stderr and "NEWSLETTER_SERVICE = 'listmonk'" in done.stderr
    assert smtp.received == []
    assert "newsletter" not in git("--git-dir", str(blog_repo.origin), "ls-tree", "-r", "--name-only", "main")
