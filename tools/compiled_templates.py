"""Templates compiled once: Pelican gives every generator its own Jinja environment, so without a
shared cache a build compiles base.html seven times, and the preview compiles every template again
on each rebuild. Jinja still recompiles a template whose source changed (the key holds its checksum).

Compiled templates are also kept on disk, in the checkout's __pycache__ (ignored by git), as Python
keeps our modules' compiled code there (tools/bytecode.py): a build in a fresh process then loads
instead of compiling them (at 1,000 posts about 0.15 s of every publish). Jinja tells templates
apart by name and source, not by the environment's options, so the folder is named by a digest of
those options and of the Jinja, Pelican and Python versions. A checkout nobody may write to is
built as before, with the compiled code kept in memory only.
"""

from __future__ import annotations

import hashlib
import shutil
import sys
from pathlib import Path

import jinja2

ROOT = Path(__file__).resolve().parents[1]
ON_DISK = ROOT / "__pycache__" / "jinja"


class CompiledTemplates(jinja2.BytecodeCache):
    """Jinja's compiled code of each template (JINJA_ENVIRONMENT["bytecode_cache"]): in memory, and
    in `folder` when one is given and can be written."""

    def __init__(self, folder: Path | None = None):
        self.compiled: dict[str, bytes] = {}
        self.on_disk = _usable(folder) if folder is not None else None

    def load_bytecode(self, bucket):
        if bucket.key not in self.compiled and self.on_disk is not None:
            self.on_disk.load_bytecode(bucket)
            if bucket.code is not None:
                self.compiled[bucket.key] = bucket.bytecode_to_string()
                return
        if bucket.key in self.compiled:
            bucket.bytecode_from_string(self.compiled[bucket.key])

    def dump_bytecode(self, bucket):
        self.compiled[bucket.key] = bucket.bytecode_to_string()
        if self.on_disk is not None:
            try:
                self.on_disk.dump_bytecode(bucket)  # a temporary file renamed: builds side by side are safe
            except OSError:
                self.on_disk = None


def for_options(options: dict, root: Path | None = None) -> CompiledTemplates:
    """The compiled templates of environments made with `options` (JINJA_ENVIRONMENT), kept in a
    folder of `root` of their own; the folders of other options are removed."""
    import pelican

    root = ON_DISK if root is None else root
    described = repr(sorted((name, _described(value)) for name, value in options.items() if name != "bytecode_cache"))
    key = hashlib.sha256(f"{jinja2.__version__}\n{pelican.__version__}\n{sys.version}\n{described}".encode())
    folder = root / key.hexdigest()[:16]
    if not folder.is_dir() and root.is_dir():
        for other in root.iterdir():
            shutil.rmtree(other, ignore_errors=True)
    return CompiledTemplates(folder)


def _described(value):
    """An option as the same text in every process: a class or function by its name, not its address."""
    if isinstance(value, (list, tuple)):
        return [_described(item) for item in value]
    if callable(value):
        return f"{getattr(value, '__module__', '')}.{getattr(value, '__qualname__', type(value).__qualname__)}"
    return value


def _usable(folder: Path) -> jinja2.FileSystemBytecodeCache | None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return jinja2.FileSystemBytecodeCache(str(folder))
