"""The canonical tables are those named in DESIGN.md, and units convert as DOMAIN.md says."""

import pytest

from graftline.cohort.schema import COUNT_ANALYTES, TABLES
from graftline.cohort.units import COUNT_UNIT, canonical_unit, conversion_factor


def test_tables_are_the_ten_named_in_design():
    assert list(TABLES) == [
        "patients",
        "treatments",
        "labs",
        "transfusions",
        "gvhd_assessments",
        "chimerism",
        "disease_assessments",
        "infections",
        "adverse_events",
        "followup",
    ]


def test_only_patients_and_treatments_are_required():
    assert [t.name for t in TABLES.values() if t.required] == ["patients", "treatments"]


def test_every_table_is_keyed_by_patient():
    for table in TABLES.values():
        assert table.column("patient_id").required, table.name


@pytest.mark.parametrize(
    "unit, factor",
    [
        ("10^9/L", 1.0),
        ("10^3/uL", 1.0),
        ("10*3/uL", 1.0),
        ("K/uL", 1.0),
        ("G/L", 1.0),
        ("/uL", 1e-3),
        ("cells/mm3", 1e-3),
        (" 10^3/µL ", 1.0),
    ],
)
def test_count_units_from_domain_md_section_3(unit, factor):
    # ANC 0.5 x10^9/L is 500/uL (DOMAIN.md section 3).
    for analyte in COUNT_ANALYTES:
        assert conversion_factor(analyte, unit) == factor
        assert canonical_unit(analyte) == COUNT_UNIT


@pytest.mark.parametrize("unit", [None, "", "mg", "mg/dL", "%", "10^6/L"])
def test_unknown_or_missing_count_unit_is_never_guessed(unit):
    assert conversion_factor("anc", unit) is None
