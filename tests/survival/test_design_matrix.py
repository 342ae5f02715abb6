"""Model matrix: treatment contrasts named like R's model.matrix, and bad input.

Expected matrices are written out by hand from R's rules (first level of the
sorted levels, or the declared Categorical order, is the reference; names are
column name + level; a logical gives ``<name>TRUE``).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from graftline.errors import InputError
from graftline.stats import model_matrix
from graftline.stats._validation import check_event, check_group, check_status, check_time


def test_numeric_and_string_columns_follow_r_treatment_contrasts():
    frame = pd.DataFrame(
        {"age": [30.0, 41.0, 52.0, 60.0], "arm": ["mst", "chemo", "msc", "mst"]}
    )
    design = model_matrix(frame)
    # Sorted levels chemo < msc < mst: chemo is the reference, as factor() in R.
    assert design.names == ("age", "armmsc", "armmst")
    assert design.sources == ("age", "arm", "arm")
    expected = [[30, 0, 1], [41, 0, 0], [52, 1, 0], [60, 0, 1]]
    np.testing.assert_array_equal(design.matrix, np.array(expected, dtype=float))


def test_categorical_order_sets_the_reference_and_bool_is_named_true():
    risk = pd.Categorical(["high", "low", "low", "high", "low"], categories=["low", "high"])
    frame = pd.DataFrame({"disease_risk": risk, "male": [True, False, True, True, False]})
    design = model_matrix(frame)
    assert design.names == ("disease_riskhigh", "maleTRUE")
    np.testing.assert_array_equal(design.matrix[:, 0], [1, 0, 0, 1, 0])
    np.testing.assert_array_equal(design.matrix[:, 1], [1, 0, 1, 1, 0])


def test_plain_array_columns_are_named_x1_x2():
    design = model_matrix(np.array([[1.0, 2.0], [2.0, 1.0], [3.0, 5.0]]))
    assert design.names == ("x1", "x2")


def test_polars_frame_gives_the_same_matrix_as_pandas():
    pl = pytest.importorskip("polars")
    data = {"age": [30.0, 41.0, 52.0, 60.0], "arm": ["mst", "chemo", "msc", "mst"]}
    from_polars = model_matrix(pl.DataFrame(data))
    from_pandas = model_matrix(pd.DataFrame(data))
    assert from_polars.names == from_pandas.names
    np.testing.assert_array_equal(from_polars.matrix, from_pandas.matrix)


def test_missing_value_names_column_and_row():
    frame = pd.DataFrame({"age": [30.0, np.nan, 52.0], "arm": ["a", "b", "a"]})
    with pytest.raises(InputError, match=r"column 'age' row 1 is missing"):
        model_matrix(frame)


def test_mixed_numbers_and_text_is_rejected():
    frame = pd.DataFrame({"cd34_dose": [5.1, "five", 3.2]})
    with pytest.raises(InputError, match=r"'cd34_dose' mixes numbers and text"):
        model_matrix(frame)


def test_collinear_columns_are_named():
    rng = np.random.default_rng(1)
    age = rng.normal(50, 10, 40)
    frame = pd.DataFrame({"age": age, "dose": rng.normal(size=40), "age_months": 12 * age})
    with pytest.raises(InputError, match=r"collinear.*'age_months' is a linear combination of \['age'\]"):
        model_matrix(frame)


def test_constant_column_is_rejected_by_name():
    frame = pd.DataFrame({"age": [30.0, 41.0, 52.0], "center": [7.0, 7.0, 7.0]})
    with pytest.raises(InputError, match=r"\['center'\] take a single value"):
        model_matrix(frame)


def test_row_count_must_match_time():
    with pytest.raises(InputError, match="has 3 rows but time has 4"):
        model_matrix(np.ones((3, 1)) * np.arange(3)[:, None], n=4)


@pytest.mark.parametrize(
    ("time", "message"),
    [([1.0, -2.0, 3.0], r"time\[1\] is -2.0; expected a finite time >= 0"),
     ([1.0, np.nan], r"time\[1\] is missing \(NaN\)"),
     ([1.0, "x"], r"time\[1\] = 'x' is not a number"),
     ([], "time is empty")],
)
def test_bad_times(time, message):
    with pytest.raises(InputError, match=message):
        check_time(time)


def test_event_codes_and_lengths():
    with pytest.raises(InputError, match=r"event\[2\] = 2; expected 1 \(event\) or 0"):
        check_event([0, 1, 2], 3)
    with pytest.raises(InputError, match="event has 2 values but time has 3"):
        check_event([0, 1], 3)
    with pytest.raises(InputError, match=r"status\[1\] = 3 is not a declared status code"):
        check_status([0, 3, 1], 3, codes=[1, 2])


def test_group_of_size_zero_and_missing_label():
    declared = pd.Series(pd.Categorical(["a", "a"], categories=["a", "b"]))
    with pytest.raises(InputError, match=r"declares level \['b'\] with no subjects"):
        check_group(declared, 2)
    with pytest.raises(InputError, match=r"group\[1\] is missing"):
        check_group(["a", None], 2)
    groups = check_group(["mst", "chemo", "mst"], 3)
    assert groups.labels == ("chemo", "mst")
    np.testing.assert_array_equal(groups.codes, [1, 0, 1])
