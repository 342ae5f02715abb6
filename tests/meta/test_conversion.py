"""estimate_mean_sd: the Wan (2014), Luo (2018) and Shi (2020) estimators.

References: an R implementation of the published formulas
(tests/reference/meta_conversion.R; metafor 3.8 has no conv.fivenum) and the
published table of Wan et al. (2014).
"""

import numpy as np
import pytest
from meta_reference import CONVERSION, assert_close
from scipy.stats import norm

from graftline.errors import InputError
from graftline.meta import estimate_mean_sd
from graftline.meta.conversion import wan_eta, wan_xi

CASES = CONVERSION["cases"]


@pytest.mark.parametrize("case", CASES, ids=[f"{c['scenario']}-n{c['inputs']['n']}" for c in CASES])
@pytest.mark.parametrize("method", ["luo-wan", "wan"])
def test_matches_r_implementation_of_the_papers(case, method):
    out = estimate_mean_sd(**case["inputs"], method=method, skew_test=False)
    key = method.replace("-", "_")
    assert_close(out["mean"], case[f"mean_{key}"], what="mean")
    assert_close(out["sd"], case[f"sd_{key}"], what="sd")
    assert_close(out["skew_statistic"], case["skew_statistic"], what="skewness statistic")
    assert_close(out["skew_critical"], case["skew_critical"], what="skewness critical value")
    assert out["scenario"][0] == case["scenario"]
    assert bool(out["converted"][0])


def test_xi_and_eta_use_blom_normal_quantiles():
    # R: 2 * qnorm((n - 0.375) / (n + 0.25)) and 2 * qnorm((0.75 n - 0.125) / (n + 0.25)), n = 5..60.
    n = np.arange(5, 61)
    assert_close(wan_xi(n), CONVERSION["xi_blom"])
    assert_close(wan_eta(n), CONVERSION["eta_blom"])


def test_exact_small_sample_xi_reproduces_wan_2014_table_1():
    # Wan X et al., BMC Med Res Methodol 2014;14:135, Table 1 ("Values of xi(n)
    # in the formula (7) and the formula (12) for n <= 50"), printed to 3 decimals,
    # so each entry is exact to half a unit in the third decimal: atol 5e-4.
    published = {2: 1.128, 3: 1.693, 4: 2.059, 5: 2.326, 6: 2.534, 7: 2.704, 8: 2.847,
                 9: 2.970, 10: 3.078, 11: 3.173, 15: 3.472, 20: 3.735, 25: 3.931,
                 30: 4.086, 40: 4.322, 50: 4.498}
    n = np.array(list(published))
    np.testing.assert_allclose(wan_xi(n, small_sample="exact"), list(published.values()), atol=5e-4)
    # ... and equals R's numerical integration of the expected range to 1e-8.
    assert_close(wan_xi(np.arange(1, 51), small_sample="exact"), CONVERSION["wan2014_table1_xi"])


def test_every_converted_value_is_flagged_and_reported_values_are_not_touched():
    out = estimate_mean_sd([30, 30, 30], median=[14, 14, np.nan], q1=[12, np.nan, np.nan],
                           q3=[17, np.nan, np.nan], minimum=[np.nan, np.nan, np.nan],
                           maximum=[np.nan, np.nan, np.nan])
    assert out["converted"].tolist() == [True, False, False]
    assert out["note"][1] == "median without IQR or range: cannot estimate the SD"
    assert out["note"][2] == "no median reported"


def test_skewed_summary_is_not_converted_and_says_why():
    # Range 9-60 around a median of 14 with n = 100 is far from symmetric:
    # |9 + 60 - 28| / 51 = 0.80 >= 1/log(109) + 2.5/101 = 0.238 (Shi 2023 test).
    out = estimate_mean_sd([100], median=[14], minimum=[9], maximum=[60])
    assert not out["converted"][0]
    assert "significantly skewed" in out["note"][0]
    kept = estimate_mean_sd([100], median=[14], minimum=[9], maximum=[60], skew_test=False)
    assert kept["converted"][0]


def test_small_studies_are_not_converted():
    out = estimate_mean_sd([4], median=[14], q1=[12], q3=[17])
    assert not out["converted"][0]
    assert out["note"][0] == "n < 5: too small to convert a median"


def test_order_of_the_five_numbers_is_checked():
    with pytest.raises(InputError, match=r"row 0: expected minimum <= q1 <= median <= q3 <= maximum"):
        estimate_mean_sd([20], median=[14], q1=[15], q3=[17])


def test_symmetric_normal_quartiles_give_back_mean_and_sd():
    # Identity: for exact N(mu, sigma) quartiles mu -+ z sigma (z = Phi^-1(0.75)),
    # the S3 mean w (q1 + q3)/2 + (1 - w) m is mu for any w, and the Wan SD
    # (q3 - q1)/eta(n) = 2 z sigma / eta(n), with eta(n) written out here from
    # scipy's normal quantile (not graftline's wan_eta).
    z = norm.ppf(0.75)
    n = 10**6
    out = estimate_mean_sd([n], median=[20.0], q1=[20 - z * 5], q3=[20 + z * 5])
    assert_close(out["mean"][0], 20.0)
    eta = 2 * norm.ppf((0.75 * n - 0.125) / (n + 0.25))
    assert_close(out["sd"][0], 2 * z * 5 / eta)
    # ... and eta(n) -> 2 z, so the SD tends to sigma: at n = 1e6 the quantile
    # argument is 0.75 - 0.3125/n, i.e. eta is 2 z (1 - 1.5e-6) and the SD is
    # sigma (1 + 1.5e-6), well inside rel 1e-5.
    assert out["sd"][0] == pytest.approx(5.0, rel=1e-5)
