"""Pruning the card cache (plugins/socialcards/store.py, prune_cache): after a build, the cards and
listing copies it used are marked used (their mtime), and those that no page of the build uses and no
build used for SOCIAL_CARDS_CACHE_KEEP_DAYS leave the cache; nothing else does, no symlink is followed."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from helpers.frontmatter import article
from shared.config import REQUIRED_PLUGINS, SCHEMA_BY_NAME, read_config
from shared.problems import relative_path
from socialcards.listing import copies_folder, copy_name
from socialcards.options import read_options
from socialcards.store import DAY, place_cards, place_copies, prune_cache

NOW = time.time()
KEEP = 30
KEEP_DAYS = "SOCIAL_CARDS_CACHE_KEEP_DAYS"


def key(digit: str) -> str:
    """A card's key: 20 hex digits."""
    return digit * 20


def put(path: Path, age_days: float, data: bytes = b"card") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    stamp = NOW - age_days * DAY
    os.utime(path, (stamp, stamp))
    return path


def age_days(path: Path) -> float:
    return (NOW - os.lstat(path).st_mtime) / DAY


def prune(cache: Path, cards=(), copies=(), keep=KEEP):
    return prune_cache(cache, set(cards), set(copies), copies_folder(cache), keep, now=NOW)


def test_a_card_no_build_uses_and_older_than_the_grace_period_leaves_with_its_copies(tmp_path):
    cache = tmp_path / "cards"
    old = put(cache / f"{key('a')}.png", 40)
    copy = put(copies_folder(cache) / copy_name(old.name), 2)  # young, but its card is gone
    earlier = put(cache / "listing-v0" / copy_name(old.name), 40)  # a copy of an older LISTING_VERSION
    photo = put(cache / f"{key('b')}.jpg", 400)
    pruned = prune(cache)
    assert not old.exists() and not copy.exists() and not photo.exists() and not earlier.exists()
    assert not (cache / "listing-v0").exists()  # emptied: gone too
    assert copies_folder(cache).is_dir()  # this version's folder stays
    assert sorted(pruned.removed) == sorted([old.name, photo.name, f"listing-v0/{earlier.name}",
                                             f"{copies_folder(cache).name}/{copy.name}"])
    assert pruned.freed == 4 * len(b"card")


def test_a_card_no_build_uses_that_a_build_used_within_the_grace_period_stays(tmp_path):
    cache = tmp_path / "cards"
    young = put(cache / f"{key('a')}.png", KEEP - 1)
    copy = put(copies_folder(cache) / copy_name(young.name), KEEP - 1)
    other_version = put(cache / "listing-v0" / copy_name(young.name), 3)
    pruned = prune(cache)
    assert young.exists() and copy.exists() and other_version.exists()
    assert pruned.removed == [] and pruned.waiting == 3


def test_a_card_the_build_uses_stays_however_old_and_is_marked_used(tmp_path):
    cache, output = tmp_path / "cards", tmp_path / "output" / "karten"
    used = put(cache / f"{key('a')}.png", 90)
    copy = put(copies_folder(cache) / copy_name(used.name), 90)
    kept_in_output = put(cache / f"{key('c')}.png", 90)
    put(output / kept_in_output.name, 0)  # a reused output folder has it already
    placed = place_cards({used.name: "spec", kept_in_output.name: "spec"}, cache, output, make=pytest.fail)
    place_copies({copy.name: used.name}, copies_folder(cache), output, make=pytest.fail)
    assert (placed.copied, placed.kept, placed.drawn) == (1, 1, [])
    pruned = prune(cache, cards=[used.name, kept_in_output.name], copies=[copy.name], keep=0)
    assert used.exists() and copy.exists() and kept_in_output.exists() and pruned.removed == []
    assert age_days(used) < 0.001 and age_days(copy) < 0.001 and age_days(kept_in_output) < 0.001
    assert pruned.marked == 3


def test_a_card_used_within_a_day_keeps_its_mtime(tmp_path):
    # marked once a day at most: a warm build does not change the mtime of every card it links
    card = put(tmp_path / f"{key('a')}.png", 0.5)
    before = os.stat(card).st_mtime_ns
    assert prune(tmp_path, cards=[card.name]).marked == 0
    assert os.stat(card).st_mtime_ns == before


def test_with_no_grace_period_every_unused_card_goes(tmp_path):
    cache = tmp_path / "cards"
    fresh = put(cache / f"{key('a')}.png", 0.01)
    used = put(cache / f"{key('b')}.png", 0.01)
    prune(cache, cards=[used.name], keep=0)
    assert not fresh.exists() and used.exists()


def test_only_card_files_in_the_cache_are_removed_and_no_symlink_is_followed(tmp_path):
    cache, elsewhere = tmp_path / "cards", tmp_path / "elsewhere"
    outside_card = put(elsewhere / f"{key('1')}.png", 400)
    outside_copy = put(elsewhere / "listing" / copy_name(f"{key('2')}.png"), 400)
    put(cache / "sources.json", 400, b"{}")
    put(cache / "notizen.txt", 400)
    put(cache / "anderes" / f"{key('3')}.png", 400)  # not a listing folder: not looked into
    put(cache / f"{key('4')}.png.4711.part", 400)  # left by a stopped build: goes
    young_part = put(cache / f"{key('5')}.png.4712.part", 0)  # a build writing it now: stays
    link = cache / f"{key('1')}.png"
    link.symlink_to(outside_card)
    (cache / "listing-v0").symlink_to(elsewhere / "listing", target_is_directory=True)
    os.utime(link, (NOW - 400 * DAY, NOW - 400 * DAY), follow_symlinks=False)
    pruned = prune(cache, keep=0)
    assert pruned.removed == [f"{key('4')}.png.4711.part"]
    assert link.is_symlink() and (cache / "listing-v0").is_symlink() and young_part.exists()
    assert outside_card.exists() and outside_copy.exists()
    assert {p.name for p in cache.iterdir()} >= {"sources.json", "notizen.txt", "anderes"}
    assert (cache / "anderes" / f"{key('3')}.png").exists()
    # a symlink named like a card this build uses: neither the link nor what it points to is touched
    before = os.stat(outside_card).st_mtime_ns, os.lstat(link).st_mtime_ns
    assert prune(cache, cards=[link.name]).marked == 0
    assert (os.stat(outside_card).st_mtime_ns, os.lstat(link).st_mtime_ns) == before


def test_a_cache_that_is_not_there_is_nothing_to_prune(tmp_path):
    assert prune(tmp_path / "nowhere").removed == []


def options_with(tmp_path, **settings):
    config, problems = read_config({"PLUGINS": REQUIRED_PLUGINS, "SITENAME": "Werkbank Blog",
                                    "PATH": str(tmp_path), "THEME": str(tmp_path),
                                    "CACHE_PATH": str(tmp_path / "cache"), **settings})
    return read_options(config), problems


@pytest.mark.parametrize("value", [7, 0, 365])
def test_the_grace_period_is_a_whole_number_of_days_from_0(tmp_path, value):
    default, problems = options_with(tmp_path)
    assert (default.keep_days, problems) == (SCHEMA_BY_NAME[KEEP_DAYS].default, []) == (30, [])
    options, problems = options_with(tmp_path, SOCIAL_CARDS_CACHE_KEEP_DAYS=value)
    assert (options.keep_days, problems) == (value, [])


@pytest.mark.parametrize("value, expected", [(-1, "a whole number from 0"), ("7", "a whole number"),
                                             (7.5, "a whole number"), (True, "a whole number"),
                                             (None, "a whole number")])
def test_a_bad_grace_period_is_reported_at_its_line_and_the_default_is_used(tmp_path, value, expected):
    settings_file = tmp_path / "pelicanconf.py"
    settings_file.write_text(f"SITENAME = 'Werkbank Blog'\n{KEEP_DAYS} = {value!r}\n", encoding="utf-8")
    options, problems = options_with(tmp_path, SETTINGS_FILE=str(settings_file), SOCIAL_CARDS_CACHE_KEEP_DAYS=value)
    assert len(problems) == 1, problems
    assert problems[0].format().startswith(
        f"{relative_path(str(settings_file))}:2: {KEEP_DAYS} = {value!r} is not allowed: expected {expected}\n")
    assert "the default 30 is used until you fix it" in problems[0].hint
    assert options.keep_days == 30


def cached_cards(cache: Path) -> set:
    return {path.name for path in cache.iterdir() if path.suffix in (".png", ".jpg")}


def test_a_build_removes_the_card_of_an_old_title_once_the_grace_period_is_over(build_site, tmp_path):
    cache = tmp_path / "cards"
    settings = {"SOCIAL_CARDS_CACHE_PATH": str(cache)}
    build_site(overrides=settings)
    first = cached_cards(cache)
    first_copies = {path.name for path in copies_folder(cache).iterdir()}
    renamed = {"articles/erster-beitrag.md": article("Anderer Titel", "2026-11-18 09:30", id="0001")}
    build_site(renamed, overrides=settings)
    second = cached_cards(cache)
    old_card = first - second
    assert len(second - first) == 1 and not old_card  # the old title's card waits for its grace period
    for path in [*cache.iterdir(), *copies_folder(cache).iterdir()]:
        if path.is_file():
            os.utime(path, (NOW - 40 * DAY, NOW - 40 * DAY))  # nobody built this site for 40 days
    build_site(renamed, overrides=settings)
    third = cached_cards(cache)
    gone = second - third
    assert len(gone) == 1 and gone < first  # the card of the old title, and only that one
    copies = {path.name for path in copies_folder(cache).iterdir()}
    assert first_copies - copies == {copy_name(gone.pop())}
    assert all(age_days(cache / name) < 1 for name in third)  # the cards in use were marked used
