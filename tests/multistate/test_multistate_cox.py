"""multistate_cox() against R survival 3.5's multi-state coxph and survfit.coxphms.

Expected values: tests/reference/multistate_cox_ebmt4.R (R 4.2, survival
3.5-3) fits coxph(Surv(tstart, tstop, state) ~ year + agecl + proph + match,
id = id, istate = istate) on mstate's ebmt4 in long format (six states, 12
transitions, 72 coefficients), Efron (R's default call) and Breslow, and
writes coefficients, robust and model-based SEs, log-likelihoods, and
survfit(fit, newdata = two profiles) state probabilities (stype 1 and 2) at
days 100, 365, 1825 and (Efron) at every time of the grid.
"""

from __future__ import annotations

import json
import warnings

import numpy as np
import pandas as pd
import pytest
from tolerances import TOLERANCE

from graftline.errors import InputError
from graftline.stats import cox_ph
from graftline.stats.multistate import TransitionMatrix, multistate, multistate_cox

LEVELS = {"year": ["1985-1989", "1990-1994", "1995-1998"], "agecl": ["<=20", "20-40", ">40"],
          "proph": ["no", "yes"], "match": ["no gender mismatch", "gender mismatch"]}
COVARIATES = list(LEVELS)


@pytest.fixture(scope="module")
def reference(fixtures_dir):
    return json.loads((fixtures_dir / "multistate_cox_ebmt4.json").read_text())


@pytest.fixture(scope="module")
def long(fixtures_dir):
    data = pd.read_csv(fixtures_dir / "multistate_ebmt4_long.csv")
    for column, levels in LEVELS.items():   # R's factor levels (agecl is not in sorted order)
        data[column] = pd.Categorical(data[column], categories=levels)
    return data


@pytest.fixture(scope="module")
def fits(long):
    return {ties: multistate_cox(long, COVARIATES, initial="transplant",
                                 transitions=TransitionMatrix.ebmt6(), ties=ties)
            for ties in ("efron", "breslow")}


@pytest.mark.parametrize("ties", ["efron", "breslow"])
def test_coefficients_and_standard_errors(reference, fits, ties):
    r, fit = reference[ties], fits[ties]
    assert [f"{fit.states.index(a) + 1}:{fit.states.index(b) + 1}" for a, b in fit.transitions] == r["transitions"]
    assert list(fit.terms) == r["terms"] and list(fit.states) == r["states"]
    np.testing.assert_allclose(fit.coef, r["coef"], **TOLERANCE["same_iterations"])
    np.testing.assert_allclose(fit.naive_se, r["naive_se"], **TOLERANCE["same_iterations"])
    assert fit.robust   # ebmt4 patients have several transitions: R's se is the robust one
    np.testing.assert_allclose(fit.se, r["se"], **TOLERANCE["robust_variance"])
    np.testing.assert_allclose(fit.loglik, r["loglik"], **TOLERANCE["same_iterations"])


@pytest.mark.parametrize("ties", ["efron", "breslow"])
@pytest.mark.parametrize("stype", [1, 2])
def test_predicted_state_probabilities_at_chosen_days(reference, fits, ties, stype):
    r, fit = reference[ties], fits[ties]
    prediction = next(p for p in r["predictions"] if p["stype"] == stype)
    profiles = pd.DataFrame(r["profiles"])
    got = fit.predict(profiles, prediction["at_time"], method="product" if stype == 1 else "exp")
    for k in range(2):
        values = got[got.profile == k].probability.to_numpy().reshape(len(prediction["at_time"]), -1)
        np.testing.assert_allclose(values, prediction["at_pstate"][k], **TOLERANCE["same_iterations"])


@pytest.mark.parametrize("stype", [1, 2])
def test_predicted_state_probabilities_at_every_time(reference, fits, stype):
    r, fit = reference["efron"], fits["efron"]
    prediction = next(p for p in r["predictions"] if p["stype"] == stype)
    got = fit.predict(pd.DataFrame(r["profiles"]), method="product" if stype == 1 else "exp")
    for k in range(2):
        mine = got[got.profile == k]
        np.testing.assert_array_equal(mine.time.unique(), prediction["time"])   # R's grid by default
        values = mine.probability.to_numpy().reshape(len(prediction["time"]), -1)
        np.testing.assert_allclose(values, prediction["pstate"][k], **TOLERANCE["same_iterations"])
        np.testing.assert_allclose(values.sum(axis=1), 1.0, rtol=0, atol=1e-12)


@pytest.mark.parametrize("ties", ["efron", "breslow"])
def test_global_tests(reference, fits, ties):
    r, fit = reference[ties], fits[ties]
    assert fit.score.df == fit.wald.df == 72
    np.testing.assert_allclose(fit.score.statistic, r["score"][0], **TOLERANCE["same_iterations"])
    np.testing.assert_allclose(fit.wald.statistic, r["wald"][0], **TOLERANCE["robust_variance"])
    np.testing.assert_allclose(fit.robust_score.statistic, r["rscore"][0], **TOLERANCE["robust_variance"])


def test_weights_and_a_cluster_other_than_the_patient(reference, long):
    """Non-whole weights, robust variance over a made-up centre (id %% 150), as
    coxph(..., weights = w, cluster = centre)."""
    r = reference["weighted_clustered"]
    data = long.assign(w=0.5 + (long.id % 7) / 4, centre=long.id % 150)
    fit = multistate_cox(data, COVARIATES, initial="transplant", transitions=TransitionMatrix.ebmt6(),
                         weights="w", cluster="centre")
    assert fit.robust and fit.n_clusters == 150
    np.testing.assert_allclose(fit.coef, r["coef"], **TOLERANCE["same_iterations"])
    np.testing.assert_allclose(fit.naive_se, r["naive_se"], **TOLERANCE["same_iterations"])
    np.testing.assert_allclose(fit.se, r["se"], **TOLERANCE["robust_variance"])
    np.testing.assert_allclose(fit.loglik, r["loglik"], **TOLERANCE["same_iterations"])
    np.testing.assert_allclose(fit.wald.statistic, r["wald"][0], **TOLERANCE["robust_variance"])
    np.testing.assert_allclose(fit.robust_score.statistic, r["rscore"][0], **TOLERANCE["robust_variance"])


def test_patients_as_clusters_is_the_default_robust_variance(long, fits):
    fit = multistate_cox(long, COVARIATES, initial="transplant", transitions=TransitionMatrix.ebmt6(),
                         cluster="id")
    np.testing.assert_allclose(fit.variance, fits["efron"].variance, rtol=1e-12, atol=1e-16)


def test_different_covariates_per_transition(reference, long):
    """R's list formula: coxph(list(Surv(...) ~ 1, 1:2 ~ year + agecl, 1:3 + 2:4 ~ proph,
    0:6 ~ agecl + match), id = id, istate = istate); the other transitions have no
    covariates but their baseline hazards enter the predictions."""
    r = reference["per_transition"]
    into_death = {(s, "death"): ["agecl", "match"]
                  for s in ("transplant", "platelet_recovery", "agvhd", "recovery_agvhd")}
    covariates = {("transplant", "platelet_recovery"): ["year", "agecl"],
                  ("transplant", "agvhd"): ["proph"], ("platelet_recovery", "recovery_agvhd"): ["proph"],
                  **into_death}
    fit = multistate_cox(long, covariates, initial="transplant", transitions=TransitionMatrix.ebmt6())
    frame = fit.to_frame()
    labels = [f"{fit.states.index(a) + 1}:{fit.states.index(b) + 1}"
              for a, b in zip(frame.from_state, frame.to_state, strict=True)]
    assert labels == r["transitions"] and frame.term.tolist() == r["terms"]
    np.testing.assert_allclose(frame.coef, r["coef"], **TOLERANCE["same_iterations"])
    np.testing.assert_allclose(frame.naive_se, r["naive_se"], **TOLERANCE["same_iterations"])
    np.testing.assert_allclose(frame.se, r["se"], **TOLERANCE["robust_variance"])
    np.testing.assert_allclose(fit.loglik, r["loglik"], **TOLERANCE["same_iterations"])
    assert len(fit.transitions) == 12 and np.isnan(fit.coef[3]).all()   # 3:4 has no covariates
    profiles = pd.DataFrame(reference["efron"]["profiles"])
    for prediction in r["predictions"]:
        got = fit.predict(profiles, prediction["at_time"], method="product" if prediction["stype"] == 1 else "exp")
        for k in range(2):
            values = got[got.profile == k].probability.to_numpy().reshape(len(prediction["at_time"]), -1)
            np.testing.assert_allclose(values, prediction["at_pstate"][k], **TOLERANCE["same_iterations"])
    with pytest.raises(InputError, match="covariates for relapse -> death: not a transition with events"):
        multistate_cox(long, {("relapse", "death"): ["proph"]}, initial="transplant")


def test_to_frame(fits):
    frame = fits["efron"].to_frame()
    assert len(frame) == 12 * 6
    first = frame.iloc[0]
    assert (first.transition, first.from_state, first.to_state, first.term) == (
        1, "transplant", "platelet_recovery", "year1990-1994")
    np.testing.assert_allclose(frame.hr, np.exp(frame.coef))
    np.testing.assert_allclose(frame.z, frame.coef / frame.se)


def _illness_death(seed=3, n=300):
    """Random illness-death histories with a covariate that changes at relapse."""
    rng = np.random.default_rng(seed)
    arm = rng.integers(0, 2, n)
    age = rng.normal(50, 10, n).round()
    rows = []
    for i in range(n):
        t_rel = rng.exponential(400 / (1 + 0.8 * arm[i]))
        t_death = rng.exponential(900)
        censor = rng.uniform(100, 1500)
        first = min(t_rel, t_death, censor)
        end = "relapse" if first == t_rel else "death" if first == t_death else "censor"
        rows.append((i, 0.0, np.ceil(first), end, arm[i], age[i]))
        if end == "relapse":
            t2 = np.ceil(first) + np.ceil(rng.exponential(200 / (1 + 0.01 * (age[i] - 50))))
            rows.append((i, np.ceil(first), min(t2, np.ceil(censor) + np.ceil(first)),
                         "death" if t2 <= np.ceil(censor) + np.ceil(first) else "censor", arm[i], age[i]))
    return pd.DataFrame(rows, columns=["id", "tstart", "tstop", "state", "arm", "age"])


def test_each_transition_is_the_cox_model_on_its_rows():
    """The summed partial likelihood separates: every transition's coefficients and
    model-based SEs are cox_ph on the rows spent in its from-state (other exits censored)."""
    data = _illness_death()
    fit = multistate_cox(data, ["arm", "age"], initial="transplant",
                         transitions=TransitionMatrix.illness_death())
    data = data.assign(current=np.where(data.tstart > 0, "relapse", "transplant"))
    for k, (a, b) in enumerate(fit.transitions):
        rows = data[data.current == a]
        single = cox_ph(rows.tstop, rows.state == b, rows[["arm", "age"]], start=rows.tstart,
                        tolerance=1e-12)
        np.testing.assert_allclose(fit.coef[k], single.coef, rtol=1e-7)
        np.testing.assert_allclose(fit.naive_se[k], single.naive_se, rtol=1e-6)


def test_two_states_is_cox_ph():
    """One transition (alive -> dead) is cox_ph itself: same iterates; the SE is the robust
    one by patient (R's multi-state coxph is robust whenever it has an id, even with one
    event per patient), and robust=False gives the model-based one."""
    data = _illness_death()
    first = data.groupby("id").head(1).assign(
        state=lambda f: np.where(f.state == "censor", "censor", "dead"))
    fit = multistate_cox(first, ["arm", "age"], initial="alive")
    single = cox_ph(first.tstop, first.state == "dead", first[["arm", "age"]], id=first.id, robust=True)
    np.testing.assert_allclose(fit.coef[0], single.coef, **TOLERANCE["same_iterations"])
    np.testing.assert_allclose(fit.naive_se[0], single.naive_se, **TOLERANCE["same_iterations"])
    assert fit.robust and fit.n_clusters == first.id.nunique()
    np.testing.assert_allclose(fit.se[0], single.se, **TOLERANCE["robust_variance"])
    assert fit.loglik == pytest.approx(single.loglik, rel=1e-12)
    naive = multistate_cox(first, ["arm", "age"], initial="alive", robust=False)
    assert not naive.robust
    np.testing.assert_allclose(naive.se[0], single.naive_se, **TOLERANCE["same_iterations"])


def test_input_errors(long):
    model = TransitionMatrix.ebmt6()
    with pytest.raises(InputError, match="no column \\['weight'\\]"):
        multistate_cox(long, ["weight"], initial="transplant", transitions=model)
    constant = long.assign(one=np.where(long.istate == "agvhd", 1.0, long.id % 2))
    with pytest.raises(InputError, match="transition agvhd -> recovery_agvhd: covariate column"):
        multistate_cox(constant, ["one"], initial="transplant", transitions=model)
    with pytest.raises(InputError, match="ties"):
        multistate_cox(long, COVARIATES, initial="transplant", ties="exact")
    censored = long.assign(state="censor")
    with pytest.raises(InputError, match="no transitions"):
        multistate_cox(censored, COVARIATES, initial="transplant")


def test_profile_errors(fits):
    fit = fits["efron"]
    with pytest.raises(InputError, match="no column \\['match'\\]"):
        fit.predict(pd.DataFrame({"year": ["1985-1989"], "agecl": ["<=20"], "proph": ["no"]}))
    with pytest.raises(InputError, match="'2001' is not a level"):
        fit.predict(pd.DataFrame({"year": ["2001"], "agecl": ["<=20"], "proph": ["no"],
                                  "match": ["gender mismatch"]}))
    with pytest.raises(InputError, match="method"):
        fit.predict(pd.DataFrame({"year": ["1985-1989"], "agecl": ["<=20"], "proph": ["no"],
                                  "match": ["gender mismatch"]}), method="stype2")


def test_after_follow_up_is_nan_and_before_the_first_event_is_p0(fits):
    fit = fits["efron"]
    profile = pd.DataFrame({"year": ["1985-1989"], "agecl": ["<=20"], "proph": ["no"],
                            "match": ["gender mismatch"]})
    got = fit.predict(profile, [0.0, 1e6])
    assert got.probability.iloc[:6].tolist() == [1.0, 0, 0, 0, 0, 0]
    assert got.probability.iloc[6:].isna().all()


def test_weights_of_two_equal_duplicated_patients_with_breslow():
    data = _illness_death(n=120)
    doubled = pd.concat([data, data.assign(id=data.id + 10_000)], ignore_index=True)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        weighted = multistate_cox(data.assign(w=2.0), ["arm", "age"], initial="transplant",
                                  weights="w", ties="breslow")
        duplicated = multistate_cox(doubled, ["arm", "age"], initial="transplant", ties="breslow")
    np.testing.assert_allclose(weighted.coef, duplicated.coef, **TOLERANCE["same_iterations"])
    profile = pd.DataFrame({"arm": [1], "age": [60.0]})
    np.testing.assert_allclose(weighted.predict(profile).probability,
                               duplicated.predict(profile).probability, rtol=1e-10, atol=1e-13)
    # and the multistate() grid is the prediction grid
    assert np.array_equal(weighted.predict(profile).time.unique(),
                          multistate(data, initial="transplant").to_frame().time.unique()[1:])


@pytest.mark.parametrize("scale", [1e-4, 0.3, 5.0])
def test_batched_matrix_exponential_equals_scipy(scale):
    """The batched scaling-and-squaring used by predict() against scipy's Pade expm,
    also for increments large enough to need squarings (one patient at risk)."""
    import scipy.linalg

    from graftline.stats.multistate.cox import _expm

    rng = np.random.default_rng(1)
    upper = np.triu_indices(6, 1)
    generators = np.zeros((40, 6, 6))
    generators[:, upper[0], upper[1]] = rng.uniform(0, scale, (40, upper[0].size))
    generators[:, range(6), range(6)] = -generators.sum(axis=2)
    expected = np.array([scipy.linalg.expm(g) for g in generators])
    np.testing.assert_allclose(_expm(generators), expected, rtol=1e-12, atol=1e-15)
