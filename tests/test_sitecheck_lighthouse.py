"""`make check`'s Lighthouse budgets (issue 23): the decision on a report, and a real run."""

from __future__ import annotations

import pytest

from helpers.sitecheck import require_tool
from tools.sitecheck import lighthouse, pagetypes
from tools.sitecheck.server import SiteServer
from tools.sitecheck.suite import check_lighthouse


def report(performance=1.0, accessibility=1.0, best_practices=1.0, seo=1.0, kilobytes=40) -> dict:
    """The parts of Lighthouse's JSON report the check reads."""
    return {"categories": {"performance": {"score": performance}, "accessibility": {"score": accessibility},
                           "best-practices": {"score": best_practices}, "seo": {"score": seo}},
            "audits": {"total-byte-weight": {"numericValue": kilobytes * 1024}}}


def test_a_score_below_the_budget_fails_naming_the_page_and_the_category():
    pages = [pagetypes.PageType("index", ""), pagetypes.PageType("article", "2026/erster-beitrag/")]
    reports = {"http://127.0.0.1:9/": report(performance=0.96),
               "http://127.0.0.1:9/2026/erster-beitrag/": report(accessibility=0.94, kilobytes=151)}
    outcome = check_lighthouse(None, "http://127.0.0.1:9", page_types=pages, runner=reports.__getitem__)
    assert outcome.name == "Lighthouse" and outcome.failed
    assert outcome.problems == [
        "article (http://127.0.0.1:9/2026/erster-beitrag/): accessibility 94 < 100",
        "article (http://127.0.0.1:9/2026/erster-beitrag/): transfers 151 KB > 150 KB (total-byte-weight)"]
    assert outcome.notes[0].split() == ["page", "perf", "a11y", "bp", "seo", "KB"]
    assert outcome.notes[1].split() == ["index", "96", "100", "100", "100", "40"]
    assert outcome.notes[2].split() == ["article", "100", "94", "100", "100", "151"]


def test_the_budgets():
    page = lighthouse.scores_of("search", "u", report(performance=0.95, kilobytes=400))
    assert lighthouse.budget_problems(page) == []  # 95 passes; the weight budget is the article's only
    assert lighthouse.budget_problems(lighthouse.scores_of("search", "u", report(performance=0.94))) == [
        "search (u): performance 94 < 95"]
    assert lighthouse.budget_problems(lighthouse.scores_of("tag", "u", report(seo=None))) == ["tag (u): no seo score"]


@pytest.mark.browser
def test_the_minimal_site_keeps_the_budgets_on_two_pages(build_site, tmp_path):
    require_tool("lighthouse", "chromium")
    with SiteServer(tmp_path / "output") as server:  # bound first: the build is made for its origin
        site = build_site(settings_file="publishconf.py", overrides={"SITEURL": server.origin})
        assert site.result.exit_code(strict=True) == 0
        found = {page.name: page for page in lighthouse.choose_pages(site.output)}
        outcome = check_lighthouse(site.output, server.origin, page_types=[found["index"], found["article"]])
    assert not outcome.skipped, outcome.skipped
    assert outcome.problems == [], "\n".join(outcome.notes)
    assert [line.split()[0] for line in outcome.notes[1:3]] == ["index", "article"]


def test_a_page_below_the_performance_budget_gets_a_second_run_and_the_better_one_counts():
    runs = iter([report(performance=0.92), report(performance=0.99), report(performance=0.90), report(performance=0.91)])
    pages = [pagetypes.PageType("index", ""), pagetypes.PageType("search", "suche/")]
    outcome = check_lighthouse(None, "http://127.0.0.1:9", page_types=pages, runner=lambda url: next(runs))
    assert outcome.problems == ["search (http://127.0.0.1:9/suche/): performance 91 < 95"]
    assert outcome.notes[1].split()[:2] == ["index", "99"] and outcome.notes[1].endswith("(better of 2 runs)")
