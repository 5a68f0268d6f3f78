"""Colours of a card: the text colour that reads on the accent, WCAG 2 contrast, shades."""

from __future__ import annotations

DARK_TEXT, LIGHT_TEXT = (29, 29, 31), (255, 255, 255)  # the theme's --fg and white


def rgb(colour: str) -> tuple[int, int, int]:
    return tuple(int(colour[i:i + 2], 16) for i in (1, 3, 5))


def _luminance(colour) -> float:
    def channel(value):
        value /= 255
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4
    r, g, b = (channel(v) for v in colour)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(first, second) -> float:
    """WCAG 2 contrast ratio of two colours."""
    light, dark = sorted((_luminance(first), _luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def text_colour(background) -> tuple[int, int, int]:
    """White or the theme's dark text, whichever reads better on the background (one of them
    always has at least 4.5:1)."""
    return max((LIGHT_TEXT, DARK_TEXT), key=lambda ink: contrast(ink, background))


def mix(first, second, share: float) -> tuple[int, int, int]:
    """`share` of the first colour, the rest of the second."""
    return tuple(round(a * share + b * (1 - share)) for a, b in zip(first, second))
