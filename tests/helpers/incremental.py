"""A generated blog for the incremental publish tests: bench/run.py's corpus with faces, a picture, a
draft and a scheduled post added, its own settings file and theme copy, and publishing it the way
`make publish` does (tools.build.build_into), warm or cold."""

from __future__ import annotations

import contextlib
import importlib.util
import io
import re
import shutil
import textwrap
from pathlib import Path

import pytest
from PIL import Image

from helpers.site import (DEFAULT_BUILD_TIME, LOGO_PATH, ROOT, SAMPLE_PUBLISHCONF, SOCIAL_CARDS_CACHE, STAND_IN_LOGO,
                          write_files)
from tools.build import build_into

SUMMARY = re.compile(r"(cold|warm) build: (\d+) page\(s\) rendered, (\d+) taken over")


def load_bench():
    spec = importlib.util.spec_from_file_location("bench_run", ROOT / "bench" / "run.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def picture(path: Path, size: tuple, colour: tuple) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", size, colour).save(path, format="PNG")


class Blog:
    """The generated blog in `base`: content/, theme/ (a copy, so a test may edit it), blogconf.py."""

    def __init__(self, base: Path, posts: int):
        bench = load_bench()
        self.base, self.content = base, base / "content"
        self.plan = sorted(bench.corpus_plan(posts), key=lambda entry: entry["date"])
        bench.write_full_corpus(self.plan, self.content)
        if LOGO_PATH:  # bench draws the checkout's SITE_LOGO; the tests build with the sample's settings
            write_files(self.content, {LOGO_PATH: STAND_IN_LOGO})
        self.theme = base / "theme"
        shutil.copytree(ROOT / "theme", self.theme)
        self.settings = base / "blogconf.py"
        self.write_settings("")
        self.build_time = DEFAULT_BUILD_TIME
        for number, colour in ((0, (200, 30, 30)), (1, (30, 30, 200))):  # faces for two people
            picture(self.content / f"images/authors/autorin-{number:02d}.png", (96, 96), colour)
            self.edit(f"authors/autorin-{number:02d}.yml",
                      lambda text, n=number: text + f"avatar: images/authors/autorin-{n:02d}.png\n")
        picture(self.content / "images/2026/werkstatt.png", (1200, 800), (20, 120, 90))  # on the newest post
        self.edit(self.source(self.plan[-1]), lambda text: text.replace(
            "\n---\n", '\nimage: images/2026/werkstatt.png\nimage_alt: "Eine Werkbank im Licht"\n---\n', 1))
        self.write("articles/2026/entwurf.md", self.post("Noch ein Entwurf", "0000e0f1", "2026-11-16 10:00",
                                                         "status: draft\n"))
        self.write("articles/2026/bald.md", self.post("Kommt bald", "0000e0f2", "2026-11-25 09:00"))  # scheduled

    @staticmethod
    def post(title: str, id: str, date: str, extra: str = "") -> str:
        return textwrap.dedent(f"""\
            ---
            title: "{title}"
            id: "{id}"
            date: {date}
            author: autorin-03
            tags: [sprache]
            category: Sprache
            summary: "Ein Satz dazu."
            """) + extra + "---\nEin Absatz.\n"

    def write_settings(self, extra: str) -> None:
        """The sample's frozen publishconf.py (read by path, like it reads its pelicanconf.py), with
        this blog's theme copy and caches."""
        self.settings.write_text(
            f"import runpy\n_base = runpy.run_path({str(SAMPLE_PUBLISHCONF)!r})\n"
            "globals().update({name: value for name, value in _base.items() if name.isupper()})\n"
            f"THEME = {str(self.theme)!r}\n"
            f"CACHE_PATH = {str(self.base / 'cache')!r}\nSOCIAL_CARDS_CACHE_PATH = {str(SOCIAL_CARDS_CACHE)!r}\n"
            + extra, encoding="utf-8")

    def source(self, entry) -> str:
        return f"articles/{entry['date']:%Y}/{entry['slug']}.md"

    def write(self, relative: str, text: str) -> None:
        (self.content / relative).parent.mkdir(parents=True, exist_ok=True)
        (self.content / relative).write_text(text, encoding="utf-8")

    def edit(self, relative: str, change) -> None:
        path = self.content / relative
        before = path.read_text(encoding="utf-8")
        after = change(before)
        assert after != before, f"the edit changed nothing in {relative}"
        path.write_text(after, encoding="utf-8")

    def publish(self, target: str = "output", full: bool = False, cache: str = "cache") -> tuple[str, int, int]:
        """(cold|warm, pages rendered, pages taken over) of one publish into base/target."""
        errors = io.StringIO()
        with pytest.MonkeyPatch.context() as patch, contextlib.redirect_stderr(errors):
            patch.setenv("SOURCE_DATE_EPOCH", self.build_time)
            code = build_into(self.settings, self.base / target,
                              {"PATH": str(self.content), "CACHE_PATH": str(self.base / cache)},
                              strict=True, job="publish", production=True, full=full)
        assert code == 0, errors.getvalue()
        self.said = errors.getvalue()
        kind, rendered, reused = SUMMARY.search(self.said).groups()
        return kind, int(rendered), int(reused)

    def publish_cold(self) -> None:
        """A cold publish of the same content into base/cold, with caches of its own."""
        assert self.publish("cold", full=True, cache="cold-cache")[0] == "cold"


class SampleBlog(Blog):
    """The sample's own content/ (copied: pictures in the text, aliases, thanks, notes) with its theme."""

    def __init__(self, base: Path):
        self.base, self.content, self.theme = base, base / "content", ROOT / "theme"
        shutil.copytree(ROOT / "content", self.content)
        self.settings, self.build_time = base / "blogconf.py", DEFAULT_BUILD_TIME
        self.write_settings("")


def files_of(folder: Path) -> set[str]:
    return {str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file() or p.is_symlink()}


def differences(warm: Path, cold: Path) -> list[str]:
    """Every file that is not byte for byte the same in both folders, with a glimpse of the first."""
    found = [f"only in {warm.name}: {name}" for name in sorted(files_of(warm) - files_of(cold))]
    found += [f"only in {cold.name}: {name}" for name in sorted(files_of(cold) - files_of(warm))]
    for name in sorted(files_of(warm) & files_of(cold)):
        a, b = (warm / name).read_bytes(), (cold / name).read_bytes()
        if a != b:
            at = next(i for i in range(min(len(a), len(b)) + 1) if i >= min(len(a), len(b)) or a[i] != b[i])
            found.append(f"differs: {name} at byte {at}: {warm.name} {a[max(0, at - 60):at + 60]!r} "
                         f"{cold.name} {b[max(0, at - 60):at + 60]!r}")
    return found
