"""pool_glmm equals metafor's rma.glmm (metafor 3.8, lme4 1.1-31, nAGQ = 7).

Reference values: tests/reference/meta_sparse.R -> fixtures/meta_sparse.json.
lme4's default optimisers stop short of the maximum (by ~1e-5 on
dat.pritz1997, ~1e-3 for UM.FS on dat.nielweise2007, where lme4 itself warns
that the model "failed to converge"), so every fit is compared with lme4 run to
a tight tolerance (bobyqa, rhoend = 1e-12) and, where lme4's defaults converge,
with metafor's defaults to 1e-4 as well.
"""

import numpy as np
import pytest
from meta_reference import SPARSE, assert_close

from graftline.errors import InputError
from graftline.meta import pool_glmm
from graftline.meta.glmm import _build, _Objective

FIELDS = ["estimate", "se", "statistic", "ci_lower", "ci_upper", "tau2", "i2", "h2"]
HETEROGENEITY = {"q": "q_wald", "q_p_value": "q_wald_p_value", "q_lrt": "q_lrt",
                 "q_lrt_p_value": "q_lrt_p_value", "q_df": "q_df"}
PRITZ = SPARSE["pritz1997"]
NIEL = SPARSE["nielweise2007"]


def _compare(result, ref, kind, what):
    for name in FIELDS:
        assert_close(getattr(result, name), ref[name], kind, f"{what}: {name}")
    # p-values compared on the scale of their statistic (a relative error in z
    # of 1e-6 is a larger relative error in a p-value of 1e-13).
    assert_close(result.p_value, ref["p_value"], "glmm_default", f"{what}: p_value")
    for ours, theirs in HETEROGENEITY.items():
        # The likelihood-ratio test comes from the fixed-effect and saturated
        # logistic models (Newton to machine precision); the Wald test is the
        # limit graftline computes where R's glm() stops early (zero cells).
        kind = "glm_zero_cells" if ours in {"q", "q_p_value"} else "closed_form"
        assert_close(getattr(result, ours), ref[theirs], kind, f"{what}: {ours}")


@pytest.mark.parametrize("kind", ["tight", "default"])
def test_proportions_pritz1997_equal_rma_glmm(kind):
    # R: rma.glmm(measure = "PLO", xi, ni, data = dat.pritz1997)  [nAGQ = 7]
    result = pool_glmm(PRITZ["xi"], PRITZ["ni"], measure="PLO")
    _compare(result, PRITZ["plo"][kind], f"glmm_{kind}", f"pritz1997 {kind}")
    assert result.converged and result.k == 14


def test_fixed_effect_logistic_model():
    # R: rma.glmm(measure = "PLO", ..., method = "FE"): glm, no random effect.
    result = pool_glmm(PRITZ["xi"], PRITZ["ni"], method="FE")
    # glm() takes Var(beta) from the weights of its last-but-one iteration (~1e-6).
    _compare(result, PRITZ["plo_fe"], "glmm_tight", "pritz1997 FE")
    assert result.loglik == pytest.approx(PRITZ["plo_fe"]["loglik"], rel=1e-12)


def test_zero_events_need_no_correction_and_tau2_can_be_zero():
    # Three of seven studies with 0 events; metafor/lme4 put tau^2 on the boundary.
    ref = SPARSE["zero_events"]
    result = pool_glmm(ref["xi"], ref["ni"])
    _compare(result, ref["plo"]["tight"], "glmm_tight", "zero events")
    assert result.tau2 == 0 and "boundary" in result.messages[0]
    # With tau^2 = 0 the model is a logistic regression on the pooled counts:
    # logit(sum x / sum n), no continuity correction anywhere.
    x, n = np.sum(ref["xi"]), np.sum(ref["ni"])
    assert result.estimate == pytest.approx(np.log(x / (n - x)), rel=1e-9)


@pytest.mark.parametrize("model", ["UM.FS", "CM.AL"])
def test_odds_ratios_nielweise2007_equal_rma_glmm(model):
    # R: rma.glmm(measure = "OR", ai, n1i, ci, n2i, data = dat.nielweise2007, model = M)
    d = NIEL["data"]
    key = model.lower().replace(".", "_")
    result = pool_glmm(d["ai"], d["n1i"], d["ci"], d["n2i"], measure="OR", model=model)
    _compare(result, NIEL["glmm"][key]["tight"], "glmm_tight", model)
    # Yucel 2004 (0/118 vs 0/105) is left out, as metafor's drop00 = TRUE.
    assert result.k == 17 and np.isnan(result.yi[14])
    assert "Yucel" not in result.messages[0]  # labels default to "Study i"
    assert "Study 15" in result.messages[0]
    fe = pool_glmm(d["ai"], d["n1i"], d["ci"], d["n2i"], measure="OR", model=model, method="FE")
    _compare(fe, NIEL["glmm"][f"{key}_fe"], "glmm_tight", f"{model} FE")


def test_cm_al_default_optimiser_within_1e4():
    d = NIEL["data"]
    result = pool_glmm(d["ai"], d["n1i"], d["ci"], d["n2i"], measure="OR", model="CM.AL")
    _compare(result, NIEL["glmm"]["cm_al"]["default"], "glmm_default", "CM.AL default")


def test_meta_regression_on_publication_year():
    # R: rma.glmm(measure = "OR", ..., model = "CM.AL", mods = year); metafor
    # centres and scales the moderator internally, graftline too: same maximum.
    d = NIEL["data"]
    ref = NIEL["glmm"]["cm_al_year"]["tight"]
    result = pool_glmm(d["ai"], d["n1i"], d["ci"], d["n2i"], measure="OR", model="CM.AL",
                       mods=NIEL["year"])
    assert_close(result.coefficients["estimate"], ref["coef"], "glmm_tight", "coefficients")
    assert_close(result.coefficients["se"], ref["coef_se"], "glmm_tight", "coefficient SEs")
    assert_close(result.tau2, ref["tau2"], "glmm_tight", "tau2")
    assert np.isnan(result.pi_lower)


@pytest.mark.parametrize("point", range(3))
def test_quadrature_equals_hand_written_agq_and_approaches_the_exact_integral(point):
    # meta_sparse.R writes the adaptive Gauss-Hermite log-likelihood out by hand
    # (lme4's GHrule nodes, modes by optimize) and the exact integral by integrate().
    ref = PRITZ["loglik_points"][point]
    x, n = np.asarray(PRITZ["xi"], float), np.asarray(PRITZ["ni"], float)
    data = _build("PLO", "PLO", x, n, None, None, np.ones((len(x), 1)))
    theta = np.array([ref["beta"], ref["tau"]])
    for nodes in (7, 1, 25):
        assert_close(-_Objective(data, nodes, None)(theta), ref[f"agq{nodes}"], "closed_form", f"{nodes}")
    assert_close(-_Objective(data, 25, None)(theta), ref["exact"], "iterative", "25 nodes vs exact")


def test_loglik_is_the_marginal_likelihood_at_the_estimate():
    # lme4's logLik() for nAGQ > 1 is on a shifted scale, so the fitted
    # log-likelihood is checked against the quadrature identity instead.
    result = pool_glmm(PRITZ["xi"], PRITZ["ni"])
    x, n = np.asarray(PRITZ["xi"], float), np.asarray(PRITZ["ni"], float)
    data = _build("PLO", "PLO", x, n, None, None, np.ones((len(x), 1)))
    assert result.loglik == pytest.approx(-_Objective(data, 7, None)(np.array([result.estimate, result.tau])),
                                          rel=1e-12)


def test_back_transform_to_proportion():
    result = pool_glmm(PRITZ["xi"], PRITZ["ni"])
    bt = result.back_transform()
    assert bt.scale == "proportion"
    assert bt.estimate == pytest.approx(1 / (1 + np.exp(-result.estimate)), rel=1e-15)
    assert bt.pi_lower < bt.ci_lower < bt.estimate < bt.ci_upper < bt.pi_upper


@pytest.mark.parametrize(("kwargs", "message"), [
    ({"measure": "RR"}, "PLO"),
    ({"measure": "OR"}, "events2"),
    ({"measure": "PLO", "method": "REML"}, "ML or FE"),
    ({"n_agq": 0}, "n_agq"),
])
def test_bad_options_are_named(kwargs, message):
    with pytest.raises(InputError, match=message):
        pool_glmm([1, 2], [10, 12], **kwargs)


def test_one_study_cannot_estimate_tau2():
    with pytest.raises(InputError, match="cannot estimate tau"):
        pool_glmm([3], [10])
