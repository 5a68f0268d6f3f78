"""Benchmark: this site's full configuration against plain Pelican on the same synthetic corpus.

    make bench            # 1,000 articles
    make bench N=5000

Every build runs in its own child process, so wall time and peak memory (ru_maxrss of that
process) belong to that build alone. Each figure is the median of RUNS builds. The site's builds
go through tools.build like `make check`; a corpus with any content problem stops the benchmark.

The site's builds find their social cards drawn (a shared card cache), as every build after the
first does; the first build, which draws them all, is measured on its own (cold card cost).

Also measured: edit-to-preview latency of `make devserver` (tools/preview) for a body, a title, a
summary, a profile, a new tag, a series description, a date moved a week earlier, an added
co-author, a new post and its deletion (median of EDITS saves, from the save to the first HTTP response of every page listed that shows it), the
roundup + newsletter generators on a corpus of only the 40-post week, the newsletter of that week,
the largest article page with its CSS, and the search index (bench/search.py: its size and the
bytes of a first query in Chromium).

Last, the whole command as a user runs it (bench/whole_command.py): `make publish` against plain
Pelican followed by Pagefind, CPU time and peak memory of each process tree, cold and with the
social cards cached, at 1,000 and 5,000 posts (--whole-sizes; '' leaves it out).
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import random
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
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
    before_last_week = LAST_DAY - timedelta(days=7)  # Friday 09:00, before that week's roundup cutoff
    span = (before_last_week - first).total_seconds()  # the last week holds the 40 posts only
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
    # The 40-post week has a tip of each series: Monday 09:00 and Wednesday 09:30.
    plan[0]["series"], plan[30]["series"] = "werkstattbesuch", "mittwochstipp"
    # Series tips: every 10th article of the older ones, moved to the series' weekday.
    for position, entry in enumerate(e for e in plan[40:] if int(e["id"], 16) % 10 == 0):
        series, weekday = ("mittwochstipp", 2) if position % 2 == 0 else ("werkstattbesuch", 0)
        date = entry["date"]
        entry["date"] = date + timedelta(days=(weekday - date.weekday()) % 7)
        if entry["date"] > before_last_week:
            entry["date"] -= timedelta(days=7)
        entry["series"] = series
    return plan


def write_plain_corpus(plan: list[dict], content: Path) -> None:
    """The same articles with Pelican's own metadata header, for plain Pelican.

    The slug is given: titles repeat in a big corpus, and the site takes slugs from file names too.
    """
    for entry in plan:
        path = content / f"{entry['date']:%Y}" / f"{entry['slug']}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        authors = ", ".join([entry["author"], *entry["co_authors"]])
        path.write_text(
            f"Title: {entry['title']}\nSlug: {entry['slug']}\nDate: {entry['date']:%Y-%m-%d %H:%M}\nAuthors: {authors}\n"
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
    for slug in ("ueber-uns", "impressum", "datenschutz"):  # the FOOTER_PAGES of pelicanconf.py
        (content / "pages" / f"{slug}.md").write_text(f"---\ntitle: {slug.title()}\n---\nText.\n", encoding="utf-8")
    write_logo(content)


def write_logo(content: Path) -> None:
    """A stand-in for the SITE_LOGO of pelicanconf.py (an SVG or a PNG), so the build draws its icons."""
    import ast

    source = (ROOT / "pelicanconf.py").read_text(encoding="utf-8")
    names = [node for node in ast.parse(source).body if isinstance(node, ast.Assign)
             and any(isinstance(t, ast.Name) and t.id == "SITE_LOGO" for t in node.targets)]
    logo = ast.literal_eval(names[-1].value) if names else None
    if not logo:
        return
    target = content / logo
    target.parent.mkdir(parents=True, exist_ok=True)
    if target.suffix.lower() == ".png":
        from PIL import Image

        Image.new("RGBA", (64, 64), (11, 93, 80, 255)).save(target, format="PNG")
    else:
        target.write_text('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"><rect width="64" height="64"/>'
                          "</svg>\n", encoding="utf-8")


# ---- one build in a child process ----------------------------------------------------------------

def child_build(kind: str, content: str, output: str, cache: bool, cards: str | None = None) -> dict:
    """Runs inside the child: build once, return wall time, peak memory and where the time went.

    `cards`: the social cards' cache folder (shared by the runs, so they find the cards drawn);
    None: a folder of this build's own, empty, so every card is drawn."""
    sys.path.insert(0, str(ROOT))
    sys.path.insert(0, str(ROOT / "plugins"))
    from pelican import Pelican
    from pelican.settings import read_settings

    overrides = {"PATH": content, "OUTPUT_PATH": output, "CACHE_PATH": output + ".cache",
                 "CACHE_CONTENT": cache, "LOAD_CONTENT_CACHE": cache}
    if kind != "plain":
        overrides["SOCIAL_CARDS_CACHE_PATH"] = cards or output + ".cards"
    clock = PhaseClock()
    if kind == "plain":
        import logging
        logging.disable(logging.WARNING)
        settings = read_settings(None, override={**overrides, "TIMEZONE": "Europe/Berlin", "SITEURL": "https://blog.example",
                                                 "DEFAULT_LANG": "de"})
        clock.install(plugin_names=())
        start, cpu_start = time.perf_counter(), time.process_time()
        Pelican(settings).run()
        wall, cpu, problems = time.perf_counter() - start, time.process_time() - cpu_start, {}
    else:
        from tools.build import build  # collects content problems the way `make check` does

        settings = read_settings(str(ROOT / "publishconf.py"), override=overrides)
        clock.install(plugin_names=[name.split(".")[0] for name in settings["PLUGINS"]])
        start, cpu_start = time.perf_counter(), time.process_time()
        result = build(settings)
        wall, cpu = time.perf_counter() - start, time.process_time() - cpu_start
        problems = {"errors": len(result.errors) + len(result.other_errors), "warnings": len(result.warnings),
                    "crashed": result.crashed, "first": result.summary().splitlines()[:5]}
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return {"wall": wall, "cpu": cpu, "peak_mb": usage.ru_maxrss / 1024, "phases": clock.seconds, "problems": problems,
            "user": usage.ru_utime, "system": usage.ru_stime}  # user/system: of the whole process, imports included


class PhaseClock:
    """Self time of each generator step and each plugin's signal handlers, for the breakdown.

    Steps nest (a generator sends signals that plugins handle), so time is booked to the
    innermost step only: "ArticlesGenerator.generate_output" is Pelican rendering and writing the
    article pages, without the plugin handlers it triggered.
    """

    def __init__(self):
        self.seconds: dict[str, float] = {}
        self.stack: list[list] = []  # [label, started, time spent in nested steps]

    def timed(self, function, label):
        clock = self

        def wrapper(*args, **kwargs):
            clock.stack.append([label, time.perf_counter(), 0.0])
            try:
                return function(*args, **kwargs)
            finally:
                name, started, nested = clock.stack.pop()
                spent = time.perf_counter() - started
                clock.seconds[name] = clock.seconds.get(name, 0.0) + spent - nested
                if clock.stack:
                    clock.stack[-1][2] += spent
        wrapper._timed = True
        return wrapper

    def install(self, plugin_names) -> None:
        from blinker.base import ANY, Signal
        from pelican import Pelican

        plugins = set(plugin_names)
        original_connect = Signal.connect
        clock = self

        def connect(signal, receiver, sender=ANY, weak=True):
            plugin = (getattr(receiver, "__module__", "") or "").split(".")[0]
            if plugin in plugins:  # a plugin's handler: time it, keep it alive (the wrapper has no other owner)
                receiver, weak = clock.timed(receiver, f"{plugin} (signal handlers)"), False
            return original_connect(signal, receiver, sender, weak)

        Signal.connect = connect
        original_classes = Pelican._get_generator_classes

        def generator_classes(pelican):
            classes = original_classes(pelican)
            for cls in classes:
                module = cls.__module__.split(".")[0]
                label = cls.__name__ if module == "pelican" else module
                for step in ("generate_context", "generate_output"):
                    method = getattr(cls, step, None)
                    if method is not None and not getattr(method, "_timed", False):
                        setattr(cls, step, clock.timed(method, f"{label}.{step}" if module == "pelican" else label))
            # The feeds plugin plans its feeds lazily, when the first page template asks for links.
            feeds = sys.modules.get("feeds.generator")
            if feeds is not None and not getattr(feeds.build_catalog, "_timed", False):
                feeds.build_catalog = clock.timed(feeds.build_catalog, "feeds")
            return classes

        Pelican._get_generator_classes = generator_classes


def run_child(kind: str, content: Path, output: Path, cache: bool = False, cards: Path | None = None) -> dict:
    env = {**os.environ, "SOURCE_DATE_EPOCH": BUILD_TIME}
    # Start from a quiet disk: the files of the previous build written out, none being deleted.
    # (Deleting 3,000 files just before a build more than doubled that build's system time here.)
    os.sync()
    done = subprocess.run(
        [sys.executable, __file__, "--child", kind, str(content), str(output), "1" if cache else "0",
         str(cards) if cards else "-"],
        capture_output=True, text=True, env=env, cwd=ROOT)
    if done.returncode != 0:
        raise SystemExit(f"{kind} build failed:\n{done.stderr[-3000:]}")
    result = json.loads(done.stdout.strip().splitlines()[-1])
    problems = result["problems"]
    if problems and (problems["errors"] or problems["warnings"] or problems["crashed"]):
        # The corpus must pass `make check`; otherwise we would time the error paths.
        raise SystemExit(f"{kind} build of {content} is not clean:\n" + "\n".join(problems["first"]))
    return result


# ---- measurements -----------------------------------------------------------------------------------

def median_of(runs: int, kind: str, content: Path, work: Path, cache: bool = False) -> dict:
    results = []
    for run in range(runs):
        output = work / f"out-{kind}-{content.name}-{run}"
        results.append(run_child(kind, content, output, cache, cards_cache(work)))  # removed with `work` at the end
    return {"wall": statistics.median(r["wall"] for r in results),
            "peak_mb": statistics.median(r["peak_mb"] for r in results),
            "phases": median_phases([r["phases"] for r in results]), "output": output}


def paired_runs(runs: int, work: Path) -> tuple[dict, dict, float, float]:
    """Plain and site builds taken in turns, so drift of a shared machine hits both alike.

    The site's builds find their social cards drawn (cards_cache), as every build after the first
    does; the cold cost of drawing them is measured on its own (social_card_costs).
    Returns both medians and the median of the per-pair time and memory ratios.
    """
    plain_runs, full_runs = [], []
    for run in range(runs):
        for kind, results in (("plain", plain_runs), ("full", full_runs)):
            output = work / f"out-{kind}-{run}"
            results.append(run_child(kind, work / kind, output, cards=cards_cache(work)))
    def summary(results, kind):
        return {"wall": statistics.median(r["wall"] for r in results),
                "user": statistics.median(r["user"] for r in results),
                "system": statistics.median(r["system"] for r in results),
                "peak_mb": statistics.median(r["peak_mb"] for r in results),
                "phases": median_phases([r["phases"] for r in results]), "output": work / f"out-{kind}-{runs - 1}"}
    time_ratio = statistics.median(f["wall"] / p["wall"] for p, f in zip(plain_runs, full_runs))
    cpu_ratio = statistics.median(f["cpu"] / p["cpu"] for p, f in zip(plain_runs, full_runs))
    memory_ratio = statistics.median(f["peak_mb"] / p["peak_mb"] for p, f in zip(plain_runs, full_runs))
    return summary(plain_runs, "plain"), summary(full_runs, "full"), (time_ratio, cpu_ratio), memory_ratio


CARD_PHASES = ("socialcards", "socialcards (signal handlers)")  # placing the files; planning the cards


def cards_cache(work: Path) -> Path:
    """The social cards' cache of the benchmark's site builds (the cold build below fills it)."""
    return work / "cards-cache"


def social_card_costs(work: Path) -> dict:
    """The cold cost of the social cards: one site build with an empty card cache (it draws every
    card and fills cards_cache for the runs after it), timed by the cards' own steps."""
    result = run_child("full", work / "full", work / "out-cards-cold", cards=cards_cache(work))
    count = sum(1 for path in cards_cache(work).iterdir() if path.suffix in (".png", ".jpg"))
    return {"count": count, "seconds": sum(result["phases"].get(name, 0.0) for name in CARD_PHASES),
            "cpu": result["cpu"]}


def median_phases(runs: list[dict]) -> dict:
    names = {name for phases in runs for name in phases}
    return {name: statistics.median(phases.get(name, 0.0) for phases in runs) for name in names}


class PreviewProcess:
    """`make devserver` on the corpus in its own process, with one page open as in a browser."""

    def __init__(self, content: Path, output: Path, settings: Path, apart: float | None = None):
        self.apart = apart
        import socket

        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        self.url = f"http://127.0.0.1:{port}/"
        env = {**os.environ, "SOURCE_DATE_EPOCH": BUILD_TIME}
        started = time.perf_counter()
        self.process = subprocess.Popen(
            [sys.executable, "-m", "tools.preview", "--settings", str(settings), "--content", str(content),
             "--output", str(output), "--port", str(port)], cwd=ROOT, env=env,
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        for line in self.process.stderr:
            if line.startswith("preview: http"):
                break
        else:
            raise SystemExit("the preview did not start")
        self.log = collections.deque(maxlen=40)  # the preview's last lines, shown when an edit never shows
        threading.Thread(target=lambda: self.log.extend(self.process.stderr), daemon=True).start()
        self.first_build = time.perf_counter() - started
        self.listeners = []

    def get(self, path: str) -> bytes:
        """The page's bytes; a page that does not exist yet (a new post's) gives the 404 page."""
        import urllib.error
        import urllib.request

        try:
            with urllib.request.urlopen(self.url + path, timeout=60) as response:
                return response.read()
        except urllib.error.HTTPError as error:
            if error.code != 404:
                raise
            return error.read()

    def open_page(self, path: str) -> None:
        """What a browser on `path` does: listen to the preview's events (that page comes first)."""
        import urllib.request

        response = urllib.request.urlopen(f"{self.url}_preview/events?page=/{path}", timeout=600)
        response.readline()
        self.listeners.append(response)
        threading.Thread(target=lambda: [None for _ in response], daemon=True).start()

    def settle(self) -> None:
        while not json.loads(self.get("_preview/status.json"))["settled"]:
            time.sleep(0.02)

    def seconds_until_shown(self, edit, pages: list, marker: str = "", path: Path | None = None) -> float:
        """From the save to the first response of every page in `pages` that contains `marker`
        (or a page's own marker, given as (page, marker); (page, marker, "gone"): that no longer
        contains it). With `self.apart` seconds, the file at
        `path` was saved `apart` seconds before (a line end added: the author saving as they type),
        so the measured save comes while the preview still builds the one before."""
        self.settle()
        time.sleep(0.1)
        for page, expected, *gone in (page for page in pages if isinstance(page, tuple)):
            if gone and expected.encode("utf-8") not in self.get(page):  # else its going says nothing
                raise SystemExit(f"/{page} does not show {expected!r} before the edit that takes it away")
        if self.apart and path is not None:
            path.write_text(path.read_text(encoding="utf-8") + "\n", encoding="utf-8")
            time.sleep(self.apart)
        saved = time.perf_counter()
        edit()
        waiting, latest = [page if isinstance(page, tuple) else (page, marker) for page in pages], 0.0
        while waiting:
            page, expected, *gone = waiting[0]
            if time.perf_counter() - saved > 120:
                raise SystemExit(f"after 120 s the preview still {'shows' if gone else 'does not show'} "
                                 f"{expected!r} on /{page}; its last lines:\n{''.join(self.log)}")
            if (expected.encode("utf-8") in self.get(page)) != bool(gone):
                latest = time.perf_counter() - saved
                waiting.pop(0)
            else:
                time.sleep(0.005)
        return latest

    def stop(self) -> None:
        for response in self.listeners:
            response.close()
        self.process.terminate()
        self.process.wait(timeout=30)


def preview_settings(work: Path) -> Path:
    """pelicanconf.py with the benchmark's card cache: the preview finds the corpus' cards drawn, as
    a developer's preview does, and the repository's cache/ gets none of them."""
    path = work / "preview-settings.py"
    path.write_text(f"import sys\nsys.path.insert(0, {str(ROOT)!r})\nfrom pelicanconf import *  # noqa: F401,F403\n"
                    f"PLUGIN_PATHS = [{str(ROOT / 'plugins')!r}]\nTHEME = {str(ROOT / 'theme')!r}\n"
                    f"CACHE_PATH = {str(ROOT / 'cache')!r}\nSOCIAL_CARDS_CACHE_PATH = {str(cards_cache(work))!r}\n",
                    encoding="utf-8")
    return path


def preview_latencies(content: Path, work: Path, plan: list[dict], edits: int, apart: float | None = None) -> dict:
    """Edit-to-preview seconds (median of `edits`): body, title, summary, profile, new tag, series, date,
    co-author, a new post, that post deleted.
    `apart`: each edit comes that many seconds after another save of the same file (issue 26: saves
    1.5 s apart), not after the preview settled."""
    preview = PreviewProcess(content, work / "out-preview", preview_settings(work), apart)
    try:
        def source(entry):
            return content / "articles" / f"{entry['date']:%Y}" / f"{entry['slug']}.md"

        def page(entry):
            return f"{entry['date']:%Y}/{entry['slug']}/"

        def replace(path: Path, old: str, new: str):
            return lambda: path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")

        old_posts = sorted(plan, key=lambda e: e["date"])[:edits]
        newest = sorted(plan, key=lambda e: e["date"], reverse=True)[:edits]  # on the home page and in the roundup
        roundup = f"wochenrueckblick/{week_slug(LAST_DAY)}/"
        results = {kind: [] for kind, *_ in LATENCY_ROWS}
        preview.open_page(page(old_posts[0]))
        for number, entry in enumerate(old_posts):
            marker = f"Absatz Nummer {number} aus dem Editor"
            path = source(entry)
            results["body"].append(preview.seconds_until_shown(
                lambda: path.write_text(path.read_text(encoding="utf-8") + f"\n{marker}\n", encoding="utf-8"),
                [page(entry)], marker, path=path))
        for number, entry in enumerate(newest):
            marker = f"Neuer Titel {number}"
            results["title"].append(preview.seconds_until_shown(
                replace(source(entry), 'title: "', f'title: "{marker} '), [page(entry), "", roundup, "archiv/"], marker,
                path=source(entry)))
        for number, entry in enumerate(newest):
            marker = f"Neue Kurzfassung {number}"
            results["summary"].append(preview.seconds_until_shown(
                replace(source(entry), 'summary: "', f'summary: "{marker} '), [page(entry), ""], marker,
                path=source(entry)))
        for number in range(edits):
            handle = f"autorin-{number:02d}"
            entry = next(e for e in newest + plan if e["author"] == handle)
            marker = f"Umbenannt{number}"
            results["profile"].append(preview.seconds_until_shown(
                replace(content / "authors" / f"{handle}.yml", 'name: "Person', f'name: "{marker} Person'),
                [f"autoren/{handle}/", page(entry)], marker, path=content / "authors" / f"{handle}.yml"))
        for number, entry in enumerate(newest):
            marker = f"Neuesthema{number}"  # a new tag: a new topic page, and a link on the post
            results["tag"].append(preview.seconds_until_shown(
                replace(source(entry), "tags: [", f"tags: [{marker}, "), [page(entry), f"thema/{marker.lower()}/"], marker,
                path=source(entry)))
        for number in range(edits):
            marker = f"Beschreibung{number}"
            results["series"].append(preview.seconds_until_shown(
                replace(content / "series" / "mittwochstipp.yml", "Eine Serie", f"Eine Serie {marker}"),
                ["serien/mittwochstipp/", "serien/"], marker, path=content / "series" / "mittwochstipp.yml"))
        for entry in newest:  # a week earlier: out of the last roundup into the one before
            moved = entry["date"] - timedelta(days=7)
            results["date"].append(preview.seconds_until_shown(
                replace(source(entry), f"date: {entry['date']:%Y-%m-%d %H:%M}", f"date: {moved:%Y-%m-%d %H:%M}"),
                [(page(entry), f'datetime="{moved.isoformat(timespec="seconds")}"'),
                 (f"wochenrueckblick/{week_slug(moved)}/", f'/{page(entry)}"')], path=source(entry)))  # its card's link (relative URLs)
        def name_of(handle):
            return re.search(r'^name: "(.*)"$', (content / "authors" / f"{handle}.yml").read_text(encoding="utf-8"),
                             re.MULTILINE)[1]

        pairs = [{e["author"], *e["co_authors"]} for e in plan]
        for entry in newest:  # a co-author after the last author: in the post's byline and on her page
            last = (entry["co_authors"] or [entry["author"]])[-1]
            co = next(h for h in (f"autorin-{i:02d}" for i in range(39, -1, -1))
                      if not any({h, entry["author"]} <= pair or {h, last} <= pair for pair in pairs))
            authors = f"co_authors: [{', '.join(entry['co_authors'])}]"
            edit = (replace(source(entry), authors, f"co_authors: [{', '.join([*entry['co_authors'], co])}]")
                    if entry["co_authors"] else replace(source(entry), "\ncategory: ", f"\nco_authors: [{co}]\ncategory: "))
            up = "../" * page(entry).count("/")  # pelicanconf.py has RELATIVE_URLS
            byline = f'autoren/{last}/">{name_of(last)}</a> und <a class="author p-author h-card" href="{up}autoren/{co}/">'
            results["co_author"].append(preview.seconds_until_shown(
                edit, [(page(entry), byline), (f"autoren/{co}/", f'/{page(entry)}"')], path=source(entry)))
        for number, entry in enumerate(newest):  # a file that was not there: shown from a build of it alone
            title = f"Ganz neuer Beitrag {number}"
            text = source(entry).read_text(encoding="utf-8")
            for key, value in (("id", f"neu-{number}"), ("title", title)):  # its own id, its own address
                text = re.sub(rf"^{key}: .*$", f'{key}: "{value}"', text, count=1, flags=re.MULTILINE)
            new = source(entry).with_name(f"ganz-neuer-beitrag-{number}.md")
            results["new_post"].append(preview.seconds_until_shown(
                lambda: new.write_text(text, encoding="utf-8"), [f"{entry['date']:%Y}/ganz-neuer-beitrag-{number}/"],
                title))
        for number, entry in enumerate(newest):  # the new posts deleted again: off their roundup's page
            title = f"Ganz neuer Beitrag {number}"
            new = source(entry).with_name(f"ganz-neuer-beitrag-{number}.md")
            dated = datetime.strptime(re.search(r"^date: (.*)$", new.read_text(encoding="utf-8"), re.MULTILINE)[1],
                                      "%Y-%m-%d %H:%M")  # a week before its model's (the date edits above)
            results["deleted"].append(preview.seconds_until_shown(
                new.unlink, [(f"wochenrueckblick/{week_slug(dated)}/", title, "gone")]))
        preview.settle()
        return {"first_build": preview.first_build, **{kind: statistics.median(values) for kind, values in results.items()},
                "all": results}
    finally:
        preview.stop()


LATENCY_ROWS = [("body", "body of an old post", 0.5, "its page"),
                ("title", "title of a new post", 1, "its page, home, roundup, archive"),
                ("summary", "summary of a new post", 1, "its page, home"),
                ("profile", "a profile's name", 1, "author page, a post of hers"),
                ("tag", "a new tag on a new post", 1, "its page, the new topic page"),
                ("series", "a series description", 1, "series page, series index"),
                ("date", "a date a week earlier", 1, "its page, the roundup it moves to"),
                ("co_author", "a co-author added", 1, "its byline, her author page"),
                ("new_post", "a new post", 1, "its page"),
                ("deleted", "a new post deleted", 1, "its roundup")]


def latency_table(settled: dict, apart: dict, edits: int) -> list[str]:
    """Edit-to-preview seconds per kind of edit: after the preview settled, and with the save 1.5 s
    after the one before (the preview still building that one)."""
    lines = [f"edit to preview (`make devserver`, pelicanconf.py; from the save to the first response showing it, "
             f"median of {edits} edits; its first build {settled['first_build']:.2f} s)",
             f"  {'':<26} {'settled':>8} {'saves 1.5 s apart':>18}   target   pages"]
    for kind, label, target, pages in LATENCY_ROWS:
        lines.append(f"  {label:<26} {settled[kind]:7.3f}s {apart[kind]:17.3f}s   ≤ {target:<4} s {pages}")
    return lines


def article_page_and_css(output: Path) -> tuple[str, int, int]:
    """The largest article page and the size of the stylesheets it links."""
    from lxml import html as lxml_html

    biggest = max(output.glob("20*/*/index.html"), key=lambda p: p.stat().st_size)
    page = lxml_html.fromstring(biggest.read_bytes())
    css = 0
    for href in page.xpath("//link[@rel='stylesheet']/@href"):
        if "/theme/" in href:
            css += (output / "theme" / href.split("/theme/", 1)[1]).stat().st_size
    return str(biggest.relative_to(output)), biggest.stat().st_size, css


def whole_command_table(sizes: str, runs: int, work: Path) -> None:
    """`make publish` as a user runs it against plain Pelican + Pagefind (bench/whole_command.py)."""
    from whole_command import measure, report

    counts = [int(size) for size in sizes.split(",") if size.strip()]
    if counts:
        for line in report([measure(count, runs, work) for count in counts]):
            print(line)


def week_slug(day: datetime) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=int(os.environ.get("N", "1000")))
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--edits", type=int, default=5, help="edits per kind for the preview latencies")
    parser.add_argument("--preview-only", action="store_true", help="only the edit-to-preview latencies")
    parser.add_argument("--whole-sizes", default="1000,5000",
                        help="post counts of the whole-command table (bench/whole_command.py); '' for none")
    parser.add_argument("--whole-runs", type=int, default=3, help="turns of the whole-command table")
    parser.add_argument("--child", nargs=5, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        kind, content, output, cache, cards = args.child
        print(json.dumps(child_build(kind, content, output, cache == "1", None if cards == "-" else cards)))
        return 0

    work = Path(tempfile.mkdtemp(prefix="werkbank-bench-"))
    try:
        plan = corpus_plan(args.articles)
        write_plain_corpus(plan, work / "plain")
        write_full_corpus(plan, work / "full")
        # The 40-post week alone: the same 40 articles, profiles and series, nothing else.
        write_full_corpus(corpus_plan(40), work / "week")
        if args.preview_only:
            latency = preview_latencies(work / "full", work, plan, args.edits)
            write_full_corpus(plan, work / "full-apart")  # the edits above changed "full"
            apart = preview_latencies(work / "full-apart", work, plan, args.edits, apart=1.5)
            print("\n".join(latency_table(latency, apart, args.edits)))
            print(json.dumps({"settled": latency, "apart": apart}, indent=1))
            return 0
        print(f"corpus: {args.articles} articles, 40 authors, 2 series, 3 years; median of {args.runs} runs, plain and site taken in turns; "
              f"{os.cpu_count()} CPUs, Python {sys.version.split()[0]}")
        cards_cold = social_card_costs(work)
        plain, full, (time_ratio, cpu_ratio), memory_ratio = paired_runs(args.runs, work)
        week = median_of(args.runs, "full", work / "week", work)

        def row(name, r):
            per = r["wall"] / args.articles * 1000
            print(f"  {name:<22} {r['wall']:7.2f} s   {per:6.2f} ms/article   peak {r['peak_mb']:6.1f} MB")

        print("cold build (every build in its own process; the site's build passes `make check`: 0 problems)")
        row("(a) plain Pelican", plain)
        row("(b) this site", full)
        print(f"  ratio (b)/(a), median of the {args.runs} pairs   time {time_ratio:.2f}   "
              f"memory {memory_ratio:.2f} (target ≤ 1.5)")
        # CPU time of the build process: less shaken than wall time by other work on a shared host
        print(f"  ratio of CPU time (b)/(a), cards cached {cpu_ratio:.2f} (target ≤ 1.3)   "
              f"process user/system time: (a) {plain['user']:.2f}/{plain['system']:.2f} s, "
              f"(b) {full['user']:.2f}/{full['system']:.2f} s")
        print("  where the time goes (self time: Pelican's steps without the plugin handlers they call)")
        print(f"    {'step':<44} {'(a)':>7}   {'(b)':>7}")
        for name, seconds in sorted(full["phases"].items(), key=lambda item: -item[1])[:14]:
            print(f"    {name:<44} {plain['phases'].get(name, 0.0):7.3f}   {seconds:7.3f} s")
        count, warm = cards_cold["count"], sum(full["phases"].get(name, 0.0) for name in CARD_PHASES)
        print(f"social cards ({count} cards: every article, author, series, roundup and page, the home page)")
        print(f"  cold, none cached: {cards_cold['seconds']:6.2f} s = {cards_cold['seconds'] / count * 1000:5.1f} ms per card, "
              f"{cards_cold['seconds'] / count * 1000:5.1f} s per 1,000 cards (that build's CPU time {cards_cold['cpu']:.2f} s)")
        print(f"  warm, all cached:  {warm:6.2f} s = {warm / count * 1000:5.1f} ms per card "
              f"(planning every card and copying it from the cache; in (b) above)")
        slug = week_slug(LAST_DAY)
        seconds = sum(week["phases"].get(name, 0.0) for name in ("roundup", "newsletter"))
        print(f"roundups + newsletter for the 40-post week {slug} (a build of only that week; roundup and "
              f"newsletter generators, incl. writing their files): {seconds:.3f} s (target ≤ 0.3 s)")
        mail = full["output"] / "newsletter" / f"{slug}.html"
        if mail.exists():
            print(f"newsletter HTML of the 40-post week ({mail.name}): {mail.stat().st_size / 1024:.1f} KB (target ≤ 60 KB)")
        else:
            print("newsletter HTML: not written by this configuration")
        page, size, css = article_page_and_css(full["output"])
        print(f"largest article page: {page} {size / 1024:.1f} KB + its CSS {css / 1024:.1f} KB = "
              f"{(size + css) / 1024:.1f} KB (target ≤ 25 KB)")
        # after the builds' figures: the preview restarts (and this stops) when a plugin file changes
        latency = preview_latencies(work / "full", work, plan, args.edits)
        write_full_corpus(plan, work / "full-apart")  # the edits above changed "full"
        apart = preview_latencies(work / "full-apart", work, plan, args.edits, apart=1.5)
        for line in latency_table(latency, apart, args.edits):
            print(line)
        # Pagefind runs after the build (make html / publish), over the site build's output
        from search import report as search_report  # bench/search.py
        for line in search_report(full["output"], "https://blog.nordlicht-werkstatt.example", "suche/"):
            print(line)
        from picture_costs import report as picture_report  # bench/picture_costs.py: the corpus has no pictures
        for line in picture_report(work):
            print(line)
        whole_command_table(args.whole_sizes, args.whole_runs, work)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
