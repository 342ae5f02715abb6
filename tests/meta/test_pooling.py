"""pool equals metafor::rma.uni (metafor 3.8) for every tau^2 estimator and test.

Reference values: tests/reference/meta_rma.R -> fixtures/meta_rma.json.
"""

import warnings

import numpy as np
import pytest
from meta_reference import RMA, assert_close

from graftline.errors import InputError
from graftline.meta import ConvergenceWarning, pool

BCG = RMA["bcg"]
FIELDS = ["estimate", "se", "statistic", "p_value", "ci_lower", "ci_upper", "tau2", "i2", "h2",
          "q", "q_p_value", "pi_lower", "pi_upper", "qm", "qm_p_value"]
# Closed-form estimators agree to 1e-8; the iterative ones (Fisher scoring,
# root finding) to the "iterative" tolerance.
ITERATIVE = {"REML", "ML", "EB", "PM"}


def _compare(result, ref, method, what):
    kind = "iterative" if method in ITERATIVE else "closed_form"
    for name in FIELDS:
        expected = ref[name]
        if name in {"pi_lower", "pi_upper"} and method == "FE":
            # metafor's predict() gives no prediction interval for FE models.
            assert expected is None and np.isnan(getattr(result, name))
            continue
        assert_close(getattr(result, name), expected, kind, f"{what}: {name}")
    assert_close(result.weights, ref["weights"], kind, f"{what}: weights")


# metafor's PM stops uniroot at tol = 1.2e-4; graftline solves exactly, so PM
# is compared with R run at tol = 1e-14 ("PM_exact" in the fixture).
BCG_CASES = [key for key in BCG["fits"] if not key.startswith("PM_") or key.startswith("PM_exact")]


@pytest.mark.parametrize("key", BCG_CASES)
def test_bcg_every_method_and_test(key):
    # R: rma(yi, vi, data = escalc("RR", ..., data = dat.bcg), method = M, test = T)
    method, test = key.replace("_exact", "").rsplit("_", 1)
    result = pool(BCG["yi"], BCG["vi"], method=method, test=test)
    _compare(result, BCG["fits"][key], method, key)
    assert result.converged


def test_pm_differs_from_metafor_default_only_by_its_root_tolerance():
    # metafor's default PM (uniroot tol 1.2e-4) is within that tolerance of the exact root.
    result = pool(BCG["yi"], BCG["vi"], method="PM")
    assert abs(result.tau2 - BCG["fits"]["PM_z"]["tau2"]) < 1.2e-4


def test_bcg_back_transformed_to_risk_ratio():
    # R: predict(rma(yi, vi, data = bcg), transf = exp)
    bt = pool(BCG["yi"], BCG["vi"], measure="RR").back_transform()
    ref = BCG["back_transform_REML_z"]
    for name in ["estimate", "ci_lower", "ci_upper", "pi_lower", "pi_upper"]:
        assert_close(getattr(bt, name), ref[name], "iterative", name)
    assert bt.scale == "risk ratio"


@pytest.mark.parametrize("key", list(BCG["mods"]))
def test_bcg_meta_regression_on_latitude(key):
    # R: rma(yi, vi, mods = ~ ablat, data = bcg, method = M, test = T)
    method, test = key.rsplit("_", 1)
    ref = BCG["mods"][key]
    result = pool(BCG["yi"], BCG["vi"], method=method, test=test, mods=BCG["ablat"])
    kind = "iterative" if method in ITERATIVE else "closed_form"
    coef = result.coefficients
    assert coef["term"].tolist() == ["intercept", "mod1"]
    for ours, theirs in [("estimate", "coef"), ("se", "se"), ("statistic", "statistic"),
                         ("p_value", "p_value"), ("ci_lower", "ci_lower"), ("ci_upper", "ci_upper")]:
        assert_close(coef[ours], ref[theirs], kind, f"{key}: {ours}")
    for name in ["tau2", "q", "q_p_value", "qm", "qm_p_value", "i2", "h2", "r2"]:
        assert_close(getattr(result, name), ref[name], kind, f"{key}: {name}")


def test_bcg_leave_one_out():
    # R: leave1out(rma(yi, vi, data = bcg, method = M))
    for method in ["REML", "DL"]:
        ref = BCG["leave1out"][method]
        out = pool(BCG["yi"], BCG["vi"], method=method).leave_one_out()
        kind = "iterative" if method in ITERATIVE else "closed_form"
        for name in ["estimate", "se", "p_value", "ci_lower", "ci_upper", "q", "tau2", "i2"]:
            assert_close(out[name], ref[name], kind, f"{method}: {name}")


def test_bcg_subgroups_by_allocation():
    # R: a separate rma(..., subset = alloc == g) per group and the FE Q of the
    # group estimates (Cochrane Handbook 10.11.3.1), see meta_rma.R.
    ref = BCG["subgroups_REML"]
    result = pool(BCG["yi"], BCG["vi"], subgroup=BCG["alloc"])
    sub = result.subgroups
    assert set(sub.names) == set(ref["groups"])
    for name, group_ref in ref["groups"].items():
        _compare(sub[name], group_ref, "REML", name)
    assert_close(sub.q_between, ref["q_between"], "iterative", "Q between")
    assert_close(sub.p_between, ref["p_between"], "iterative", "p between")
    assert sub.df_between == ref["df_between"]
    # The overall result still pools all 13 trials.
    _compare(result, BCG["fits"]["REML_z"], "REML", "overall")


@pytest.mark.parametrize("dataset,fit", [("normand_SMD", "REML_z"), ("normand_SMD", "DL_knha"),
                                         ("normand_MD", "REML_z"), ("normand_MD", "DL_knha"),
                                         ("pritz_PFT", "REML_z"), ("pritz_PLO", "DL_z")])
def test_other_datasets(dataset, fit):
    # R: rma on escalc(SMD/MD) of dat.normand1999 and escalc(PFT/PLO) of dat.pritz1997.
    ref = RMA[dataset]
    method, test = fit.split("_")
    _compare(pool(ref["yi"], ref["vi"], method=method, test=test), ref[fit], method, dataset)


def test_hackshaw_ml_reml_eb():
    ref = RMA["hackshaw"]
    for method, fit in ref["fits"].items():
        _compare(pool(ref["yi"], ref["vi"], method=method), fit, method, method)


def test_freeman_tukey_back_transform_uses_harmonic_mean_n():
    # R: predict(rma(yi, vi, data = escalc("PFT", ...)), transf = transf.ipft.hm, targs = list(ni = ni))
    ref = RMA["pritz_PFT"]
    bt = pool(ref["yi"], ref["vi"], n=ref["n"], measure="PFT").back_transform()
    for name in ["estimate", "ci_lower", "ci_upper", "pi_lower", "pi_upper"]:
        assert_close(getattr(bt, name), ref["back_transform"][name], "iterative", name)


def test_logit_back_transform():
    ref = RMA["pritz_PLO"]
    bt = pool(ref["yi"], ref["vi"], method="DL", measure="PLO").back_transform()
    for name in ["estimate", "ci_lower", "ci_upper", "pi_lower", "pi_upper"]:
        assert_close(getattr(bt, name), ref["back_transform"][name], "closed_form", name)


def test_single_study_gives_its_own_estimate_and_says_so():
    # R: rma(yi = 0.5, vi = 0.04) -> estimate 0.5, se 0.2, tau2 0, I2 0.
    result = pool([0.5], [0.04])
    ref = RMA["single_study"]
    for name in ["estimate", "se", "ci_lower", "ci_upper", "p_value", "tau2", "i2", "h2", "q"]:
        assert_close(getattr(result, name), ref[name], "closed_form", name)
    assert any("only one study" in m for m in result.messages)
    # Knapp-Hartung has 0 df with one study: graftline falls back to z and says so.
    assert pool([0.5], [0.04], test="knha").test == "z"


def test_non_positive_variance_is_rejected_naming_the_study():
    with pytest.raises(InputError, match=r"not so for Kim 2019 \(vi = 0\)"):
        pool([0.1, 0.2, 0.3], [0.01, 0.0, 0.02], labels=["Lee 2018", "Kim 2019", "Ito 2020"])
    with pytest.raises(InputError, match=r"vi = -0.1"):
        pool([0.1, 0.2], [0.01, -0.1])


def test_reml_non_convergence_is_reported_on_the_result():
    # One Fisher-scoring step cannot meet the 1e-5 threshold on dat.bcg
    # (metafor needs several); the result says so instead of raising.
    with pytest.warns(ConvergenceWarning, match="did not converge in 1 iterations"):
        result = pool(BCG["yi"], BCG["vi"], max_iter=1)
    assert not result.converged
    assert any("did not converge" in m for m in result.messages)
    assert np.isfinite(result.estimate)


def test_reml_converges_silently_on_bcg():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        result = pool(BCG["yi"], BCG["vi"])
    assert result.converged and result.iterations > 1


def test_invariance_to_study_order():
    # Identity: permuting studies permutes weights and changes nothing else.
    rng = np.random.default_rng(20261123)
    order = rng.permutation(len(BCG["yi"]))
    a = pool(BCG["yi"], BCG["vi"])
    b = pool(np.asarray(BCG["yi"])[order], np.asarray(BCG["vi"])[order])
    assert b.estimate == pytest.approx(a.estimate, rel=1e-12)
    assert b.tau2 == pytest.approx(a.tau2, rel=1e-9)
    np.testing.assert_allclose(b.weights, a.weights[order], rtol=1e-9)


def test_result_is_frozen():
    result = pool(BCG["yi"], BCG["vi"])
    with pytest.raises(AttributeError):
        result.estimate = 0.0
    with pytest.raises(ValueError):
        result.weights[0] = 1.0


def test_bad_options_are_named():
    with pytest.raises(InputError, match="method must be one of"):
        pool([0.1, 0.2], [0.1, 0.1], method="GLMM")
    with pytest.raises(InputError, match="test must be 'z' or 'knha'"):
        pool([0.1, 0.2], [0.1, 0.1], test="t")


def _dense_reml(y, v, X, tau2, threshold=1e-5):
    """Second implementation: metafor's Fisher scoring written with explicit k x k matrices."""
    change = threshold + 1
    while change > threshold:
        W = np.diag(1 / (v + tau2))
        P = W - W @ X @ np.linalg.inv(X.T @ W @ X) @ X.T @ W
        adj = (y @ P @ P @ y - np.trace(P)) / np.trace(P @ P)
        while tau2 + adj < 0:
            adj /= 2
        change, tau2 = abs(adj), tau2 + adj
    W = np.diag(1 / (v + tau2))
    beta = np.linalg.solve(X.T @ W @ X, X.T @ W @ y)
    return tau2, beta


def test_vectorised_reml_equals_dense_matrix_version_on_random_data():
    # Seeded random meta-regressions with two moderators; the O(k) traces must
    # reproduce the k x k computation.
    from graftline.meta.heterogeneity import _hedges

    rng = np.random.default_rng(5)
    for _ in range(5):
        k = 40
        X = np.column_stack([np.ones(k), rng.normal(size=k), rng.integers(0, 2, k)])
        v = rng.uniform(0.01, 0.3, k)
        y = X @ np.array([0.2, -0.3, 0.4]) + rng.normal(0, np.sqrt(v + 0.1))
        tau2, beta = _dense_reml(y, v, X, max(0.0, _hedges(y, v, X)))
        result = pool(y, v, mods=X[:, 1:])
        assert result.tau2 == pytest.approx(tau2, rel=1e-10)
        np.testing.assert_allclose(result.coefficients["estimate"], beta, rtol=1e-10)
