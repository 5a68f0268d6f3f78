"""`make deploy`: publish like `make publish`, then upload output/ with rsync, only when the build is clean.

    python -m tools.deploy [--target DEST] [--dry-run] [--newsletter] [--settings publishconf.py] [--output output]

DEST is anything rsync accepts: a local path, `host:path` (over ssh) or `rsync://host/module/`;
it defaults to the environment's DEPLOY_TARGET. Why rsync with --delay-updates --delete-after
rather than a release folder and a symlink switch: the same command works for all three kinds of
target (an rsync daemon or a plain web space offers no way to switch a symlink), no file is ever
visible half written (each lands in a hidden .~tmp~ folder), and all of them are renamed into
place in one burst at the very end, after which the old files are deleted. docs/deploy.md.
A preview build (marked by make html / make serve / make devserver) is never uploaded.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from pathlib import Path

from shared.config import read_config
from shared.urls import build_url_table
from tools.build import load_settings
from tools.outputdir import preview_marker
from tools.publish import publish


class DeployError(Exception):
    """Deploying cannot start; the message says what to set or install."""


def rsync_command(source: Path, target: str, *, newsletter_dir: str | None, dry_run: bool) -> list[str]:
    """The rsync call that mirrors source/ onto target; newsletter_dir (e.g. "newsletter/") is kept
    private: excluded, and deleted on the target if an earlier upload put it there."""
    command = [
        "rsync", "--recursive", "--links", "--chmod=D755,F644",
        # Builds rewrite every file; compare contents, so only what really changed is sent and listed.
        "--checksum",
        "--delay-updates", "--delete-after",
        "--itemize-changes", "--human-readable", "--stats",
    ]
    if newsletter_dir:
        command += [f"--exclude=/{newsletter_dir.strip('/')}/", "--delete-excluded"]
    if dry_run:
        command.append("--dry-run")
    return command + [f"{source}/", target]


def check_target(target: str | None) -> str:
    if not target or not target.strip():
        raise DeployError("DEPLOY_TARGET is not set: say where the site goes, in rsync's syntax, e.g. "
                          "make deploy DEPLOY_TARGET=www@web.example.org:/srv/blog/ "
                          "(or a local path, or rsync://host/module/)")
    if shutil.which("rsync") is None:
        raise DeployError("rsync is missing: install it with `apt-get install rsync`")
    return target.strip()


def newsletter_folder(settings_file: str) -> str:
    """Where the build writes the emails ("newsletter/"), from the site's URL table."""
    settings = load_settings(settings_file)
    return build_url_table(settings, read_config(settings)[0].values).newsletter_dir


def check_source(output: Path) -> None:
    """Only a folder made by make publish goes on the web: a preview has drafts and relative links."""
    marker = preview_marker(output)
    if marker is not None:
        raise DeployError(f"{output} is a preview build ({marker.name} is in it: written by make html, make serve "
                          "or make devserver); it has drafts, relative links and no feeds, so it is never uploaded. "
                          f"Nothing was uploaded. Build the site for the web with make publish (make deploy runs it "
                          f"first); if make devserver is running on {output}, stop it: it writes its preview into "
                          "the folder after every save")


def deploy(settings_file: str, output: Path, target: str | None, *, dry_run=False, newsletter=False,
           content: str | None = None, verbose: bool = False, full: bool = False) -> int:
    try:
        target = check_target(target)
    except DeployError as problem:
        print(f"error: {problem}", file=sys.stderr)
        return 1
    code = publish(settings_file, output, content, full=True) if full else publish(settings_file, output, content)
    if code:
        print(f"deploy stopped: the build failed, nothing was uploaded to {target}", file=sys.stderr)
        return code
    private = None if newsletter else newsletter_folder(settings_file)
    return upload(output, target, newsletter_dir=private, dry_run=dry_run, verbose=verbose)


def summary(lines: list[str], target: str, *, dry_run: bool) -> str:
    """One line from rsync's --itemize-changes and --stats output: files new, changed, deleted, bytes sent."""
    new = changed = deleted = 0
    sent = "0"
    for line in lines:
        if line.startswith("*deleting"):
            deleted += 1
        elif len(line) > 12 and line[0] in "<>ch" and line[1] == "f":
            if line[2:11].strip("+") == "":
                new += 1
            else:
                changed += 1
        elif line.startswith("Total bytes sent:"):
            sent = line.split(":", 1)[1].strip()
    verb = "would change" if dry_run else "changed"
    return (f"{target} {verb}: {new} new file(s), {changed} changed, {deleted} deleted; {sent} bytes sent"
            + " (VERBOSE=1 lists every file)")


def upload(output: Path, target: str, *, newsletter_dir: str | None, dry_run: bool, verbose: bool = False) -> int:
    """The upload step of make deploy: rsync of output/ to target, refused for a preview build."""
    try:
        check_source(output)
    except DeployError as problem:
        print(f"error: {problem}", file=sys.stderr)
        return 1
    command = rsync_command(output.resolve(), target, newsletter_dir=newsletter_dir, dry_run=dry_run)
    print("$ " + " ".join(command), file=sys.stderr)
    done = subprocess.run(command, stdout=subprocess.PIPE, text=True, errors="replace")
    lines = done.stdout.splitlines()
    if verbose:
        print(done.stdout, end="")
    print(summary(lines, target, dry_run=dry_run))
    if done.returncode:
        print(f"error: rsync to {target} failed (exit {done.returncode}); with --delay-updates the live "
              "site keeps its previous files; fix the target or its access and run make deploy again",
              file=sys.stderr)
        return done.returncode
    if dry_run:
        print(f"dry run: nothing was uploaded to {target}", file=sys.stderr)
    else:
        kept = f" ({newsletter_dir} kept private; DEPLOY_NEWSLETTER=1 uploads it)" if newsletter_dir else ""
        print(f"deployed {output} to {target}{kept}", file=sys.stderr)
    return 0


def flag(name: str) -> bool:
    return os.environ.get(name, "").strip().lower() in ("1", "true", "yes")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--target", default=os.environ.get("DEPLOY_TARGET"), help="rsync destination (DEPLOY_TARGET)")
    parser.add_argument("--dry-run", action="store_true", default=flag("DRY_RUN"), help="list changes only (DRY_RUN=1)")
    parser.add_argument("--newsletter", action="store_true", default=flag("DEPLOY_NEWSLETTER"),
                        help="also upload the email files (DEPLOY_NEWSLETTER=1)")
    parser.add_argument("--verbose", action="store_true", default=flag("VERBOSE"),
                        help="list every file rsync sends or deletes (VERBOSE=1)")
    parser.add_argument("--settings", default="publishconf.py")
    parser.add_argument("--output", default="output")
    parser.add_argument("--content", help="content directory (default: PATH of the settings)")
    parser.add_argument("--full", action="store_true", default=flag("FULL"),
                        help="publish with every page rendered (FULL=1; see make publish)")
    args = parser.parse_args(argv)
    return deploy(args.settings, Path(args.output), args.target, dry_run=args.dry_run,
                  newsletter=args.newsletter, content=args.content, verbose=args.verbose, full=args.full)


if __name__ == "__main__":
    sys.exit(main())
