"""Search figures for `make bench`: the Pagefind bundle of a built site and the bytes that the
first query on its search page transfers, measured in Chromium (every response body counted).

    python bench/search.py OUTPUT_DIR [--site-url URL] [--query WORD]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "plugins"))

from readers.search_index import BUNDLE_DIR, bundle_size, index_site  # noqa: E402


def index_and_time(output: Path) -> float:
    start = time.perf_counter()
    index_site(output)
    return time.perf_counter() - start


def first_query_bytes(output: Path, site_url: str, search_path: str, query: str) -> dict:
    """Bytes the search page transfers for one query, after the page itself has loaded."""
    from playwright.sync_api import sync_playwright

    from tools.chromium import guarded_requests, launch

    with sync_playwright() as playwright:
        browser = launch(playwright)
        page = browser.new_page()
        with guarded_requests(page, "http://127.0.0.1.invalid", output, site_url) as blocked:
            page.goto(f"{site_url}/{search_path}")
            page.wait_for_load_state("networkidle")
            loaded = []
            page.on("requestfinished", lambda request: loaded.append(request))
            page.fill("input[name=q]", query)
            page.press("input[name=q]", "Enter")
            page.wait_for_selector(".search-results li", timeout=30_000)
            page.wait_for_load_state("networkidle")
            sizes = {}
            for request in loaded:
                response = request.response()
                if response is not None:
                    sizes[request.url] = len(response.body())
            results = page.locator(".search-results li").count()
        browser.close()
    kinds: dict = {}
    for url, size in sizes.items():
        name = url.split("?")[0].rsplit("/", 1)[-1]
        kind = ("result fragments" if "/fragment/" in url else "word index" if "/index/" in url
                else "wasm" if name.startswith("wasm.") else "scripts" if name.endswith(".js") else "meta")
        kinds[kind] = kinds.get(kind, 0) + size
    return {"bytes": sum(sizes.values()), "files": len(sizes), "kinds": kinds,
            "results_shown": results, "blocked": blocked}


def report(output: Path, site_url: str, search_path: str, query: str = "Netzwerk") -> list[str]:
    seconds = index_and_time(output)
    pages = sum(1 for _ in output.rglob("*.html"))
    size = bundle_size(output)
    fragments = sum(p.stat().st_size for p in (output / BUNDLE_DIR / "fragment").iterdir())
    index = sum(p.stat().st_size for p in (output / BUNDLE_DIR / "index").iterdir())
    first = first_query_bytes(output, site_url, search_path, query)
    parts = ", ".join(f"{kind} {size / 1024:.0f}" for kind, size in sorted(first["kinds"].items(), key=lambda i: -i[1]))
    lines = [
        f"search index (Pagefind) over {pages} HTML files: {seconds:.2f} s; bundle {size / 1024:.0f} KB on disk "
        f"(word index {index / 1024:.0f} KB, result fragments {fragments / 1024:.0f} KB, the rest scripts and wasm)",
        f"first query '{query}' on the search page: {first['bytes'] / 1024:.0f} KB in {first['files']} files "
        f"(target ≤ 300 KB; {first['results_shown']} results shown; KB: {parts}"
        + (f"; BLOCKED off-origin: {first['blocked']}" if first["blocked"] else "") + ")",
    ]
    return lines


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("output", type=Path)
    parser.add_argument("--site-url", default="https://blog.nordlicht-werkstatt.example")
    parser.add_argument("--search-path", default="suche/")
    parser.add_argument("--query", default="Netzwerk")
    args = parser.parse_args(argv)
    print("\n".join(report(args.output, args.site_url, args.search_path, args.query)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
