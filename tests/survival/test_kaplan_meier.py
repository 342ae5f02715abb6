"""kaplan_meier against R survfit (tests/reference/survival_km_logrank.R), a
naive second implementation, identities and bad input."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from tolerances import TOLERANCE

from graftline.errors import InputError
from graftline.stats import kaplan_meier

CLOSED = TOLERANCE["closed_form"]
COLUMNS = ["n_risk", "n_event", "survival", "std_err", "lower", "upper"]


def _fit(case: pd.DataFrame, grouped: bool, conf_type: str):
    group = case["group"] if grouped else None
    return kaplan_meier(case["time"], case["event"], group, conf_type=conf_type)


def _r_rows(frame: pd.DataFrame, name: str, grouped: bool, conf_type: str) -> pd.DataFrame:
    rows = frame[(frame.case == name) & (frame.grouped == grouped) & (frame.conf_type == conf_type)]
    return rows.drop(columns=["case", "grouped", "conf_type"]).reset_index(drop=True)


def _assert_frames_match(ours: pd.DataFrame, r: pd.DataFrame, columns: list[str]) -> None:
    assert list(ours["group"].astype(str)) == list(r["group"].astype(str))
    np.testing.assert_array_equal(ours["time"].to_numpy(), r["time"].to_numpy())
    for column in columns:
        # NaN where R has NA (e.g. the variance where the curve reaches 0).
        np.testing.assert_allclose(ours[column].to_numpy(float), r[column].to_numpy(float),
                                   equal_nan=True, err_msg=column, **CLOSED)


CASES = ["bmt_dfs", "bmt_platelet", "ebmt3_rfs", "ebmt3_platelet", "ties", "noevent",
         "single", "censored"]


@pytest.mark.parametrize("conf_type", ["log", "log-log", "plain"])
@pytest.mark.parametrize("grouped", [False, True])
@pytest.mark.parametrize("name", CASES)
def test_summary_rows_equal_r_survfit(survival_cases, survival_fixtures, name, grouped, conf_type):
    # R: summary(survfit(Surv(time, event) ~ group, data = d, conf.type = ct))
    expected = _r_rows(pd.read_csv(survival_fixtures / "survival_km_summary.csv"), name, grouped, conf_type)
    ours = _fit(survival_cases[name], grouped, conf_type).to_frame()
    if name == "censored":
        assert expected.empty and ours.empty  # no events: R's summary has no rows
        return
    _assert_frames_match(ours, expected, COLUMNS)


@pytest.mark.parametrize("conf_type", ["log", "log-log", "plain"])
@pytest.mark.parametrize("grouped", [False, True])
@pytest.mark.parametrize("name", CASES)
def test_median_and_limits_equal_r_print(survival_cases, survival_fixtures, name, grouped, conf_type):
    # R: summary(fit)$table[, c("median", "0.95LCL", "0.95UCL")] (what print(fit) shows)
    expected = _r_rows(pd.read_csv(survival_fixtures / "survival_km_median.csv"), name, grouped, conf_type)
    ours = _fit(survival_cases[name], grouped, conf_type).median()
    assert list(ours["group"].astype(str)) == list(expected["group"].astype(str))
    for ours_col, r_col in [("median", "median"), ("lower", "lcl"), ("upper", "ucl")]:
        np.testing.assert_allclose(ours[ours_col].to_numpy(float), expected[r_col].to_numpy(float),
                                   equal_nan=True, err_msg=ours_col, **CLOSED)


@pytest.mark.parametrize("conf_type", ["log", "log-log", "plain"])
@pytest.mark.parametrize("grouped", [False, True])
@pytest.mark.parametrize("name", ["bmt_dfs", "ebmt3_rfs", "ties", "noevent", "censored"])
def test_at_times_equal_r_summary_times(survival_cases, survival_fixtures, name, grouped, conf_type):
    # R: summary(fit, times = c(0, 1, 5, 10, 30, 100, 365, 1000)) for times <= max(time).
    expected = _r_rows(pd.read_csv(survival_fixtures / "survival_km_at.csv"), name, grouped, conf_type)
    case = survival_cases[name]
    times = [t for t in (0, 1, 5, 10, 30, 100, 365, 1000) if t <= case["time"].max()]
    ours = _fit(case, grouped, conf_type).at(times)
    # R drops times after a group's last follow-up; we keep them as NaN rows.
    ours = ours[ours["survival"].notna()].reset_index(drop=True)
    _assert_frames_match(ours, expected, COLUMNS)


def _naive_kaplan_meier(time, event):
    """Textbook loop over distinct event times (a deliberately different implementation)."""
    rows = []
    survival, greenwood = 1.0, 0.0
    for t in sorted(set(time[event == 1])):
        at_risk = np.sum(time >= t)
        deaths = np.sum((time == t) & (event == 1))
        survival *= 1 - deaths / at_risk
        if at_risk > deaths:
            greenwood += deaths / (at_risk * (at_risk - deaths))
        rows.append((t, at_risk, deaths, survival, survival * np.sqrt(greenwood)))
    return np.array(rows)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_equals_naive_loop_on_random_data(seed):
    rng = np.random.default_rng(seed)
    n = 400
    time = np.round(rng.exponential(10, n), 1)  # rounding creates ties
    event = (rng.random(n) < 0.7).astype(int)
    group = rng.choice(["chemo", "msc", "mst"], n)
    fit = kaplan_meier(time, event, group).to_frame()
    for label in ("chemo", "msc", "mst"):
        members = group == label
        naive = _naive_kaplan_meier(time[members], event[members])
        ours = fit[fit.group == label]
        np.testing.assert_allclose(ours[["time", "n_risk", "n_event", "survival"]].to_numpy(float),
                                   naive[:, :4], **CLOSED)
        finite = naive[:, 3] > 0
        np.testing.assert_allclose(ours["std_err"].to_numpy()[finite], naive[finite, 4], **CLOSED)


def test_identities_monotone_within_limits_and_deterministic(survival_cases):
    case = survival_cases["ebmt3_rfs"]
    fit = kaplan_meier(case["time"], case["event"], case["group"], conf_type="log-log")
    for k in range(len(fit.groups)):
        s = fit.survival[fit.group_index == k]
        assert np.all(np.diff(s) <= 0) and s[0] <= 1 and s[-1] >= 0
    ok = ~np.isnan(fit.lower)
    assert np.all(fit.lower[ok] <= fit.survival[ok]) and np.all(fit.survival[ok] <= fit.upper[ok])
    # One group per subject: the total number at risk at time 0 is every subject.
    assert fit.n_risk[np.r_[True, np.diff(fit.group_index) != 0]].sum() == len(case)
    again = kaplan_meier(case["time"], case["event"], case["group"], conf_type="log-log")
    assert fit.to_frame().to_csv().encode() == again.to_frame().to_csv().encode()


def test_one_subject_per_group_and_group_without_events(survival_cases):
    # Hand-built: two censored subjects in "b" (no events) keep S = 1 there.
    fit = kaplan_meier([2, 4, 6, 3, 9], [1, 0, 1, 0, 0], ["a", "a", "a", "b", "b"])
    frame = fit.to_frame()
    assert set(frame.group) == {"a"}
    np.testing.assert_allclose(frame.survival, [2 / 3, 0.0])
    # "b" never drops below S = 1, so it has no median (R prints NA).
    assert np.isnan(fit.median().set_index("group").loc["b", "median"])


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [({"time": [1, -3], "event": [1, 0]}, r"time\[1\] is -3.0; expected a finite time >= 0"),
     ({"time": [1, float("nan")], "event": [1, 0]}, r"time\[1\] is missing"),
     ({"time": [1, 2], "event": [1, 2]}, r"event\[1\] = 2"),
     ({"time": [1, 2], "event": [1, 0], "group": ["a"]}, "group has 1 values but time has 2"),
     ({"time": [1, 2], "event": [1, 0], "conf_type": "logit"}, "conf_type 'logit' is not one of"),
     ({"time": [1, 2], "event": [1, 0],
       "group": pd.Categorical(["a", "a"], categories=["a", "b"])}, r"level \['b'\] with no subjects")],
)
def test_bad_input_is_named(kwargs, message):
    with pytest.raises(InputError, match=message):
        kaplan_meier(**kwargs)


def test_plot_draws_one_step_curve_per_group(survival_cases):
    import matplotlib

    matplotlib.use("Agg")
    case = survival_cases["bmt_dfs"]
    ax = kaplan_meier(case["time"], case["event"], case["group"]).plot()
    assert [line.get_label() for line in ax.get_lines()] == ["1", "2", "3"]
    # The first curve starts at S = 1 at time 0 and follows the fitted values.
    x, y = ax.get_lines()[0].get_data()
    assert x[0] == 0 and y[0] == 1


def test_at_rejects_bad_times():
    fit = kaplan_meier([1, 2, 3], [1, 0, 1])
    with pytest.raises(InputError, match=r"times\[0\] is -5.0"):
        fit.at([-5, 2])
