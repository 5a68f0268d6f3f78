"""The theme's colours for light and dark mode, with the brand colour's accessible shades.

Every colour a reader's eyes depend on is derived here and checked against every background it is
used on: link text 4.5:1 (WCAG 2.2 1.4.3), focus ring 3:1 (1.4.11, 2.4.13's minimum), text on the
accent button 4.5:1. The brand colour itself is used as given only where nothing depends on seeing
it (the thin stripe above the header).
"""

from __future__ import annotations

from dataclasses import dataclass

from shared.colors import accessible_shade, contrast, mix, text_on

TEXT, LARGE_OR_UI = 4.5, 3.0

# The theme's own colours; theme/static/css/site.css starts with the same values (a test keeps
# them in step), so a site without ACCENT_COLOR needs no generated style at all.
LIGHT = {"bg": "#fbfaf7", "fg": "#1b1c1e", "muted": "#54575d", "line": "#dcd8cf", "card": "#ffffff",
         "mark": "#fff0b3", "accent": "#0b5cad"}
DARK = {"bg": "#131518", "fg": "#ecebe8", "muted": "#b0b4ba", "line": "#3a3e44", "card": "#1c1f23",
        "mark": "#4a3f12", "accent": "#8cc4ff"}
SOFT_TINT = {"light": 0.10, "dark": 0.16}  # how much brand colour the summary box's background carries


@dataclass(frozen=True)
class Scheme:
    """The custom properties of one colour scheme (CSS name without '--' -> #rrggbb)."""

    name: str  # "light" or "dark"
    values: dict

    def css(self) -> str:
        return ";".join(f"--{key}:{value}" for key, value in self.values.items())


@dataclass(frozen=True)
class Use:
    """One derived colour: where it is used, the ratio it must reach and the ratio it has."""

    scheme: str
    name: str
    value: str
    ratio: float
    minimum: float
    given_ratio: float  # of the brand colour itself, on the same backgrounds

    @property
    def changed(self) -> bool:
        return self.given_ratio < self.minimum


def scheme(name: str, brand: str | None) -> tuple[Scheme, list[Use]]:
    """The properties of `name` ('light'/'dark') for the brand colour (None: the theme's blue)."""
    base = LIGHT if name == "light" else DARK
    given = (brand or base["accent"]).lower()
    soft = _soft(given, base, SOFT_TINT[name])
    grounds = [base["bg"], base["card"], soft]
    accent = accessible_shade(given, grounds, TEXT)
    focus = accessible_shade(given, grounds, LARGE_OR_UI)
    accent_fg = text_on(accent, (base["bg"], base["fg"], "#ffffff", "#000000"))
    values = {"brand": given, "accent": accent, "accent-fg": accent_fg, "focus": focus, "soft": soft}
    worst = min(contrast(given, g) for g in grounds)
    uses = [
        Use(name, "link text", accent, min(contrast(accent, g) for g in grounds), TEXT, worst),
        Use(name, "focus ring", focus, min(contrast(focus, g) for g in grounds), LARGE_OR_UI, worst),
        Use(name, "button text on the accent", accent_fg, contrast(accent_fg, accent), TEXT, TEXT),
    ]
    return Scheme(name, values), uses


def _soft(given: str, base: dict, amount: float) -> str:
    """A faint tint of the brand colour on the background, faint enough for all text on it."""
    while amount > 0:
        soft = mix(given, base["bg"], amount)
        if min(contrast(base["fg"], soft), contrast(base["muted"], soft)) >= TEXT:
            return soft
        amount -= 0.02
    return base["bg"]


def brand_css(brand: str | None) -> tuple[str, list[Use]]:
    """The style element's rules for this brand colour, and what was derived (for reports)."""
    light, light_uses = scheme("light", brand)
    dark, dark_uses = scheme("dark", brand)
    css = f":root{{{light.css()}}}@media (prefers-color-scheme:dark){{:root{{{dark.css()}}}}}"
    return css, light_uses + dark_uses


def describe(brand: str, uses: list[Use]) -> list[str]:
    """One line per derived colour, e.g. for `make new-site`."""
    lines = []
    for use in uses:
        if use.name.startswith("button"):
            continue
        if use.changed:
            lines.append(f"{use.scheme} mode, {use.name}: {brand} has {use.given_ratio:.2f}:1, below "
                         f"{use.minimum:g}:1; using {use.value} ({use.ratio:.2f}:1)")
        else:
            lines.append(f"{use.scheme} mode, {use.name}: {brand} as given ({use.given_ratio:.2f}:1)")
    return lines
