"""Templates compiled once: Pelican gives every generator its own Jinja environment, so without a
shared cache a build compiles base.html seven times, and the preview compiles every template again
on each rebuild. Jinja still recompiles a template whose source changed (the key holds its checksum)."""

from __future__ import annotations

import jinja2


class CompiledTemplates(jinja2.BytecodeCache):
    """Jinja's compiled code of each template, kept in memory (JINJA_ENVIRONMENT["bytecode_cache"])."""

    def __init__(self):
        self.compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket):
        if bucket.key in self.compiled:
            bucket.bytecode_from_string(self.compiled[bucket.key])

    def dump_bytecode(self, bucket):
        self.compiled[bucket.key] = bucket.bytecode_to_string()
