"""Forest and funnel plots render headless to SVG/PNG/PDF, deterministically."""

import numpy as np
import pytest
from meta_reference import RMA

from graftline.meta import forest_plot, funnel_plot, pool, pool_glmm, pool_mh, trim_and_fill
from graftline.meta.plots_diagnostics import (
    baujat_plot,
    contour_funnel_plot,
    cumulative_plot,
    gosh_plot,
)

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
    assert any("Test for subgroup differences" in t for t in texts)
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


def _texts(fig):
    return [t.get_text() for ax in fig.axes for t in ax.texts] + [t.get_text() for t in fig.texts]


def _study_order(fig):
    studies = [t for t in fig.axes[0].texts if t.get_text().startswith("Trial ")]
    return [t.get_text() for t in sorted(studies, key=lambda t: -t.get_position()[1])]


def test_forest_keeps_the_given_order_and_sorts_stably_on_request():
    labels = [f"Trial {i}" for i in range(1, 14)]
    result = pool(BCG["yi"], BCG["vi"], measure="RR", labels=labels)
    assert _study_order(forest_plot(result)) == labels
    by_effect = _study_order(forest_plot(result, sort="effect"))
    assert by_effect == [labels[i] for i in np.argsort(BCG["yi"], kind="stable")]
    by_weight = _study_order(forest_plot(result, sort="weight"))
    assert by_weight[0] == labels[int(np.argmax(result.weights))]
    years = [1948, 1949, 1960, 1977, 1973, 1953, 1973, 1980, 1968, 1961, 1974, 1969, 1976]
    by_year = _study_order(forest_plot(result, order=years))
    assert by_year[:3] == ["Trial 1", "Trial 2", "Trial 6"]
    assert by_year.index("Trial 5") < by_year.index("Trial 7")  # both 1973: sheet order kept


def test_forest_shows_events_per_arm_favours_labels_and_the_overall_test():
    result = pool_mh([0, 1, 2], [10, 15, 20], [2, 3, 4], [10, 14, 21], labels=["Trial 1", "Trial 2", "Trial 3"])
    texts = _texts(forest_plot(result, favours=("MSC", "control"), arm_labels=("MSC", "Control")))
    assert {"0/10", "2/10", "3/45", "9/45"} <= set(texts)  # per arm and the overall totals
    assert {"Favours MSC", "Favours control"} <= set(texts)
    assert any(t.startswith("Heterogeneity") and "Test for overall effect: Z =" in t for t in texts)


def test_single_arm_mean_has_no_test_against_zero_and_no_favours():
    result = pool([14.1, 12.9, 15.3], [0.4, 0.3, 0.5], measure="MN")
    texts = _texts(forest_plot(result, favours=("a", "b")))
    assert not any("Test for overall effect" in t for t in texts)
    assert not any(t.startswith("Favours") for t in texts)


def test_glmm_and_double_zero_rows():
    glmm = pool_glmm([3, 0, 5], [20, 15, 30], labels=["Trial 1", "Trial 2", "Trial 3"])
    texts = _texts(forest_plot(glmm))
    assert "Weight" not in texts and "3/20" in texts and "Overall (GLMM)" in texts
    mh = pool_mh([0, 2], [10, 10], [0, 4], [10, 10], labels=["Trial 1", "Trial 2"])
    assert "not estimable" in _texts(forest_plot(mh))


def test_diagnostic_and_bias_figures_render(tmp_path):
    result = pool(BCG["yi"], BCG["vi"], measure="RR", labels=[f"Trial {i}" for i in range(1, 14)])
    contour_funnel_plot(result, path=tmp_path / "contour.svg")
    baujat = baujat_plot(result, path=tmp_path / "baujat.svg")
    assert {t.get_text() for t in baujat.axes[0].texts} == {f"Trial {i}" for i in range(1, 14)}
    gosh_plot(pool(BCG["yi"][:8], BCG["vi"][:8], measure="RR").gosh(), path=tmp_path / "gosh.png")
    cumulative = cumulative_plot(result, path=tmp_path / "cumulative.svg")
    assert "+ Trial 13" in _texts(cumulative)
    for name in ("contour.svg", "baujat.svg", "gosh.png", "cumulative.svg"):
        assert (tmp_path / name).stat().st_size > 1000
