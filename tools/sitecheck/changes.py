"""Which files a merge request changed, from git: what `make check` loads in the browser.

The base is the merge base with the branch the change goes into: GitLab names it
(CI_MERGE_REQUEST_DIFF_BASE_SHA), GitHub names the branch (GITHUB_BASE_REF, which needs the
history: `fetch-depth: 0`), and on a laptop it is origin's default branch or `main`. Changed means
committed since the base, plus uncommitted and untracked files (what `make check` just built).
"""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from shared.messages import t

GITLAB_BASE = "CI_MERGE_REQUEST_DIFF_BASE_SHA"
GITHUB_BASE = "GITHUB_BASE_REF"
LOCAL_BASES = ("origin/HEAD", "origin/main", "main")


@dataclass(frozen=True)
class Changes:
    """The changed files (absolute) against `base`; `base` None means git could not say (`why`)."""

    base: str | None  # how the base was found, e.g. "merge base with origin/main (3ec4059)"
    files: tuple[Path, ...] = ()
    why: str = ""  # why there is no base
    from_ci: bool = False  # CI named the base, and the checkout lacks it: a setup mistake there
    top: Path | None = None  # the checkout's top folder (paths are shown relative to it)


class _GitFailed(Exception):
    pass


def _git(top: Path, *args: str) -> str:
    try:
        done = subprocess.run(["git", *args], cwd=top, capture_output=True, text=True, timeout=60)
    except OSError as error:
        raise _GitFailed(str(error)) from None
    if done.returncode != 0:
        lines = done.stderr.strip().splitlines() or [t("git {command} failed", command=args[0])]
        raise _GitFailed(next((line for line in lines if line.startswith(("fatal:", "error:"))), lines[-1]))
    return done.stdout


def _commit(top: Path, ref: str) -> str | None:
    try:
        return _git(top, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}").strip()
    except _GitFailed:
        return None


def _merge_base(top: Path, ref: str) -> str:
    try:
        return _git(top, "merge-base", ref, "HEAD").strip()
    except _GitFailed:
        raise _GitFailed(t("no merge base of {ref} and HEAD (a shallow clone? fetch the whole history)",
                           ref=ref)) from None


def _gitlab_base(top: Path, sha: str) -> str:
    """GitLab's diff base is the merge base already; fetch it when the clone is too shallow."""
    if _commit(top, sha) is None:
        try:
            _git(top, "fetch", "--quiet", "--depth=1", "origin", sha)
        except _GitFailed as error:
            raise _GitFailed(t("commit {commit} is not in the clone and could not be fetched ({error})",
                               commit=sha[:12], error=error)) from None
    return sha


def _github_base(top: Path, branch: str) -> str:
    ref = f"origin/{branch}"
    if _commit(top, ref) is None:
        try:
            _git(top, "fetch", "--quiet", "--no-tags", "origin", f"+refs/heads/{branch}:refs/remotes/{ref}")
        except _GitFailed as error:
            raise _GitFailed(t("branch {branch} could not be fetched ({error})", branch=branch, error=error)) from None
    return _merge_base(top, ref)


def find_base(top: Path, environ, base: str | None = None) -> tuple[str, str, bool]:
    """(commit, how it was found, whether CI named it); _GitFailed when there is none."""
    if base:
        if _commit(top, base) is None:
            raise _GitFailed(t("no commit {base}", base=repr(base)))
        commit = _merge_base(top, base)
        return commit, t("merge base with {ref} ({commit})", ref=base, commit=commit[:7]), False
    if environ.get(GITLAB_BASE):
        commit = _gitlab_base(top, environ[GITLAB_BASE])
        how = t("the merge request's base ({variable}, {commit})", variable=GITLAB_BASE, commit=commit[:7])
        return commit, how, True
    if environ.get(GITHUB_BASE):
        commit = _github_base(top, environ[GITHUB_BASE])
        return commit, t("merge base with {ref} ({variable}, {commit})", ref=f"origin/{environ[GITHUB_BASE]}",
                         variable=GITHUB_BASE, commit=commit[:7]), True
    for ref in LOCAL_BASES:
        if _commit(top, ref) is not None:
            commit = _merge_base(top, ref)
            return commit, t("merge base with {ref} ({commit})", ref=ref, commit=commit[:7]), False
    raise _GitFailed(t("no branch to compare with ({refs})", refs=", ".join(LOCAL_BASES)))


def _paths(output: str) -> list[str]:
    return [name for name in output.split("\0") if name]


def changed_files(directory: str | Path, environ=None, base: str | None = None) -> Changes:
    """Every file changed in the git checkout around `directory` since its merge base.

    `base` (a branch or commit) wins over CI's variables; `environ` defaults to os.environ."""
    environ = os.environ if environ is None else environ
    from_ci = not base and bool(environ.get(GITLAB_BASE) or environ.get(GITHUB_BASE))
    if shutil.which("git") is None:
        return Changes(None, why=t("git is not installed"))
    try:
        top = Path(_git(Path(directory), "rev-parse", "--show-toplevel").strip())
    except _GitFailed as error:  # a folder outside any checkout: nothing "changed" in it
        if "dubious ownership" in str(error):  # a checkout git will not read: CI's setup, not the site
            return Changes(None, why=f"{error}: git config --global --add safe.directory {directory}", from_ci=from_ci)
        return Changes(None, why=t("{directory} is not in a git checkout ({error})", directory=directory, error=error))
    try:
        commit, how, from_ci = find_base(top, environ, base)
        # against the working tree: the commits since the base and what is not committed yet
        names = _paths(_git(top, "diff", "--name-only", "--no-renames", "-z", commit, "--"))
        names += _paths(_git(top, "ls-files", "--others", "--exclude-standard", "-z"))
    except _GitFailed as error:
        return Changes(None, why=str(error), from_ci=from_ci, top=top)
    return Changes(how, tuple(sorted({(top / name).resolve() for name in names})), from_ci=from_ci, top=top)
