"""The site checks as one run over a built, served output directory, each with a plain outcome.

`make check` (tools/check.py) prints these outcomes; the tests call the modules directly.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from tools.chromium import running_browser
from tools.sitecheck import browser, environment, links, pagetypes, vnu


@dataclass
class CheckOutcome:
    name: str
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # shown, never a failure (e.g. external links)
    skipped: str | None = None  # why the check could not run (a missing tool and how to install it)

    @property
    def failed(self) -> bool:
        return bool(self.problems) or (self.skipped is not None and environment.running_in_ci())

    def status(self) -> str:
        if self.skipped:
            return "FAILED (not run)" if self.failed else "SKIPPED"
        if self.problems:
            return f"{len(self.problems)} problem(s)"
        return "OK"


def check_links(output_dir: Path, site_url: str | None) -> CheckOutcome:
    report = links.check_links(output_dir, site_url)
    outcome = CheckOutcome("internal links", problems=report.problem_lines())
    outcome.notes.append(f"{report.checked} references checked, {len(report.external)} external link(s) "
                         "listed, not fetched")
    outcome.notes += [f"external: {line}" for line in report.external_hosts()]
    return outcome


def check_html(output_dir: Path) -> CheckOutcome:
    outcome = CheckOutcome("HTML validity (Nu checker)")
    try:
        outcome.problems = [finding.format() for finding in vnu.check_directory(output_dir)]
    except environment.ToolMissing as missing:
        outcome.skipped = str(missing)
    return outcome


def check_pages(output_dir: Path, origin: str, settings: dict | None = None) -> CheckOutcome:
    """Every page type in chromium: privacy, console, requests, 375 px, axe (light and dark)."""
    outcome = CheckOutcome("pages in chromium (requests, console, 375 px, axe-core)")
    page_types = pagetypes.discover(output_dir, pagetypes.site_of(settings) if settings else None)
    missing = pagetypes.missing_required(page_types)
    if missing:  # a site may lack e.g. tags; the test suite insists on them for the sample site
        outcome.notes.append("page types this site does not have: " + ", ".join(missing))
    try:
        reports = inspect_page_types(page_types, origin)
    except environment.ToolMissing as missing:
        outcome.skipped = str(missing)
        return outcome
    for page_type, report in reports.items():
        outcome.problems += [f"{page_type.name} ({report.url}): {line}" for line in report.problems()]
    outcome.notes.append("page types: " + ", ".join(f"{t.name} (/{t.path})" for t in page_types))
    return outcome


def inspect_page_types(page_types, origin: str) -> dict:
    """{PageType: PageReport} from one browser and one reused page."""
    reports = {}
    environment.require(environment.BROWSER_TOOLS)  # name every missing tool at once, axe-core too
    with running_browser() as chromium:
        axe_source = browser.read_axe_source()
        page = browser.new_page(chromium, axe_source=axe_source)
        for page_type in page_types:
            reports[page_type] = inspect_page_type(page, page_type, origin, axe_source)
    return reports


def inspect_page_type(page, page_type: pagetypes.PageType, origin: str, axe_source: str):
    exceptions = browser.EMAIL_AXE_EXCEPTIONS if page_type.is_email else ()
    return browser.inspect_page(page, f"{origin}/{page_type.path}", axe_source=axe_source,
                                axe_exceptions=exceptions, expected_status=page_type.expected_status)


def format_summary(outcomes: list[CheckOutcome]) -> str:
    width = max(len(outcome.name) for outcome in outcomes)
    lines = ["", "== summary =="]
    for outcome in outcomes:
        lines.append(f"{outcome.name.ljust(width)}  {outcome.status()}")
        if outcome.skipped:
            lines.append(f"    {outcome.skipped}")
        lines += [f"    {problem}" for problem in outcome.problems]
    failed = [outcome.name for outcome in outcomes if outcome.failed]
    lines.append("check: " + ("everything OK" if not failed else "FAILED: " + ", ".join(failed)))
    return "\n".join(lines)
