"""The report reads the definitions an endpoint table was derived with, and applies them.

"Not applicable" engraftment (the count never fell below the threshold,
CIBMTR) enters the incidence estimates as the ``engraftment_not_applicable``
option says: left out, or engrafted on day 0; the report says which.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from graftline.endpoints import EndpointDefinitions, write_endpoint_table
from graftline.report import analysis
from graftline.report.build import _load

FRAME = pd.DataFrame({
    "patient_id": ["a", "b", "c"],
    "arm": ["x", "x", "x"],
    "neutrophil_engraftment_day": pd.array([12, None, 30], dtype="Int64"),
    "neutrophil_engraftment_status": pd.array([1, None, 2], dtype="Int64"),
    "neutrophil_engraftment_applicable": pd.array([True, False, True], dtype="boolean"),
})


def test_not_applicable_patients_left_out_or_engrafted_on_day_0():
    excluded = analysis.endpoint_data(FRAME, "neutrophil_engraftment", ["x"])
    np.testing.assert_array_equal(excluded.time, [12.0, 30.0])
    assert (excluded.not_applicable, excluded.excluded) == (1, 0)
    day0 = analysis.endpoint_data(FRAME, "neutrophil_engraftment", ["x"], not_applicable="event_day0")
    np.testing.assert_array_equal(day0.time, [12.0, 0.0, 30.0])
    np.testing.assert_array_equal(day0.status, [1, 1, 2])
    assert (day0.not_applicable, day0.excluded) == (1, 0)


def test_a_table_written_by_graftline_brings_its_definitions(tmp_path):
    definitions = EndpointDefinitions.preset("cibmtr").replace(engraftment_not_applicable="event_day0")
    path = tmp_path / "endpoints.csv"
    write_endpoint_table(FRAME, path, definitions)
    assert _load(path, None, None).definitions == definitions
    # A CSV graftline did not write: definitions unknown (the Methods section says so).
    other = tmp_path / "other.csv"
    FRAME.to_csv(other, index=False)
    assert _load(other, None, None).definitions is None
