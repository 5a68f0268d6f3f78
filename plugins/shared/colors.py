"""Colours for the brand: WCAG 2.2 contrast and accessible shades of an accent colour.

A shade is found in OKLCH (a perceptual space): the lightness moves towards dark (on light
backgrounds) or light (on dark ones) until the contrast is reached, the hue stays, and the chroma
shrinks only where the colour would leave the sRGB gamut. So a pale yellow becomes an olive that
still reads as the brand's yellow, not a grey.
"""

from __future__ import annotations

import math
import re

HEX = re.compile(r"#[0-9a-fA-F]{6}")

Rgb = tuple[float, float, float]  # sRGB, each 0..1


def parse_hex(value: str) -> Rgb:
    """'#0b5cad' -> (0.043, 0.36, 0.678); raises ValueError for anything but #rrggbb."""
    if not HEX.fullmatch(value.strip()):
        raise ValueError(f"not a #rrggbb colour: {value!r}")
    text = value.strip()[1:]
    return tuple(int(text[i:i + 2], 16) / 255 for i in (0, 2, 4))


def to_hex(rgb: Rgb) -> str:
    return "#" + "".join(f"{round(min(1.0, max(0.0, c)) * 255):02x}" for c in rgb)


def _linear(channel: float) -> float:
    return channel / 12.92 if channel <= 0.04045 else ((channel + 0.055) / 1.055) ** 2.4


def _gamma(channel: float) -> float:
    return channel * 12.92 if channel <= 0.0031308 else 1.055 * channel ** (1 / 2.4) - 0.055


def luminance(rgb: Rgb) -> float:
    """WCAG relative luminance."""
    r, g, b = (_linear(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: Rgb | str, b: Rgb | str) -> float:
    """WCAG contrast ratio of two colours (1..21)."""
    la, lb = (luminance(parse_hex(c) if isinstance(c, str) else c) for c in (a, b))
    light, dark = max(la, lb), min(la, lb)
    return (light + 0.05) / (dark + 0.05)


def to_oklch(rgb: Rgb) -> tuple[float, float, float]:
    r, g, b = (_linear(c) for c in rgb)
    l_ = (0.4122214708 * r + 0.5363325363 * g + 0.0514459929 * b) ** (1 / 3)
    m_ = (0.2119034982 * r + 0.6806995451 * g + 0.1073969566 * b) ** (1 / 3)
    s_ = (0.0883024619 * r + 0.2817188376 * g + 0.6299787005 * b) ** (1 / 3)
    lightness = 0.2104542553 * l_ + 0.7936177850 * m_ - 0.0040720468 * s_
    a = 1.9779984951 * l_ - 2.4285922050 * m_ + 0.4505937099 * s_
    bb = 0.0259040371 * l_ + 0.7827717662 * m_ - 0.8086757660 * s_
    return lightness, math.hypot(a, bb), math.atan2(bb, a)


def _oklch_to_linear(lightness: float, chroma: float, hue: float) -> Rgb:
    a, b = chroma * math.cos(hue), chroma * math.sin(hue)
    l_ = (lightness + 0.3963377774 * a + 0.2158037573 * b) ** 3
    m_ = (lightness - 0.1055613458 * a - 0.0638541728 * b) ** 3
    s_ = (lightness - 0.0894841775 * a - 1.2914855480 * b) ** 3
    return (4.0767416621 * l_ - 3.3077115913 * m_ + 0.2309699292 * s_,
            -1.2684380046 * l_ + 2.6097574011 * m_ - 0.3413193965 * s_,
            -0.0041960863 * l_ - 0.7034186147 * m_ + 1.7076147010 * s_)


def from_oklch(lightness: float, chroma: float, hue: float) -> Rgb:
    """The sRGB colour of this lightness and hue, with the chroma reduced until it fits sRGB."""
    low, high = 0.0, chroma
    linear = _oklch_to_linear(lightness, high, hue)
    if not all(-1e-6 <= c <= 1 + 1e-6 for c in linear):
        for _ in range(24):  # bisect the largest chroma that fits
            middle = (low + high) / 2
            if all(-1e-6 <= c <= 1 + 1e-6 for c in _oklch_to_linear(lightness, middle, hue)):
                low = middle
            else:
                high = middle
        linear = _oklch_to_linear(lightness, low, hue)
    return tuple(_gamma(min(1.0, max(0.0, c))) for c in linear)


def _worst(rgb: Rgb, backgrounds: list[Rgb]) -> float:
    return min(contrast(rgb, background) for background in backgrounds)


def accessible_shade(color: str, backgrounds: list[str], minimum: float) -> str:
    """`color` if it has `minimum` contrast against every background, else the shade of it
    (same hue, lightness moved away from the backgrounds) closest to it that has.

    Backgrounds are all light or all dark (one colour scheme). The result is rounded to #rrggbb and
    checked again after rounding, so it passes exactly as written in the CSS."""
    rgb = parse_hex(color)
    grounds = [parse_hex(b) for b in backgrounds]
    if _worst(rgb, grounds) >= minimum:
        return to_hex(rgb)
    lightness, chroma, hue = to_oklch(rgb)
    darker = sum(luminance(b) for b in grounds) / len(grounds) > 0.18  # light backgrounds: go darker
    end = 0.0 if darker else 1.0
    near, far = lightness, end  # `far` passes (black or white against one scheme's backgrounds)
    for _ in range(30):
        middle = (near + far) / 2
        if _worst(from_oklch(middle, chroma, hue), grounds) >= minimum:
            far = middle
        else:
            near = middle
    for _ in range(100):  # rounding to 8 bits may lose a hair of contrast: step on until it holds
        shade = parse_hex(to_hex(from_oklch(far, chroma, hue)))
        if _worst(shade, grounds) >= minimum:
            return to_hex(shade)
        far += -0.002 if darker else 0.002
    return "#000000" if darker else "#ffffff"


def text_on(background: str, candidates: tuple[str, ...] = ("#ffffff", "#000000")) -> str:
    """The candidate text colour with the most contrast on `background`."""
    return max(candidates, key=lambda c: contrast(c, background))


def mix(color: str, base: str, amount: float) -> str:
    """`amount` (0..1) of `color` over `base`, mixed in sRGB (for faint tints of a background)."""
    a, b = parse_hex(color), parse_hex(base)
    return to_hex(tuple(x * amount + y * (1 - amount) for x, y in zip(a, b)))
