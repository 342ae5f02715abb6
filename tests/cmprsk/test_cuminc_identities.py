"""Identities every cumulative incidence estimate must satisfy, and a second
implementation: a plain loop transcription of the textbook Aalen-Johansen
estimator and of Gray's delta-method variance (the one cmprsk's ``cinc``
implements), written independently of graftline's vectorised code and run
on seeded random data with heavy ties.
"""

from __future__ import annotations

import hashlib

import numpy as np
import pytest
from tolerances import TOLERANCE

from graftline.stats import cumulative_incidence


def _km_any_event(time, status, grid):
    """Kaplan-Meier of 'any failure' evaluated at grid (right-continuous)."""
    out = []
    for t in grid:
        s = 1.0
        for u in np.unique(time[time <= t]):
            at_risk = np.sum(time >= u)
            failed = np.sum((time == u) & (status != 0))
            s *= 1.0 - failed / at_risk
        out.append(s)
    return np.array(out)


def _loop_cif(time, status, cause):
    """One subject-time at a time: CIF and variance after each failure time of `cause`."""
    s_before, f = 1.0, 0.0
    v1 = v2 = v3 = 0.0
    rows = []
    for u in np.unique(time):
        y = np.sum(time >= u)
        d1 = np.sum((time == u) & (status == cause))
        d = np.sum((time == u) & (status != 0))
        d2 = d - d1
        if d == 0:
            continue
        s = s_before * (y - d) / y
        f += s_before * d1 / y
        for count, own in ((d2, False), (d1, True)):
            if count == 0 or (not own and s <= 0):
                continue
            tie = 1.0 - (count - 1.0) / (y - 1.0) if count > 1 else 1.0
            w = s_before**2 * tie * count / y**2
            inv = 1.0 / s if s > 0 else 0.0
            lead = (1.0 + inv * f) if own else f * inv
            v1 += lead * lead * w
            v2 += inv * lead * w
            v3 += inv * inv * w
        if d1 > 0:
            rows.append((u, f, v1 + f * f * v3 - 2 * f * v2))
        s_before = s
    return np.array(rows).reshape(-1, 3)


@pytest.fixture(params=[1, 2, 3])
def tied_data(request):
    rng = np.random.default_rng(request.param)
    n = 150
    time = rng.integers(0, 25, n).astype(float)  # integer days: heavy ties, day 0 included
    status = rng.choice([0, 1, 2, 3], n, p=[0.3, 0.3, 0.25, 0.15])
    group = rng.choice(["mst", "chemo", "msc"], n)
    return time, status, group


def test_matches_independent_loop_implementation(tied_data):
    time, status, group = tied_data
    result = cumulative_incidence(time, status, group)
    for label in ("chemo", "msc", "mst"):
        mask = group == label
        for cause in (1, 2, 3):
            expected = _loop_cif(time[mask], status[mask], cause)
            curve = result.curves[(label, cause)]
            np.testing.assert_array_equal(curve.time, expected[:, 0])
            np.testing.assert_allclose(curve.estimate, expected[:, 1], **TOLERANCE["closed_form"])
            np.testing.assert_allclose(curve.variance, expected[:, 2], **TOLERANCE["closed_form"])


def test_sum_over_causes_is_one_minus_km_of_any_event(tied_data):
    time, status, _ = tied_data
    grid = np.arange(0, time.max() + 0.25, 0.5)  # within follow-up: NaN after it
    frame = cumulative_incidence(time, status).at(grid)
    total = frame.groupby("time").estimate.sum().to_numpy()
    np.testing.assert_allclose(total, 1.0 - _km_any_event(time, status, grid), **TOLERANCE["closed_form"])


def test_one_cause_is_one_minus_km(tied_data):
    time, status, _ = tied_data
    single = np.where(status > 0, 1, 0)
    grid = np.arange(0, time.max() + 0.25, 0.5)  # within follow-up: NaN after it
    frame = cumulative_incidence(time, single).at(grid)
    np.testing.assert_allclose(frame.estimate, 1.0 - _km_any_event(time, single, grid), **TOLERANCE["closed_form"])


def test_one_cause_is_one_minus_graftline_kaplan_meier(tied_data):
    # Same identity against the package's own kaplan_meier (checked against R
    # survfit in tests/survival), at its event-time rows.
    from graftline.stats import kaplan_meier

    time, status, _ = tied_data
    km = kaplan_meier(time, (status > 0).astype(int)).to_frame()
    cif = cumulative_incidence(time, np.where(status > 0, 1, 0)).at(km.time.to_numpy())
    np.testing.assert_allclose(cif.estimate, 1.0 - km.survival.to_numpy(), **TOLERANCE["closed_form"])


def test_monotone_within_unit_interval_and_ci_brackets_estimate(tied_data):
    time, status, group = tied_data
    frame = cumulative_incidence(time, status, group).to_frame()
    for _, curve in frame.groupby(["group", "cause"]):
        assert np.all(np.diff(curve.estimate) >= 0)
        assert np.all(np.diff(curve.time) >= 0)
    assert frame.estimate.between(0, 1).all()
    inside = frame.estimate.between(0, 1, inclusive="neither")
    assert (frame.lower[inside] <= frame.estimate[inside]).all()
    assert (frame.upper[inside] >= frame.estimate[inside]).all()
    assert frame.lower[inside].between(0, 1).all() and frame.upper[inside].between(0, 1).all()


def test_loglog_interval_formula():
    # log(-log) interval of F: exp(-exp(log(-log F) +/- z se / |F log F|)), written
    # out here directly on the scale it is defined on.
    time = np.array([1.0, 2, 3, 4, 5, 6, 7, 8])
    status = np.array([1, 2, 1, 0, 1, 2, 1, 0])
    res = cumulative_incidence(time, status)
    row = res.at([5.0], conf_level=0.9).query("cause == 1").iloc[0]
    z = 1.6448536269514722
    u = np.log(-np.log(row.estimate))
    half = z * np.sqrt(row.variance) / abs(row.estimate * np.log(row.estimate))
    assert row.lower == pytest.approx(np.exp(-np.exp(u + half)), rel=1e-12)
    assert row.upper == pytest.approx(np.exp(-np.exp(u - half)), rel=1e-12)


def test_hand_computed_example():
    # Five subjects: t=1 cause 1, t=2 cause 2 and cause 1 (tie), t=3 censored, t=4 cause 1.
    # S(1-)=1, Y=5: F1 jumps 1/5 = 0.2. S(1)=0.8.
    # t=2: Y=4, F1 += 0.8*1/4 = 0.2 -> 0.4; F2 = 0.8*1/4 = 0.2. S(2)=0.8*2/4 = 0.4.
    # t=4: Y=1, F1 += 0.4*1/1 -> 0.8.
    res = cumulative_incidence([1.0, 2, 2, 3, 4], [1, 2, 1, 0, 1])
    frame = res.at([1.0, 2.0, 3.5, 4.0])
    np.testing.assert_allclose(frame.query("cause == 1").estimate, [0.2, 0.4, 0.4, 0.8])
    np.testing.assert_allclose(frame.query("cause == 2").estimate, [0.0, 0.2, 0.2, 0.2])


def test_same_bytes_on_repeated_runs(tied_data):
    time, status, group = tied_data
    digests = set()
    for _ in range(3):
        result = cumulative_incidence(time, status, group)
        text = result.to_frame().to_csv() + result.gray_test().to_csv() + result.at([3.0, 7.5]).to_csv()
        digests.add(hashlib.sha256(text.encode()).hexdigest())
    assert len(digests) == 1


def test_row_order_does_not_change_results(tied_data):
    time, status, group = tied_data
    order = np.random.default_rng(9).permutation(time.size)
    a = cumulative_incidence(time, status, group)
    b = cumulative_incidence(time[order], status[order], group[order])
    np.testing.assert_allclose(a.to_frame().estimate, b.to_frame().estimate, **TOLERANCE["closed_form"])
    np.testing.assert_allclose(a.gray_test().statistic, b.gray_test().statistic, **TOLERANCE["closed_form"])


def test_all_censored_gives_no_curves_and_no_error():
    # No failure of any cause: there is no cause to estimate (cuminc would stop
    # with an error); graftline returns an empty result instead.
    res = cumulative_incidence([1.0, 2.0, 3.0], [0, 0, 0])
    assert res.causes == ()
    assert res.at([1.0]).empty
    assert res.to_frame().empty


def test_declared_cause_that_never_occurs_is_zero():
    res = cumulative_incidence([1.0, 2.0, 3.0], [1, 0, 1], causes=[1, 2])
    frame = res.at([2.5]).set_index("cause")
    assert frame.loc[2, "estimate"] == 0.0 and frame.loc[2, "variance"] == 0.0


def test_plot_draws_one_step_line_per_group_and_cause(tied_data):
    import matplotlib
    import matplotlib.pyplot

    matplotlib.use("Agg")
    time, status, group = tied_data
    result = cumulative_incidence(time, status, group)
    ax = result.plot(causes=[1, 2], conf_level=0.95)
    assert len(ax.get_lines()) == 3 * 2
    # the drawn points are the step function of to_frame()
    first = result.to_frame().query("group == 'chemo' and cause == 1")
    np.testing.assert_array_equal(ax.get_lines()[0].get_ydata(), first.estimate.to_numpy())
    matplotlib.pyplot.close(ax.figure)
