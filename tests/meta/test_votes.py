"""vote_count: direction-of-effect counting with Wilson / Clopper-Pearson intervals."""

import numpy as np
import pytest
from meta_reference import assert_close
from scipy.stats import norm

from graftline.meta import vote_count


def test_wilson_interval_by_hand():
    # 4 of 5 studies favour MSC (shorter engraftment). Wilson 95% interval:
    # centre (x + z^2/2)/(n + z^2), half-width z sqrt(p(1-p)n + z^2/4)/(n + z^2),
    # z = 1.959964: (0.3755, 0.9638). Written out here; graftline uses scipy's binomtest.
    out = vote_count([-2.0, -1.5, 0.5, -3.0, -0.2])
    assert (out.benefit, out.studies, out.share) == (4, 5, 0.8)
    x, n, z = 4, 5, norm.ppf(0.975)
    p = x / n
    centre = (x + z**2 / 2) / (n + z**2)
    half = z * np.sqrt(p * (1 - p) * n + z**2 / 4) / (n + z**2)
    assert_close(out.ci_lower, centre - half)
    assert_close(out.ci_upper, centre + half)
    assert out.ci_lower == pytest.approx(0.37553, abs=1e-5)  # the rounded values above
    assert out.ci_upper == pytest.approx(0.96378, abs=1e-5)
    # Sign test: P(X >= 4 or X <= 1 | n = 5, p = 1/2) = 12/32.
    assert out.p_value == pytest.approx(12 / 32)


def test_exact_interval_and_higher_is_better():
    # 0 of 4 studies show a higher response: Clopper-Pearson upper = 1 - 0.025^(1/4).
    out = vote_count([-0.1, -0.2, 0.0, -0.3], benefit="higher", ci_method="exact")
    assert out.benefit == 0
    assert_close(out.ci_upper, 1 - 0.025 ** 0.25)
    assert out.ci_lower == 0.0  # Clopper-Pearson lower limit is 0 when x = 0
