"""multistate() against R survival 3.5 on mstate's ebmt4 (six-state EBMT model).

Expected values: tests/reference/multistate_ebmt4.R (R 4.2, survival 3.5-3)
converts ebmt4 (2279 patients) to survival's long format with tmerge and
writes survfit(Surv(tstart, tstop, state) ~ 1, id = id, istate = istate)
(unweighted, weighted with w = 0.5 + (id %% 7) / 4, and ~ proph): pstate,
std.err (infinitesimal jackknife), n.risk, n.event, n.censor at every time,
summary(fit, times = c(100, 365, 1825)) with cumhaz and log limits, and
rmean / se(rmean) at 1825 days (influence = TRUE).
"""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest
from tolerances import TOLERANCE

from graftline.stats.multistate import TransitionMatrix, multistate
from graftline.stats.multistate.wide import from_wide

EBMT4_EVENTS = {"platelet_recovery": ("rec", "rec.s"), "agvhd": ("ae", "ae.s"),
                "recovery_agvhd": ("recae", "recae.s"), "relapse": ("rel", "rel.s"),
                "death": ("srv", "srv.s")}


@pytest.fixture(scope="module")
def reference(fixtures_dir):
    return json.loads((fixtures_dir / "multistate_ebmt4.json").read_text())


@pytest.fixture(scope="module")
def long(fixtures_dir):
    data = pd.read_csv(fixtures_dir / "multistate_ebmt4_long.csv")
    data["w"] = 0.5 + (data.id % 7) / 4
    return data


@pytest.fixture(scope="module")
def fits(long):
    model = TransitionMatrix.ebmt6()
    return {
        "all": multistate(long, initial="transplant", transitions=model),
        "weighted": multistate(long, initial="transplant", transitions=model, weights="w"),
    }


def _case(reference, name):
    return next(c for c in reference["cases"] if c["case"] == name)


@pytest.mark.parametrize("name", ["all", "weighted"])
def test_pstate_and_std_err_at_chosen_days(reference, fits, name):
    case = _case(reference, name)
    assert tuple(case["states"]) == fits[name].states
    got = fits[name].probabilities(reference["times"])
    shape = (len(reference["times"]), len(case["states"]))
    np.testing.assert_allclose(got.probability.to_numpy().reshape(shape), case["pstate"], **TOLERANCE["closed_form"])
    np.testing.assert_allclose(got.se.to_numpy().reshape(shape), case["std_err"], **TOLERANCE["closed_form"])
    np.testing.assert_allclose(got.lower.to_numpy().reshape(shape), case["lower"], **TOLERANCE["closed_form"])
    np.testing.assert_allclose(got.upper.to_numpy().reshape(shape), case["upper"], **TOLERANCE["closed_form"])


@pytest.mark.parametrize("name", ["all", "weighted"])
def test_every_time_of_the_grid_equals_survfit(reference, fits, name):
    full = _case(reference, name)["full"]
    fit = fits[name].fits["all"]
    np.testing.assert_array_equal(fit.time, full["time"])
    np.testing.assert_allclose(fit.probability, full["pstate"], **TOLERANCE["closed_form"])
    # every one of the 1600 times x 6 states, IJ standard error included
    np.testing.assert_allclose(fit.std_err, full["std_err"], **TOLERANCE["closed_form"])
    np.testing.assert_array_equal(fit.n_risk, full["n_risk"])
    np.testing.assert_array_equal(fit.n_event, full["n_event"])
    np.testing.assert_array_equal(fit.n_censor, full["n_censor"])


def test_cumulative_hazard_per_transition(reference, fits):
    case = _case(reference, "all")
    result = fits["all"]
    frame = result.cumulative_hazard()
    states = result.states
    for k, name in enumerate(case["cumhaz_names"]):   # R names transitions "from.to" by state number
        a, b = (states[int(i) - 1] for i in name.split("."))
        curve = frame[(frame.from_state == a) & (frame.to_state == b)]
        at = np.searchsorted(curve.time.to_numpy(), reference["times"], side="right") - 1
        np.testing.assert_allclose(curve.cumulative_hazard.to_numpy()[at],
                                   [row[k] for row in case["cumhaz"]], **TOLERANCE["closed_form"])
    # transitions carry mstate's numbers (the tutorial's transMat for ebmt4)
    numbering = frame.drop_duplicates("transition").sort_values("transition")
    assert [tuple(r) for r in numbering[["transition", "from_state", "to_state"]].itertuples(index=False)] == [
        (1, "transplant", "platelet_recovery"), (2, "transplant", "agvhd"), (3, "transplant", "relapse"),
        (4, "transplant", "death"), (5, "platelet_recovery", "recovery_agvhd"),
        (6, "platelet_recovery", "relapse"), (7, "platelet_recovery", "death"),
        (8, "agvhd", "recovery_agvhd"), (9, "agvhd", "relapse"), (10, "agvhd", "death"),
        (11, "recovery_agvhd", "relapse"), (12, "recovery_agvhd", "death")]


def test_groups_equal_survfit_strata(reference, long):
    proph = reference["proph"]
    result = multistate(long, initial="transplant", transitions=TransitionMatrix.ebmt6(), group="proph")
    assert result.groups == ("no", "yes")
    got = result.probabilities(reference["times"])
    shape = (2 * len(reference["times"]), len(proph["states"]))
    np.testing.assert_allclose(got.probability.to_numpy().reshape(shape), proph["pstate"], **TOLERANCE["closed_form"])
    np.testing.assert_allclose(got.se.to_numpy().reshape(shape), proph["std_err"], **TOLERANCE["closed_form"])


def test_sojourn_equals_rmean_and_its_se(reference, fits):
    expected = reference["rmean"]
    got = fits["all"].sojourn(expected["tau"])
    assert got.state.tolist() == expected["states"]
    np.testing.assert_allclose(got.rmean, expected["rmean"], **TOLERANCE["closed_form"])
    np.testing.assert_allclose(got.se, expected["se"], **TOLERANCE["closed_form"])
    assert got.rmean.sum() == pytest.approx(expected["tau"], rel=1e-12)


def test_from_wide_builds_the_same_long_data_as_tmerge(fixtures_dir, long):
    """mstate's msprep rules on the wide ebmt4 give R's tmerge rows (tmerge also
    splits at censored event times; those splits are merged before comparing)."""
    wide = pd.read_csv(fixtures_dir / "cmprsk_ebmt4.csv")
    ours = from_wide(wide, TransitionMatrix.ebmt6(), events=EBMT4_EVENTS, keep=["proph"]).frame
    r = long.sort_values(["id", "tstart"]).reset_index(drop=True)
    # a row starts a new stay unless it continues a censored row of the same patient
    continues = (r.id == r.id.shift(1)) & (r.state.shift(1) == "censor")
    stay = (~continues).cumsum()
    r["tstart"] = r.groupby(stay).tstart.transform("min")
    merged = r[stay != stay.shift(-1)].reset_index(drop=True)
    assert len(ours) == len(merged) == 4631
    np.testing.assert_array_equal(ours.id, merged.id)
    np.testing.assert_array_equal(ours.tstart, merged.tstart)
    np.testing.assert_array_equal(ours.tstop, merged.tstop)
    np.testing.assert_array_equal(ours.state, merged.state)
    np.testing.assert_array_equal(ours.proph, merged.proph)
