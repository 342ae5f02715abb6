"""The fast group encoder gives exactly check_group's codes, labels and errors."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from graftline.errors import InputError
from graftline.stats._validation import check_group
from graftline.stats.competing._tabulate import encode_groups

CASES = [
    np.array(["mst", "chemo", "msc", "mst"]),
    np.array(["mst", "chemo", "msc", "mst"], dtype=object),
    pd.Series(["b", "a", "b", "c"]),
    np.array([3, 1, 2, 3]),
    np.array([2.5, 1.0, 2.5, 0.5]),
    np.array([True, False, True, True]),
    pd.Series(pd.Categorical(["mst", "chemo", "msc", "mst"], categories=["mst", "msc", "chemo"])),
    pd.Categorical(["x", "y", "x", "y"], categories=["y", "x"]),
]


@pytest.mark.parametrize("group", CASES, ids=lambda g: f"{type(g).__name__}-{getattr(g, 'dtype', '')}")
def test_same_codes_and_labels_as_check_group(group):
    fast, reference = encode_groups(group, 4), check_group(group, 4)
    assert fast.labels == reference.labels
    np.testing.assert_array_equal(fast.codes, reference.codes)


@pytest.mark.parametrize(
    ("group", "message"),
    [
        (np.array(["a", None, "b", "a"], dtype=object), r"group\[1\] is missing"),
        (np.array([1.0, np.nan, 2.0, 1.0]), r"group\[1\] is missing"),
        (pd.Categorical(["a", "a", "b", "b"], categories=["a", "b", "c"]), r"level \['c'\] with no subjects"),
        (np.array(["a", "b"]), "group has 2 values but time has 4"),
    ],
)
def test_errors_are_check_groups(group, message):
    with pytest.raises(InputError, match=message):
        encode_groups(group, 4)
