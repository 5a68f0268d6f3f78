"""A build compiles each template once, although Pelican gives every generator its own Jinja
environment (tools/compiled_templates.py); a changed template is compiled again."""

from __future__ import annotations

from collections import Counter

import jinja2

from helpers.site import DEFAULT_BUILD_TIME, MINIMAL_SITE, site_settings, write_files
from tools.build import build
from tools.compiled_templates import CompiledTemplates


def test_a_build_compiles_each_template_once(tmp_path, monkeypatch):
    compiled = Counter()
    plain_compile = jinja2.Environment.compile

    def counting_compile(self, source, name=None, *args, **kwargs):
        compiled[name] += 1
        return plain_compile(self, source, name, *args, **kwargs)

    monkeypatch.setattr(jinja2.Environment, "compile", counting_compile)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", DEFAULT_BUILD_TIME)
    write_files(tmp_path / "content", MINIMAL_SITE)
    assert build(site_settings(tmp_path, "pelicanconf.py")).exit_code(strict=True) == 0
    assert compiled["base.html"] == 1 and set(compiled.values()) == {1}


def test_a_changed_template_is_compiled_again(tmp_path):
    (tmp_path / "page.html").write_text("eins")
    cache = CompiledTemplates()

    def render():
        return jinja2.Environment(loader=jinja2.FileSystemLoader(tmp_path), bytecode_cache=cache) \
            .get_template("page.html").render()

    assert render() == "eins" and len(cache.compiled) == 1
    (tmp_path / "page.html").write_text("zwei")
    assert render() == "zwei"
