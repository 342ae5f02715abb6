"""Fine-Gray properties that do not need crr: the Cox identity, invariances,
prediction conventions, determinism."""

from __future__ import annotations

import hashlib
import json
import warnings

import numpy as np
import pandas as pd
import pytest
from tolerances import TOLERANCE

from graftline.stats import FineGrayConvergenceWarning, fine_gray


def test_no_competing_events_is_cox_breslow_with_robust_variance(fixtures_dir):
    # R: coxph(Surv(t2, relapse) ~ age + donor_age + group + mtx, ties = "breslow",
    # robust = TRUE) on KMsurv::bmt (tests/reference/cmprsk_crr.R). Without
    # competing events the subdistribution risk set is the Cox risk set and the
    # censoring term of the sandwich is zero, so crr's variance is Lin-Wei's.
    reference = json.loads((fixtures_dir / "cmprsk_coxph_bmt_relapse.json").read_text())
    fit = fine_gray(reference["time"], reference["status"], np.asarray(reference["covariates"]))
    np.testing.assert_allclose(fit.coef, reference["coef"], **TOLERANCE["iterative"])
    np.testing.assert_allclose(fit.variance, reference["robust_var"], **TOLERANCE["iterative"])
    np.testing.assert_allclose(fit.naive_variance, reference["naive_var"], **TOLERANCE["iterative"])


@pytest.fixture
def synthetic():
    rng = np.random.default_rng(11)
    n = 300
    covariates = pd.DataFrame({
        "age": rng.normal(45, 12, n),
        "arm": pd.Categorical(rng.choice(["chemo", "mst", "msc"], n), categories=["chemo", "mst", "msc"]),
    })
    time = np.round(rng.exponential(30, n))  # whole days: ties
    status = rng.choice([0, 1, 2], n, p=[0.3, 0.4, 0.3])
    return time, status, covariates


def test_row_order_does_not_change_the_fit(synthetic):
    time, status, covariates = synthetic
    order = np.random.default_rng(3).permutation(time.size)
    a = fine_gray(time, status, covariates)
    b = fine_gray(time[order], status[order], covariates.iloc[order].reset_index(drop=True))
    np.testing.assert_allclose(a.coef, b.coef, **TOLERANCE["closed_form"])
    np.testing.assert_allclose(a.variance, b.variance, **TOLERANCE["closed_form"])


def test_covariate_shift_changes_nothing_but_the_baseline(synthetic):
    # The pseudo-likelihood is invariant to adding a constant to a covariate;
    # the baseline hazard absorbs exp(-b * shift), predictions are unchanged.
    time, status, covariates = synthetic
    a = fine_gray(time, status, covariates)
    shifted = covariates.assign(age=covariates.age + 100.0)
    b = fine_gray(time, status, shifted)
    np.testing.assert_allclose(a.coef, b.coef, **TOLERANCE["iterative"])
    np.testing.assert_allclose(a.se, b.se, **TOLERANCE["iterative"])
    np.testing.assert_allclose(
        a.predict_cif(pd.DataFrame({"age": [40.0], "armmst": [1.0], "armmsc": [0.0]})).cif,
        b.predict_cif(pd.DataFrame({"age": [140.0], "armmst": [1.0], "armmsc": [0.0]})).cif,
        **TOLERANCE["iterative"],
    )


def test_predict_cif_reads_the_step_function_at_times(synthetic):
    time, status, covariates = synthetic
    fit = fine_gray(time, status, covariates)
    new = covariates.iloc[:2]  # original columns are encoded again
    full = fit.predict_cif(new)
    first, second = fit.failure_times[0], fit.failure_times[1]
    at = fit.predict_cif(new, times=[first - 0.5, first, (first + second) / 2, second])
    subject0 = full[full.subject == 0].cif.to_numpy()
    # before the first failure time 0; at and after a failure time its value
    np.testing.assert_allclose(at[at.subject == 0].cif, [0.0, subject0[0], subject0[0], subject0[1]])
    assert np.all(np.diff(subject0) >= 0) and subject0[-1] < 1


def test_to_frame_columns_and_wald_interval(synthetic):
    time, status, covariates = synthetic
    frame = fine_gray(time, status, covariates).to_frame(conf_level=0.9)
    assert list(frame.columns) == ["term", "coef", "se", "hr", "lower", "upper", "p_value"]
    assert list(frame.term) == ["age", "armmst", "armmsc"]  # declared Categorical order, chemo reference
    z = 1.6448536269514722
    np.testing.assert_allclose(frame.lower, np.exp(frame.coef - z * frame.se), rtol=1e-12)
    np.testing.assert_allclose(frame.upper, np.exp(frame.coef + z * frame.se), rtol=1e-12)


def test_non_convergence_is_flagged_and_warned(synthetic):
    time, status, covariates = synthetic
    with pytest.warns(FineGrayConvergenceWarning, match="did not converge in 0 Newton steps"):
        fit = fine_gray(time, status, covariates, max_iter=0)
    assert fit.converged is False and fit.iterations == 0
    np.testing.assert_array_equal(fit.coef, 0.0)


def test_same_bytes_on_repeated_runs(synthetic):
    time, status, covariates = synthetic
    digests = set()
    for _ in range(3):
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            fit = fine_gray(time, status, covariates)
        text = fit.to_frame().to_csv() + fit.predict_cif(covariates.iloc[:3]).to_csv()
        digests.add(hashlib.sha256(text.encode()).hexdigest())
    assert len(digests) == 1
