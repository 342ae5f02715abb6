"""Awkward and wrong input to the adjusted comparisons, through the library and
the command line: each mistake gets one line naming what is wrong, and no
number comes out that the data cannot support.

The cohort is small (80 patients) and made here: age raises the chance of
MST, risk is a three-level category present in both arms.
"""

from __future__ import annotations

import io
import warnings

import numpy as np
import pandas as pd
import pytest

from graftline.cli import main
from graftline.errors import InputError
from graftline.stats import adjusted_risks, match_nearest, propensity_scores
from graftline.stats.adjusted.risks import BeyondFollowUpWarning


def _cohort(n: int = 80, seed: int = 4) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    age = rng.normal(55, 10, n).round(0)
    risk = rng.choice(["low", "int", "high"], n)
    arm = np.where(rng.random(n) < 1 / (1 + np.exp(-(age - 55) / 10)), "mst", "chemo")
    event_day = rng.exponential(400, n).round(0) + 1
    censor_day = rng.uniform(100, 900, n).round(0)
    day = np.minimum(event_day, censor_day)
    died = (event_day <= censor_day).astype(int)
    return pd.DataFrame({"arm": arm, "age": age, "risk": risk, "os_day": day, "os_status": died,
                         "relapse_day": day, "relapse_status": np.where(died == 1, 1 + (age > 55), 0)})


@pytest.fixture()
def cohort():
    return _cohort()


def _run(args, capsys):
    with pytest.raises(SystemExit) as stop:
        main([str(a) for a in args])
    out, err = capsys.readouterr()
    return stop.value.code, out, err


def _csv(tmp_path, frame, name="cohort.csv"):
    path = tmp_path / name
    frame.to_csv(path, index=False)
    return path


def _error_line(code, err):
    """The command failed with one ``error:`` line and no traceback."""
    assert code == 1, err
    lines = [line for line in err.splitlines() if line.startswith("error:")]
    assert len(lines) == 1 and "Traceback" not in err, err
    return lines[0]


# --- the library ------------------------------------------------------------------------------


def test_constant_confounder_is_named_in_propensity_words(cohort):
    # Before: the Cox-model message "a constant has no hazard ratio (the baseline hazard absorbs it)".
    covariates = cohort[["age"]].assign(centre=7)
    with pytest.raises(InputError, match=r"confounder 'centre' has the same value \(7\) for every patient"):
        propensity_scores(cohort.arm, covariates)
    with pytest.raises(InputError, match="cannot confound"):
        adjusted_risks(cohort.os_day, cohort.os_status, cohort.arm, covariates, times=[365], method="iptw")


@pytest.mark.parametrize("column", ["text", "binary"])
def test_a_level_in_one_arm_is_separation_not_a_weight(cohort, column):
    # A category found only in the treated arm: glm's coefficient runs off to infinity (R stops at
    # ~17 without a warning), those patients' scores are 1 - 1e-9 and their control weights would be
    # meaningless. Before: accepted silently, a balance table and risks came out.
    treated_rows = np.flatnonzero(cohort.arm == "mst")[:3]
    values = np.zeros(len(cohort), dtype=int)
    values[treated_rows] = 1
    rare = np.where(values == 1, "y", "x") if column == "text" else values
    covariates = cohort[["age"]].assign(rare=rare)
    level = "'y'" if column == "text" else "1"
    message = rf"confounder 'rare' = {level} occurs only in arm mst \(3 patients\)"
    with pytest.raises(InputError, match=message):
        propensity_scores(cohort.arm, covariates)
    with pytest.raises(InputError, match=message):
        match_nearest(cohort.arm, covariates)
    for method, estimand in (("iptw", "ATE"), ("aiptw", "ATE"), ("gcomp", "ATO")):
        with pytest.raises(InputError, match=message):
            adjusted_risks(cohort.os_day, cohort.os_status, cohort.arm, covariates, times=[365], method=method,
                           estimand=estimand)
    # G-computation of the ATE fits no propensity model: the Cox model extrapolates, as ate does.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        fit = adjusted_risks(cohort.os_day, cohort.os_status, cohort.arm, covariates, times=[365])
    assert np.isfinite(fit.risk).all()


def test_complete_separation_says_so(cohort):
    covariates = pd.DataFrame({"x": (cohort.arm == "mst") * 10.0 + cohort.age / 100})
    with pytest.raises(InputError, match="fitted probabilities numerically 0 or 1"):
        propensity_scores(cohort.arm, covariates)


@pytest.mark.parametrize("method", ["gcomp", "iptw", "aiptw"])
def test_an_arm_without_events_is_refused(cohort, method):
    # Before: the MST arm's risk came out as 5e-10 with an SE of 1e-10 and the ratio's p-value as 0.
    status = np.where(cohort.arm == "mst", 0, cohort.os_status)
    with pytest.raises(InputError, match=r"arm mst has no event \(\d+ patients, all censored\)"):
        adjusted_risks(cohort.os_day, status, cohort.arm, cohort[["age"]], times=[365], method=method)
    relapse = np.where((cohort.arm == "mst") & (cohort.relapse_status == 1), 2, cohort.relapse_status)
    with pytest.raises(InputError, match="arm mst has no event of cause 1"):
        adjusted_risks(cohort.relapse_day, relapse, cohort.arm, cohort[["age"]], times=[365], method=method)


def test_a_competing_cause_absent_from_one_arm_is_accepted(cohort):
    # That arm's competing hazard is ~0, which is what the data say: the risk of cause 1 stays finite
    # and the three estimators agree within sampling error.
    relapse = np.where((cohort.arm == "mst") & (cohort.relapse_status == 2), 1, cohort.relapse_status)
    fits = {}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the cause-2 Cox model's infinite arm coefficient
        for method in ("gcomp", "iptw", "aiptw"):
            fits[method] = adjusted_risks(cohort.relapse_day, relapse, cohort.arm, cohort[["age"]], times=[365],
                                          method=method, cause=1)
    for fit in fits.values():
        assert np.isfinite(fit.risk_se).all() and (fit.risk_se > 0.01).all()
    np.testing.assert_allclose(fits["gcomp"].risk, fits["aiptw"].risk, atol=0.1)


def test_times_beyond_an_arms_follow_up_warn(cohort):
    last = cohort.os_day[cohort.arm == "mst"].max()
    with pytest.warns(BeyondFollowUpWarning, match=f"beyond the last follow-up of arm mst \\({last:g}\\)"):
        adjusted_risks(cohort.os_day, cohort.os_status, cohort.arm, cohort[["age"]], times=[100, last + 1],
                       method="iptw")
    with warnings.catch_warnings():
        warnings.simplefilter("error", BeyondFollowUpWarning)
        adjusted_risks(cohort.os_day, cohort.os_status, cohort.arm, cohort[["age"]],
                       times=[100, cohort.os_day.groupby(cohort.arm).max().min()], method="iptw")


def test_no_control_within_the_caliper_names_the_width(cohort):
    age = cohort.age + np.random.default_rng(1).random(len(cohort))
    with pytest.raises(InputError, match=r"caliper \(1e-09 SD of the score logit = .* logit units\); widen"):
        match_nearest(cohort.arm, age, caliper=1e-9)


# --- the command line -------------------------------------------------------------------------

ARMS = ["--treatment", "arm", "--adjust", "age,risk"]


def test_text_in_a_numeric_confounder_is_named(cohort, tmp_path, capsys):
    # Before: age was read as text and fitted as a categorical covariate with one level per age.
    frame = cohort.assign(age=cohort.age.astype(str))
    frame.loc[5, "age"] = "unknown"
    path = _csv(tmp_path, frame)
    for command in (["balance", path], ["adjusted-curves", path, "--endpoint", "os", "--times", "365"]):
        line = _error_line(*_run([*command, *ARMS], capsys)[::2])
        assert "cohort.csv, column age: 'unknown' (1 row(s)) not a number" in line and "-c age" in line


def test_missing_confounders_leave_complete_cases(cohort, tmp_path, capsys):
    frame = cohort.copy()
    frame.loc[[1, 2], "age"] = np.nan
    frame.loc[3, "arm"] = None
    code, out, err = _run(["balance", _csv(tmp_path, frame), *ARMS], capsys)
    assert code == 0 and "3 row(s) with a missing arm or age or risk left out" in err
    sizes = [int(line.split(" n = ")[1].split(",")[0]) for line in err.splitlines() if " n = " in line]
    assert len(sizes) == 2 and sum(sizes) == len(cohort) - 3


@pytest.mark.parametrize(("times", "message"), [
    ("-5,100", "--times '-5,100': -5 is not a day >= 0"),
    (",", "--times ',': give at least one day"),
    ("100,abc", "'abc' is not a number"),
    ("100,5000", "--times 5000 lies beyond the last follow-up of arm"),
])
def test_times_are_checked(cohort, tmp_path, capsys, times, message):
    path = _csv(tmp_path, cohort)
    line = _error_line(*_run(["adjusted-curves", path, "--endpoint", "os", *ARMS, "--times", times], capsys)[::2])
    assert message in line


def test_times_bound_is_the_shorter_followed_arm(cohort, tmp_path, capsys):
    path = _csv(tmp_path, cohort)
    last = cohort.os_day.groupby(cohort.arm).max()
    shorter = last.idxmin()
    line = _error_line(*_run(["adjusted-curves", path, "--endpoint", "os", *ARMS, "--times",
                              f"{last.min() + 1:g}"], capsys)[::2])
    assert f"arm {shorter} (day {last.min():g})" in line and f"Choose days up to {last.min():g}" in line
    code, _, _ = _run(["adjusted-curves", path, "--endpoint", "os", *ARMS, "--times", f"{last.min():g}"], capsys)
    assert code == 0


@pytest.mark.parametrize(("args", "message"), [
    (["balance", "--method", "match", "--estimand", "ATO"], "--estimand: for --method iptw"),
    (["balance", "--method", "match", "--trim", "0.1", "--stabilize"], "--stabilize, --trim: for --method iptw"),
    (["balance", "--caliper", "0.1"], "--caliper: for --method match"),
    (["balance", "--estimand", "atc"], "--estimand 'atc': expected ATE"),
    (["balance", "--trim", "0.6"], "--trim 0.6: expected a number between 0 and 0.5"),
    (["balance", "--trim", "0"], "--trim 0: expected a number between 0 and 0.5"),
    (["balance", "--truncate", "1.5"], "--truncate 1.5: expected a number between 0.5 and 1"),
    (["balance", "--method", "match", "--caliper", "0"], "--caliper 0: expected a positive number"),
    (["balance", "--sd", "mean"], "--sd 'mean': expected pooled, treated or control"),
    (["balance", "--treated", "allo"], "treated='allo' is not one of the arms ['chemo', 'mst']"),
    (["adjusted-curves", "--endpoint", "os", "--method", "aiptw", "--estimand", "att"],
     "--estimand ATT with --method aiptw"),
    (["adjusted-curves", "--endpoint", "os", "--estimand", "ATC"], "--estimand 'ATC'"),
    (["adjusted-curves", "--endpoint", "os", "--method", "km"], "--method 'km': expected gcomp, iptw or aiptw"),
    (["adjusted-curves", "--endpoint", "pfs"], "no column ['pfs_day', 'pfs_status']; endpoints present"),
    (["adjusted-curves"], "give --endpoint NAME"),
])
def test_options_are_checked_before_any_work(cohort, tmp_path, capsys, args, message):
    path = _csv(tmp_path, cohort)
    code, out, err = _run([args[0], path, *ARMS, *args[1:]], capsys)
    assert message in _error_line(code, err) and out == ""


@pytest.mark.parametrize(("adjust", "extra", "message"), [
    ("age,arm", [], "arm is the treatment (--treatment), not a confounder"),
    ("age", ["-c", "risk"], "-c risk: not among the confounders (age); add it to --adjust"),
])
def test_confounder_names_are_checked(cohort, tmp_path, capsys, adjust, extra, message):
    path = _csv(tmp_path, cohort)
    code, _, err = _run(["balance", path, "--treatment", "arm", "--adjust", adjust, *extra], capsys)
    assert message in _error_line(code, err)


def test_a_repeated_confounder_counts_once(cohort, tmp_path, capsys):
    # Before: --adjust age,age stopped on "unexpected error (ValueError: matmul ...)".
    path = _csv(tmp_path, cohort)
    twice = _run(["balance", path, "--treatment", "arm", "--adjust", "age,age"], capsys)
    once = _run(["balance", path, "--treatment", "arm", "--adjust", "age"], capsys)
    assert twice[0] == 0 and twice[1] == once[1]


@pytest.mark.parametrize("case", ["one arm", "three arms", "separated"])
def test_arms_that_cannot_be_compared(cohort, tmp_path, capsys, case):
    frame = {"one arm": cohort.assign(arm="mst"),
             "three arms": cohort.assign(arm=np.resize(["mst", "chemo", "allo"], len(cohort))),
             "separated": cohort.assign(risk=np.where(cohort.arm == "mst", "high", "low"))}[case]
    message = {"one arm": "treatment has 1 distinct value ['mst']; an adjusted comparison needs exactly two arms",
               "three arms": "3 distinct values ['allo', 'chemo', 'mst']",
               "separated": "confounder 'risk' = 'high' occurs only in arm mst"}[case]
    line = _error_line(*_run(["balance", _csv(tmp_path, frame), *ARMS], capsys)[::2])
    assert line.startswith("error: cohort.csv: ") and message in line


def test_an_arm_without_events_through_the_command(cohort, tmp_path, capsys):
    frame = cohort.assign(os_status=np.where(cohort.arm == "mst", 0, cohort.os_status))
    line = _error_line(*_run(["adjusted-curves", _csv(tmp_path, frame), "--endpoint", "os", *ARMS,
                              "--times", "100"], capsys)[::2])
    assert "cohort.csv: os: arm mst has no event" in line


def test_estimator_warnings_are_one_line_each(cohort, tmp_path, capsys):
    # A category without events makes the outcome Cox model's coefficient infinite; the command
    # says so in one line instead of Python's "file:line: ConvergenceWarning" and source dump.
    # The curves for --plot refit the models: the same warning again, printed once.
    frame = cohort.assign(risk=np.where(cohort.os_status == 1, cohort.risk, "none"))
    code, _, err = _run(["adjusted-curves", _csv(tmp_path, frame), "--endpoint", "os", *ARMS, "--times", "365",
                         "--plot", tmp_path / "curves.png"], capsys)
    assert code == 0
    assert " ".join(err.split()).count("warning: cox_ph: the log-likelihood converged before ['risknone']") == 1
    assert ".py:" not in err and "ConvergenceWarning" not in err


def test_unmatched_treated_are_reported(cohort, tmp_path, capsys):
    frame = cohort.assign(age=cohort.age + np.random.default_rng(1).random(len(cohort)))
    code, _, err = _run(["balance", _csv(tmp_path, frame), *ARMS, "--method", "match", "--caliper", "0.001"],
                        capsys)
    flat = " ".join(err.split())
    assert code == 0 and "treated patients" in flat and "found no control within the caliper" in flat


def test_time_and_event_columns_equal_the_endpoint(cohort, tmp_path, capsys):
    path = _csv(tmp_path, cohort)
    by_endpoint = _run(["adjusted-curves", path, "--endpoint", "relapse", *ARMS, "--times", "100,365"], capsys)
    by_columns = _run(["adjusted-curves", path, "--time", "relapse_day", "--event", "relapse_status", *ARMS,
                       "--times", "100,365"], capsys)
    assert by_endpoint[0] == by_columns[0] == 0 and by_endpoint[1] == by_columns[1]
    risks = pd.read_csv(io.StringIO(by_columns[1].split("\n\n")[0]))
    expected = adjusted_risks(cohort.relapse_day, cohort.relapse_status, cohort.arm, cohort[["age", "risk"]],
                              times=[100, 365], cause=1)
    np.testing.assert_allclose(risks.risk, expected.to_frame().risk, rtol=1e-12)


def test_parquet_equals_csv(cohort, tmp_path, capsys):
    csv = _run(["balance", _csv(tmp_path, cohort), *ARMS], capsys)
    cohort.to_parquet(tmp_path / "cohort.parquet", index=False)
    parquet = _run(["balance", tmp_path / "cohort.parquet", *ARMS], capsys)
    assert csv[0] == parquet[0] == 0 and csv[1] == parquet[1]


def test_a_figure_is_written_whole_or_not_at_all(cohort, tmp_path, capsys, monkeypatch):
    path = _csv(tmp_path, cohort)
    folder = tmp_path / "love.png"
    folder.mkdir()
    code, out, err = _run(["balance", path, *ARMS, "--love-plot", folder], capsys)
    assert "--love-plot" in _error_line(code, err) and "is a folder" in err and out == ""
    existing = tmp_path / "curves.png"
    existing.write_bytes(b"the figure of last week")

    def broken(self, target, **kwargs):
        with open(target, "wb") as partial:
            partial.write(b"half a png")
        raise OSError(28, "No space left on device", str(target))

    import matplotlib.figure

    monkeypatch.setattr(matplotlib.figure.Figure, "savefig", broken)
    code, _, err = _run(["adjusted-curves", path, "--endpoint", "os", *ARMS, "--times", "365",
                         "--plot", existing], capsys)
    assert code == 1 and "No space left on device" in err
    assert existing.read_bytes() == b"the figure of last week"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cohort.csv", "curves.png", "love.png"]


# --- weighted curves and models fed with propensity weights ------------------------------------


def test_weights_are_called_weights_in_every_weighted_estimator(cohort):
    # Before: cox_ph and fine_gray said "weights[0] is -1.0; expected a finite time >= 0".
    from graftline.stats import cox_ph, cumulative_incidence, fine_gray, kaplan_meier

    bad = np.r_[-1.0, np.ones(len(cohort) - 1)]
    calls = [lambda w: kaplan_meier(cohort.os_day, cohort.os_status, cohort.arm, weights=w),
             lambda w: cumulative_incidence(cohort.relapse_day, cohort.relapse_status, cohort.arm, weights=w),
             lambda w: cox_ph(cohort.os_day, cohort.os_status, cohort[["age"]], weights=w),
             lambda w: fine_gray(cohort.relapse_day, cohort.relapse_status, cohort[["age"]], weights=w)]
    for call in calls:
        with pytest.raises(InputError, match=r"weights\[0\] = -1.0; expected a finite weight > 0"):
            call(bad)
        with pytest.raises(InputError, match=r"weights\[0\] = 'a' is not a number; expected a weight > 0"):
            call(np.array(["a"] * len(cohort), dtype=object))


def test_trimmed_patients_weight_zero_is_explained(cohort):
    from graftline.stats import kaplan_meier, propensity_weights

    w = propensity_weights(cohort.arm, cohort[["age"]], trim=0.3)
    assert (w == 0).any()
    with pytest.raises(InputError, match="weight 0: trimmed or unmatched patients"):
        kaplan_meier(cohort.os_day, cohort.os_status, cohort.arm, weights=w)
    kept = w > 0
    fit = kaplan_meier(cohort.os_day[kept], cohort.os_status[kept], cohort.arm[kept], weights=w[kept])
    assert np.isfinite(fit.to_frame().survival).all()


def test_trimming_says_how_many_patients_left(cohort, tmp_path, capsys):
    # Before: "IPTW (ATE)" and the arms' n, as if every patient were still in the comparison.
    from graftline.stats import propensity_weights

    code, _, err = _run(["balance", _csv(tmp_path, cohort), *ARMS, "--trim", "0.3"], capsys)
    left_out = int((propensity_weights(cohort.arm, cohort[["age", "risk"]], trim=0.3) == 0).sum())
    flat = " ".join(err.split())
    assert code == 0 and 0 < left_out < len(cohort)
    assert f"--trim 0.3: {left_out} of {len(cohort)} patients with a score below 0.3 or above 0.7" in flat
    assert "IPTW (ATE, trimmed to scores in [0.3, 0.7])" in flat


# --- balance --weights-out: from the balance table to a weighted analysis ----------------------


@pytest.mark.parametrize("method", ["iptw", "match"])
def test_weights_out_feeds_a_weighted_cox_model(cohort, tmp_path, capsys, method):
    from graftline.stats import cox_ph, match_nearest, propensity_weights

    covariates = cohort[["age", "risk"]]
    options = ["--trim", "0.25"] if method == "iptw" else ["--method", "match", "--caliper", "0.5"]
    out = tmp_path / "weights.parquet"
    code, _, err = _run(["balance", _csv(tmp_path, cohort), *ARMS, *options, "--weights-out", out], capsys)
    assert code == 0 and "--weights weight" in err
    written = pd.read_parquet(out)
    if method == "iptw":
        expected = propensity_weights(cohort.arm, covariates, trim=0.25)
    else:
        matched = match_nearest(cohort.arm, covariates, caliper=0.5)
        expected = matched.weights
        # every written patient is in a matched set, and each set holds one treated patient
        assert (written.pair > 0).all()
        assert (written[written.arm == "mst"].groupby("pair").size() == 1).all()
    kept = expected > 0
    assert 0 < kept.sum() < len(cohort)  # trimming / the caliper left someone out
    np.testing.assert_allclose(written.weight, expected[kept], rtol=1e-12)
    pd.testing.assert_frame_equal(written[cohort.columns], cohort[kept].reset_index(drop=True))
    # The chain the note suggests runs: an IPTW-weighted Cox model on the written file.
    code, out_text, err = _run(["cox", out, "--endpoint", "os", "--covariates", "arm", "--weights", "weight",
                                "--csv"], capsys)
    assert code == 0, err
    fit = cox_ph(written.os_day, written.os_status, pd.DataFrame({"arm": written.arm}), weights=written.weight)
    np.testing.assert_allclose(pd.read_csv(io.StringIO(out_text)).coef, fit.coef, rtol=1e-9)


def test_weights_out_is_checked_before_any_work(cohort, tmp_path, capsys):
    path = _csv(tmp_path, cohort)
    code, out, err = _run(["balance", path, *ARMS, "--weights-out", tmp_path / "w.txt"], capsys)
    assert "expected a .csv, .parquet or .xlsx file name" in _error_line(code, err) and out == ""
    code, out, err = _run(["balance", _csv(tmp_path, cohort.assign(weight=1.0), "w.csv"), *ARMS,
                           "--weights-out", tmp_path / "out.csv"], capsys)
    assert "already has a column ['weight']" in _error_line(code, err) and out == ""


def test_a_01_arm_with_a_missing_value_keeps_its_labels(cohort, tmp_path, capsys):
    # One missing arm makes pandas read 0/1 as 0.0/1.0. Before: --treated 1 was "not one of the
    # arms [0.0, 1.0]" and the arms printed as 1.0 and 0.0.
    frame = cohort.assign(arm=(cohort.arm == "mst").astype(float))
    frame.loc[0, "arm"] = np.nan
    code, out, err = _run(["balance", _csv(tmp_path, frame), "--treatment", "arm", "--adjust", "age",
                           "--treated", "0"], capsys)
    assert code == 0, err
    assert "treated arm 0: n = " in err and "control arm 1: n = " in err


def test_an_outcome_column_as_confounder_is_flagged(cohort, tmp_path, capsys):
    # relapse_status (with relapse_day beside it) is an endpoint, measured after treatment; a baseline
    # column that merely ends in _status (CMV serostatus) is not flagged.
    frame = cohort.assign(cmv_status=np.arange(len(cohort)) % 2)
    code, _, err = _run(["balance", _csv(tmp_path, frame), "--treatment", "arm", "--adjust",
                         "age,cmv_status,relapse_status", "-c", "relapse_status"], capsys)
    flat = " ".join(err.split())
    assert code == 0 and flat.count("warning: --adjust") == 1
    assert "--adjust relapse_status: part of the endpoint relapse" in flat


def test_days_before_an_arms_first_event(cohort, tmp_path, capsys):
    # Before: the ratio was inf with a NumPy "divide by zero" warning, and a ratio of 0 with an SE of 0
    # had p = 0. Now the command says why, and p is NaN where the SE is 0.
    first = cohort[cohort.os_status == 1].groupby("arm").os_day.min()
    late, day = first.idxmax(), float(first.max()) - 0.5
    code, out, err = _run(["adjusted-curves", _csv(tmp_path, cohort), "--endpoint", "os", *ARMS, "--method", "iptw",
                           "--times", f"{day:g},365"], capsys)
    flat = " ".join(err.split())
    assert code == 0 and f"arm {late} has no os event before day {first.max():g}: at day {day:g}" in flat
    assert "divide by zero" not in flat
    contrasts = pd.read_csv(io.StringIO(out.split("\n\n")[1]))
    early = contrasts[contrasts.time == day].set_index("contrast")
    assert not np.isfinite(early.loc["ratio", "p_value"])
    assert np.isfinite(early.loc["difference", "p_value"])
