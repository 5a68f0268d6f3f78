"""The words on a card, as pieces a font can draw: text runs and emoji, wrapped into lines.

Pure functions over plain values. Whether a font has a glyph and how wide a run is are passed in
(`Glyphs`, `measure`), so the rules are tested without Pillow and without the bundled fonts.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from typing import Callable

import regex

ELLIPSIS = "…"
ZWJ, VS16, KEYCAP = "\u200d", "\ufe0f", "\u20e3"
SKIN_TONES = regex.compile(r"[\U0001F3FB-\U0001F3FF]")
GRAPHEME = regex.compile(r"\X")
_EMOJI_LOOK = regex.compile(r"\p{Emoji_Presentation}|\p{Regional_Indicator}")
_PICTOGRAPH = regex.compile(r"\p{Extended_Pictographic}")
# A line may break after these (and at spaces): long German compounds are often written with '-'.
_BREAK_AFTER = ("-", "/", "–")


@dataclass(frozen=True)
class Run:
    """Text drawn in one font: kind "text", or "emoji" (one grapheme, drawn from the emoji font)."""

    kind: str
    text: str


@dataclass(frozen=True)
class Glyphs:
    """What the fonts can draw: code points of the text font and of the emoji font, and the
    sequences the emoji font draws as one picture, written without VS16 (those with a skin tone
    decide whether a toned emoji keeps its tone)."""

    text: frozenset
    emoji: frozenset
    sequences: frozenset = frozenset()


Line = tuple  # of Run
Measure = Callable[[Line], float]  # width of a line of runs in pixels


def clean(text: str) -> str:
    """One line of text: NFC, no control characters, single spaces."""
    text = unicodedata.normalize("NFC", str(text))
    text = "".join(" " if char.isspace() else char for char in text
                   if char.isspace() or unicodedata.category(char) not in ("Cc", "Cf") or char == ZWJ)
    return " ".join(text.split())


def _is_emoji(grapheme: str) -> bool:
    if _EMOJI_LOOK.search(grapheme) or KEYCAP in grapheme:
        return True
    return bool(_PICTOGRAPH.search(grapheme)) and (VS16 in grapheme or ZWJ in grapheme)


def runs(text: str, glyphs: Glyphs) -> list[Run]:
    """The drawable runs of `text`: emoji from the emoji font, the rest from the text font; a
    character neither font has is left out (no boxes), and so is the space it would leave doubled."""
    kept: list[Run] = []
    for grapheme in GRAPHEME.findall(clean(text)):
        grapheme = _toned(grapheme, glyphs)
        kind = _font_for(grapheme, glyphs) if grapheme else None
        if kind is None or (grapheme == " " and (not kept or kept[-1].text == " ")):
            continue
        kept.append(Run(kind, grapheme))
    if kept and kept[-1].text == " ":
        kept.pop()
    return list(_merged(kept))


def _toned(grapheme: str, glyphs: Glyphs) -> str:
    """A grapheme with a skin tone as it is where the emoji font has its toned picture, else
    without the tone: the default yellow (a tone alone, or after a letter, is left out)."""
    if not SKIN_TONES.search(grapheme) or grapheme.replace(VS16, "") in glyphs.sequences:
        return grapheme
    return SKIN_TONES.sub("", grapheme)


def _font_for(grapheme: str, glyphs: Glyphs) -> str | None:
    """"text", "emoji" or None (neither font draws it)."""
    base = grapheme.replace(VS16, "").replace(KEYCAP, "")
    if grapheme == " " or (not _is_emoji(grapheme) and _has_all(base, glyphs.text)):
        return "text"
    if _has_all(base.replace(ZWJ, ""), glyphs.emoji):
        return "emoji"
    return None


def _has_all(text: str, codepoints: frozenset) -> bool:
    return bool(text) and all(ord(char) in codepoints for char in text)


def _merged(pieces) -> tuple:
    """Neighbouring text runs as one (kerning works within a run); emoji stay one grapheme each."""
    line: list[Run] = []
    for run in pieces:
        if run.kind == "text" and line and line[-1].kind == "text":
            line[-1] = Run("text", line[-1].text + run.text)
        else:
            line.append(run)
    return tuple(line)


# --- lines ----------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Word:
    """What a line never splits unless it is wider than a line: runs, and the space before it."""

    runs: tuple
    space_before: bool


def words(pieces: list[Run]) -> list[Word]:
    """Break opportunities: at spaces, and after a hyphen or slash inside a word."""
    found: list[Word] = []
    current: list[Run] = []
    space = False

    def close(next_space: bool):
        nonlocal current, space
        if current:
            found.append(Word(tuple(current), space))
        current, space = [], next_space

    for piece in pieces:
        if piece.kind == "emoji":
            current.append(piece)
            continue
        parts = regex.split(r"( )", piece.text)
        for part in parts:
            if part == " ":
                close(True)
            elif part:
                for chunk in regex.split(r"(?<=[-/–])(?=\w)", part):
                    if chunk:
                        if current and current[-1].kind == "text" and current[-1].text.endswith(_BREAK_AFTER):
                            close(False)
                        current.append(Run("text", chunk))
    close(False)
    return found


def join(words_: list[Word]) -> Line:
    """The runs of words on one line, with their spaces."""
    spaced = []
    for index, word in enumerate(words_):
        if index and word.space_before:
            spaced.append(Run("text", " "))
        spaced.extend(word.runs)
    return _merged(spaced)


def _split_word(word: Word, measure: Measure, width: float) -> list[Word]:
    """A word wider than a line, cut between graphemes (the last piece may still be short)."""
    graphemes = [Run(run.kind, g) if run.kind == "text" else run
                 for run in word.runs for g in (GRAPHEME.findall(run.text) if run.kind == "text" else [run.text])]
    pieces, current = [], []
    for grapheme in graphemes:
        if current and measure(join([Word(tuple(current + [grapheme]), False)])) > width:
            pieces.append(Word(tuple(current), False))
            current = []
        current.append(grapheme)
    pieces.append(Word(tuple(current), False))
    return [Word(pieces[0].runs, word.space_before), *pieces[1:]]


def wrap(pieces: list[Run], measure: Measure, width: float) -> list[Line]:
    """Greedy lines no wider than `width` (a single grapheme wider than that stands alone)."""
    lines: list[list[Word]] = []
    current: list[Word] = []
    for word in words(pieces):
        for part in (_split_word(word, measure, width) if measure(join([word])) > width else [word]):
            if current and measure(join(current + [part])) > width:
                lines.append(current)
                current = [Word(part.runs, False)]
            else:
                current.append(part if current else Word(part.runs, False))
    if current:
        lines.append(current)
    return [join(line) for line in lines]


def with_ellipsis(line: Line, rest: bool, measure: Measure, width: float) -> Line:
    """The line ending in '…' within `width`, shortened at a word (else a grapheme) when needed.
    `rest`: text was cut after this line, so the ellipsis is due even if the line is short."""
    if not rest and measure(line) <= width:
        return line
    graphemes = [Run(run.kind, g) for run in line
                 for g in (GRAPHEME.findall(run.text) if run.kind == "text" else [run.text])]
    while graphemes:
        candidate = join([Word(tuple(graphemes), False)])
        text = _strip_end(candidate)
        shown = text + (Run("text", ELLIPSIS),)
        if measure(join([Word(shown, False)])) <= width:
            return join([Word(shown, False)])
        graphemes.pop()
    return (Run("text", ELLIPSIS),)


def _strip_end(line: Line) -> Line:
    """No space or dangling punctuation just before an ellipsis."""
    line = list(line)
    while line and line[-1].kind == "text":
        text = line[-1].text.rstrip(" ,;:-–")
        if text:
            line[-1] = Run("text", text)
            break
        line.pop()
    return tuple(line)


@dataclass(frozen=True)
class Block:
    """Text set in lines at one size: what the painter draws."""

    size: int
    lines: tuple  # of Line
    cut: bool  # the text did not fit and ends in an ellipsis


def fit(pieces: list[Run], measure_at: Callable[[int], Measure], width: float, sizes: tuple,
        max_lines: Callable[[int], int]) -> Block:
    """The largest size of `sizes` at which the text fits in its lines; else the smallest size,
    cut after its last line with an ellipsis."""
    for size in sizes:
        lines = wrap(pieces, measure_at(size), width)
        if len(lines) <= max_lines(size):
            return Block(size, tuple(lines), False)
    size = sizes[-1]
    measure = measure_at(size)
    lines = wrap(pieces, measure, width)
    allowed = max(1, max_lines(size))
    kept = lines[:allowed]
    kept[-1] = with_ellipsis(kept[-1], len(lines) > allowed, measure, width)
    return Block(size, tuple(kept), True)


def one_line(pieces: list[Run], measure: Measure, width: float) -> Line:
    """All pieces on one line, ending in '…' if they do not fit."""
    line = join(words(pieces))
    return line if measure(line) <= width else with_ellipsis(line, False, measure, width)


def plain(line: Line) -> str:
    return "".join(run.text for run in line)
