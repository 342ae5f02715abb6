"""adjusted_risks: the command line, plots, identities and bad input."""

from __future__ import annotations

import io

import numpy as np
import pandas as pd
import pytest

from graftline.cli import main
from graftline.errors import InputError
from graftline.stats import adjusted_risks


@pytest.fixture()
def bmt(fixtures):
    bmt = pd.read_csv(fixtures / "survival_bmt.csv")
    return bmt.assign(relapse_day=bmt.t2, relapse_status=np.where(bmt.d2 == 1, 1, np.where(bmt.d1 == 1, 2, 0)),
                      group=bmt.group.astype(str))


def _run(args):
    with pytest.raises(SystemExit) as stop:
        main(args)
    return stop.value.code


def test_cli_prints_the_library_numbers(bmt, tmp_path, capsys):
    path = tmp_path / "endpoints.csv"
    bmt.to_csv(path, index=False)
    plot = tmp_path / "curves.png"
    assert _run(["adjusted-curves", str(path), "--endpoint", "relapse", "--treatment", "z10",
                 "--adjust", "group,z1,z7", "-c", "group", "--method", "gcomp", "--times", "180,365",
                 "--plot", str(plot)]) == 0
    out, err = capsys.readouterr()
    risks_text, contrasts_text = out.split("\n\n")
    expected = adjusted_risks(bmt.relapse_day, bmt.relapse_status, bmt.z10, bmt[["group", "z1", "z7"]],
                              times=[180, 365], cause=1)
    pd.testing.assert_frame_equal(pd.read_csv(io.StringIO(risks_text)),
                                  pd.read_csv(io.StringIO(expected.to_frame().to_csv(index=False))))
    contrasts = pd.read_csv(io.StringIO(contrasts_text))
    np.testing.assert_allclose(contrasts.query("contrast == 'difference'").estimate,
                               expected.difference().estimate, rtol=1e-12)
    assert "G-computation" in err and plot.stat().st_size > 1000


def test_cli_aiptw_uses_the_full_nuisance_variance(bmt, tmp_path, capsys):
    # The command reports riskRegression's default known.nuisance = FALSE SEs for AIPTW
    # (the reference test checks these equal ate's), not the smaller known-nuisance ones.
    path = tmp_path / "endpoints.csv"
    bmt.to_csv(path, index=False)
    assert _run(["adjusted-curves", str(path), "--endpoint", "relapse", "--treatment", "z10",
                 "--adjust", "group,z1,z7", "-c", "group", "--method", "aiptw", "--times", "180,365"]) == 0
    out, err = capsys.readouterr()
    options = dict(times=[180, 365], cause=1, method="aiptw")
    covariates = bmt[["group", "z1", "z7"]]
    full = adjusted_risks(bmt.relapse_day, bmt.relapse_status, bmt.z10, covariates, variance="full", **options)
    known = adjusted_risks(bmt.relapse_day, bmt.relapse_status, bmt.z10, covariates, variance="known", **options)
    risks = pd.read_csv(io.StringIO(out.split("\n\n")[0]))
    np.testing.assert_allclose(risks.se, full.to_frame().se, rtol=1e-12)
    assert not np.allclose(risks.se, known.to_frame().se, rtol=1e-3)
    assert "known.nuisance = FALSE" in err


def test_cli_estimand_att(bmt, tmp_path, capsys):
    path = tmp_path / "endpoints.csv"
    bmt.to_csv(path, index=False)
    assert _run(["adjusted-curves", str(path), "--endpoint", "relapse", "--treatment", "z10",
                 "--adjust", "group,z1,z7", "-c", "group", "--method", "iptw", "--estimand", "ATT",
                 "--times", "180,365"]) == 0
    out, err = capsys.readouterr()
    expected = adjusted_risks(bmt.relapse_day, bmt.relapse_status, bmt.z10, bmt[["group", "z1", "z7"]],
                              times=[180, 365], cause=1, method="iptw", estimand="ATT")
    risks = pd.read_csv(io.StringIO(out.split("\n\n")[0]))
    np.testing.assert_allclose(risks.risk, expected.to_frame().risk, rtol=1e-12)
    assert "estimand ATT" in err


def test_difference_influence_is_the_difference_of_arm_influences(bmt):
    # Identity: the SE of the difference comes from psi_1 - psi_0, so it
    # lies between |se1 - se0| and se1 + se0.
    result = adjusted_risks(bmt.t2, bmt.d3, bmt.z10, bmt[["z1", "z7"]], times=[365.0], method="iptw")
    se = result.difference().se.iloc[0]
    assert abs(result.risk_se[1, 0] - result.risk_se[0, 0]) <= se <= result.risk_se.sum()


def test_iptw_without_censoring_is_the_weighted_proportion():
    # Identity: with no censoring G = 1, so IPTW is sum_i 1{A_i=a} 1{T_i<=t} / pi_a(X_i) / n;
    # with one binary confounder the logistic score is the treated share within its level.
    rng = np.random.default_rng(7)
    n = 400
    x = rng.integers(0, 2, n)
    a = (rng.random(n) < 0.3 + 0.3 * x).astype(int)
    time = rng.exponential(1 / np.exp(-0.5 * a + 0.7 * x))
    iptw = adjusted_risks(time, np.ones(n, dtype=int), a, pd.DataFrame({"x": x}), times=[0.5, 1.0],
                          method="iptw")
    share = np.array([a[x == level].mean() for level in (0, 1)])[x]
    for arm, probability in ((0, 1 - share), (1, share)):
        expected = [np.mean((a == arm) * (time <= t) / probability) for t in (0.5, 1.0)]
        np.testing.assert_allclose(iptw.risk[arm], expected, rtol=1e-9)
    for variance in ("known", "full"):
        # No censoring: the censoring augmentation vanishes and G = 1 (no censoring model to linearise).
        aiptw = adjusted_risks(time, np.ones(n, dtype=int), a, pd.DataFrame({"x": x}), times=[0.5, 1.0],
                               method="aiptw", variance=variance)
        assert np.isfinite(aiptw.risk_se).all()


def test_att_and_ato_without_censoring_are_the_tilted_proportions():
    # Identity (Li, Morgan, Zaslavsky 2018): with no censoring G = 1, so the ATT
    # risk of the treated is their crude proportion and the controls' is their
    # proportion weighted by e/(1-e); ATO weights the treated by 1-e, the controls by e.
    # With one binary confounder the score is the treated share within its level.
    rng = np.random.default_rng(11)
    n = 400
    x = rng.integers(0, 2, n)
    a = (rng.random(n) < 0.3 + 0.3 * x).astype(int)
    time = rng.exponential(1 / np.exp(-0.5 * a + 0.7 * x))
    e = np.array([a[x == level].mean() for level in (0, 1)])[x]
    weights = {"ATT": (e / (1 - e), np.ones(n)), "ATO": (e, 1 - e)}
    for estimand, arm_weights in weights.items():
        fit = adjusted_risks(time, np.ones(n, dtype=int), a, pd.DataFrame({"x": x}), times=[0.5, 1.0],
                             method="iptw", estimand=estimand)
        for arm, w in enumerate(arm_weights):
            expected = [np.average(time[a == arm] <= t, weights=w[a == arm]) for t in (0.5, 1.0)]
            np.testing.assert_allclose(fit.risk[arm], expected, rtol=1e-9, err_msg=estimand)
    att = adjusted_risks(time, np.ones(n, dtype=int), a, pd.DataFrame({"x": x}), times=[1.0],
                         method="iptw", estimand="att")
    assert att.estimand == "ATT"
    np.testing.assert_allclose(att.risk[1, 0], np.mean(time[a == 1] <= 1.0), rtol=1e-12)


@pytest.mark.parametrize(("kwargs", "message"), [
    ({"method": "match"}, "method='match'"),
    ({"method": "gcomp", "variance": "known"}, "variance='known' is for iptw and aiptw"),
    ({"cause": 3}, "cause=3 does not occur"),
    ({"times": [-1.0]}, "times must be finite"),
    ({"estimand": "ATC"}, "estimand='ATC'"),
])
def test_bad_input_is_named(bmt, kwargs, message):
    options = {"times": [365.0]} | kwargs
    with pytest.raises(InputError, match=message):
        adjusted_risks(bmt.relapse_day, bmt.relapse_status, bmt.z10, bmt[["z1"]], **options)


@pytest.mark.parametrize("estimand", ["ATE", "ATT", "ATO"])
def test_gcomp_competing_risks_do_not_depend_on_the_patient_blocks(bmt, monkeypatch, estimand):
    # The cause-specific G-formula sums over patients block by block (large cohorts); on bmt the whole
    # cohort is one block, so blocks of a few patients must give the same risks and standard errors.
    from graftline.stats.adjusted import gformula

    def fit():
        return adjusted_risks(bmt.relapse_day, bmt.relapse_status, bmt.z10, bmt[["group", "z1", "z7"]],
                              times=[100, 365, 1000], cause=1, method="gcomp", estimand=estimand)

    whole = fit()
    grid = len(np.unique(bmt.relapse_day[(bmt.relapse_status > 0) & (bmt.relapse_day <= 1000)]))  # pooled jumps
    monkeypatch.setattr(gformula, "_BLOCK_CELLS", 7 * grid)      # blocks of 7 patients, the last one shorter
    blocks = fit()
    np.testing.assert_allclose(blocks.risk, whole.risk, rtol=1e-12)
    np.testing.assert_allclose(blocks.risk_se, whole.risk_se, rtol=1e-12)
    assert len(bmt) > 7 * 10 and len(bmt) % 7 != 0
