"""Benchmark: this site's full configuration against plain Pelican on the same synthetic corpus.

    make bench            # 1,000 articles
    make bench N=5000

Every build runs in its own child process, so wall time and peak memory (ru_maxrss of that
process) belong to that build alone. Each figure is the median of RUNS builds.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parent.parent
BERLIN = ZoneInfo("Europe/Berlin")
# The corpus ends on Friday 20 November 2026; builds pretend it is Monday 23 November, 12:00.
BUILD_TIME = "1795431600"
LAST_DAY = datetime(2026, 11, 20, 9, 0, tzinfo=BERLIN)
WORDS = ("Netzwerk Wissen teilen Kollegin Werkstatt Sensor Licht Kunde Idee Projekt Team Sprache "
         "Danke Austausch Messe Prototyp Qualität Lernen Ausbildung Daten Schutz Zukunft").split()
TAGS = ["netzwerken", "sprache", "employee advocacy", "barrierefreiheit", "führung", "sensorik",
        "ausbildung", "datenschutz", "messe", "kundenservice", "design", "nachhaltigkeit"]
CATEGORIES = ["Arbeitskultur", "Technik", "Sprache", "Karriere", "Datenschutz"]


# ---- corpus ---------------------------------------------------------------------------------

def corpus_plan(articles: int, seed: int = 20261123) -> list[dict]:
    """Plain data for every article: dates over three years, 40 authors, 2 series, thanks."""
    rng = random.Random(seed)
    authors = [f"autorin-{i:02d}" for i in range(40)]
    first = LAST_DAY - timedelta(days=3 * 365)
    span = (LAST_DAY - first).total_seconds()
    plan = []
    week_of_40 = LAST_DAY - timedelta(days=4)  # Monday of the last week: 40 posts land in it
    for index in range(articles):
        if index < 40:
            date = week_of_40 + timedelta(minutes=97 * index)
        else:
            date = first + timedelta(seconds=int(rng.random() * span))
        date = date.replace(second=0, microsecond=0)
        author = rng.choice(authors)
        others = [a for a in authors if a != author]
        entry = {
            "slug": f"beitrag-{index:05d}", "id": f"{index:08x}", "date": date, "author": author,
            "title": " ".join(rng.choice(WORDS) for _ in range(5)).capitalize(),
            "tags": rng.sample(TAGS, 2), "category": rng.choice(CATEGORIES),
            "summary": " ".join(rng.choice(WORDS) for _ in range(14)) + ".",
            "body": "\n\n".join(" ".join(rng.choice(WORDS) for _ in range(60)) + "." for _ in range(5)),
            "co_authors": rng.sample(others, 1) if rng.random() < 0.2 else [],
            "thanks": rng.sample(others, 2) + [{"name": "Das Team Vertrieb"}] if rng.random() < 0.3 else [],
            "series": None,
        }
        plan.append(entry)
    # Series tips: every 10th article of the older ones, moved to the series' weekday.
    for position, entry in enumerate(e for e in plan[40:] if int(e["id"], 16) % 10 == 0):
        series, weekday = ("mittwochstipp", 2) if position % 2 == 0 else ("werkstattbesuch", 0)
        date = entry["date"]
        entry["date"] = date + timedelta(days=(weekday - date.weekday()) % 7)
        if entry["date"] > LAST_DAY:
            entry["date"] -= timedelta(days=7)
        entry["series"] = series
    return plan


def write_plain_corpus(plan: list[dict], content: Path) -> None:
    """The same articles with Pelican's own metadata header, for plain Pelican."""
    for entry in plan:
        path = content / f"{entry['date']:%Y}" / f"{entry['slug']}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        authors = ", ".join([entry["author"], *entry["co_authors"]])
        path.write_text(
            f"Title: {entry['title']}\nDate: {entry['date']:%Y-%m-%d %H:%M}\nAuthors: {authors}\n"
            f"Tags: {', '.join(entry['tags'])}\nCategory: {entry['category']}\nSummary: {entry['summary']}\n\n"
            f"{entry['body']}\n", encoding="utf-8")


def write_full_corpus(plan: list[dict], content: Path) -> None:
    """The same articles with YAML front matter, plus profiles, series and pages."""
    for entry in plan:
        path = content / "articles" / f"{entry['date']:%Y}" / f"{entry['slug']}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        lines = ["---", f'title: "{entry["title"]}"', f"id: \"{entry['id']}\"",
                 f"date: {entry['date']:%Y-%m-%d %H:%M}", f"author: {entry['author']}",
                 f"tags: [{', '.join(entry['tags'])}]", f"category: {entry['category']}",
                 f'summary: "{entry["summary"]}"']
        if entry["co_authors"]:
            lines.append(f"co_authors: [{', '.join(entry['co_authors'])}]")
        if entry["thanks"]:
            lines.append("thanks:")
            lines += [f"  - {t}" if isinstance(t, str) else f'  - {{name: "{t["name"]}"}}' for t in entry["thanks"]]
        if entry["series"]:
            lines.append(f"series: {entry['series']}")
        path.write_text("\n".join(lines + ["---", entry["body"], ""]), encoding="utf-8")
    for i in range(40):
        handle = f"autorin-{i:02d}"
        (content / "authors").mkdir(parents=True, exist_ok=True)
        (content / "authors" / f"{handle}.yml").write_text(
            f'name: "Person {i:02d} Beispiel"\nrole: "Entwicklerin"\ndepartment: "Technik"\nsince: 2020-01-01\n'
            f"status: active\nexpertise: [Sensorik, Sprache]\n"
            f"links:\n  mastodon: https://social.example/@person{i:02d}\n  linkedin: https://www.linkedin.com/in/person{i:02d}\n"
            f"bio: |\n  Schreibt über Sensorik und Sprache.\n", encoding="utf-8")
    (content / "series").mkdir(parents=True, exist_ok=True)
    for slug, title, weekday, label in (("mittwochstipp", "#Mittwochstipp", "wednesday", "Tipp {n}"),
                                        ("werkstattbesuch", "#Werkstattbesuch", "monday", "Teil {n}")):
        (content / "series" / f"{slug}.yml").write_text(
            f'title: "{title}"\ndescription: |\n  Eine Serie.\nweekday: {weekday}\nlabel: "{label}"\n'
            f"owners: [autorin-00]\n", encoding="utf-8")
    (content / "pages").mkdir(parents=True, exist_ok=True)
    for slug in ("impressum", "datenschutz"):
        (content / "pages" / f"{slug}.md").write_text(f"---\ntitle: {slug.title()}\n---\nText.\n", encoding="utf-8")


# ---- one build in a child process ----------------------------------------------------------------

def child_build(kind: str, content: str, output: str, cache: bool) -> dict:
    """Runs inside the child: build once, return wall time, peak memory and per-plugin time."""
    sys.path.insert(0, str(ROOT))
    sys.path.insert(0, str(ROOT / "plugins"))
    import logging

    from pelican import Pelican
    from pelican.settings import read_settings

    logging.disable(logging.WARNING)
    overrides = {"PATH": content, "OUTPUT_PATH": output, "CACHE_PATH": output + ".cache",
                 "CACHE_CONTENT": cache, "LOAD_CONTENT_CACHE": cache}
    if kind == "plain":
        settings = read_settings(None, override={**overrides, "TIMEZONE": "Europe/Berlin", "SITEURL": "https://blog.example",
                                                 "DEFAULT_LANG": "de"})
    else:
        settings = read_settings(str(ROOT / "publishconf.py"), override=overrides)
    plugin_seconds: dict = {}
    pelican = Pelican(settings)
    _time_plugin_generators(pelican, plugin_seconds)
    start = time.perf_counter()
    pelican.run()
    wall = time.perf_counter() - start
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {"wall": wall, "peak_mb": peak_kb / 1024, "plugins": plugin_seconds}


def _time_plugin_generators(pelican, seconds: dict) -> None:
    """Wrap generators that plugins add (roundup, newsletter, ...) to time their two steps."""
    original = pelican._get_generator_classes

    def timed_classes():
        classes = original()
        for cls in classes:
            module = cls.__module__.split(".")[0]
            if module == "pelican":
                continue
            for step in ("generate_context", "generate_output"):
                if hasattr(cls, step) and not getattr(getattr(cls, step), "_timed", False):
                    setattr(cls, step, _timed(getattr(cls, step), module, seconds))
        return classes

    pelican._get_generator_classes = timed_classes


def _timed(method, module, seconds):
    def wrapper(self, *args, **kwargs):
        start = time.perf_counter()
        try:
            return method(self, *args, **kwargs)
        finally:
            seconds[module] = seconds.get(module, 0.0) + time.perf_counter() - start
    wrapper._timed = True
    return wrapper


def run_child(kind: str, content: Path, output: Path, cache: bool = False) -> dict:
    env = {**os.environ, "SOURCE_DATE_EPOCH": BUILD_TIME}
    done = subprocess.run(
        [sys.executable, __file__, "--child", kind, str(content), str(output), "1" if cache else "0"],
        capture_output=True, text=True, env=env, cwd=ROOT)
    if done.returncode != 0:
        raise SystemExit(f"{kind} build failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


# ---- measurements -----------------------------------------------------------------------------------

def median_of(runs: int, kind: str, content: Path, work: Path) -> dict:
    results = []
    for run in range(runs):
        output = work / f"out-{kind}-{run}"
        results.append(run_child(kind, content, output))
        if run < runs - 1:
            shutil.rmtree(output)
    return {"wall": statistics.median(r["wall"] for r in results),
            "peak_mb": statistics.median(r["peak_mb"] for r in results),
            "plugins": results[-1]["plugins"], "output": work / f"out-{kind}-{runs - 1}"}


def warm_rebuild(content: Path, work: Path, plan: list[dict]) -> tuple[float, float]:
    output = work / "out-warm"
    cold = run_child("full", content, output, cache=True)["wall"]
    oldest = min(plan, key=lambda e: e["date"])  # an article outside the latest weeks
    path = content / "articles" / f"{oldest['date']:%Y}" / f"{oldest['slug']}.md"
    path.write_text(path.read_text(encoding="utf-8") + "\nEin neuer Absatz.\n", encoding="utf-8")
    warm = run_child("full", content, output, cache=True)["wall"]
    return cold, warm


def largest_article_page(output: Path) -> tuple[str, int]:
    pages = [p for p in output.glob("20*/*/index.html")]
    biggest = max(pages, key=lambda p: p.stat().st_size)
    return str(biggest.relative_to(output)), biggest.stat().st_size


def css_bytes(output: Path) -> int:
    return sum(p.stat().st_size for p in (output / "theme").rglob("*.css"))


def newsletter_of_week_with_40(output: Path) -> tuple[str, int] | None:
    emails = sorted((output / "newsletter").glob("*.html")) if (output / "newsletter").is_dir() else []
    if not emails:
        return None
    latest = emails[-1]
    return latest.name, latest.stat().st_size


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=int(os.environ.get("N", "1000")))
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--child", nargs=4, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        kind, content, output, cache = args.child
        print(json.dumps(child_build(kind, content, output, cache == "1")))
        return 0

    work = Path(tempfile.mkdtemp(prefix="werkbank-bench-"))
    try:
        plan = corpus_plan(args.articles)
        write_plain_corpus(plan, work / "plain")
        write_full_corpus(plan, work / "full")
        print(f"corpus: {args.articles} articles, 40 authors, 2 series, 3 years; median of {args.runs} runs")
        plain = median_of(args.runs, "plain", work / "plain", work)
        full = median_of(args.runs, "full", work / "full", work)
        cold, warm = warm_rebuild(work / "full", work, plan)

        def row(name, r):
            per = r["wall"] / args.articles * 1000
            print(f"  {name:<22} {r['wall']:7.2f} s   {per:6.2f} ms/article   peak {r['peak_mb']:6.1f} MB")

        print("cold build")
        row("(a) plain Pelican", plain)
        row("(b) this site", full)
        print(f"  ratio (b)/(a)          time {full['wall'] / plain['wall']:.2f} (target ≤ 1.25)   "
              f"memory {full['peak_mb'] / plain['peak_mb']:.2f} (target ≤ 1.30)")
        print(f"warm rebuild after one changed article (content cache on): {warm:.2f} s = "
              f"{warm / cold:.2f} × cold {cold:.2f} s (target ≤ 0.40)")
        print("time in this site's generators (last full build):")
        for module, seconds in sorted(full["plugins"].items()):
            print(f"  {module:<22} {seconds:7.3f} s")
        roundup_and_mail = sum(full["plugins"].get(m, 0.0) for m in ("roundup", "newsletter"))
        print(f"roundups + newsletter, whole corpus incl. the 40-post week: {roundup_and_mail:.3f} s (target ≤ 0.3 s)")
        mail = newsletter_of_week_with_40(full["output"])
        if mail:
            print(f"newsletter HTML of the 40-post week ({mail[0]}): {mail[1] / 1024:.1f} KB (target ≤ 60 KB)")
        else:
            print("newsletter HTML: not written by this configuration")
        page, size = largest_article_page(full["output"])
        css = css_bytes(full["output"])
        print(f"largest article page: {page} {size / 1024:.1f} KB + CSS {css / 1024:.1f} KB = "
              f"{(size + css) / 1024:.1f} KB (target ≤ 25 KB)")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
