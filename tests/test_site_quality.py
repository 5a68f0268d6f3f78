"""The real sample site (content/ of the repository) held to the quality bar, page type by page type.

The site is built once, while the tests are collected, the way it is published: publishconf.py (absolute URLs,
feeds on, drafts not written) with SITEURL set to the origin of a local server on 127.0.0.1. So
every absolute URL a production page contains (stylesheet, feeds, canonical and og: links) points
at the files just built, and "no request leaves the origin" means exactly what it means on the
live site. A second build with pelicanconf.py (relative URLs, drafts written, as `make html` and
`make serve` produce) is link-checked too, because its links are written differently.

Page types are discovered from the output (tools/sitecheck/pagetypes.py): author, series, roundup
and newsletter pages join these tests by themselves once their features build them.
"""

from __future__ import annotations

import atexit
import shutil
import tempfile
from pathlib import Path

import pytest

from helpers.site import DEFAULT_BUILD_TIME, HAS_SAMPLE_CONTENT, ROOT, SAMPLE_CONTENT_GONE, SAMPLE_SETTINGS
from helpers.sitecheck import fixed_environment, require_validator, sample_site
from tools.build import build, load_settings
from tools.sitecheck import links, pagetypes, vnu
from tools.sitecheck.server import SiteServer
from tools.sitecheck.suite import inspect_page_type


if not HAS_SAMPLE_CONTENT:  # before the build below, which would build the company's content
    pytest.skip(SAMPLE_CONTENT_GONE, allow_module_level=True)


class BuiltSite:
    def __init__(self, output: Path, origin: str | None, result):
        self.output, self.origin, self.result = output, origin, result


def _build(tmp: Path, settings_file: str, overrides: dict):
    values = {"PATH": str(ROOT / "content"), "OUTPUT_PATH": str(tmp / "output"),
              "CACHE_PATH": str(tmp / "cache"), **overrides}
    with fixed_environment(SOURCE_DATE_EPOCH=DEFAULT_BUILD_TIME):
        result = build(load_settings(SAMPLE_SETTINGS / settings_file, values))
    assert not result.crashed, "the sample site's build crashed:\n" + result.summary()
    return result


def _build_published() -> tuple[BuiltSite, SiteServer]:
    """Built while the tests are collected (its page types parametrize the browser test), into a
    directory whose server is bound now (so its origin can be SITEURL) and started by the fixture."""
    tmp = Path(tempfile.mkdtemp(prefix="werkbank-published-"))
    atexit.register(shutil.rmtree, tmp, ignore_errors=True)
    (tmp / "output").mkdir()
    server = SiteServer(tmp / "output")
    result = _build(tmp, "publishconf.py", {"SITEURL": server.origin})
    return BuiltSite(tmp / "output", server.origin, result), server


PUBLISHED, PUBLISHED_SERVER = _build_published()
PAGE_TYPES = pagetypes.discover(PUBLISHED.output, sample_site())


@pytest.fixture(scope="session")
def published_site():
    """The sample site as published, served on 127.0.0.1 (SITEURL = the server's origin)."""
    PUBLISHED_SERVER.start()
    yield PUBLISHED
    PUBLISHED_SERVER.stop()


@pytest.fixture(scope="session")
def preview_site(tmp_path_factory):
    """The sample site as `make html` builds it: relative URLs, drafts written."""
    tmp = tmp_path_factory.mktemp("preview")
    return BuiltSite(tmp / "output", None, _build(tmp, "pelicanconf.py", {}))


def test_sample_content_builds_without_content_errors(published_site):
    assert published_site.result.exit_code(strict=True) == 0, published_site.result.summary()


def test_every_required_page_type_is_in_the_sample_site(published_site):
    found = pagetypes.discover(published_site.output, sample_site())
    assert pagetypes.missing_required(found) == [], f"page types found: {[t.name for t in found]}"


@pytest.mark.browser
@pytest.mark.parametrize("page_type", PAGE_TYPES, ids=[t.name for t in PAGE_TYPES])
def test_page_type_is_private_error_free_responsive_and_accessible(page_type, published_site, mobile_page,
                                                                    axe_source):
    """No off-origin request, console error or failed request; no sideways scroll at 375 px;
    no serious/critical axe-core violation (375 px light, 1280 px dark)."""
    report = inspect_page_type(mobile_page, page_type, published_site.origin, axe_source)
    assert report.problems() == [], f"{page_type.name} page {report.url}:\n" + "\n".join(report.problems())


@pytest.mark.browser
def test_whole_published_site_is_valid_html(published_site):
    require_validator()
    findings = vnu.check_directory(published_site.output)
    assert findings == [], "Nu HTML checker errors:\n" + "\n".join(f.format() for f in findings)


@pytest.mark.parametrize("site_name", ["published_site", "preview_site"])
def test_every_internal_link_and_asset_resolves(site_name, request):
    site = request.getfixturevalue(site_name)
    report = links.check_links(site.output, site.origin)
    print(f"external links ({len(report.external)}, not fetched):\n{report.external_summary()}")
    assert report.checked > 0
    assert report.ok, ("broken internal links:\n" + "\n".join(report.problem_lines())
                       + f"\n(external links, not fetched:\n{report.external_summary()})")
