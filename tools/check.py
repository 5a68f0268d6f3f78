"""`make check`: a strict build of the content into a scratch directory, then the site checks.

Content errors fail the check; warnings (e.g. a tip on the wrong weekday) are listed but pass.
The built site is then served on 127.0.0.1 and checked: internal links, HTML validity (Nu
checker), and pages in chromium (no off-origin request, no console error, no failed request, no
horizontal scroll at 375 px, no serious axe-core violation): the pages whose sources changed since
the merge base (git; tools/sitecheck/selection.py) plus one page of every type, or with --full
every page; then Lighthouse's budgets on six pages (tools/sitecheck/lighthouse.py; --no-lighthouse
leaves them out). One summary at the end; exit status 1 when anything failed.

The scratch build uses publishconf.py with SITEURL set to the local server's origin, so the
absolute URLs of the production build (stylesheet, feeds, canonical links) resolve against the
files just built instead of the live site; content checks do not depend on SITEURL.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

from shared.messages import t
from tools.build import build, load_settings, path_overrides, print_report
from tools.sitecheck.selection import choose
from tools.sitecheck.server import SiteServer
from tools.sitecheck.suite import (CheckOutcome, check_html, check_lighthouse, check_links, check_pages,
                                  format_summary)


def _log(line: str) -> None:
    print(f"   {line}", file=sys.stderr, flush=True)


def content_outcome(result) -> CheckOutcome:
    problems = [problem.format() for problem in result.errors]
    problems += [t("error: {message}", message=message) for message in result.other_errors]
    if result.crashed:
        problems.append(t("the build crashed (see the traceback above)"))
    return CheckOutcome(t("content (strict build)"), problems=problems)  # warnings: printed above


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--settings", default="publishconf.py")
    parser.add_argument("--content", help="content directory (default: PATH of the settings)")
    parser.add_argument("--code-quality", metavar="FILE", 
                        help="also write content problems as a GitLab Code Quality report")
    parser.add_argument("--full", action="store_true", help="load every page in the browser, not only what changed")
    parser.add_argument("--verbose", action="store_true",
                        default=os.environ.get("VERBOSE", "").strip().lower() in ("1", "true", "yes"),
                        help="list every external link (VERBOSE=1), not only the count per host")
    parser.add_argument("--base", metavar="REF",
                        help="compare with this branch or commit (default: CI's merge request base, else origin/main or main)")
    parser.add_argument("--no-lighthouse", action="store_true",
                        help="leave out the Lighthouse budgets (LIGHTHOUSE=0; the tests that run this tool)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="werkbank-check-") as scratch, SiteServer(scratch) as server:
        overrides = {**path_overrides(args.content, scratch), "SITEURL": server.origin}
        settings = load_settings(args.settings, overrides)  # also the language of every message below
        result = build(settings, search_index=True)
        print_report(result, args.code_quality)
        code = result.exit_code(strict=True)
        print(t("check: content OK") if code == 0 else t("check: content has errors"), file=sys.stderr)
        outcomes = [content_outcome(result)]
        if not result.crashed:
            output = Path(scratch)
            runs = [lambda: check_links(output, server.origin, verbose=args.verbose), lambda: check_html(output),
                    lambda: check_pages(output, server.origin, settings,
                                        choose(output, settings, full=args.full, base=args.base), log=_log)]
            if not args.no_lighthouse:
                runs.append(lambda: check_lighthouse(output, server.origin, settings))
            for run in runs:
                outcome = run()
                print(f"\n-- {outcome.name}: {outcome.status()}", file=sys.stderr)
                for line in outcome.notes:
                    print(f"   {line}", file=sys.stderr)
                outcomes.append(outcome)
    print(format_summary(outcomes), file=sys.stderr)
    return 1 if any(outcome.failed for outcome in outcomes) else 0


if __name__ == "__main__":
    sys.exit(main())
