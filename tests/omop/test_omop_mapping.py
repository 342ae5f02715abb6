"""The OMOP views on hand-built CDM rows: each mapping rule with the answer it must give.

Every expected value is worked out in the comment beside it from the OMOP
CDM v5.4 conventions and the concept sets shipped in
``graftline/cohort/omop/concepts`` (ids and their sources listed there).
"""

from __future__ import annotations

import datetime as dt

import ibis
import pandas as pd
import pytest

from graftline.cohort.omop import NOT_MAPPED, load_concept_sets, omop_tables, write_omop
from graftline.cohort.omop.source import OmopSource
from graftline.errors import InputError

DAY0 = dt.date(2024, 3, 1)
ANC_AUTOMATED, PLT_AUTOMATED, WBC = 3013650, 3024929, 3000905
PER_UL, THOUSAND_PER_UL, PER_MM3, BILLION_PER_L = 8647, 8848, 8785, 9444
ALLO_CPT, MST_LOCAL, MSC_LOCAL, CHEMO_LOCAL = 2108456, 2019190001, 2019190002, 2019190003
LESS_THAN, AT_LEAST = 4171756, 4171755


def day(n: int) -> dt.date:
    return DAY0 + dt.timedelta(days=n)


def cdm(**extra) -> dict[str, pd.DataFrame]:
    """Three persons: 1 MST (+ allo CPT code the same day, + a second infusion day 40),
    2 allo-HSCT with MSC on day +3, 3 chemotherapy alone with MSC on day +10."""
    procedures = [
        (1, MST_LOCAL, DAY0), (1, ALLO_CPT, DAY0), (1, ALLO_CPT, day(40)),
        (2, ALLO_CPT, DAY0), (2, MSC_LOCAL, day(3)),
        (3, CHEMO_LOCAL, DAY0), (3, MSC_LOCAL, day(10)),
    ]
    measurements = [
        # person, concept, date, value, unit, operator
        (1, ANC_AUTOMATED, day(1), 500.0, PER_UL, None),          # 500/uL = 0.5 x10^9/L
        (1, ANC_AUTOMATED, day(2), 0.1, THOUSAND_PER_UL, LESS_THAN),  # "<0.1" -> qualifier <
        (1, PLT_AUTOMATED, day(2), 20000.0, PER_MM3, AT_LEAST),   # 20000/mm3 = 20 x10^9/L, ">=" -> >
        (1, WBC, day(3), 1.2, 8510, None),                        # 8510 "unit" converts nothing: left out
        (2, ANC_AUTOMATED, day(-2), 2.0, BILLION_PER_L, None),    # before day 0: day -2
        (2, 3025315, day(-5), 154.0, 8739, None),                 # body weight 154 lb, last before day 0
        (2, 3025315, day(-40), 80.0, 9529, None),                 # older weight, not used
        (2, 3025315, day(5), 60.0, 9529, None),                   # after day 0, not used
    ]
    frames = {
        "person": pd.DataFrame({
            "person_id": [1, 2, 3], "gender_concept_id": [8532, 8507, 0], "year_of_birth": [1950, 1960, 1970],
            "month_of_birth": [6, None, None], "day_of_birth": [15, None, None],
            "birth_datetime": pd.to_datetime([None, None, None]),
            "race_concept_id": 0, "ethnicity_concept_id": 0, "person_source_value": None,
        }),
        "procedure_occurrence": pd.DataFrame({
            "procedure_occurrence_id": range(1, len(procedures) + 1),
            "person_id": [p[0] for p in procedures], "procedure_concept_id": [p[1] for p in procedures],
            "procedure_date": [p[2] for p in procedures], "procedure_type_concept_id": 32817,
            "quantity": pd.array([None] * len(procedures), dtype="float64"),
        }),
        "measurement": pd.DataFrame({
            "measurement_id": range(1, len(measurements) + 1),
            "person_id": [m[0] for m in measurements], "measurement_concept_id": [m[1] for m in measurements],
            "measurement_date": [m[2] for m in measurements], "measurement_type_concept_id": 32817,
            "value_as_number": [m[3] for m in measurements], "unit_concept_id": [m[4] for m in measurements],
            "operator_concept_id": pd.array([m[5] for m in measurements], dtype="Int64"),
        }),
        "observation_period": pd.DataFrame({
            "observation_period_id": [1, 2, 3], "person_id": [1, 2, 3],
            "observation_period_start_date": [day(-100)] * 3,
            "observation_period_end_date": [day(200), day(30), day(365)], "period_type_concept_id": 32817,
        }),
        "death": pd.DataFrame({"person_id": [2], "death_date": [day(30)], "death_type_concept_id": [32817],
                               "cause_concept_id": pd.array([None], dtype="Int64")}),
    }
    frames.update(extra)
    return frames


@pytest.fixture(scope="module")
def views():
    con = ibis.duckdb.connect()
    write_omop(con, cdm())
    tables = omop_tables(con)
    return {name: expr.to_pandas().set_index("patient_id").sort_index() for name, expr in tables.items()}, con


def test_day0_modality_precedence_second_infusion_and_msc_window(views):
    t = views[0]["treatments"]
    # Person 1: MST and an allogeneic CPT code on day 0 -> MST (MST > allo-HSCT); the CPT code on day 40
    # is a second cell infusion.
    assert t.loc["1", "modality"] == "mst" and t.loc["1", "second_infusion_day"] == 40
    assert pd.Timestamp(t.loc["1", "day0_date"]) == pd.Timestamp(DAY0) and t.loc["1", "arm"] == "mst"
    # Person 2: MSC 3 days after day 0 (within 7) -> co-infusion; person 3: MSC on day 10 -> not.
    assert t.loc["2", "modality"] == "allo_hsct" and bool(t.loc["2", "msc"]) is True
    assert t.loc["3", "modality"] == "chemo" and bool(t.loc["3", "msc"]) is False
    assert pd.isna(t.loc["2", "second_infusion_day"])


def test_labs_units_operators_and_days(views):
    labs = views[0]["labs"].reset_index().sort_values("source_row").set_index("source_row")
    assert labs.loc[1, "value"] == pytest.approx(0.5) and labs.loc[1, "unit"] == "10^9/L"
    assert pd.isna(labs.loc[1, "qualifier"])
    assert labs.loc[2, "qualifier"] == "<" and labs.loc[2, "value"] == pytest.approx(0.1)
    assert labs.loc[3, "value"] == pytest.approx(20.0) and labs.loc[3, "qualifier"] == ">"
    assert 4 not in labs.index  # unit concept 8510 converts nothing: not a lab value (reported, see below)
    assert labs.loc[5, "day"] == -2 and labs.loc[5, "analyte"] == "anc"
    assert set(labs.index) == {1, 2, 3, 5}  # body weight is not a lab


def test_patients_sex_birth_weight(views):
    p = views[0]["patients"]
    assert p.loc["1", "sex"] == "female" and p.loc["2", "sex"] == "male" and pd.isna(p.loc["3", "sex"])
    assert pd.Timestamp(p.loc["1", "birth_date"]) == pd.Timestamp(1950, 6, 15) and pd.isna(p.loc["1", "age"])
    # Only the year of birth: age from the years, 2024 - 1960 = 64.
    assert p.loc["2", "age"] == 64
    # Last weight on or before day 0: 154 lb x 0.45359237 = 69.853 kg.
    assert p.loc["2", "weight_kg"] == pytest.approx(154 * 0.45359237)


def test_followup_death_and_last_contact(views):
    f = views[0]["followup"]
    assert f.loc["2", "vital_status"] == "dead" and f.loc["2", "death_day"] == 30
    assert f.loc["1", "vital_status"] == "alive" and f.loc["1", "last_contact_day"] == 200


def test_unconvertible_unit_is_a_located_problem():
    con = ibis.duckdb.connect()
    write_omop(con, cdm())
    problems = OmopSource(con).problems
    errors = [p for p in problems if p.severity == "error"]
    assert [(p.row, p.column, p.value) for p in errors] == [(4, "unit", "unit_concept_id 8510")]
    assert "is not a cell-count unit for analyte wbc" in errors[0].message
    # The same rule as for files: an allogeneic infusion coded without a graft source (CPT 38240) is warned
    # about, since the graft-failure cut-off depends on it.
    warnings = [p.message for p in problems if p.severity == "warning"]
    assert warnings == ["graft_source is missing for a allo_hsct infusion: graft-failure day cut-offs depend on it"]


def test_gvhd_observations_become_one_assessment_per_day():
    stage = {2019190101: 60.0, 2019190104: 4.0, 2019190106: 1.0, 2019190107: 400.0}
    observations = pd.DataFrame({
        "observation_id": range(1, 5), "person_id": 2, "observation_concept_id": list(stage),
        "observation_date": day(20), "observation_type_concept_id": 32817, "value_as_number": list(stage.values()),
    })
    con = ibis.duckdb.connect()
    write_omop(con, cdm(observation=observations))
    g = omop_tables(con)["gvhd_assessments"].to_pandas()
    assert len(g) == 1
    row = g.iloc[0]
    assert (row.day, row.skin_bsa_pct, row.bilirubin_mg_dl, row.stool_ml_day) == (20, 60.0, 4.0, 400.0)
    assert bool(row.upper_gi) is True and pd.isna(row.skin_bullae)


def test_missing_cdm_table_is_a_clear_error():
    con = ibis.duckdb.connect()
    frames = cdm()
    del frames["measurement"]
    write_omop(con, frames)
    with pytest.raises(InputError, match="measurement not found"):
        omop_tables(con)


def test_shipped_concept_sets_say_where_each_id_comes_from():
    sets = load_concept_sets()
    for name in ("measurements", "units", "treatments", "diagnoses"):
        for row in getattr(sets, name):
            assert row["status"] in ("verified", "local"), row
            if row["status"] == "verified":
                assert row["source"], row
            else:
                assert row["concept_id"] >= 2_000_000_000, row  # OMOP's range for site-local concepts
    # The LOINC codes the issue names are all there.
    codes = {r["concept_code"]: r["analyte"] for r in sets.measurements if r["concept_id"]}
    assert {codes[c] for c in ("751-8", "26499-4", "753-4")} == {"anc"}
    assert {codes[c] for c in ("777-3", "26515-7")} == {"plt"}
    # Not yet looked up: listed, not guessed.
    assert {r["concept_code"] for r in sets.unresolved if r["set"] == "measurements"} == {"764-1", "26508-2"}
    assert NOT_MAPPED


def test_a_site_folder_replaces_a_concept_set(tmp_path):
    (tmp_path / "measurements.csv").write_text(
        "concept_id,concept_name,vocabulary_id,concept_code,analyte,status,source\n"
        "2000000042,local ANC,local,anc1,anc,local,\n")
    sets = load_concept_sets(tmp_path)
    assert [r["concept_id"] for r in sets.measurements] == [2000000042]
    assert sets.units == load_concept_sets().units  # files not given stay as shipped
    (tmp_path / "units.csv").write_text("concept_id,concept_name,unit\n8510,unit,furlongs\n")
    with pytest.raises(InputError, match=r"units.csv row 2, column unit: 'furlongs' is not a unit"):
        load_concept_sets(tmp_path)
