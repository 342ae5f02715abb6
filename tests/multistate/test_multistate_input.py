"""Bad multi-state data is refused with the patient, the row and what was expected.

Each case is a small hand-built data set with one mistake; the message must
name the row (the frame's index label) and the patient, as the brief asks.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from graftline.errors import InputError
from graftline.stats.multistate import TransitionMatrix, multistate
from graftline.stats.multistate.wide import from_wide

MODEL = TransitionMatrix.illness_death()


def _data(rows):
    return pd.DataFrame(rows, columns=["id", "tstart", "tstop", "state"], index=[10 * (k + 1) for k in range(len(rows))])


GOOD = [("P1", 0, 30, "relapse"), ("P1", 30, 90, "death"), ("P2", 0, 50, "censor")]


def test_good_data_fit():
    fit = multistate(_data(GOOD), initial="transplant", transitions=MODEL)
    assert fit.states == ("transplant", "relapse", "death")


@pytest.mark.parametrize("rows, message", [
    ([("P1", 0, 30, "relapse"), ("P1", 25, 90, "death")], r"row 20 \(patient 'P1'\).*overlaps"),
    ([("P1", 0, 30, "relapse"), ("P1", 40, 90, "death")], r"row 20 \(patient 'P1'\).*gap"),
    ([("P1", 0, 0, "death")], r"row 10 \(patient 'P1'\): tstart 0 is not before tstop 0"),
    ([("P1", 0, 30, "relapse"), ("P1", 30, 90, "relapse")], r"row 20 \(patient 'P1'\).*already in state 'relapse'"),
    ([("P1", 0, 30, "death"), ("P1", 30, 90, "censor")], r"row 20 \(patient 'P1'\).*after entering the absorbing state 'death'"),
    ([("P1", 0, 30, "gvhd")], r"row 10, column state: 'gvhd' is not a state"),
    ([("P1", 0, 30, "relapse"), ("P1", 30, 40, "transplant")], r"row 20 \(patient 'P1'\): transition relapse -> transplant at 40 is not allowed"),
    ([("P1", 0, np.nan, "death")], r"row 10, column tstop: missing"),
])
def test_refused_with_patient_and_row(rows, message):
    with pytest.raises(InputError, match=message):
        multistate(_data(rows), initial="transplant", transitions=MODEL)


def test_weights_must_be_one_per_patient_and_positive():
    data = _data(GOOD)
    data["w"] = [1.0, 2.0, 1.0]
    with pytest.raises(InputError, match=r"row 20 \(patient 'P1'\): w changes within a patient"):
        multistate(data, initial="transplant", weights="w")
    data["w"] = [1.0, 1.0, 0.0]
    with pytest.raises(InputError, match=r"row 30, w: 0.0; weights must be finite and > 0"):
        multistate(data, initial="transplant", weights="w")


def test_group_must_be_one_per_patient():
    data = _data(GOOD)
    data["arm"] = ["a", "b", "a"]
    with pytest.raises(InputError, match=r"row 20 \(patient 'P1'\): column arm changes within a patient"):
        multistate(data, initial="transplant", group="arm")


def test_missing_columns_and_initial_state():
    with pytest.raises(InputError, match=r"no column \['tstart'\]"):
        multistate(_data(GOOD).drop(columns="tstart"), initial="transplant")
    with pytest.raises(InputError, match="give exactly one of initial="):
        multistate(_data(GOOD))
    with pytest.raises(InputError, match="initial state 'tx' is not a state of the model"):
        multistate(_data(GOOD), initial="tx", transitions=MODEL)


def test_transition_matrix_checks_itself():
    with pytest.raises(InputError, match="goes from a state to itself"):
        TransitionMatrix(states=("a", "b"), allowed=(("a", "a"),))
    with pytest.raises(InputError, match="names state 'c'"):
        TransitionMatrix(states=("a", "b"), allowed=(("a", "c"),))
    with pytest.raises(InputError, match="relapse -> transplant is not an allowed transition"):
        MODEL.transition_number("relapse", "transplant")
    assert MODEL.absorbing == ("death",) and MODEL.transient == ("transplant", "relapse")
    np.testing.assert_array_equal(MODEL.matrix(), [[0, 1, 2], [0, 0, 3], [0, 0, 0]])


def test_from_wide_refuses_same_day_events():
    wide = pd.DataFrame({"id": ["P1"], "rel": [30], "rel_s": [1], "os": [30], "os_s": [1]})
    with pytest.raises(InputError, match=r"patient 'P1': enters 'relapse' and leaves it at the same time 30"):
        from_wide(wide, MODEL, events={"relapse": ("rel", "rel_s"), "death": ("os", "os_s")})
