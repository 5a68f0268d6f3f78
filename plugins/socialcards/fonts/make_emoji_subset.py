"""Makes NotoColorEmoji-subset.ttf and NotoColorEmoji-subset.sequences.txt from the full Noto Color
Emoji (see README.md, "The emoji subset"). Not part of the site: run it by hand, with fontTools in a
throwaway venv, when the font is replaced or TONED changes:

    python3 -m venv /tmp/fonttools && /tmp/fonttools/bin/pip install fonttools==4.69.1
    apt-get download fonts-noto-color-emoji && dpkg-deb -x fonts-noto-color-emoji_*.deb deb
    /tmp/fonttools/bin/python plugins/socialcards/fonts/make_emoji_subset.py \\
        deb/usr/share/fonts/truetype/noto/NotoColorEmoji.ttf plugins/socialcards/fonts

What it keeps: every code point, ZWJ sequence, flag and keycap of the font; of the emoji with a
skin tone (U+1F3FB..U+1F3FF) only the five tones of the emoji in TONED (the full set of toned
emoji is 5.8 MB more, more than the rest of the font). A toned emoji not in TONED is drawn in the
default yellow (socialcards/text.py decides that from the sequences file).

The sequences file lists every sequence the font draws as one picture (its GSUB ligatures), each
with the private-use code point (U+F0000 onwards) this script maps to that picture in the font's
cmap. The painter needs no fontTools: it reads which toned emoji exist from the file, and where
Pillow has no Raqm layout (no libfribidi on the machine), which joins sequences by GSUB, it draws
a sequence by its private-use code point instead.
"""

from __future__ import annotations

import sys
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont

TONES = range(0x1F3FB, 0x1F400)
VS16 = 0xFE0F
FIRST_PRIVATE = 0xF0000  # Supplementary Private Use Area-A: no emoji or text uses it
GENDERS = ("", "\u200d\u2640", "\u200d\u2642")  # the emoji itself, its woman (ZWJ ♀) and man (ZWJ ♂)

# The emoji drawn with their skin tone, written without it (and without VS16): the hands and people
# most used in posts, messages and chats, and people at work. Each brings its five toned pictures.
HANDS = ("👋 🤚 🖐 ✋ 🖖 🫱 🫲 🫳 🫴 🫷 🫸 👌 🤌 🤏 ✌ 🤞 🫰 🤟 🤘 🤙 👈 👉 👆 👇 ☝ 🫵 👍 👎 ✊ 👊 🤛 🤜 "
         "👏 🙌 🫶 👐 🤲 🤝 🙏 ✍ 💅 🤳 💪").split()
PEOPLE = "👶 🧒 👦 👧 🧑 👱 👨 🧔 👩 🧓 👴 👵".split()
GESTURES = [base + gender for base in "🙋 💁 🙆 🙅 🤷 🤦 🙇".split() for gender in GENDERS]
WORK = ([person + "\u200d" + role for role in "💻 💼 🔬 🏫 🎓 🔧 🏭 🎨".split() for person in "🧑 👩 👨".split()]
        + ["👷" + gender for gender in GENDERS])
ACTIVITIES = [base + gender for base in "🏃 🚶 🚴 🧘".split() for gender in GENDERS] + ["💃", "🕺"]
TONED = frozenset(HANDS + PEOPLE + GESTURES + WORK + ACTIVITIES)


def ligatures(font: TTFont):
    """(code points, ligature glyph, its lookup's ligature list, the entry) of every GSUB ligature
    whose glyphs the cmap names."""
    names = {glyph: code for code, glyph in font.getBestCmap().items()}
    for lookup in font["GSUB"].table.LookupList.Lookup:
        for table in lookup.SubTable:
            table = table.ExtSubTable if lookup.LookupType == 7 else table
            if getattr(table, "LookupType", lookup.LookupType) != 4:
                continue
            for first, entries in table.ligatures.items():
                for entry in entries:
                    codes = [names.get(glyph) for glyph in (first, *entry.Component)]
                    if None not in codes:
                        yield tuple(codes), entry.LigGlyph, entries, entry


def untoned(codes: tuple) -> str:
    return "".join(chr(code) for code in codes if code not in TONES and code != VS16)


def drop_tones_not_kept(font: TTFont) -> None:
    """Removes the toned ligatures of emoji not in TONED (their pictures then leave with the subset)."""
    for codes, _glyph, entries, entry in list(ligatures(font)):
        if any(code in TONES for code in codes) and untoned(codes) not in TONED:
            entries.remove(entry)


def subset_font(font: TTFont) -> None:
    options = subset.Options()
    options.layout_features = ["*"]
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.name_legacy = True
    options.notdef_outline = True
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=font.getBestCmap().keys())
    subsetter.subset(font)


def map_sequences(font: TTFont) -> list[tuple[str, int]]:
    """Each ligature glyph gets a private-use code point in the cmap; returns (sequence, code point)."""
    glyph_ids = {name: index for index, name in enumerate(font.getGlyphOrder())}
    pictures = sorted({glyph for _codes, glyph, _entries, _entry in ligatures(font)}, key=glyph_ids.get)
    private = {glyph: FIRST_PRIVATE + index for index, glyph in enumerate(pictures)}
    found = {}
    for codes, glyph, _entries, _entry in ligatures(font):
        found.setdefault("".join(chr(code) for code in codes if code != VS16), private[glyph])
    for table in font["cmap"].tables:
        if table.format == 12:
            table.cmap.update({code: glyph for glyph, code in private.items()})
    return sorted(found.items())


def main(source: str, folder: str) -> None:
    font = TTFont(source, recalcTimestamp=False)
    wanted = set(TONED)
    for codes, _glyph, _entries, _entry in ligatures(font):
        wanted.discard(untoned(codes))
    if wanted:
        sys.exit("TONED names emoji without toned pictures in this font: " + " ".join(sorted(wanted)))
    drop_tones_not_kept(font)
    subset_font(font)
    sequences = map_sequences(font)
    target = Path(folder)
    font.save(target / "NotoColorEmoji-subset.ttf")
    lines = ["# Sequences NotoColorEmoji-subset.ttf draws as one picture (its GSUB ligatures, VS16 left out),",
             "# and the private-use code point its cmap maps to that picture. Made by make_emoji_subset.py.",
             "# code points of the sequence; private-use code point"]
    lines += [" ".join("%04X" % ord(char) for char in text) + ";%04X" % code for text, code in sequences]
    (target / "NotoColorEmoji-subset.sequences.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    toned = sum(any(ord(char) in TONES for char in text) for text, _code in sequences)
    print(f"{len(font.getGlyphOrder())} glyphs, {len(sequences)} sequences ({toned} with a skin tone)")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: make_emoji_subset.py NotoColorEmoji.ttf OUTPUT_FOLDER")
    main(sys.argv[1], sys.argv[2])
