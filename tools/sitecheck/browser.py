"""Load pages in Debian's chromium (Playwright) and report what a careful reader would notice.

For each page: requests that leave the site's origin (blocked, never sent), console errors,
failed sub-resource requests, horizontal scrolling at the viewport width, and axe-core
violations of impact serious/critical under the WCAG 2.0-2.2 A/AA tags. In another language than
English axe-core runs with its own locale (node_modules/axe-core/locales), so its rule help and
failure summaries come in the language of the other problems.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from shared.messages import N_, SOURCE_LANGUAGE, t
from tools.chromium import guarded_requests, origin_of
from tools.sitecheck import environment

MOBILE_WIDTH = 375
# WCAG 2.2 AA: "wcag22aa" brings axe's target-size rule (2.5.8), which axe leaves off by default.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
AXE_IMPACTS = ("serious", "critical")
# Rules that do not apply to an email (it has no landmarks or page structure of its own).
EMAIL_AXE_EXCEPTIONS = ("region", "landmark-one-main", "page-has-heading-one")
# One message per impact (the impact is a word of the message, translated with it).
AXE_MESSAGES = {
    "critical": N_("axe critical '{rule}'{context}: {help} at {targets}.{detail}"),
    "serious": N_("axe serious '{rule}'{context}: {help} at {targets}.{detail}"),
}
AXE_MESSAGE = N_("axe {impact} '{rule}'{context}: {help} at {targets}.{detail}")

_OVERFLOW_SCRIPT = """() => {
  const root = document.documentElement;
  const limit = root.clientWidth;
  const culprits = [];
  for (const element of document.body ? document.body.querySelectorAll('*') : []) {
    const box = element.getBoundingClientRect();
    if (box.right > limit + 1 && culprits.length < 5) {
      let name = element.tagName.toLowerCase();
      if (element.id) name += '#' + element.id;
      if (element.classList.length) name += '.' + [...element.classList].join('.');
      culprits.push({name, right: Math.round(box.right)});
    }
  }
  return {scrollWidth: root.scrollWidth, clientWidth: limit, culprits};
}"""

_AXE_SCRIPT = """async (options) => {
  const result = await axe.run(document, options);
  return result.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help,
    targets: v.nodes.slice(0, 5).map(n => n.target.join(' ')),
    summary: v.nodes.length ? (v.nodes[0].failureSummary || '') : '',
  }));
}"""


@dataclass
class AxeViolation:
    rule: str
    impact: str
    help: str
    targets: list[str]
    summary: str = ""
    context: str = ""  # viewport and colour scheme, e.g. "1280 px, dark"

    def format(self) -> str:
        detail = f" {self.summary.splitlines()[-1].strip()}" if self.summary.strip() else ""
        context = f" [{self.context}]" if self.context else ""
        message = AXE_MESSAGES.get(self.impact, AXE_MESSAGE)
        return t(message, impact=self.impact, rule=self.rule, context=context, help=self.help,
                 targets=", ".join(self.targets), detail=detail)


@dataclass
class PageReport:
    url: str
    off_origin_requests: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    failed_requests: list[str] = field(default_factory=list)
    overflow: str | None = None  # why the page scrolls sideways, None when it does not
    axe_violations: list[AxeViolation] = field(default_factory=list)

    def problems(self) -> list[str]:
        lines = [t("request leaves the site's origin: {url}", url=url) for url in self.off_origin_requests]
        lines += [t("console error: {message}", message=message) for message in self.console_errors]
        lines += [t("failed request: {request}", request=message) for message in self.failed_requests]
        if self.overflow:
            lines.append(t("horizontal scrolling: {why}", why=self.overflow))
        lines += [violation.format() for violation in self.axe_violations]
        return lines

    @property
    def ok(self) -> bool:
        return not self.problems()


DESKTOP_WIDTH = 1280


def new_page(browser, width: int = MOBILE_WIDTH, color_scheme: str = "light", axe_source: str | None = None):
    """A tab to reuse for many URLs. With `axe_source`, axe-core is loaded into every document
    as an init script: V8 then compiles it once, not once per page (about 0.3 s each)."""
    page = browser.new_page(viewport={"width": width, "height": 800}, color_scheme=color_scheme)
    if axe_source is not None:
        page.add_init_script(script=axe_source)
    return page


def read_axe_source(lang: str = SOURCE_LANGUAGE) -> str:
    """axe-core's script; for another language than English followed by axe.configure({locale})
    with axe's own translation (node_modules/axe-core/locales/<lang>.json), when it has one."""
    script = Path(environment.locate("axe-core"))
    source = script.read_text(encoding="utf-8")
    locale = script.parent / "locales" / f"{lang}.json"
    if lang != SOURCE_LANGUAGE and locale.is_file():
        source += f"\n;axe.configure({{locale: {locale.read_text(encoding='utf-8')}}});\n"
    return source


def inspect_page(page, url: str, *, axe_source: str | None = None, axe_exceptions=(),
                 expected_status: int | None = None, also_dark_desktop: bool = True) -> PageReport:
    """Load `url` in `page` (reused between calls) and collect every problem on it.

    The page should have the mobile viewport (375 px): horizontal overflow is measured there and
    axe runs there in light mode; with `also_dark_desktop` axe runs again, without reloading, at
    1280 px in dark mode (colour contrast differs). Requests to other origins are recorded and
    aborted, so a check never talks to the internet. `expected_status` lets the 404 page be loaded
    by a missing URL without counting that as a failure.
    """
    report = PageReport(url)
    with guarded_requests(page, origin_of(url)) as blocked:
        report.off_origin_requests = blocked  # the guard appends to it while the page loads
        _load_and_inspect(page, report, axe_source, axe_exceptions, expected_status, also_dark_desktop)
    return report


def _load_and_inspect(page, report: PageReport, axe_source, axe_exceptions, expected_status,
                      also_dark_desktop) -> None:
    url, blocked = report.url, report.off_origin_requests

    def on_console(message):
        if message.type != "error":
            return
        location = (message.location or {}).get("url", "")
        if location in blocked:
            return  # already reported as an off-origin request
        if location == url and expected_status and "status of %d" % expected_status in message.text:
            return  # the main document's expected status (the 404 page), not an error on it
        report.console_errors.append(f"{message.text}" + (f" ({location})" if location else ""))

    def on_response(response):
        if response.status >= 400 and response.url != url:
            report.failed_requests.append(f"{response.status} {response.url}")

    def on_request_failed(request):
        # ERR_ABORTED is the browser cancelling a load (a lazy image of the previous page when the
        # next one is opened), not a missing file: those arrive as a 4xx response above
        if request.failure == "net::ERR_ABORTED":
            return
        if request.url not in blocked and request.url != url:
            report.failed_requests.append(f"{request.failure} {request.url}" if request.failure
                                          else t("failed {url}", url=request.url))

    def on_page_error(error):
        report.console_errors.append(t("uncaught exception: {error}", error=error))

    page.on("console", on_console)
    page.on("pageerror", on_page_error)
    page.on("response", on_response)
    page.on("requestfailed", on_request_failed)
    try:
        response = page.goto(url, wait_until="load")
        status = response.status if response else None
        if status != (expected_status or 200):
            report.failed_requests.append(t("{status} {url} (the page itself)", status=status, url=url))
        report.overflow = _horizontal_overflow(page)
        if axe_source is not None:
            width = page.viewport_size["width"]
            report.axe_violations = run_axe(page, axe_source, exceptions=axe_exceptions,
                                            context=t("{width} px, light", width=width))
            if also_dark_desktop:
                report.axe_violations = _merged(report.axe_violations
                                                + _axe_dark_desktop(page, axe_source, axe_exceptions))
    finally:
        page.remove_listener("console", on_console)
        page.remove_listener("pageerror", on_page_error)
        page.remove_listener("response", on_response)
        page.remove_listener("requestfailed", on_request_failed)


def _horizontal_overflow(page) -> str | None:
    measured = page.evaluate(_OVERFLOW_SCRIPT)
    if measured["scrollWidth"] <= measured["clientWidth"]:
        return None
    culprits = "; ".join(t("{element} (right edge {right} px)", element=culprit["name"], right=culprit["right"])
                         for culprit in measured["culprits"]) or t("no single element found")
    return t("document is {width} px wide in a {viewport} px viewport (widest: {culprits})",
             width=measured["scrollWidth"], viewport=measured["clientWidth"], culprits=culprits)


def _merged(violations: list[AxeViolation]) -> list[AxeViolation]:
    """One entry per rule and elements, naming every viewport/colour scheme it occurred in."""
    merged: dict[tuple, AxeViolation] = {}
    for violation in violations:
        key = (violation.rule, tuple(violation.targets))
        if key in merged:
            merged[key].context += f"; {violation.context}"
        else:
            merged[key] = violation
    return list(merged.values())


def _axe_dark_desktop(page, axe_source: str, exceptions) -> list[AxeViolation]:
    viewport = page.viewport_size
    page.emulate_media(color_scheme="dark")
    page.set_viewport_size({"width": DESKTOP_WIDTH, "height": viewport["height"]})
    try:
        return run_axe(page, axe_source, exceptions=exceptions, context=t("{width} px, dark", width=DESKTOP_WIDTH))
    finally:
        page.emulate_media(color_scheme="light")
        page.set_viewport_size(viewport)


def run_axe(page, axe_source: str, exceptions=(), context: str = "") -> list[AxeViolation]:
    """axe-core in the loaded page; only serious and critical violations count."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(content=axe_source)
    options = {"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]}
    if exceptions:
        options["rules"] = {rule: {"enabled": False} for rule in exceptions}
    found = page.evaluate(_AXE_SCRIPT, options)
    return [AxeViolation(v["id"], v["impact"], v["help"], v["targets"], v["summary"], context)
            for v in found if v["impact"] in AXE_IMPACTS]
