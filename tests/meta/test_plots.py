"""Forest and funnel plots render headless to SVG/PNG/PDF, deterministically."""

import pytest
from meta_reference import RMA

from graftline.meta import forest_plot, funnel_plot, pool, trim_and_fill

BCG = RMA["bcg"]


@pytest.mark.parametrize("suffix", [".svg", ".png", ".pdf"])
def test_forest_plot_formats(tmp_path, suffix):
    result = pool(BCG["yi"], BCG["vi"], measure="RR", subgroup=BCG["alloc"])
    path = tmp_path / f"forest{suffix}"
    forest_plot(result, path=path, title="BCG")
    assert path.stat().st_size > 1000


def test_forest_plot_shows_rows_diamonds_and_prediction_interval(tmp_path):
    result = pool(BCG["yi"], BCG["vi"], measure="RR", subgroup=BCG["alloc"],
                  labels=[f"Trial {i}" for i in range(1, 14)])
    fig = forest_plot(result)
    texts = [t.get_text() for ax in fig.axes for t in ax.texts] + [t.get_text() for t in fig.texts]
    assert "Trial 13" in texts
    assert {"Subtotal (random)", "Subtotal (alternate)", "Subtotal (systematic)"} <= set(texts)
    assert "Prediction interval" in texts
    assert any(t.startswith("Test for subgroup differences") for t in texts)
    # Every study's weight in percent of the overall model, as metafor's
    # weights(rma(yi, vi, data = bcg)) in the fixture (study 4: 9.69... -> "9.7%").
    for weight in BCG["fits"]["REML_z"]["weights"]:
        assert f"{weight:.1f}%" in texts


def test_svg_is_byte_for_byte_reproducible(tmp_path):
    result = pool(BCG["yi"], BCG["vi"], measure="RR")
    a, b = tmp_path / "a.svg", tmp_path / "b.svg"
    forest_plot(result, path=a)
    forest_plot(result, path=b)
    assert a.read_bytes() == b.read_bytes()


def test_funnel_plot_with_filled_studies(tmp_path):
    result = pool(BCG["yi"], BCG["vi"])
    fig = funnel_plot(result, trim_fill=trim_and_fill(result), path=tmp_path / "funnel.png")
    labels = [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
    assert labels == ["studies", "filled (1)"]
