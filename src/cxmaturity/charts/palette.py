"""One small palette and typography for every chart, on screen and on paper.

The colours were picked for contrast rather than taste: every mark colour reaches at
least 3:1 against white (WCAG 2.1 for graphics) and text at least 7:1. Blue against
orange is the pair that stays apart for the common colour-vision deficiencies, and
wherever the distinction matters it is also carried by shape or a text label (a tick
for the benchmark, a dashed outline, a "weakest" label) so that a grey-scale print
loses nothing. Level bands are pale tints, dark enough to tell apart, light enough
for black text on top of them, and cheap on toner.
"""

from __future__ import annotations

from typing import Any

# The family charts are laid out with. vl-convert measures text on the server with the
# first family it finds (its own bundled Liberation Sans for a bare "sans-serif"), and
# whatever later draws the SVG (WeasyPrint in a PDF, a browser showing the static image)
# must have room for its own font. DejaVu Sans is the wide sans-serif Debian and most
# Linux systems draw by default: measured with it, labels fit in any narrower font too.
# Where it is not installed, both fall back to their sans-serif.
FONT = "DejaVu Sans, sans-serif"

INK = "#1a1a1a"  # text: 17:1 on white
MUTED = "#595959"  # secondary text ("no answers", ring labels): 7:1
PRIMARY = "#1f5a96"  # the organization's own figures: 7.1:1
BENCHMARK = "#b34700"  # the industry benchmark: 5.5:1, always drawn with a distinct shape
HIGHLIGHT = "#c2410c"  # what needs attention (the weakest stage, the headroom gap): 5.2:1
GRID = "#d9d9d9"
DOMAIN = "#8c8c8c"
BACKGROUND = "#ffffff"

# The palest and the darkest tint of the level bands; a ladder of n rungs gets n
# evenly spaced tints between them, the palest for the lowest level.
_BAND_FROM = (0xF3, 0xF6, 0xFA)
_BAND_TO = (0xBF, 0xCF, 0xE0)


def band_tints(count: int) -> list[str]:
    """`count` pale tints from light to less light, one per level (ascending maturity)."""
    if count <= 1:
        return ["#{:02x}{:02x}{:02x}".format(*_BAND_FROM)] * max(count, 0)
    out = []
    for n in range(count):
        t = n / (count - 1)
        rgb = (round(a + (b - a) * t) for a, b in zip(_BAND_FROM, _BAND_TO, strict=True))
        out.append("#{:02x}{:02x}{:02x}".format(*rgb))
    return out


def vega_lite_config() -> dict[str, Any]:
    """The Vega-Lite `config`: fonts, colours and sizes shared by every chart."""
    axis = {
        "labelColor": INK,
        "titleColor": INK,
        "labelFont": FONT,
        "titleFont": FONT,
        "labelFontSize": 11,
        "titleFontSize": 12,
        "titleFontWeight": "normal",
        "gridColor": GRID,
        "domainColor": DOMAIN,
        "tickColor": DOMAIN,
    }
    return {
        "font": FONT,
        "background": BACKGROUND,
        "view": {"stroke": None},
        "axis": axis,
        "legend": {
            "labelColor": INK,
            "titleColor": INK,
            "labelFont": FONT,
            "titleFont": FONT,
            "labelFontSize": 11,
            "titleFontSize": 11,
            "titleFontWeight": "normal",
            "orient": "bottom",
            "direction": "horizontal",
            "symbolStrokeColor": DOMAIN,
            "labelLimit": 260,
        },
        "text": {"color": INK, "font": FONT, "fontSize": 11},
    }


def vega_config() -> dict[str, Any]:
    """The same look for a Vega spec (Vega has no single `font` setting)."""
    return {
        "background": BACKGROUND,
        "text": {"font": FONT, "fill": INK, "fontSize": 11},
        "legend": {
            "labelFont": FONT,
            "titleFont": FONT,
            "labelColor": INK,
            "titleColor": INK,
            "labelFontSize": 11,
            "titleFontSize": 11,
            "titleFontWeight": "normal",
            "orient": "bottom",
            "direction": "horizontal",
            "labelLimit": 260,
        },
        "title": {"font": FONT, "color": INK},
    }
