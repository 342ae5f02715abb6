"""Arm order and arm colours, fixed once per report.

Every figure of a report draws an arm in the same colour and line style, so a
reader who learnt "blue = chemotherapy" on the first figure is never misled on
the last. Colours are from the Okabe-Ito palette, distinguishable with the
common colour-vision deficiencies [1]_; line styles differ as well so that a
greyscale print still separates the arms.

References
----------
.. [1] Okabe M, Ito K. Color Universal Design (CUD): how to make figures and
   presentations that are friendly to colorblind people. 2008.
   https://jfly.uni-koeln.de/color/
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

# Okabe-Ito, in the order assigned to arms; yellow (#F0E442) is left out
# because thin yellow lines vanish on white paper.
OKABE_ITO = (
    "#0072B2",  # blue
    "#D55E00",  # vermillion
    "#009E73",  # bluish green
    "#CC79A7",  # reddish purple
    "#E69F00",  # orange
    "#56B4E9",  # sky blue
    "#000000",  # black
)
LINE_STYLES = ("-", "--", "-.", ":", (0, (5, 1, 1, 1)), (0, (1, 1)), (0, (8, 2)))

# The control arm first: chemotherapy alone is what the other therapies are
# compared against in MST and MSC trials, so it is the reference level of the
# hazard-ratio models and the first colour.
_MODALITY_ORDER = {"chemo": 0, "mst": 1, "auto_hsct": 2, "allo_hsct": 3}


@dataclass(frozen=True)
class ArmStyle:
    """How one arm is drawn in every figure."""

    arm: str
    color: str
    linestyle: str | tuple


@dataclass(frozen=True)
class Palette:
    """Arms in report order with their styles.

    The first arm is the reference arm of the hazard-ratio tables.
    """

    styles: tuple[ArmStyle, ...]

    @property
    def arms(self) -> tuple[str, ...]:
        return tuple(style.arm for style in self.styles)

    def style(self, arm: str) -> ArmStyle:
        for style in self.styles:
            if style.arm == arm:
                return style
        raise KeyError(f"arm {arm!r} is not in this report's palette {self.arms}")


def arm_order(arms: Iterable[str], modality: Mapping[str, str] | None = None) -> tuple[str, ...]:
    """Report order of the arms: chemotherapy first, then MST, auto, allo; ties by name.

    Parameters
    ----------
    arms
        Arm labels (duplicates are ignored).
    modality
        The modality of each arm, where known; arms without one sort last.

    Examples
    --------
    >>> arm_order(["allo_hsct_msc", "mst", "chemo"], {"chemo": "chemo", "mst": "mst", "allo_hsct_msc": "allo_hsct"})
    ('chemo', 'mst', 'allo_hsct_msc')
    """
    modality = modality or {}
    unique = sorted({str(arm) for arm in arms})
    return tuple(
        sorted(unique, key=lambda arm: (_MODALITY_ORDER.get(modality.get(arm, ""), 9), arm))
    )


def make_palette(arms: Iterable[str]) -> Palette:
    """Assign colours and line styles to arms in the order given.

    More arms than colours reuse the colours with the next line style, which
    keeps every pair of arms distinguishable.
    """
    styles = []
    for index, arm in enumerate(arms):
        styles.append(
            ArmStyle(
                arm=arm,
                color=OKABE_ITO[index % len(OKABE_ITO)],
                linestyle=LINE_STYLES[index % len(LINE_STYLES)],
            )
        )
    return Palette(tuple(styles))
