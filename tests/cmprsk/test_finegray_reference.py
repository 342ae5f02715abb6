"""fine_gray against R cmprsk::crr and predict.crr.

Expected values: tests/reference/cmprsk_crr.R (R 4.2, cmprsk 2.2-11) writes
tests/reference/fixtures/cmprsk_crr_<name>.json holding the input data and
crr()'s coef, var (robust sandwich with the censoring term), invinf, loglik,
loglik.null, converged, uftime, bfitj and predict.crr() for two covariate rows.
"""

from __future__ import annotations

import json
import warnings

import numpy as np
import pandas as pd
import pytest
from tolerances import TOLERANCE

from graftline.stats import FineGrayConvergenceWarning, fine_gray

MODELS = [
    "bmt_relapse",  # KMsurv::bmt relapse ~ age + donor age + group + MTX
    "bmt_nrm",  # same covariates, death in remission (failcode 2)
    "bmt_platelet",  # platelet recovery ~ FAB + waiting time + group
    "bmt_relapse_maxiter1",  # crr stopped after one Newton step: converged FALSE
    "ebmt4_relapse",  # mstate::ebmt4, 2279 patients, tied days, 4 factors
    "ebmt4_death",  # same, death without relapse
    "ebmt3_platelet",  # mstate::ebmt3
    "synthetic",  # 3 causes, 5 covariates, tied times, censoring at time 0
    "synthetic_uncensored",  # nobody censored
    "synthetic_one_failure_time",  # every failure of the cause at one time
]


def _fit(fixtures_dir, name):
    reference = json.loads((fixtures_dir / f"cmprsk_crr_{name}.json").read_text())
    data = reference["data"]
    covariates = pd.DataFrame({
        column: pd.Categorical(values, categories=data["levels"][column]) if column in data["levels"]
        else np.asarray(values, dtype=float)
        for column, values in data["covariates"].items()
    })
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        fit = fine_gray(np.asarray(data["time"]), np.asarray(data["status"]), covariates,
                        cause=reference["failcode"], max_iter=reference["maxiter"])
    return reference, fit, caught


@pytest.mark.parametrize("name", MODELS)
def test_coefficients_and_sandwich_variance_equal_crr(fixtures_dir, name):
    reference, fit, _ = _fit(fixtures_dir, name)
    tol = TOLERANCE["iterative"]
    assert list(fit.terms) == reference["terms"]
    np.testing.assert_allclose(fit.coef, reference["coef"], **tol)
    np.testing.assert_allclose(fit.se, reference["se"], **tol)
    np.testing.assert_allclose(fit.variance, reference["var"], **tol)
    np.testing.assert_allclose(fit.naive_variance, reference["invinf"], **tol)
    np.testing.assert_allclose([fit.loglik, fit.loglik_null], reference["loglik"] + reference["loglik_null"], **tol)
    frame = fit.to_frame()
    np.testing.assert_allclose(frame.p_value, reference["p_value"], **tol)
    np.testing.assert_allclose(frame.hr, np.exp(reference["coef"]), **tol)


@pytest.mark.parametrize("name", MODELS)
def test_baseline_and_predict_cif_equal_predict_crr(fixtures_dir, name):
    reference, fit, _ = _fit(fixtures_dir, name)
    tol = TOLERANCE["iterative"]
    np.testing.assert_array_equal(fit.failure_times, reference["uftime"])
    np.testing.assert_allclose(fit.baseline_jumps, reference["bfitj"], **tol)
    predicted = fit.predict_cif(np.asarray(reference["newdata"]))
    expected = np.asarray(reference["predict_cif"])  # rows: times, columns: subjects
    np.testing.assert_array_equal(predicted.time.to_numpy().reshape(2, -1)[0], reference["predict_time"])
    np.testing.assert_allclose(predicted.cif.to_numpy().reshape(2, -1), expected.T, **tol)


@pytest.mark.parametrize("name", MODELS)
def test_convergence_reported_as_crr_does(fixtures_dir, name):
    reference, fit, caught = _fit(fixtures_dir, name)
    assert fit.converged is reference["converged"]
    warned = [w for w in caught if issubclass(w.category, FineGrayConvergenceWarning)]
    assert bool(warned) is (not reference["converged"])
    if warned:
        assert "did not converge in 1 Newton steps" in str(warned[0].message)
