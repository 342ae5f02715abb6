"""EndpointDefinitions: presets, deviations, option parsing; competing() arrays."""

from __future__ import annotations

import dataclasses

import numpy as np
import pandas as pd
import pytest

from graftline.endpoints import PRESETS, EndpointDefinitions, competing
from graftline.errors import InputError


def test_presets_differ_only_in_the_documented_option():
    # ASTCT 2021 "first of 3 successive days" vs CIBMTR "three values on different days".
    astct = EndpointDefinitions.preset("astct2021")
    cibmtr = EndpointDefinitions.preset("cibmtr")
    differing = [f.name for f in dataclasses.fields(cibmtr) if getattr(astct, f.name) != getattr(cibmtr, f.name)]
    assert differing == ["preset_name", "engraftment_missing_day_breaks_run"]
    assert EndpointDefinitions() == cibmtr and set(PRESETS) == {"cibmtr", "astct2021"}


def test_domain_values_of_the_default_preset():
    d = EndpointDefinitions.preset("cibmtr")
    assert (d.anc_threshold, d.engraftment_values, d.platelet_threshold, d.platelet50_threshold) == (0.5, 3, 20.0, 50.0)
    assert (d.platelet_transfusion_free_days, d.platelet_transfusion_window_inclusive) == (7, False)
    assert (d.primary_graft_failure_day_bm, d.primary_graft_failure_day_pbsc, d.primary_graft_failure_day_cord) == (28, 28, 42)
    assert (d.chimerism_full_above_pct, d.chimerism_mixed_from_pct, d.chimerism_micro_below_pct) == (95.0, 5.0, 1.0)
    assert (d.agvhd_grading, d.cd4_threshold) == ("magic", 0.2)


def test_deviations_list_changes_from_the_preset():
    d = EndpointDefinitions.preset("astct2021").replace(platelet_transfusion_free_days=5, agvhd_grading="glucksberg")
    assert d.deviations() == [("platelet_transfusion_free_days", 7, 5), ("agvhd_grading", "magic", "glucksberg")]
    assert EndpointDefinitions.preset("astct2021").deviations() == []


def test_methods_text_for_the_report():
    assert EndpointDefinitions().methods_text().endswith("cibmtr definition preset of graftline (docs/endpoints.md), without deviations.")
    text = EndpointDefinitions().replace(platelet_transfusion_free_days=5).methods_text()
    assert "platelet_transfusion_free_days = 5 (preset 7)" in text
    with pytest.raises(InputError, match="unknown endpoint preset"):
        EndpointDefinitions().replace(preset_name="mine")


def test_every_option_has_rule_and_source():
    for entry in EndpointDefinitions().describe():
        assert entry["rule"] and entry["source"], entry["option"]


def test_with_options_parses_by_type():
    d = EndpointDefinitions().with_options(
        ["anc_threshold=0.6", "engraftment_max_gap_days=3", "engraftment_missing_day_breaks_run=yes", "engraftment_competing=death,relapse", "chimerism_landmark_day=none"]
    )
    assert d.anc_threshold == 0.6 and d.engraftment_max_gap_days == 3 and d.engraftment_missing_day_breaks_run is True
    assert d.engraftment_competing == ("death", "relapse") and d.chimerism_landmark_day is None


@pytest.mark.parametrize(
    ("pairs", "message"),
    [
        (["nonsense=1"], "expected key=value"),
        (["anc_threshold=low"], "not a valid value for anc_threshold"),
        (["agvhd_grading=keystone"], "not a valid value for agvhd_grading"),
        (["engraftment_competing=death,transplant"], "unknown competing event"),
        (["engraftment_values=0"], "at least 1"),
    ],
)
def test_bad_options_are_clear_errors(pairs, message):
    with pytest.raises(InputError, match=message):
        EndpointDefinitions().with_options(pairs)


def test_unknown_preset():
    with pytest.raises(InputError, match="unknown endpoint preset 'ebmt'"):
        EndpointDefinitions.preset("ebmt")


def test_competing_arrays_and_not_applicable_rows():
    frame = pd.DataFrame(
        {
            "neutrophil_engraftment_day": pd.array([12, None, 30], dtype="Int64"),
            "neutrophil_engraftment_status": pd.array([1, None, 2], dtype="Int64"),
            "neutrophil_engraftment_applicable": pd.array([True, False, True], dtype="boolean"),
        }
    )
    time, status = competing(frame, "neutrophil_engraftment")
    # The not-applicable patient is left out; the others keep their order.
    np.testing.assert_array_equal(time, [12.0, 30.0])
    np.testing.assert_array_equal(status, [1, 2])
    assert time.dtype == np.float64 and status.dtype == np.int64
    with pytest.raises(InputError, match="1 patient"):
        competing(frame, "neutrophil_engraftment", not_applicable="raise")
    with pytest.raises(InputError, match="not a time-to-event endpoint"):
        competing(frame, "agvhd_max_grade")
