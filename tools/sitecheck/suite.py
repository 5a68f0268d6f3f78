"""The site checks as one run over a built, served output directory, each with a plain outcome.

`make check` (tools/check.py) prints these outcomes; the tests call the modules directly.
"""

from __future__ import annotations

import contextlib
import time
from dataclasses import dataclass, field
from pathlib import Path

from shared.messages import current_language, t
from tools.chromium import running_browser
from tools.sitecheck import browser, environment, lighthouse, links, pagetypes, vnu
from tools.sitecheck.selection import Selection, one_per_type

PROGRESS_EVERY = 100  # pages between progress lines of a long browser run


@dataclass
class CheckOutcome:
    name: str  # translated, like every text of an outcome
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # shown, never a failure (e.g. external links)
    skipped: str | None = None  # why the check could not run (a missing tool and how to install it)
    loaded: list[str] = field(default_factory=list)  # URL paths the browser check loaded, in order

    @property
    def failed(self) -> bool:
        return bool(self.problems) or (self.skipped is not None and environment.running_in_ci())

    def status(self) -> str:
        if self.skipped:
            return t("FAILED (not run)") if self.failed else t("SKIPPED")
        if self.problems:
            return t("{count} problem(s)", count=len(self.problems))
        return t("OK")


def check_links(output_dir: Path, site_url: str | None, verbose: bool = False) -> CheckOutcome:
    """Broken internal links fail; external ones are only counted per host (VERBOSE=1: every one)."""
    report = links.check_links(output_dir, site_url)
    outcome = CheckOutcome(t("internal links"), problems=report.problem_lines())
    hosts = report.external_hosts()
    counts = {"checked": report.checked, "external": len(report.external), "hosts": len(hosts)}
    if verbose:
        outcome.notes.append(t("{checked} references checked; {external} external link(s) on {hosts} host(s), "
                               "not fetched", **counts))
        outcome.notes += report.external_summary().splitlines()
    else:
        outcome.notes.append(t("{checked} references checked; {external} external link(s) on {hosts} host(s), "
                               "not fetched (VERBOSE=1 lists them)", **counts))
        outcome.notes.append(t("external: {hosts}", hosts=", ".join(hosts)))
    return outcome


def check_html(output_dir: Path) -> CheckOutcome:
    outcome = CheckOutcome(t("HTML validity (Nu checker)"))
    try:
        outcome.problems = [finding.format() for finding in vnu.check_directory(output_dir)]
    except environment.ToolMissing as missing:
        outcome.skipped = str(missing)
    return outcome


def check_pages(output_dir: Path, origin: str, settings: dict | None = None,
                selection: Selection | None = None, *, chromium=None, log=None) -> CheckOutcome:
    """The selected pages in chromium (default: one page of every type): privacy, console,
    requests, 375 px, axe (light and dark). `chromium`: a running browser to reuse (tests);
    `log(line)` hears what is loaded and how far it got while it runs (a FULL run takes minutes)."""
    outcome = CheckOutcome(t("pages in chromium (requests, console, 375 px, axe-core)"))
    site = pagetypes.site_of(settings) if settings else None
    missing = pagetypes.missing_required(pagetypes.discover(output_dir, site))
    if missing:  # a site may lack e.g. tags; the test suite insists on them for the sample site
        outcome.notes.append(t("page types this site does not have: {types}", types=", ".join(missing)))
    selection = selection or one_per_type(output_dir, site)
    described = selection.describe()
    if log and len(selection.pages) > PROGRESS_EVERY:  # a long run: say so before it starts
        log(described[0])
    timing = {}
    try:
        reports = inspect_page_types(selection.page_types, origin, chromium=chromium, log=log, timing=timing)
    except environment.ToolMissing as missing:
        outcome.skipped = str(missing)
        return outcome
    for page_type, report in reports.items():
        outcome.problems += [f"{page_type.name} ({report.url}): {line}" for line in report.problems()]
    outcome.loaded = [page_type.path for page_type in reports]
    seconds = timing.get("pages", 0.0)
    outcome.notes += described
    outcome.notes.append(t("loaded {count} page(s) in {seconds} s ({each} s a page, chromium's start not counted)",
                           count=len(reports), seconds=f"{seconds:.1f}", each=f"{seconds / max(len(reports), 1):.2f}"))
    return outcome


def inspect_page_types(page_types, origin: str, chromium=None, log=None, timing: dict | None = None) -> dict:
    """{PageType: PageReport} from one browser, one context and one reused tab: axe-core is
    registered once as an init script, never sent again per page, in the language of the problems
    (its own locale). `timing["pages"]`: the seconds the pages took, without starting chromium."""
    environment.require(environment.BROWSER_TOOLS)  # name every missing tool at once, axe-core too
    with contextlib.ExitStack() as stack:
        if chromium is None:
            chromium = stack.enter_context(running_browser())
        axe_source = browser.read_axe_source(current_language())
        page = browser.new_page(chromium, axe_source=axe_source)
        stack.callback(page.close)
        reports, started = {}, time.perf_counter()
        for number, page_type in enumerate(page_types, 1):
            reports[page_type] = inspect_page_type(page, page_type, origin, axe_source)
            if log and number % PROGRESS_EVERY == 0 and number < len(page_types):
                log("  " + t("{number} of {total} pages loaded", number=number, total=len(page_types)))
        if timing is not None:
            timing["pages"] = time.perf_counter() - started
    return reports


def inspect_page_type(page, page_type: pagetypes.PageType, origin: str, axe_source: str):
    exceptions = browser.EMAIL_AXE_EXCEPTIONS if page_type.is_email else ()
    return browser.inspect_page(page, f"{origin}/{page_type.path}", axe_source=axe_source,
                                axe_exceptions=exceptions, expected_status=page_type.expected_status)


def check_lighthouse(output_dir: Path, origin: str, settings: dict | None = None, *,
                     page_types: list[pagetypes.PageType] | None = None, runner=None) -> CheckOutcome:
    """Lighthouse (mobile) on the home, an article, an author, a roundup, the search and the subscribe
    page: the budgets of tools/sitecheck/lighthouse.py, and a table of the scores in the notes.
    `runner(url)`: the JSON report of one URL (tests); the npm lighthouse by default."""
    outcome = CheckOutcome("Lighthouse")
    if page_types is None:
        page_types = lighthouse.choose_pages(output_dir, pagetypes.site_of(settings) if settings else None)
    started = time.perf_counter()
    try:
        pages = lighthouse.measure(page_types, origin, runner=runner or lighthouse.run_lighthouse)
    except environment.ToolMissing as missing:
        outcome.skipped = str(missing)
        return outcome
    seconds = time.perf_counter() - started
    for page in pages:
        outcome.problems += lighthouse.budget_problems(page)
    outcome.notes += lighthouse.format_table(pages)
    outcome.notes.append(t("{count} page(s) in {seconds} s ({each} s a page)", count=len(pages),
                           seconds=f"{seconds:.0f}", each=f"{seconds / max(len(pages), 1):.1f}"))
    return outcome


def format_summary(outcomes: list[CheckOutcome]) -> str:
    width = max(len(outcome.name) for outcome in outcomes)
    lines = ["", t("== summary ==")]
    for outcome in outcomes:
        lines.append(f"{outcome.name.ljust(width)}  {outcome.status()}")
        if outcome.skipped:
            lines.append(f"    {outcome.skipped}")
        lines += [f"    {problem}" for problem in outcome.problems]
    failed = [outcome.name for outcome in outcomes if outcome.failed]
    lines.append(t("check: everything OK") if not failed else t("check: FAILED: {checks}", checks=", ".join(failed)))
    return "\n".join(lines)
