"""Identities the Aalen-Johansen estimator must satisfy, and a second implementation.

- A second, plain implementation (naive_aalen_johansen.py: every patient's
  influence updated at every time, as the definitions read) on seeded random
  data with weights, delayed entry, back-and-forth transitions, several
  initial states and clusters of patients.
- Two states (alive -> dead) give the Kaplan-Meier curve; one transient
  state with several absorbing ones gives cmprsk's cumulative incidence.
- Probabilities sum to 1, times in states sum to tau; the variance at a
  chosen time by the backward (functional) path equals the forward one.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from naive_aalen_johansen import naive_aalen_johansen
from tolerances import TOLERANCE

from graftline.stats import cumulative_incidence, kaplan_meier
from graftline.stats._aalen_johansen import functional_influence, probability_weights
from graftline.stats.multistate import TransitionMatrix, multistate
from graftline.stats.multistate.data import check_rows


def random_histories(rng, n, *, cyclic=False, delayed=False, days=30):
    """Patients moving through a, b, c (absorbing d) in whole days, ties included."""
    model = {"a": ["b", "d"], "b": ["c", "d"] + (["a"] if cyclic else []), "c": ["d"]}
    rows = []
    for patient in range(n):
        state = "a" if rng.random() < 0.8 else "b"
        t = float(rng.integers(0, 5)) if delayed else 0.0
        first = state
        for _ in range(6):
            stop = t + float(rng.integers(1, days // 3))
            if state == "d" or stop > days:
                break
            nxt = rng.choice(model[state] + ["censor"])
            rows.append((patient, t, stop, nxt, first))
            if nxt == "censor":
                if rng.random() < 0.5:   # follow-up continues in a new row (a split)
                    t = stop
                    continue
                break
            state, t = nxt, stop
    frame = pd.DataFrame(rows, columns=["id", "tstart", "tstop", "state", "first"])
    frame["w"] = np.round(rng.uniform(0.3, 3.0, n)[frame.id], 3)
    frame["centre"] = frame.id % 7
    return frame


def _engine_rows(frame, **kwargs):
    checked = check_rows(frame, id="id", start="tstart", stop="tstop", state="state", initial=None,
                         istate="first", transitions=None, group=None,
                         weights=kwargs.get("weights"), censor="censor")
    return checked


@pytest.mark.parametrize("seed", [1, 2, 3])
@pytest.mark.parametrize("variant", ["plain", "weighted", "cyclic", "delayed", "centres"])
def test_equals_a_plain_second_implementation(seed, variant):
    rng = np.random.default_rng(seed)
    frame = random_histories(rng, 60, cyclic=variant == "cyclic", delayed=variant == "delayed")
    weights = "w" if variant in ("weighted", "centres") else None
    result = multistate(frame, istate="first", weights=weights)
    fit = result.fits["all"]
    checked = _engine_rows(frame, weights=weights)
    cluster = frame.set_index("id").centre.groupby(level=0).first()[checked.patient_labels[checked.patient]].to_numpy() \
        if variant == "centres" else checked.patient
    if variant == "centres":   # the variance unit is the centre: re-fit with clusters through the engine
        from graftline.stats._aalen_johansen import aalen_johansen
        rows = checked.for_group(0, cluster=cluster)
        fit = aalen_johansen(rows, fit.initial)
    times, p, covariance = naive_aalen_johansen(
        checked.entry, checked.exit, checked.state, checked.to_state, checked.weight,
        list(checked.patient), list(cluster), len(checked.states), fit.initial)
    at = np.searchsorted(fit.time, times)
    np.testing.assert_array_equal(fit.time[at], times)
    np.testing.assert_allclose(fit.probability[at], p, rtol=1e-12, atol=1e-14)
    np.testing.assert_allclose(fit.covariance[at], covariance, rtol=1e-9, atol=1e-14)


def test_two_states_equal_kaplan_meier():
    rng = np.random.default_rng(4)
    time = rng.integers(1, 40, 200).astype(float)
    event = rng.random(200) < 0.6
    frame = pd.DataFrame({"id": np.arange(200), "tstart": 0.0, "tstop": time,
                          "state": np.where(event, "dead", "censor")})
    result = multistate(frame, initial="alive")
    km = kaplan_meier(time, event).to_frame(include_censored=True)
    fit = result.fits["all"]
    np.testing.assert_array_equal(fit.time, km.time)
    np.testing.assert_allclose(fit.probability[:, 0], km.survival, **TOLERANCE["closed_form"])
    np.testing.assert_allclose(fit.probability[:, 1], 1 - km.survival, **TOLERANCE["closed_form"])


def test_competing_risks_equal_cumulative_incidence():
    rng = np.random.default_rng(5)
    n = 300
    time = rng.integers(1, 50, n).astype(float)
    status = rng.choice([0, 1, 2, 3], n, p=[0.3, 0.3, 0.3, 0.1])
    labels = np.array(["censor", "relapse", "nrm", "other"], dtype=object)
    frame = pd.DataFrame({"id": np.arange(n), "tstart": 0.0, "tstop": time, "state": labels[status]})
    model = TransitionMatrix.from_dict({"event_free": ["relapse", "nrm", "other"]})
    result = multistate(frame, initial="event_free", transitions=model)
    cif = cumulative_incidence(time, status).at(np.arange(0.0, 50.0))
    got = result.probabilities(np.arange(0.0, 50.0))
    for cause, state in [(1, "relapse"), (2, "nrm"), (3, "other")]:
        np.testing.assert_allclose(got[got.state == state].probability.to_numpy(),
                                   cif[cif.cause == cause].estimate.to_numpy(), **TOLERANCE["closed_form"])


@pytest.mark.parametrize("cyclic", [False, True])
def test_probabilities_sum_to_one_and_sojourns_to_tau(cyclic):
    frame = random_histories(np.random.default_rng(6), 200, cyclic=cyclic, delayed=True)
    result = multistate(frame, istate="first", weights="w")
    fit = result.fits["all"]
    np.testing.assert_allclose(fit.probability.sum(axis=1), 1.0, rtol=0, atol=1e-13)
    # the influences of all states add to zero, so does every row of the covariance
    np.testing.assert_allclose(fit.covariance.sum(axis=2), 0.0, rtol=0, atol=1e-13)
    assert result.sojourn(25.0).rmean.sum() == pytest.approx(25.0, rel=1e-12)


def test_backward_variance_at_a_time_equals_the_forward_one():
    frame = random_histories(np.random.default_rng(7), 150, cyclic=True, delayed=True)
    fit = multistate(frame, istate="first", weights="w").fits["all"]
    for t in (3.0, 11.0, 24.0):
        influence = functional_influence(fit, probability_weights(fit, t))
        k = np.searchsorted(fit.time, t, side="right") - 1
        np.testing.assert_allclose(influence.T @ influence, fit.covariance[k], rtol=1e-10, atol=1e-15)


def test_row_order_does_not_matter():
    frame = random_histories(np.random.default_rng(8), 100, cyclic=True)
    one = multistate(frame, istate="first", weights="w").to_frame()
    shuffled = frame.sample(frac=1.0, random_state=3)
    two = multistate(shuffled, istate="first", weights="w").to_frame()
    pd.testing.assert_frame_equal(one, two, check_exact=False, rtol=1e-12, atol=1e-15)


def test_competing_risks_shortcut_equals_the_general_blocks():
    """With one transient state the engine builds p and its blocks in closed form;
    the general (matrix product) path must give the same covariance."""
    from graftline.stats._aalen_johansen import (
        _blocks,
        _competing_blocks,
        _ij_covariance,
        aalen_johansen,
        right_censored_rows,
    )

    rng = np.random.default_rng(9)
    n = 3000
    time = rng.integers(1, 200, n).astype(float)
    cause = rng.choice([0, 1, 2], n, p=[0.02, 0.6, 0.38])   # few censored: S falls to ~0, several blocks
    rows = right_censored_rows(time, cause, rng.uniform(0.5, 2.0, n), rng.integers(0, 1000, n), 2)
    fit = aalen_johansen(rows, np.array([1.0, 0.0, 0.0]))
    H, coefficient = fit._hazard_matrix, fit._coefficient
    k = np.searchsorted(fit.time, fit.event_time)
    general = _ij_covariance(rows, H, coefficient, fit._first, fit._last, *_blocks(H))
    shortcut_blocks = _competing_blocks(fit.probability[k], np.r_[1.0, fit.probability[k][:-1, 0]])
    assert len(shortcut_blocks[0]) > 1          # the data need more than one block
    np.testing.assert_allclose(fit.covariance[k], general, rtol=1e-10, atol=1e-16)


@pytest.mark.parametrize("centres", [False, True])
def test_block_sums_in_small_slices_give_the_same_covariance(monkeypatch, centres):
    """The block sums run over slices of whole clusters to bound memory; slices of a
    few rows (and unsorted centre clusters) must not change the result."""
    import graftline.stats._aalen_johansen as engine

    frame = random_histories(np.random.default_rng(10), 80, cyclic=True, delayed=True)
    checked = _engine_rows(frame, weights="w")
    cluster = (frame.set_index("id").centre.groupby(level=0).first()[checked.patient_labels[checked.patient]]
               .to_numpy() if centres else None)
    rows = checked.for_group(0, cluster=cluster)
    p0 = np.bincount(checked.initial_state, minlength=len(checked.states)) / len(checked.initial_state)
    whole = engine.aalen_johansen(rows, p0)
    monkeypatch.setattr(engine, "_CHUNK_ROWS", 7)
    sliced = engine.aalen_johansen(rows, p0)
    np.testing.assert_allclose(sliced.covariance, whole.covariance, rtol=1e-11, atol=1e-16)
