"""Build the site with Pelican, collect every content problem, report them together.

    python -m tools.build [--settings publishconf.py] [--output DIR] [--strict]

Without --strict (make html) problems are printed and the build still succeeds, so authors can
preview; with --strict (make check, make publish) any content error makes the exit status 1.
The command builds into a fresh folder and swaps it in whole (build_into): the output never mixes
two builds, and a build that fails (a crash; with --strict any error) leaves it as it was. Pelican
runs in a child process, and Pagefind after that process has ended (build_apart): the command's
peak memory is the larger of the two, not their sum. This module imports Pelican only where it
builds, so the process that waits for the child stays small. A build that writes drafts
(WRITE_DRAFTS, pelicanconf.py) is a preview and marks its folder (tools/outputdir.py).
In GitHub Actions (GITHUB_ACTIONS=true) each problem is also printed as an ::error/::warning
annotation on its file and line; --code-quality FILE writes GitLab's report.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
from dataclasses import dataclass, field
from pathlib import Path

from tools.bytecode import compile_own_code
from tools.outputdir import fresh_folder, locked, mark_preview, remove_leftovers, swap_in

# Imported where used (the plugins' modules, as Pelican names them, and Babel's catalogs): the process
# that waits for a build (build_apart) stays small, and the build's own process has them anyway.


@dataclass
class BuildResult:
    errors: list = field(default_factory=list)  # ContentProblem (shared.problems)
    warnings: list = field(default_factory=list)
    other_errors: list[str] = field(default_factory=list)
    other_warnings: list[str] = field(default_factory=list)
    crashed: bool = False

    @property
    def publish_blockers(self) -> list:
        """Warnings that stop a production build: text to replace before the site goes live (the
        placeholders `make new-site` writes into the legal pages)."""
        return [problem for problem in self.warnings if problem.blocks_publish]

    def exit_code(self, strict: bool, publishing: bool = False) -> int:
        if self.crashed:
            return 2
        if strict and (self.errors or self.other_errors):
            return 1
        if publishing and self.publish_blockers:
            return 1
        return 0

    def summary(self) -> str:
        from shared.messages import t

        lines = [problem.format() for problem in self.errors]
        lines += [t("warning: {problem}", problem=problem.format()) for problem in self.warnings]
        lines += [t("warning: {problem}", problem=message) for message in self.other_warnings]
        lines += [t("error: {message}", message=message) for message in self.other_errors]
        count = t("{errors} error(s), {warnings} warning(s)", errors=len(self.errors) + len(self.other_errors),
                  warnings=len(self.warnings) + len(self.other_warnings))
        return "\n".join(lines + [count])


def github_annotations(problems: list) -> list[str]:
    """GitHub Actions workflow commands: each problem marks its file and line in the pull request."""
    def escape(text: str, property_value=False) -> str:
        text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        return text.replace(":", "%3A").replace(",", "%2C") if property_value else text

    lines = []
    for problem in problems:
        where = f"file={escape(problem.path, True)}" + (f",line={problem.line}" if problem.line else "")
        text = problem.message + (f"\n{problem.hint}" if problem.hint else "")
        lines.append(f"::{problem.severity} {where},title={escape(problem.message, True)}::{escape(text)}")
    return lines


def code_quality_report(problems: list) -> str:
    """GitLab's Code Quality report (JSON): the merge request shows each problem on its file and line."""
    import hashlib
    import json

    issues = [{
        "description": problem.message + (f" ({problem.hint})" if problem.hint else ""),
        "check_name": "content",
        "fingerprint": hashlib.sha256(f"{problem.path}:{problem.line}:{problem.message}".encode()).hexdigest(),
        "severity": "major" if problem.severity == "error" else "minor",
        "location": {"path": problem.path, "lines": {"begin": problem.line or 1}},
    } for problem in problems]
    return json.dumps(issues, indent=2, ensure_ascii=False) + "\n"


def print_report(result: BuildResult, code_quality: str | None = None) -> None:
    """The summary for people (stderr), plus annotations when running in GitHub Actions (stdout)."""
    print(result.summary(), file=sys.stderr)
    problems = result.errors + result.warnings
    if os.environ.get("GITHUB_ACTIONS") == "true":
        for line in github_annotations(problems):
            print(line, flush=True)
    if code_quality:
        Path(code_quality).write_text(code_quality_report(problems), encoding="utf-8")


def load_settings(settings_file: str | Path, overrides: dict | None = None) -> dict:
    from pelican.settings import read_settings

    from shared.messages import problem_language, use_language

    settings = read_settings(str(settings_file), override=overrides or {})
    settings["SETTINGS_FILE"] = str(Path(settings_file).resolve())  # so a bad value names its file and line
    use_language(problem_language(settings))
    return settings


def path_overrides(content: str | None, output: str | None) -> dict:
    overrides = {}
    if content:
        overrides["PATH"] = str(Path(content).resolve())
    if output:
        overrides["OUTPUT_PATH"] = str(Path(output).resolve())
    return overrides


def forget_logged_warnings() -> None:
    """Pelican logs each warning once per process (pelican.log.LimitFilter keeps class-wide sets):
    a build reports all of its own, also the second build in one process (the preview, tests)."""
    from pelican.log import LimitFilter

    LimitFilter._raised_messages.clear()
    LimitFilter._group_count.clear()


def build(settings: dict, search_index: bool = False, session=None) -> BuildResult:
    """Run one Pelican build with the given settings and return what went wrong.

    `search_index`: then write the Pagefind index into the output (make html, check, publish).
    `session`: a tools.incremental.Session (make publish): pages whose inputs did not change since
    the last publish are taken over from it instead of rendered."""
    import logging

    from pelican import Pelican

    from readers.search_index import searchable_pages
    from shared.config import missing_plugins
    from shared.messages import problem_language, use_language
    from shared.problems import ProblemCollector

    use_language(problem_language(settings))
    jinja = settings.get("JINJA_ENVIRONMENT") or {}
    if "bytecode_cache" not in jinja:  # every generator's environment compiles each template once
        from tools.compiled_templates import CompiledTemplates

        settings["JINJA_ENVIRONMENT"] = {**jinja, "bytecode_cache": CompiledTemplates()}
    missing = missing_plugins(settings)
    if missing:  # the model needs every part: stop before Pelican fails somewhere deep inside
        return BuildResult(errors=missing)
    forget_logged_warnings()
    collector = ProblemCollector()
    content_logger = logging.getLogger("blog.content")
    root_logger = logging.getLogger()
    content_logger.addHandler(collector)
    content_logger.propagate = False
    root_logger.addHandler(collector)
    result = BuildResult()
    try:
        pelican = Pelican(settings)
        if session is not None:
            session.run(pelican)
        else:
            pelican.run()
    except Exception as error:  # a crash is a bug in our code or a Pelican error, never hidden
        logging.getLogger(__name__).exception("build crashed: %s", error)
        result.crashed = True
    finally:
        content_logger.removeHandler(collector)
        content_logger.propagate = True
        root_logger.removeHandler(collector)
    result.errors, result.warnings = collector.errors, collector.warnings
    result.other_errors = collector.other_errors
    result.other_warnings = collector.other_warnings
    if search_index and not result.crashed and not (session is not None and session.take_search_index_over()):
        index_search(settings["OUTPUT_PATH"], result, searchable_pages(settings))
    return result


def index_search(output: str, result: BuildResult, pages=None) -> None:
    """`pages`: what Pagefind reads (searchable_pages); the other pages carry no data-pagefind-body."""
    from readers.search_index import index_site
    from shared.messages import t

    try:
        index_site(output, pages=pages)
    except (RuntimeError, OSError) as error:
        result.other_errors.append(t("search index: {error}", error=error))


def build_into(settings_file: str | Path, target: Path, overrides: dict | None = None, *, strict: bool,
               job: str = "build", production: bool = False, code_quality: str | None = None,
               full: bool = False) -> int:
    """Build into a fresh folder next to `target` and swap it in; returns the exit status.

    `target` then holds this build and nothing else. It stays as it was when the build crashes, or
    with `strict` when it has content errors. A build that writes drafts (WRITE_DRAFTS) is a preview:
    its folder gets the preview marker, and with `production` (make publish) it is refused.
    A `production` build is incremental (tools/incremental): it renders only the pages whose inputs
    changed since the last one and takes the others over; `full` renders every page."""
    from shared.messages import t, use_language

    compile_own_code()
    target = Path(target).resolve()
    with locked(target):
        for leftover in remove_leftovers(target):
            print(t("removed {name}, left by an interrupted earlier {job}", name=leftover.name, job=job),
                  file=sys.stderr)
        new_dir = fresh_folder(target)
        try:
            built = build_apart(settings_file, {**(overrides or {}), "OUTPUT_PATH": str(new_dir)}, target,
                                production=production, full=full)
            use_language(built.language)
            preview, result, session = built.preview, built.result, built.session
            if production and preview:
                print(t("error: {settings} writes drafts (WRITE_DRAFTS = True), and a site for the web never holds "
                        "drafts: {job} with publishconf.py (WRITE_DRAFTS = False); {target} was left as it was",
                        settings=settings_file, job=job, target=target), file=sys.stderr)
                return 1
            if built.search_index:
                index_search(str(new_dir), result, built.searchable)
            print_report(result, code_quality)
            code = result.exit_code(strict, publishing=production)
            if code:
                if production:
                    for blocker in result.publish_blockers:
                        print(t("{job} refuses {where}: {message}", job=job, where=f"{blocker.path}:{blocker.line}",
                                message=blocker.message), file=sys.stderr)
                print(t("{job} failed: {target} was left as it was", job=job, target=target), file=sys.stderr)
                return code
            if preview:
                mark_preview(new_dir)
            swap_in(new_dir, target)
            if session is not None:
                session.save()  # after the swap: the record describes what output/ now holds
                print(session.summary(), file=sys.stderr)
            return 0
        finally:
            if new_dir.exists():
                shutil.rmtree(new_dir)


@dataclass
class SeparateBuild:
    """What a build in a child process hands back (build_apart)."""

    result: BuildResult | None  # None: refused before it started (a production build of drafts)
    preview: bool  # the settings write drafts
    language: str  # of the problems (shared.messages), for what the caller prints
    search_index: bool = False  # Pagefind is still to run (not when the build crashed, or took it over)
    searchable: list = field(default_factory=list)  # the pages Pagefind reads
    session: object = None  # a production build's tools.incremental.record.Finished: save() after the swap


def build_apart(settings_file: str | Path, overrides: dict, target: Path, *, production: bool = False,
                full: bool = False) -> SeparateBuild:
    """Load the settings and build in a forked child process. Its memory (Pelican's model and the
    plugins: some 100 MB at 1,000 posts) is given back when it ends, before the caller runs Pagefind
    (about as much again). `production`: settings that write drafts are not built, and the build is
    incremental (tools/incremental; `full`: every page rendered).

    A plain fork and a pipe: the waiting process imports nothing of the build (not even
    multiprocessing), so the two together need little more than the build alone; the child's
    answer is read whole and unpickled only after the child has ended and its memory is free."""
    import pickle

    sys.stdout.flush()
    sys.stderr.flush()  # nothing printed so far is printed again by the child
    parent = os.getpid()
    answer_fd, child_fd = os.pipe()
    pid = os.fork()
    if pid == 0:  # the build's process: it never returns from here
        os.close(answer_fd)
        _build_in_child(parent, child_fd, (settings_file, overrides, target, production, full))
    os.close(child_fd)
    with os.fdopen(answer_fd, "rb") as pipe:
        answer = pipe.read()
    _, status = os.waitpid(pid, 0)
    if not answer:
        raise RuntimeError(f"the build's process ended without an answer (exit status {os.waitstatus_to_exitcode(status)})")
    kind, value = pickle.loads(answer)
    if kind == "raised":
        raise value
    return value


def _build_in_child(parent: int, answer_fd: int, arguments: tuple) -> None:
    """The forked child: build, write (kind, value) pickled to the pipe, end without running the
    parent's exit handlers (a test runner's, for one)."""
    import pickle
    import traceback

    code = 0
    try:
        _end_with(parent)
        try:
            answer = pickle.dumps(("built", _load_and_build(*arguments)))
        except BaseException as error:  # noqa: BLE001 (handed to the parent, which raises it)
            try:
                answer = pickle.dumps(("raised", error))
            except Exception:  # noqa: BLE001 (an exception that does not pickle: its text does)
                answer = pickle.dumps(("raised", RuntimeError(traceback.format_exc())))
        with os.fdopen(answer_fd, "wb") as pipe:
            pipe.write(answer)
    except BaseException:  # noqa: BLE001 (the parent sees no answer and says so)
        traceback.print_exc()
        code = 1
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)


def _end_with(parent: int) -> None:
    """In the build's process: end when the process waiting for it ends, also when that one is killed
    (Linux), so a stopped `make publish` leaves no build behind that holds the output folder's lock."""
    import ctypes
    import signal

    try:
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # 1: PR_SET_PDEATHSIG
    except (OSError, AttributeError):  # not Linux: the build ends when it is done
        pass
    if os.getppid() != parent:  # the parent ended before the line above
        os._exit(1)


def _load_and_build(settings_file, overrides: dict, target: Path, production: bool, full: bool) -> SeparateBuild:
    from readers.search_index import searchable_pages
    from shared.messages import current_language

    settings = load_settings(settings_file, overrides)
    preview = bool(settings.get("WRITE_DRAFTS"))
    if production and preview:
        return SeparateBuild(None, preview, current_language())
    if not production:
        result = build(settings)
        return SeparateBuild(result, preview, current_language(), not result.crashed, searchable_pages(settings))
    from tools.incremental.session import Session

    session = Session(settings, target, full=full)
    result = build(settings, session=session)
    search_index = not result.crashed and not session.take_search_index_over()
    return SeparateBuild(result, preview, current_language(), search_index, searchable_pages(settings),
                         session.finished())


def main(argv=None) -> int:
    import logging

    from shared.messages import t

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--settings", default="pelicanconf.py")
    parser.add_argument("--output", help="output directory (default: OUTPUT_PATH of the settings)")
    parser.add_argument("--content", help="content directory (default: PATH of the settings)")
    parser.add_argument("--strict", action="store_true", help="content errors make the build fail")
    parser.add_argument("--code-quality", metavar="FILE", 
                        help="also write the problems as a GitLab Code Quality report")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s: %(message)s")
    overrides = path_overrides(args.content, args.output)
    target = Path(overrides.get("OUTPUT_PATH") or load_settings(args.settings, overrides)["OUTPUT_PATH"])
    code = build_into(args.settings, target, overrides, strict=args.strict, code_quality=args.code_quality)
    if code == 0:
        print(t("built {target}", target=target), file=sys.stderr)
    return code


if __name__ == "__main__":
    sys.exit(main())
