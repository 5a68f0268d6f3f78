"""The web editor's page script (plugins/editor/static/werkbank-editor.js) run under node with the
page's data, as the browser runs it, and the pieces of the editor's browser tests."""

from __future__ import annotations

import json
import shutil
import socket
import subprocess
from pathlib import Path

import yaml

from helpers.site import ROOT
from shared.yamlsource import split_front_matter

SCRIPT = ROOT / "plugins" / "editor" / "static" / "werkbank-editor.js"
JS_YAML = ROOT / "node_modules" / "js-yaml"
STRINGS = {lang: {key: value for path in sorted((ROOT / "theme" / "strings" / lang).glob("*.yml"))
                  for key, value in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).items()}
           for lang in ("de", "en")}

_RUNNER = """
const fs = require("fs");
const [script, jsYaml] = process.argv.slice(1);
const { model, calls } = JSON.parse(fs.readFileSync(0, "utf8"));
const editor = require(script)(model, require(jsYaml));
const results = calls.map(([name, ...args]) => {
  try {
    if (name === "toFile" || name === "fromFile") args[0] = model.rules[args[0]];
    return { value: editor[name](...args) };
  } catch (error) {
    return { error: String(error.message) };
  }
});
process.stdout.write(JSON.stringify(results));
"""


def words(lang: str = "de"):
    def text(key: str, **values) -> str:
        return str(STRINGS[lang][key]).format(**values)
    return text


def require_node() -> None:
    import pytest
    if shutil.which("node") is None or not JS_YAML.is_dir():
        pytest.fail("the editor tests need node and node_modules (make node-tools)")


def run_script(calls: list, lang: str = "de") -> list:
    """[("fileSlug", title), ("toFile", "werkbank-post", data), ("fromFile", rule, text),
    ("prepare", collection, values, is_new)] -> one {"value": …} or {"error": message} per call."""
    from editor.decap import page_model

    require_node()
    done = subprocess.run(["node", "-e", _RUNNER, str(SCRIPT), str(JS_YAML)],
                          input=json.dumps({"model": page_model(words(lang)), "calls": calls}),
                          capture_output=True, text=True, timeout=60, check=True)
    return json.loads(done.stdout)


def parse_post(text: str) -> tuple[dict, str]:
    """(front matter as PyYAML reads it, body without trailing space): what the build sees."""
    front, body, offset = split_front_matter(text)
    assert front is not None and offset >= 0, text
    return yaml.safe_load(front), body.rstrip()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]
