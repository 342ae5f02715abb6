"""G-computation standardised to the treated (ATT) and to the overlap population (ATO)
against R (tests/reference/adjusted_gcomp_estimands.R)."""

from __future__ import annotations

import io

import numpy as np
import pandas as pd
import pytest
from test_adjusted_risks_reference import _case
from tolerances import TOLERANCE

from graftline.errors import InputError
from graftline.stats.adjusted.risks import adjusted_risks

ITERATIVE = TOLERANCE["iterative"]


# ATT: riskRegression::ate(GFORMULA, data = the treated, data.index = their rows), both
# cases. ATO: the infinitesimal jackknife of the refitted estimator in R, bmt only (the
# script first checks that the same jackknife reproduces ate's ATE and ATT to 1e-6).
@pytest.mark.parametrize(("key", "estimand", "source"), [
    ("ebmt3_rfs", "ATT", "ate"), ("bmt_relapse", "ATT", "ate"), ("bmt_relapse", "ATO", "jackknife"),
    ("ebmt3_rfs", "ATE", "ate"),
])
def test_gcomp_estimands_equal_r(fixtures, key, estimand, source):
    r = pd.read_csv(fixtures / "adjusted_gcomp_estimands.csv")
    r = r[(r.case == key) & (r.estimand == estimand) & (r.source == source)]
    time, status, treatment, covariates, times, cause = _case(key, fixtures)
    result = adjusted_risks(time, status, treatment, covariates, times=times, method="gcomp", cause=cause,
                            estimand=estimand)
    assert result.estimand == estimand
    for arm in (0, 1):
        expected = r[r.quantity == f"risk_{arm}"]
        np.testing.assert_allclose(result.risk[arm], expected.estimate, err_msg=f"risk {arm}", **ITERATIVE)
        np.testing.assert_allclose(result.risk_se[arm], expected.se, err_msg=f"se {arm}", **ITERATIVE)
    for name, frame in (("difference", result.difference()), ("ratio", result.ratio())):
        expected = r[r.quantity == name]
        np.testing.assert_allclose(frame.estimate, expected.estimate, err_msg=name, **ITERATIVE)
        np.testing.assert_allclose(frame.se, expected.se, err_msg=f"{name} se", **ITERATIVE)


def test_att_influence_reaches_the_untreated_and_is_centred(fixtures):
    # The ATT averages predictions over the treated only, but the outcome model is fitted
    # on everyone: untreated patients influence it through beta and the baseline hazard.
    # Every term is a centred score (Hajek term, Cox score residuals, Breslow martingale
    # increments), so each column of the influence sums to zero, up to the Cox fit's
    # convergence (its score at the estimate is ~1e-9, not 0): within 1e-6 of the SE.
    time, status, treatment, covariates, times, cause = _case("ebmt3_rfs", fixtures)
    att = adjusted_risks(time, status, treatment, covariates, times=times, method="gcomp", estimand="ATT")
    ate = adjusted_risks(time, status, treatment, covariates, times=times, method="gcomp")
    untreated = (treatment == "No TCD").to_numpy()
    assert att.labels == ate.labels == ("No TCD", "TCD")
    assert np.abs(att.influence[untreated]).max() > 1e-4
    assert (np.abs(att.influence.sum(axis=0)) < ITERATIVE["rtol"] * att.risk_se).all()
    # T-cell depletion was given to patients unlike the cohort: the ATT is not the ATE.
    assert np.abs(att.risk - ate.risk).max() > 0.005


def _run(args):
    from graftline.cli import main

    with pytest.raises(SystemExit) as stop:
        main(args)
    return stop.value.code


@pytest.mark.parametrize("estimand", ["ATT", "ATO"])
def test_cli_gcomp_estimands(fixtures, tmp_path, capsys, estimand):
    bmt = pd.read_csv(fixtures / "survival_bmt.csv")
    bmt = bmt.assign(relapse_day=bmt.t2, relapse_status=np.where(bmt.d2 == 1, 1, np.where(bmt.d1 == 1, 2, 0)),
                     group=bmt.group.astype(str))
    path = tmp_path / "endpoints.csv"
    bmt.to_csv(path, index=False)
    assert _run(["adjusted-curves", str(path), "--endpoint", "relapse", "--treatment", "z10",
                 "--adjust", "group,z1,z7", "-c", "group", "--method", "gcomp", "--estimand", estimand,
                 "--times", "180,365"]) == 0
    out, err = capsys.readouterr()
    expected = adjusted_risks(bmt.relapse_day, bmt.relapse_status, bmt.z10, bmt[["group", "z1", "z7"]],
                              times=[180, 365], cause=1, method="gcomp", estimand=estimand)
    risks = pd.read_csv(io.StringIO(out.split("\n\n")[0]))
    np.testing.assert_allclose(risks.risk, expected.to_frame().risk, rtol=1e-12)
    np.testing.assert_allclose(risks.se, expected.to_frame().se, rtol=1e-12)
    assert f"estimand {estimand}" in err and "G-computation" in err


def test_aiptw_names_what_is_offered_for_other_estimands(fixtures):
    time, status, treatment, covariates, times, cause = _case("bmt_relapse", fixtures)
    with pytest.raises(InputError, match="estimand='ATT' is offered with method='iptw' or 'gcomp'"):
        adjusted_risks(time, status, treatment, covariates, times=times, cause=cause, method="aiptw",
                       variance="known", estimand="ATT")
