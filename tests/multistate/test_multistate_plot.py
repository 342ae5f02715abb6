"""The stacked state-occupation plot (mstate's plot.probtrans, type "stacked")."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from graftline.errors import InputError  # noqa: E402
from graftline.stats.multistate import TransitionMatrix, multistate  # noqa: E402


def test_bands_stack_the_state_probabilities_in_model_order(fixtures_dir):
    data = pd.read_csv(fixtures_dir / "multistate_ebmt4_long.csv")
    fit = multistate(data, initial="transplant", transitions=TransitionMatrix.ebmt6(), group="proph")
    ax = fit.plot(group="yes", until=1825)
    lines = ax.get_lines()                       # one boundary line per state, bottom to top
    assert len(lines) == 6 and len(ax.collections) == 6
    expected = fit.probabilities([1000.0])
    expected = expected[expected.group == "yes"].probability.cumsum().to_numpy()
    x, _ = lines[0].get_data()
    k = np.searchsorted(x, 1000.0, side="right") - 1
    heights = [line.get_data()[1][k] for line in lines]
    np.testing.assert_allclose(heights, expected, rtol=1e-12)
    assert lines[-1].get_data()[1].max() == pytest.approx(1.0)
    assert [t.get_text() for t in ax.get_legend().get_texts()][0] == "death"   # top band first
    with pytest.raises(InputError, match="group 'maybe' is not one of"):
        fit.plot(group="maybe")
