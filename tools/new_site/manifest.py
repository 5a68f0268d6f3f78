"""Which files are the sample company's: their paths and content hashes, committed in the repo.

`make new-site` removes a file only when its bytes are exactly the sample's; a file a team changed or
added is never touched. `python -m tools.new_site --write-manifest` writes the manifest again after
the sample content changed (tests/test_new_site.py says so when they differ).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

MANIFEST = Path("tools/sample_manifest.json")
SAMPLE_FOLDERS = ("content",)  # everything of the sample company lives here; the rest is the engine


@dataclass
class Survey:
    """The files of the sample folders, sorted into the sample's own, changed and added ones."""

    sample: list = field(default_factory=list)  # exactly the sample's bytes: may be removed
    changed: list = field(default_factory=list)  # a sample file whose bytes differ
    added: list = field(default_factory=list)  # not a sample file

    @property
    def blocked(self) -> bool:
        return bool(self.changed or self.added)


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def sample_files(root: Path) -> list[str]:
    """Every file in the sample folders, as POSIX paths relative to the project."""
    found = []
    for folder in SAMPLE_FOLDERS:
        base = root / folder
        if base.is_dir():
            found += [path.relative_to(root).as_posix() for path in base.rglob("*") if path.is_file()]
    return sorted(found)


def current_manifest(root: Path, site_name: str) -> dict:
    return {
        "about": "The sample company's files (content hashes): make new-site removes exactly these. "
                 "Written by python -m tools.new_site --write-manifest.",
        "site_name": site_name,
        "files": {relative: digest(root / relative) for relative in sample_files(root)},
    }


def manifest_text(manifest: dict) -> str:
    return json.dumps(manifest, indent=1, ensure_ascii=False, sort_keys=False) + "\n"


def read_manifest(root: Path) -> dict:
    return json.loads((root / MANIFEST).read_text(encoding="utf-8"))


def has_sample_content(root: Path) -> bool:
    """Whether content/ still holds the sample company's files (any one, byte for byte): false in a
    company's checkout once make new-site removed them (the tests that read the sample skip there)."""
    if not (root / MANIFEST).is_file():
        return False
    files = read_manifest(root)["files"]
    return any((root / relative).is_file() and digest(root / relative) == expected
               for relative, expected in files.items())


def survey(root: Path, manifest: dict, keep: tuple[str, ...] = ()) -> Survey:
    """Sort every file of the sample folders; `keep` (e.g. the new logo) is the team's and ignored."""
    known = manifest["files"]
    result = Survey()
    for relative in sample_files(root):
        if relative in keep:
            continue
        if relative not in known:
            result.added.append(relative)
        elif digest(root / relative) != known[relative]:
            result.changed.append(relative)
        else:
            result.sample.append(relative)
    return result
