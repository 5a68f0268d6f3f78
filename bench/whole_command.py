"""The whole command as a user runs it (issues 23 and 26): `make publish` against plain Pelican
followed by Pagefind, on the same synthetic posts, each as one process tree.

    python bench/whole_command.py [--sizes 1000,5000] [--runs 3]   (also part of `make bench`)

What is measured, for each tree (the command and every process it starts):
- CPU time: user + system of the whole tree, from wait4() of its root (Linux adds the times of
  every child the root and its descendants waited for, and every process here waits for its own).
- Peak memory: the tree's memory sampled every 10 ms from /proc (the sum over its live processes
  of PSS, smaps_rollup: a page shared by two processes counts half in each), the highest sample.
  A process that waits for another still holds its memory, so the sum is what the machine needs;
  the largest single process (ru_maxrss from wait4) is printed beside it as a cross-check.

The commands:
- plain: `pelican <posts> -o <out> -s plain.py` (default theme, no plugins, the same posts with
  Pelican's metadata) and then `python -m pagefind --site <out>`: the same Pagefind 1.5.2 binary
  our build runs (pip's pagefind_bin; `npx pagefind` starts that binary from node instead).
- the same, our URLs: plain, with publishconf.py's URL, output path and pagination settings (a
  folder per page, listings paginated by ten): what the site's shape costs before any template or
  plugin of ours. The budgets are against plain; this says how much of them the shape takes.
- site: `python -m tools.publish --settings <publishconf.py with the benchmark's cache folders>
  --content <posts> --output <out>`, the command `make publish` runs (make itself adds a few ms):
  the build, image pass, social cards, search index and the swap into the output folder.
  cold: empty cache folders (every social card drawn); cards cached: the social cards of an
  earlier build in their cache (SOCIAL_CARDS_CACHE_PATH), everything else cold; warm: the cards-
  cached run's command again after a one-line edit of one post's body, with that run's output and
  record (tools/incremental: only the pages whose inputs changed are rendered).

Plain and site runs are taken in turns (plain, our URLs, cards cached, warm, cold; RUNS times; the first
cold run, which fills the card cache, comes before the first turn) so that drift of a shared
machine hits all alike; each figure is the median of the runs, each ratio the median of the
per-turn ratios. Outputs are deleted only at the end (deleting thousands of files just before a
build slows that build's system time down).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PAGE = os.sysconf("SC_PAGE_SIZE")


# ---- one process tree ------------------------------------------------------------------------------

def tree_pids(root: int) -> list[int]:
    """root and all its live descendants (from /proc/<pid>/task/<tid>/children)."""
    pids, waiting = [], [root]
    while waiting:
        pid = waiting.pop()
        pids.append(pid)
        try:
            tasks = os.listdir(f"/proc/{pid}/task")
        except OSError:
            continue
        for task in tasks:
            try:
                with open(f"/proc/{pid}/task/{task}/children") as handle:
                    waiting.extend(int(child) for child in handle.read().split())
            except OSError:
                pass
    return pids


def pss_bytes(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/smaps_rollup") as handle:
            for line in handle:
                if line.startswith("Pss:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError):
        pass
    return 0


class TreeMemory(threading.Thread):
    """Samples the tree's memory (sum of PSS) every `interval` seconds until stopped."""

    def __init__(self, root: int, interval: float = 0.01):
        super().__init__(daemon=True)
        self.root, self.interval, self.peak = root, interval, 0
        self.done = threading.Event()

    def run(self) -> None:
        while not self.done.is_set():
            self.peak = max(self.peak, sum(pss_bytes(pid) for pid in tree_pids(self.root)))
            self.done.wait(self.interval)


def run_tree(command: list[str], env: dict, cwd: Path = ROOT) -> dict:
    """Run `command`; CPU seconds of its tree (user, system), wall seconds, peak memory (MB)."""
    os.sync()  # start from a quiet disk: the files of the previous build written out
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    memory = TreeMemory(process.pid)
    memory.start()
    errors = []
    reader = threading.Thread(target=lambda: errors.append(process.stderr.read()), daemon=True)
    reader.start()
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    memory.done.set()
    memory.join()
    reader.join()
    if process.returncode != 0:
        tail = (errors[0] if errors else b"").decode("utf-8", "replace")[-3000:]
        raise SystemExit(f"{' '.join(command)} failed ({process.returncode}):\n{tail}")
    return {"cpu": usage.ru_utime + usage.ru_stime, "user": usage.ru_utime, "system": usage.ru_stime,
            "wall": wall, "peak_mb": memory.peak / 2**20, "largest_mb": usage.ru_maxrss / 1024}


# ---- the commands -------------------------------------------------------------------------------------

PLAIN_SETTINGS = 'TIMEZONE = "Europe/Berlin"\nSITEURL = "https://blog.example"\nDEFAULT_LANG = "de"\n'


def plain_command(work: Path, content: Path, output: Path, settings: Path | None = None) -> list[str]:
    """`pelican` with the default theme and no plugins, then Pagefind; `settings`: other than plain's."""
    if settings is None:
        settings = work / "plain-settings.py"
        if not settings.exists():  # the settings of run.child_build's plain build, as a file for the CLI
            settings.write_text(PLAIN_SETTINGS + f"CACHE_PATH = {str(work / 'plain-cache')!r}\n", encoding="utf-8")
    pelican = Path(sys.executable).with_name("pelican")
    return ["sh", "-c", '"$1" "$2" -o "$3" -s "$4" -q && "$5" -m pagefind --site "$3" --quiet',
            "plain", str(pelican), str(content), str(output), str(settings), sys.executable]


# Pelican's own settings that give the site its shape: pretty URLs (a folder per page) and listings
# paginated by ten (home, topics, categories, authors), as publishconf.py sets them.
SHAPE_SETTINGS = ("SLUGIFY_SOURCE", "DEFAULT_PAGINATION", "PAGINATION_PATTERNS", "PAGINATED_TEMPLATES")


def shape_settings(settings_file: Path = ROOT / "publishconf.py") -> dict:
    """The site-shape settings of a settings file that Pelican knows (URLs, output paths, pagination)."""
    import runpy

    from pelican.settings import DEFAULT_CONFIG

    sys.path.insert(0, str(ROOT))
    try:
        ours = runpy.run_path(str(settings_file))
    finally:
        sys.path.remove(str(ROOT))
    known = set(DEFAULT_CONFIG) | {f"{page.upper()}_{what}" for page in DEFAULT_CONFIG["DIRECT_TEMPLATES"]
                                   for what in ("URL", "SAVE_AS")}  # e.g. TAGS_SAVE_AS, the topics index
    return {name: ours[name] for name in sorted(known) if name in ours
            and (name in SHAPE_SETTINGS or name.endswith(("_URL", "_SAVE_AS")))}


def write_same_shape_settings(path: Path, cache: Path, ours: Path = ROOT / "publishconf.py") -> Path:
    """Plain Pelican's settings with the URLs and pagination of `ours`."""
    path.write_text(PLAIN_SETTINGS + f"CACHE_PATH = {str(cache)!r}\n"
                    + "".join(f"{name} = {value!r}\n" for name, value in shape_settings(ours).items()), encoding="utf-8")
    return path


def same_shape_command(work: Path, content: Path, output: Path) -> list[str]:
    """Plain Pelican + Pagefind as plain_command, with the site's URLs and pagination: what the site's
    shape alone costs (a folder per page, some 50 % more pages than unpaginated listings)."""
    settings = work / "same-shape-settings.py"
    if not settings.exists():
        write_same_shape_settings(settings, work / "same-shape-cache")
    return plain_command(work, content, output, settings)


def publish_command(work: Path, content: Path, output: Path, cache: Path, cards: Path) -> list[str]:
    settings = work / f"publish-{cache.name}-{cards.name}.py"
    settings.write_text(f"import sys\nsys.path.insert(0, {str(ROOT)!r})\nfrom publishconf import *  # noqa: F401,F403\n"
                        f"PLUGIN_PATHS = [{str(ROOT / 'plugins')!r}]\nTHEME = {str(ROOT / 'theme')!r}\n"
                        f"CACHE_PATH = {str(cache)!r}\nSOCIAL_CARDS_CACHE_PATH = {str(cards)!r}\n", encoding="utf-8")
    return [sys.executable, "-m", "tools.publish", "--settings", str(settings), "--content", str(content),
            "--output", str(output)]


def measure(size: int, runs: int, work: Path) -> dict:
    """Plain, cold and cards-cached publish of `size` posts, `runs` turns; medians and ratios."""
    from run import BUILD_TIME, corpus_plan, write_full_corpus, write_plain_corpus  # bench/run.py

    env = {**os.environ, "SOURCE_DATE_EPOCH": BUILD_TIME}
    plan = corpus_plan(size)
    plain_posts, site_posts = work / f"plain-{size}", work / f"full-{size}"
    write_plain_corpus(plan, plain_posts)
    write_full_corpus(plan, site_posts)
    shared_cards = work / f"cards-{size}-shared"

    def cold(run: int, cards: Path) -> dict:
        return run_tree(publish_command(work, site_posts, work / f"out-cold-{size}-{run}",
                                        work / f"cache-{size}-cold-{run}", cards), env)

    first_cold = cold(0, shared_cards)  # nothing cached; it fills the card cache the cached runs use
    turns = []
    for run in range(runs):
        # the cards-cached publish right after its plain run: the ratio compares neighbours, not two
        # runs with a minute of card drawing between them
        turn = {"plain": run_tree(plain_command(work, plain_posts, work / f"out-plain-{size}-{run}"), env)}
        turn["shape"] = run_tree(same_shape_command(work, plain_posts, work / f"out-shape-{size}-{run}"), env)
        turn["cached"] = run_tree(publish_command(work, site_posts, work / f"out-cached-{size}-{run}",
                                                  work / f"cache-{size}-cached-{run}", shared_cards), env)
        turn["warm"] = warm_publish(work, site_posts, plan, size, run, shared_cards, env)
        turn["cold"] = first_cold if run == 0 else cold(run, work / f"cards-{size}-cold-{run}")
        turns.append(turn)
    result = {"size": size, "runs": runs}
    for kind in ("plain", "shape", "cold", "cached", "warm"):
        result[kind] = {key: statistics.median(turn[kind][key] for turn in turns) for key in turns[0][kind]}
        if kind != "plain":
            for key in ("cpu", "peak_mb"):
                result[kind][f"{key}_ratio"] = statistics.median(turn[kind][key] / turn["plain"][key] for turn in turns)
    for kind in ("cold", "cached"):  # against plain Pelican with the site's shape
        result[kind]["cpu_to_shape"] = statistics.median(turn[kind]["cpu"] / turn["shape"]["cpu"] for turn in turns)
    result["warm"]["cpu_to_cached"] = statistics.median(turn["warm"]["cpu"] / turn["cached"]["cpu"] for turn in turns)
    return result


def warm_publish(work: Path, posts: Path, plan: list, size: int, run: int, cards: Path, env: dict) -> dict:
    """make publish again after a one-line edit of an old post's body (issue 26): into the output and
    with the cache of this turn's cards-cached publish, whose record it finds (tools/incremental)."""
    entry = plan[len(plan) // 2]
    source = posts / "articles" / f"{entry['date']:%Y}" / f"{entry['slug']}.md"
    with source.open("a", encoding="utf-8") as handle:
        handle.write(f"\nEin Satz mehr, Lauf {run}.\n")
    return run_tree(publish_command(work, posts, work / f"out-cached-{size}-{run}", work / f"cache-{size}-cached-{run}",
                                    cards), env)


def report(results: list[dict]) -> list[str]:
    """The table of `make bench`: one row per size; ratios to plain Pelican + Pagefind, and (after the
    slash, CPU only) to the same with the site's URLs and pagination."""
    lines = ["the whole command, as a user runs it (CPU: user+sys of the process tree; peak: the tree's memory, "
             "sampled sum of PSS; largest: the biggest single process)",
             f"  {'posts':>5}  {'plain Pelican + Pagefind':<27}  {'the same, our URLs':<26}  "
             f"{'make publish, cold':<39}  {'make publish, cards cached':<39}  {'warm publish, body edit':<40}"]
    for row in results:
        plain, shape = row["plain"], row["shape"]

        def cell(r):
            to_shape = f"/{r['cpu_to_shape']:4.2f}" if "cpu_to_shape" in r else ""
            return (f"{r['cpu']:6.1f} s {r['cpu_ratio']:4.2f}×{to_shape}  {r['peak_mb']:5.0f} MB "
                    f"{r['peak_mb_ratio']:4.2f}× ({r['largest_mb']:.0f})")
        lines.append(f"  {row['size']:>5}  {plain['cpu']:6.1f} s  {plain['peak_mb']:5.0f} MB ({plain['largest_mb']:.0f})   "
                     f"  {shape['cpu']:6.1f} s {shape['cpu_ratio']:4.2f}×  {shape['peak_mb']:5.0f} MB    "
                     f"  {cell(row['cold']):<39}  {cell(row['cached']):<39}  "
                     f"{cell(row['warm']) + ' ' + format(row['warm']['cpu_to_cached'], '.2f') + '× of cached':<40}")
    lines.append("  targets: CPU ≤ 1.3×, peak ≤ 1.5× of plain Pelican + Pagefind (cold, issue 26; cards cached, "
                 "issue 23); \"the same, our URLs\": plain Pelican with publishconf.py's URLs and pagination "
                 "(the site's shape, no theme or plugin of ours), and each publish's CPU ratio to it after the slash; "
                 "warm publish: the same command again after a one-line edit of an old post (its record from the "
                 "cached run); the preview's edit latencies are in the edit-to-preview table (bench/run.py)")
    return lines


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,5000")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="werkbank-whole-"))
    try:
        results = [measure(int(size), args.runs, work) for size in args.sizes.split(",")]
        print("\n".join(report(results)))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    sys.exit(main())
