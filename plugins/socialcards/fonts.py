"""The bundled fonts of the cards (see fonts/README.md) and which characters each can draw.

Pillow cannot say whether a font has a glyph, and a missing one is drawn as a box; the font's
own character map (its `cmap` table, formats 4 and 12) says it, read here without extra packages.
Nor can it say which emoji sequences (a skin tone, ZWJ, a flag) the emoji font draws as one
picture: the sequences file beside the font lists them (made with it by fonts/make_emoji_subset.py,
read by `emoji_sequences`).
"""

from __future__ import annotations

import struct
from dataclasses import dataclass
from pathlib import Path

FONT_DIR = Path(__file__).resolve().parent / "fonts"
TITLE_FONT = FONT_DIR / "NotoSans-Bold.ttf"
TEXT_FONT = FONT_DIR / "NotoSans-Regular.ttf"
EMOJI_FONT = FONT_DIR / "NotoColorEmoji-subset.ttf"
EMOJI_SEQUENCES = FONT_DIR / "NotoColorEmoji-subset.sequences.txt"
EMOJI_SIZE = 109  # a bitmap font: its pictures exist at this size only, and are scaled from it


@dataclass(frozen=True)
class FontFiles:
    title: Path = TITLE_FONT
    text: Path = TEXT_FONT
    emoji: Path = EMOJI_FONT
    sequences: Path = EMOJI_SEQUENCES  # the emoji font's sequences (see `emoji_sequences`)

    def paths(self) -> tuple:
        """Every file that decides how a card looks (the key hashes them)."""
        return (self.title, self.text, self.emoji, self.sequences)


def emoji_sequences(path: Path) -> dict:
    """The sequences the emoji font draws as one picture (its GSUB ligatures: skin tones, ZWJ
    sequences, flags, keycaps), written without VS16, each with the private-use character the
    font's cmap maps to the same picture. Lines of the file: "1F44D 1F3FD;F0123". No file (an
    emoji font bundled without one): none."""
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except OSError:
        return {}
    found = {}
    for line in lines:
        if line.strip() and not line.startswith("#"):
            codes, private = line.split(";")
            found["".join(chr(int(code, 16)) for code in codes.split())] = chr(int(private, 16))
    return found


def codepoints(path: Path) -> frozenset:
    """Every code point the font maps to a glyph (its Unicode cmap subtables, formats 4 and 12)."""
    data = Path(path).read_bytes()
    cmap = _table(data, b"cmap")
    if cmap is None:
        return frozenset()
    found: set[int] = set()
    count = struct.unpack_from(">H", data, cmap + 2)[0]
    for index in range(count):
        platform, encoding, offset = struct.unpack_from(">HHI", data, cmap + 4 + 8 * index)
        if (platform, encoding) not in ((0, 3), (0, 4), (0, 6), (3, 1), (3, 10)):
            continue
        start = cmap + offset
        form = struct.unpack_from(">H", data, start)[0]
        if form == 4:
            found |= _format4(data, start)
        elif form == 12:
            found |= _format12(data, start)
    return frozenset(found)


def _table(data: bytes, tag: bytes) -> int | None:
    tables = struct.unpack_from(">H", data, 4)[0]
    for index in range(tables):
        name, _checksum, offset, _length = struct.unpack_from(">4sIII", data, 12 + 16 * index)
        if name == tag:
            return offset
    return None


def _format4(data: bytes, start: int) -> set[int]:
    segments = struct.unpack_from(">H", data, start + 6)[0] // 2
    ends_at = start + 14
    starts_at = ends_at + 2 * segments + 2
    deltas_at = starts_at + 2 * segments
    ranges_at = deltas_at + 2 * segments
    found = set()
    for segment in range(segments):
        end = struct.unpack_from(">H", data, ends_at + 2 * segment)[0]
        first = struct.unpack_from(">H", data, starts_at + 2 * segment)[0]
        delta = struct.unpack_from(">h", data, deltas_at + 2 * segment)[0]
        range_offset = struct.unpack_from(">H", data, ranges_at + 2 * segment)[0]
        for code in range(first, min(end, 0xFFFE) + 1):
            if range_offset == 0:
                glyph = (code + delta) & 0xFFFF
            else:
                at = ranges_at + 2 * segment + range_offset + 2 * (code - first)
                glyph = struct.unpack_from(">H", data, at)[0]
                glyph = (glyph + delta) & 0xFFFF if glyph else 0
            if glyph:
                found.add(code)
    return found


def _format12(data: bytes, start: int) -> set[int]:
    groups = struct.unpack_from(">I", data, start + 12)[0]
    found = set()
    for group in range(groups):
        first, last, glyph = struct.unpack_from(">III", data, start + 16 + 12 * group)
        found.update(code for code in range(first, last + 1) if glyph + code - first)
    return found
