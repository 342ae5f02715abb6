"""Propensity weights, balance and matching: identities, a second (brute-force)
matching implementation, hand-built cases and bad input."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from tolerances import TOLERANCE

from graftline.errors import InputError
from graftline.stats import balance_table, match_nearest, propensity_scores, propensity_weights
from graftline.stats.adjusted.matching import _greedy

CLOSED = TOLERANCE["closed_form"]


def _cohort(rng, n=400):
    age = rng.normal(55, 10, n)
    risk = rng.choice(["low", "high"], n)
    p = 1 / (1 + np.exp(-(-0.5 + 0.05 * (age - 55) + 0.8 * (risk == "high"))))
    arm = np.where(rng.random(n) < p, "mst", "chemo")
    return arm, pd.DataFrame({"age": age, "risk": risk})


def test_overlap_weights_balance_every_model_term_exactly():
    # Identity (Li, Morgan and Zaslavsky 2018, Theorem 3): with a logistic
    # score model, overlap weights make the weighted means of every model
    # term equal in the two arms.
    arm, covariates = _cohort(np.random.default_rng(1))
    table = balance_table(arm, covariates, propensity_weights(arm, covariates, estimand="ATO"))
    np.testing.assert_allclose(table.smd, 0.0, atol=1e-9)
    assert table.balanced() and not table.to_frame().smd_unweighted.abs().lt(1e-3).all()


def test_scores_sum_to_the_number_treated():
    # Identity: the intercept's score equation at the MLE is sum(A - e) = 0.
    arm, covariates = _cohort(np.random.default_rng(2))
    model = propensity_scores(arm, covariates)
    np.testing.assert_allclose(model.score.sum(), (arm == "mst").sum(), rtol=1e-10)


def test_weights_by_hand():
    # Scores 0.2 (treated) and 0.8 (control) in a two-patient-type cohort:
    # ATE 1/0.2 = 5 and 1/(1-0.8) = 5; ATT 1 and 0.8/0.2 = 4; ATO 0.8 and 0.8.
    from graftline.stats.adjusted import weights_from_scores

    treated = np.array([True, False])
    score = np.array([0.2, 0.8])
    np.testing.assert_allclose(weights_from_scores(treated, score), [5.0, 5.0], **CLOSED)
    np.testing.assert_allclose(weights_from_scores(treated, score, estimand="ATT"), [1.0, 4.0], **CLOSED)
    np.testing.assert_allclose(weights_from_scores(treated, score, estimand="ato"), [0.8, 0.8], **CLOSED)
    # stabilised: each arm times its share (1/2 here)
    np.testing.assert_allclose(weights_from_scores(treated, score, stabilize=True), [2.5, 2.5], **CLOSED)


def _brute_force_greedy(distance, treated, ratio, caliper):
    """MatchIt's greedy rule written the slow, obvious way: scan every control."""
    available = ~treated
    treated_rows = np.flatnonzero(treated)
    visit = sorted(range(len(treated_rows)), key=lambda k: (-distance[treated_rows[k]], k))
    matches = np.full((len(treated_rows), ratio), -1)
    for slot in range(ratio):
        for k in visit:
            i = treated_rows[k]
            candidates = np.flatnonzero(available)
            if candidates.size == 0:
                break
            gap = np.abs(distance[candidates] - distance[i])
            best = gap.min()
            if caliper is not None and best > caliper:
                continue
            tied = candidates[gap == best]
            # MatchIt: the lower score wins a tie between sides; among equal
            # scores, the sorted (stable) neighbour nearest the treated unit.
            below = tied[distance[tied] < distance[i]]
            same = tied[distance[tied] == distance[i]]
            if same.size:
                lower = same[same < i]
                choice = lower.max() if lower.size else same.min()
            elif below.size:
                choice = below.max()
            else:
                choice = tied.min()
            matches[k, slot] = choice
            available[choice] = False
    return matches


@pytest.mark.parametrize("seed", range(6))
def test_greedy_matching_equals_brute_force(seed):
    rng = np.random.default_rng(seed)
    n = 300
    # Rounded scores give ties within and across arms.
    distance = np.round(rng.normal(0, 1, n), 1 if seed % 2 else 3)
    treated = rng.random(n) < 0.3
    for ratio, caliper in [(1, None), (1, 0.05), (2, 0.2), (3, None)]:
        mine, _ = _greedy(distance, treated, ratio=ratio, caliper=caliper)
        np.testing.assert_array_equal(mine, _brute_force_greedy(distance, treated, ratio, caliper))


def test_matched_pairs_lie_within_the_caliper_and_use_each_control_once():
    arm, covariates = _cohort(np.random.default_rng(3))
    result = match_nearest(arm, covariates, caliper=0.1)
    pairs = result.to_frame()
    gap = np.abs(result.model.logit[pairs.treated_row] - result.model.logit[pairs.control_row])
    assert (gap <= result.caliper).all()
    assert pairs.control_row.is_unique
    assert result.caliper == pytest.approx(0.1 * np.std(result.model.logit, ddof=1))
    assert result.balance(covariates).max_abs_smd < result.balance(covariates).to_frame().smd_unweighted.abs().max()


def test_love_plot_and_overlap_plot_draw():
    import matplotlib

    matplotlib.use("Agg")
    arm, covariates = _cohort(np.random.default_rng(4))
    table = balance_table(arm, covariates, propensity_weights(arm, covariates))
    ax = table.plot()
    assert [t.get_text() for t in ax.get_yticklabels()] != [] and len(ax.collections) == 2
    assert propensity_scores(arm, covariates).plot() is not None


def test_love_plot_keeps_long_term_names_inside_the_figure():
    # R's treatment-contrast names are long (e.g. disease_riskintermediate); a report figure must show them whole.
    import matplotlib

    matplotlib.use("Agg")
    import pandas as pd

    rng = np.random.default_rng(5)
    arm = rng.integers(0, 2, 80)
    covariates = pd.DataFrame({"age": rng.normal(50, 10, 80),
                               "disease_risk": rng.choice(["favourable", "intermediate_or_adverse"], 80)})
    ax = balance_table(arm, covariates, propensity_weights(arm, covariates)).plot()
    figure = ax.figure
    figure.canvas.draw()
    renderer = figure.canvas.get_renderer()
    for artist in [*ax.get_yticklabels(), ax.xaxis.label]:
        box = artist.get_window_extent(renderer)
        assert box.x0 >= 0 and box.y0 >= 0, artist.get_text()


def test_sample_sizes_report_effective_n():
    arm = np.array([0, 0, 1, 1])
    table = balance_table(arm, np.array([1.0, 2, 3, 5]), np.array([1.0, 3.0, 1.0, 1.0]))
    sizes = table.sample_sizes().set_index("role")
    assert sizes.loc["control", "effective_n"] == pytest.approx(16 / 10)
    assert sizes.loc["treated", "effective_n"] == pytest.approx(2.0)


@pytest.mark.parametrize("call, message", [
    (lambda: propensity_scores([0, 1, 2, 1], np.arange(4.0)), "exactly two arms"),
    (lambda: propensity_scores([0, 0, 1, 1], np.array([1.0, 2, 3, 4])), "separate the arms"),
    (lambda: propensity_scores([0, 1, 0, 1], np.array([1.0, np.nan, 3, 4])), "row 1 is missing"),
    (lambda: propensity_scores([0, 1, 0, 1, 0], np.arange(4.0)), "one per patient"),
    (lambda: propensity_scores(["a", "b", "a", "b"], np.arange(4.0), treated="c"), "not one of the arms"),
    (lambda: propensity_weights([0, 1, 0, 1, 1, 0], np.array([1.0, 2, 3, 2, 4, 1]), estimand="ATC"),
     "expected one of"),
    (lambda: propensity_weights([0, 1, 0, 1, 1, 0], np.array([1.0, 2, 3, 2, 4, 1]), trim=0.6), "trim=0.6"),
    (lambda: balance_table([0, 1, 0, 1], np.arange(4.0), [1, 1, -1, 1]), r"weights\[2\] = -1.0"),
    (lambda: balance_table([0, 1, 0, 1], np.arange(4.0), [0, 1, 0, 1]), "every weight of one arm is 0"),
    (lambda: balance_table([0, 1, 0, 1], np.arange(4.0), sd_denominator="mean"), "sd_denominator"),
    (lambda: match_nearest([0, 1, 0, 1, 1, 0], np.array([1.0, 2, 3, 2, 4, 1]), ratio=0), "ratio=0"),
])
def test_bad_input_is_named(call, message):
    with pytest.raises(InputError, match=message):
        call()
