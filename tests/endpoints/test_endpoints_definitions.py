"""EndpointDefinitions: presets, deviations, option parsing; competing() arrays."""

from __future__ import annotations

import dataclasses

import numpy as np
import pandas as pd
import pytest

from graftline.endpoints import PRESETS, EndpointDefinitions, competing
from graftline.errors import InputError


def differing(a: EndpointDefinitions, b: EndpointDefinitions) -> list[str]:
    return [f.name for f in dataclasses.fields(a) if f.name != "preset_name" and getattr(a, f.name) != getattr(b, f.name)]


def test_presets_differ_only_in_the_documented_options():
    harmonized = EndpointDefinitions.preset("harmonized2024")
    # ASTCT 2021 read literally: "first of 3 successive days" - a day without a value breaks the run.
    assert differing(harmonized, EndpointDefinitions.preset("astct2021")) == ["engraftment_missing_day_breaks_run"]
    # cibmtr (earlier analyses): day +28, no pancytopenia condition, ANC-only secondary graft failure.
    assert differing(harmonized, EndpointDefinitions.preset("cibmtr")) == [
        "primary_graft_failure_day_bm",
        "primary_graft_failure_day_pbsc",
        "primary_graft_failure_pancytopenia",
        "secondary_graft_failure_rule",
        "secondary_graft_failure_relapse_window_days",
    ]
    assert EndpointDefinitions() == harmonized and set(PRESETS) == {"harmonized2024", "astct2021", "cibmtr"}
    assert EndpointDefinitions.preset() is PRESETS["harmonized2024"]


def test_domain_values_of_the_default_preset():
    # Sureda et al. 2024, Table 1: ANC >= 500/uL, platelets >= 20,000/uL without transfusion for 7
    # days, primary graft failure by day +30 (PBSC, BM) / +42 (UCB) with pancytopenia, full donor
    # chimerism > 95 %; mixed from 5 %; engraftment competes with death only (CIBMTR).
    d = EndpointDefinitions.preset("harmonized2024")
    assert (d.anc_threshold, d.engraftment_values, d.platelet_threshold, d.platelet50_threshold) == (0.5, 3, 20.0, 50.0)
    assert (d.platelet_transfusion_free_days, d.platelet_transfusion_window_inclusive) == (7, False)
    assert (d.primary_graft_failure_day_bm, d.primary_graft_failure_day_pbsc, d.primary_graft_failure_day_cord) == (30, 30, 42)
    assert d.primary_graft_failure_pancytopenia and d.secondary_graft_failure_rule == "harmonized"
    assert (d.chimerism_full_above_pct, d.chimerism_mixed_from_pct, d.mst_microchimerism_below_pct) == (95.0, 5.0, 1.0)
    assert d.engraftment_competing == ("death",)
    assert (d.agvhd_grading, d.cd4_threshold) == ("magic", 0.2)
    cibmtr = EndpointDefinitions.preset("cibmtr")
    assert (cibmtr.primary_graft_failure_day_bm, cibmtr.primary_graft_failure_day_pbsc, cibmtr.primary_graft_failure_day_cord) == (28, 28, 42)


def test_deviations_list_changes_from_the_preset():
    d = EndpointDefinitions.preset("astct2021").replace(platelet_transfusion_free_days=5, agvhd_grading="glucksberg")
    assert d.deviations() == [("platelet_transfusion_free_days", 7, 5), ("agvhd_grading", "magic", "glucksberg")]
    assert EndpointDefinitions.preset("astct2021").deviations() == []


def test_methods_text_for_the_report():
    assert EndpointDefinitions().methods_text().endswith("harmonized2024 definition preset of graftline (docs/endpoints.md), without deviations.")
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


def test_definitions_round_trip_through_json():
    # What `graftline endpoints` stores beside a table reads back as the same definitions.
    d = EndpointDefinitions.preset("cibmtr").replace(engraftment_competing=("death", "relapse"), chimerism_landmark_day=100)
    again = EndpointDefinitions.from_json(d.to_json())
    assert again == d and again.deviations() == d.deviations()
    assert d.summary() == "preset cibmtr with 2 deviation(s): engraftment_competing=death,relapse, chimerism_landmark_day=100"
    assert EndpointDefinitions().summary() == "preset harmonized2024, no deviations"
    # A record from a graftline that knew other options is refused, not half-read.
    with pytest.raises(InputError, match=r"unknown endpoint option\(s\) \['gvhd_magic_v3'\]"):
        EndpointDefinitions.from_dict({"preset": "harmonized2024", "options": {"gvhd_magic_v3": True}})
    with pytest.raises(InputError, match="not valid JSON"):
        EndpointDefinitions.from_json("{preset")


def test_literal_options_are_checked_however_they_are_set():
    with pytest.raises(InputError, match="secondary_graft_failure_rule must be 'harmonized' or 'anc_only'"):
        EndpointDefinitions().replace(secondary_graft_failure_rule="strict")


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
    # engraftment_not_applicable=event_day0: the patient whose count never fell is engrafted on day 0.
    time, status = competing(frame, "neutrophil_engraftment", not_applicable="event_day0")
    np.testing.assert_array_equal(time, [12.0, 0.0, 30.0])
    np.testing.assert_array_equal(status, [1, 1, 2])
    with pytest.raises(InputError, match="not a time-to-event endpoint"):
        competing(frame, "agvhd_max_grade")


def test_docs_option_table_is_current():
    # docs/endpoints.md carries one generated table of every option, its value per preset and source.
    from pathlib import Path

    from graftline.endpoints.definitions_doc import BEGIN, END, generated_block

    text = (Path(__file__).resolve().parents[2] / "docs" / "endpoints.md").read_text()
    assert text[text.index(BEGIN): text.index(END) + len(END)] == generated_block(), (
        "run: python -m graftline.endpoints.definitions_doc docs/endpoints.md"
    )
    for f in dataclasses.fields(EndpointDefinitions):
        if f.name != "preset_name":
            assert f"| `{f.name}` |" in text, f.name
