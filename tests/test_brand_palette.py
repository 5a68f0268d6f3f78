"""The theme's colours for a brand colour: every use passes its WCAG 2.2 AA minimum on every
background, in light and dark mode; site.css starts with the same defaults."""

from __future__ import annotations

import re

import pytest

from brand.palette import DARK, LIGHT, brand_css, describe, scheme
from helpers.site import ROOT
from shared.colors import contrast

BRANDS = ["#f0e68c", "#0e7c66", "#ff0000", "#000000", "#ffffff", "#777777", "#1e90ff", "#ffd700", None]


@pytest.mark.parametrize("brand", BRANDS)
@pytest.mark.parametrize("name", ["light", "dark"])
def test_links_buttons_and_focus_rings_pass_on_every_background(brand, name):
    base = LIGHT if name == "light" else DARK
    values = scheme(name, brand)[0].values
    grounds = [base["bg"], base["card"], values["soft"]]
    assert min(contrast(values["accent"], g) for g in grounds) >= 4.5  # link text
    assert min(contrast(values["focus"], g) for g in grounds) >= 3.0  # focus ring
    assert contrast(values["accent-fg"], values["accent"]) >= 4.5  # button text
    for text in ("fg", "muted"):  # text on the tinted box of the week's summary
        assert contrast(base[text], values["soft"]) >= 4.5


def test_the_brand_colour_itself_is_kept_for_the_decorative_stripe():
    assert scheme("light", "#F0E68C")[0].values["brand"] == "#f0e68c"


def test_a_pale_colour_is_reported_with_its_ratio_and_the_shade_used():
    lines = describe("#f0e68c", brand_css("#f0e68c")[1])
    assert lines[0] == "light mode, link text: #f0e68c has 1.20:1, below 4.5:1; using #7e730b (4.54:1)"
    assert "dark mode, link text: #f0e68c as given (9.54:1)" in lines


def test_site_css_starts_with_the_palettes_defaults():
    css = (ROOT / "theme/static/css/site.css").read_text(encoding="utf-8")
    light, dark = re.findall(r":root\s*{([^}]*)}", css)[:2]

    def declared(block):
        return dict(re.findall(r"--([a-z-]+):\s*(#[0-9a-f]{6})", block))

    defaults = {**{key: value for key, value in LIGHT.items() if key != "accent"},
                **scheme("light", None)[0].values}
    assert {key: declared(light)[key] for key in defaults} == defaults
    defaults = {**{key: value for key, value in DARK.items() if key != "accent"}, **scheme("dark", None)[0].values}
    assert {key: declared(dark)[key] for key in defaults} == defaults
