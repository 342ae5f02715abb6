"""adjusted_restricted_mean against riskRegression::ate's risks and influence functions
(tests/reference/adjusted_restricted.R), and its behaviour."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from test_adjusted_risks_reference import _case
from tolerances import TOLERANCE

from graftline.errors import InputError
from graftline.stats import adjusted_restricted_mean, adjusted_risks

ITERATIVE = TOLERANCE["iterative"]
ESTIMATOR = {"gcomp": "GFORMULA", "iptw": "IPTW", "aiptw": "AIPTW"}
CASES = [("bmt_relapse", "gcomp"), ("bmt_relapse", "iptw"), ("bmt_relapse", "aiptw"),
         ("ebmt3_rfs", "gcomp"), ("ebmt3_rfs", "iptw")]


@pytest.mark.parametrize(("key", "method"), CASES)
def test_restricted_means_equal_the_area_under_ates_curves(fixtures, key, method):
    # bmt: time lost to relapse by day 365 (death in remission competing); ebmt3: restricted mean
    # relapse-free survival by day 365. R sums ate's risks and iid over the grid of observed times.
    r = pd.read_csv(fixtures / "adjusted_restricted.csv")
    r = r[(r.case == key) & (r.estimator == ESTIMATOR[method])].set_index("quantity")
    time, status, treatment, covariates, _, cause = _case(key, fixtures)
    result = adjusted_restricted_mean(time, status, treatment, covariates, tau=365.0, method=method, cause=cause)
    assert result.quantity == ("restricted mean time lost to cause 1" if cause else "restricted mean survival time")
    np.testing.assert_allclose(result.estimate, r.loc[["arm_0", "arm_1"], "estimate"], **ITERATIVE)
    np.testing.assert_allclose(result.se, r.loc[["arm_0", "arm_1"], "se"], **ITERATIVE)
    np.testing.assert_allclose(result.difference, r.loc["difference", "estimate"], **ITERATIVE)
    np.testing.assert_allclose(result.difference_se, r.loc["difference", "se"], **ITERATIVE)
    frame = result.to_frame()
    assert list(frame.arm)[:2] == list(result.labels) and frame.arm.iloc[2].startswith("difference")
    assert 0 < frame.p_value.iloc[2] < 1 and frame.p_value.iloc[:2].isna().all()


def test_blocks_of_grid_times_give_the_same_answer(fixtures, monkeypatch):
    # Large cohorts take the grid in blocks (memory); ebmt3 at day 365 is one block by default.
    from graftline.stats.adjusted import restricted

    time, status, treatment, covariates, _, _ = _case("ebmt3_rfs", fixtures)
    whole = adjusted_restricted_mean(time, status, treatment, covariates, tau=365.0, method="iptw")
    monkeypatch.setattr(restricted, "_CELLS", 2 * len(time) * 97)     # blocks of 97 grid times
    blocks = adjusted_restricted_mean(time, status, treatment, covariates, tau=365.0, method="iptw")
    assert whole.grid_size > 3 * 97
    np.testing.assert_allclose(blocks.estimate, whole.estimate, rtol=1e-12)
    np.testing.assert_allclose(blocks.influence, whole.influence, rtol=1e-10, atol=1e-14)


def test_a_hand_computed_area_without_confounding():
    # One binary confounder that does not differ by arm and no censoring: the G-formula survival of
    # each arm is a step function; between its steps the area is survival x width. Here it is checked
    # against adjusted_risks read at every observed time, summed by hand.
    time = np.array([2.0, 3.0, 5.0, 6.0, 8.0, 9.0, 4.0, 7.0, 10.0, 12.0, 11.0, 13.0])
    status = np.ones(12, dtype=int)
    arm = np.repeat([0, 1], 6)
    x = pd.DataFrame({"x": [0, 1, 0, 1, 0, 1] * 2})
    result = adjusted_restricted_mean(time, status, arm, x, tau=9.0)
    grid = np.array([0.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0])
    risks = adjusted_risks(time, status, arm, x, times=grid)
    width = np.diff(np.append(grid, 9.0))
    np.testing.assert_allclose(result.estimate, (1 - risks.risk) @ width, rtol=1e-12)
    assert result.grid_size == len(grid)


def test_tau_beyond_an_arms_follow_up_is_refused(fixtures):
    time, status, treatment, covariates, _, cause = _case("bmt_relapse", fixtures)
    last = min(time[treatment == 0].max(), time[treatment == 1].max())
    with pytest.raises(InputError, match="beyond the last follow-up of arm"):
        adjusted_restricted_mean(time, status, treatment, covariates, tau=last + 1, cause=cause)
    with pytest.raises(InputError, match="expected a horizon > 0"):
        adjusted_restricted_mean(time, status, treatment, covariates, tau=0, cause=cause)


def test_cli_tau_prints_the_library_restricted_means(fixtures, tmp_path, capsys):
    import io

    from graftline.cli import main

    bmt = pd.read_csv(fixtures / "survival_bmt.csv")
    bmt = bmt.assign(relapse_day=bmt.t2, relapse_status=np.where(bmt.d2 == 1, 1, np.where(bmt.d1 == 1, 2, 0)),
                     group=bmt.group.astype(str))
    path = tmp_path / "endpoints.csv"
    bmt.to_csv(path, index=False)
    arguments = ["adjusted-curves", str(path), "--endpoint", "relapse", "--treatment", "z10", "--adjust",
                 "group,z1,z7", "-c", "group", "--times", "180,365"]
    with pytest.raises(SystemExit) as stop:
        main([*arguments, "--tau", "365"])
    assert stop.value.code == 0
    blocks = capsys.readouterr().out.strip().split("\n\n")
    printed = pd.read_csv(io.StringIO(blocks[2]))
    expected = adjusted_restricted_mean(bmt.relapse_day, bmt.relapse_status, bmt.z10, bmt[["group", "z1", "z7"]],
                                        tau=365.0, cause=1)
    np.testing.assert_allclose(printed.estimate, expected.to_frame().estimate, rtol=1e-9)
    assert (printed.quantity == "restricted mean time lost to cause 1").all()
    with pytest.raises(SystemExit) as stop:
        main([*arguments, "--tau", "99999"])
    err = " ".join(capsys.readouterr().err.split())
    assert stop.value.code == 1 and "--tau 99999 lies beyond the last follow-up of arm" in err
