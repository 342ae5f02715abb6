"""Figures: numbers at risk, their alignment under the ticks, arm colours, SVG hygiene."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from graftline.report import (
    StepCurve,
    make_palette,
    numbers_at_risk,
    plot_step_curves,
    save_figure,
    time_axis,
)
from graftline.report.palette import OKABE_ITO, arm_order


def test_numbers_at_risk_hand_counted():
    # arm a: follow-up 0, 5, 10, 10, 30 days; arm b: 7, 20.
    time = np.array([0, 5, 10, 10, 30, 7, 20], dtype=float)
    arm = np.array(["a"] * 5 + ["b"] * 2)
    counts = numbers_at_risk(time, arm, np.array([0, 10, 20, 30, 40.0]), ["a", "b"])
    # day 10: the two patients followed exactly to day 10 are still at risk (R's n.risk).
    assert counts["a"].tolist() == [5, 3, 1, 1, 0]
    assert counts["b"].tolist() == [2, 1, 1, 0, 0]


def test_time_axis_steps():
    assert time_axis(45, unit="days").ticks == (0, 7, 14, 21, 28, 35, 42, 49)
    assert time_axis(400, unit="days", cap_days=60).ticks == (0, 10, 20, 30, 40, 50, 60)
    months = time_axis(3 * 365.25, unit="months")
    assert months.ticks == (0, 6, 12, 18, 24, 30, 36)
    assert months.tick_days[2] == pytest.approx(365.25)
    with pytest.raises(ValueError, match="days' or 'months"):
        time_axis(10, unit="weeks")


def test_arm_order_puts_the_control_first():
    modality = {"allo": "allo_hsct", "mst": "mst", "chemo alone": "chemo"}
    assert arm_order(["allo", "mst", "chemo alone", "mst"], modality) == ("chemo alone", "mst", "allo")


def _curves(arms):
    return [StepCurve(a, np.array([0.0, 5 + i, 9 + i]), np.array([0.0, 0.3, 0.8]), end=30.0) for i, a in enumerate(arms)]


def test_risk_table_counts_sit_exactly_under_the_ticks():
    arms = ["chemo", "mst", "allo_pbsc_msc"]
    axis = time_axis(30, unit="days")
    counts = {a: np.arange(len(axis.ticks))[::-1] * (i + 1) for i, a in enumerate(arms)}
    fig = plot_step_curves(_curves(arms), palette=make_palette(arms), axis=axis, at_risk=counts,
                           ylabel="Cumulative incidence (%)")
    curve_axes, risk_axes = fig.axes
    fig.canvas.draw()
    tick_x = [curve_axes.transData.transform((t, 0))[0] for t in axis.ticks]
    for row, arm in enumerate(arms):
        texts = [t for t in risk_axes.texts if t.get_position()[1] == row and t.get_text().isdigit()]
        assert [t.get_text() for t in texts] == [str(int(c)) for c in counts[arm]]
        shown_x = [risk_axes.transData.transform(t.get_position())[0] for t in texts]
        # same display x (pixels) as the tick above it
        np.testing.assert_allclose(shown_x, tick_x, atol=1e-6)
    assert curve_axes.get_xlim() == risk_axes.get_xlim()


def test_an_arm_has_the_same_colour_in_every_figure():
    arms = ["chemo", "mst", "allo"]
    palette = make_palette(arms)
    axis = time_axis(30, unit="days")
    first = plot_step_curves(_curves(arms), palette=palette, axis=axis, at_risk=None, ylabel="%")
    # second figure shows only two arms, in another order: colours follow the arm, not the position
    second = plot_step_curves(_curves(["allo", "chemo"]), palette=palette, axis=axis, at_risk=None, ylabel="%")
    colours = {}
    for fig in (first, second):
        for line in fig.axes[0].get_lines():
            if not line.get_label().startswith("_"):
                colours.setdefault(line.get_label(), set()).add(line.get_color())
    assert colours == {"chemo": {OKABE_ITO[0]}, "mst": {OKABE_ITO[1]}, "allo": {OKABE_ITO[2]}}


def test_figure_files_are_deterministic_and_self_contained(tmp_path):
    arms = ["a", "b"]
    axis = time_axis(30, unit="days")

    def draw():
        return plot_step_curves(_curves(arms), palette=make_palette(arms), axis=axis,
                                at_risk={a: np.ones(len(axis.ticks)) for a in arms}, ylabel="%", title="T")

    one = save_figure(draw(), tmp_path / "1", "f")
    two = save_figure(draw(), tmp_path / "2", "f")
    assert one.svg == two.svg and one.png == two.png
    svg = one.svg.decode()
    assert "<text" not in svg  # glyphs as paths: no font needed
    assert "<script" not in svg and "<image" not in svg
    width_in = float(svg.split('width="', 1)[1].split("pt", 1)[0]) / 72
    assert width_in == pytest.approx(3.5)  # one journal column


def test_category_bars_label_arms_with_their_size(tmp_path):
    from graftline.report import plot_category_bars

    counts = pd.DataFrame({"0": [9, 4], "I": [1, 6]}, index=["chemo", "allo"])
    percent = counts.div(counts.sum(axis=1), axis=0) * 100
    fig = plot_category_bars(percent, colors=["#eeeeee", "#2171b5"], ylabel="Patients (%)", counts=counts)
    labels = [t.get_text() for t in fig.axes[0].get_xticklabels()]
    assert labels == ["chemo\n(n=10)", "allo\n(n=10)"]
