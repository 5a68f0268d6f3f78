"""`make messages`: extract every problem message from the code and update the German catalogs.

Messages are written in English as `t("…")` (or `N_("…")` where a message is defined apart from its
use) in plugins/ and tools/. Each plugin or tool folder is one catalog domain:
plugins/localization/locale/de/LC_MESSAGES/<folder>.po. New messages are added untranslated, messages
no longer in the code are removed, translations are kept. `--check` changes nothing and exits 1
while a catalog is out of date or a message lacks its translation (the tests run the same check).
"""

from __future__ import annotations

import argparse
import io
import string
import sys
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_file
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ("plugins", "tools")
KEYWORDS = {"t": None, "N_": None}
CATALOGS = ROOT / "plugins" / "localization" / "locale"
TRANSLATED = ("de",)  # English is the language the messages are written in


@dataclass(frozen=True)
class Extracted:
    domain: str
    message: str
    where: str  # file:line of one use, for the report


def domain_of(relative: Path) -> str:
    """plugins/authors/profiles.py -> authors; tools/sitecheck/links.py -> sitecheck; tools/build.py -> tools."""
    parts = relative.parts
    return parts[1] if len(parts) > 2 else parts[0]


def uses_catalogs(path: Path) -> bool:
    """Only modules that import t/N_ from shared.messages (the theme's UI strings have a `t` of their own)."""
    return "shared.messages import" in path.read_text(encoding="utf-8")


def extract(root: Path = ROOT) -> dict[str, dict[str, str]]:
    """domain -> {message id: first place it is used}, from every Python file under plugins/ and tools/."""
    found: dict[str, dict[str, str]] = defaultdict(dict)
    for top in SOURCES:
        for path in sorted((root / top).rglob("*.py")):
            relative = path.relative_to(root)
            if "__pycache__" in relative.parts or not uses_catalogs(path):
                continue
            for line, message, _comments, _context in extract_from_file("python", str(path), keywords=KEYWORDS):
                if isinstance(message, tuple):
                    message = message[0]
                if message:
                    found[domain_of(relative)].setdefault(message, f"{relative}:{line}")
    return dict(found)


def fields(text: str) -> set[str]:
    """The `{name}` fields of a message (what the code fills in)."""
    return {name for _literal, name, _spec, _conversion in string.Formatter().parse(text) if name is not None}


def shown(path: Path) -> str:
    return str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path)


def read_catalog(path: Path, lang: str) -> Catalog | None:
    if not path.exists():
        return None
    with path.open("rb") as handle:
        return read_po(handle, locale=lang, domain=path.stem)


def catalog_path(lang: str, domain: str, base: Path = CATALOGS) -> Path:
    return base / lang / "LC_MESSAGES" / f"{domain}.po"


def updated_catalog(domain: str, lang: str, messages: dict[str, str], old: Catalog | None) -> Catalog:
    catalog = Catalog(locale=lang, domain=domain, project="Werkbank Blog", charset="utf-8")
    for message in sorted(messages):
        before = old.get(message) if old is not None else None
        catalog.add(message, before.string if before is not None else "",
                    flags=("python-brace-format",) if fields(message) else ())
    return catalog


def po_bytes(catalog: Catalog) -> bytes:
    buffer = io.BytesIO()
    write_po(buffer, catalog, omit_header=True, no_location=True, sort_output=True, width=100)
    return buffer.getvalue()


def problems(extracted: dict[str, dict[str, str]], base: Path = CATALOGS) -> list[str]:
    """What is wrong with the catalogs: out of date, untranslated, or a translation with other fields."""
    found = []
    for lang in TRANSLATED:
        domains = set(extracted) | {path.stem for path in (base / lang / "LC_MESSAGES").glob("*.po")}
        for domain in sorted(domains):
            path = catalog_path(lang, domain, base)
            messages = extracted.get(domain, {})
            old = read_catalog(path, lang)
            have = {message.id for message in old if message.id} if old is not None else set()
            for message in sorted(set(messages) - have):
                found.append(f"{shown(path)}: missing {message!r} ({messages[message]}); run make messages")
            for message in sorted(have - set(messages)):
                found.append(f"{shown(path)}: {message!r} is no longer in the code; run make messages")
            for entry in (old or ()):
                if not entry.id or entry.id not in messages:
                    continue
                if not entry.string or entry.fuzzy:
                    found.append(f"{shown(path)}: {entry.id!r} has no {lang} translation "
                                 f"({messages[entry.id]})")
                elif fields(entry.string) != fields(entry.id):
                    found.append(f"{shown(path)}: the {lang} translation of {entry.id!r} fills in "
                                 f"{sorted(fields(entry.string))}, the code gives {sorted(fields(entry.id))}")
    return found


def update(extracted: dict[str, dict[str, str]], base: Path = CATALOGS) -> list[Path]:
    """Write every catalog whose messages changed; returns the files written."""
    written = []
    for lang in TRANSLATED:
        folder = base / lang / "LC_MESSAGES"
        for domain, messages in sorted(extracted.items()):
            path = catalog_path(lang, domain, base)
            new = po_bytes(updated_catalog(domain, lang, messages, read_catalog(path, lang)))
            if not path.exists() or path.read_bytes() != new:
                folder.mkdir(parents=True, exist_ok=True)
                path.write_bytes(new)
                written.append(path)
        for stale in sorted(folder.glob("*.po")) if folder.is_dir() else ():
            if stale.stem not in extracted:
                stale.unlink()
                written.append(stale)
    return written


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="make messages", description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="change nothing; exit 1 if a catalog needs work")
    args = parser.parse_args(argv)
    extracted = extract()
    if not args.check:
        for path in update(extracted):
            print(f"updated {shown(path)}")
    found = problems(extracted)
    for line in found:
        print(line, file=sys.stderr)
    total = sum(len(messages) for messages in extracted.values())
    print(f"{total} messages in {len(extracted)} catalogs; {len(found)} need work")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
