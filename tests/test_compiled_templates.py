"""A build compiles each template once, although Pelican gives every generator its own Jinja
environment, and a build in a new process loads them compiled from the checkout (tools/compiled_templates.py);
a changed template is compiled again."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import jinja2
import jinja2.ext

from helpers.site import DEFAULT_BUILD_TIME, MINIMAL_SITE, site_settings, write_files
from tools.build import build
from tools.compiled_templates import CompiledTemplates, for_options


def _counting_compiles(monkeypatch) -> Counter:
    compiled = Counter()
    plain_compile = jinja2.Environment.compile

    def counting_compile(self, source, name=None, *args, **kwargs):
        compiled[name] += 1
        return plain_compile(self, source, name, *args, **kwargs)

    monkeypatch.setattr(jinja2.Environment, "compile", counting_compile)
    return compiled


def test_a_build_compiles_each_template_once_and_the_next_build_none(tmp_path, monkeypatch):
    monkeypatch.setattr("tools.compiled_templates.ON_DISK", tmp_path / "compiled")
    compiled = _counting_compiles(monkeypatch)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", DEFAULT_BUILD_TIME)
    write_files(tmp_path / "content", MINIMAL_SITE)
    assert build(site_settings(tmp_path, "pelicanconf.py")).exit_code(strict=True) == 0
    assert compiled["base.html"] == 1 and set(compiled.values()) == {1}
    compiled.clear()
    assert build(site_settings(tmp_path, "pelicanconf.py")).exit_code(strict=True) == 0  # as in a new process
    assert not compiled


def test_a_changed_template_is_compiled_again(tmp_path):
    (tmp_path / "page.html").write_text("eins")
    cache = CompiledTemplates()

    def render():
        return jinja2.Environment(loader=jinja2.FileSystemLoader(tmp_path), bytecode_cache=cache) \
            .get_template("page.html").render()

    assert render() == "eins" and len(cache.compiled) == 1
    (tmp_path / "page.html").write_text("zwei")
    assert render() == "zwei"


def test_a_template_compiled_by_an_earlier_build_is_loaded_from_disk(tmp_path, monkeypatch):
    compiled = _counting_compiles(monkeypatch)
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "page.html").write_text("{{ 'eins' | upper }}")

    def render(cache):  # each cache as a new process would make it: nothing in memory
        return jinja2.Environment(loader=jinja2.FileSystemLoader(tmp_path / "templates"), bytecode_cache=cache) \
            .get_template("page.html").render()

    assert render(CompiledTemplates(tmp_path / "compiled")) == "EINS"
    assert render(CompiledTemplates(tmp_path / "compiled")) == "EINS"
    assert compiled["page.html"] == 1
    (tmp_path / "templates" / "page.html").write_text("zwei")
    assert render(CompiledTemplates(tmp_path / "compiled")) == "zwei" and compiled["page.html"] == 2


def test_other_environment_options_get_a_folder_of_their_own(tmp_path):
    plain = {"autoescape": True, "trim_blocks": True, "extensions": [jinja2.ext.loopcontrols]}
    first = for_options(plain, tmp_path).on_disk.directory
    assert for_options(dict(plain), tmp_path).on_disk.directory == first  # the same in every process
    other = for_options({**plain, "trim_blocks": False}, tmp_path).on_disk.directory
    assert other != first
    assert [path.name for path in tmp_path.iterdir()] == [Path(other).name]  # the old folder removed


def test_a_folder_nobody_may_write_keeps_them_in_memory(tmp_path):
    (tmp_path / "page.html").write_text("eins")
    (tmp_path / "taken").write_text("a file, not a folder")
    cache = CompiledTemplates(tmp_path / "taken" / "compiled")
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(tmp_path), bytecode_cache=cache)
    assert env.get_template("page.html").render() == "eins" and cache.on_disk is None and len(cache.compiled) == 1
