"""The extraction sheet: located errors, conversions flagged, exclusions named."""

from pathlib import Path

import numpy as np
import pytest

from graftline.errors import InputError
from graftline.meta import effect_sizes, estimate_mean_sd
from graftline.meta.sheet import prepare_outcome, read_extraction_sheet

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "meta" / "msc_engraftment_illustrative.csv"
HEADER = "study,year,design,arm,n,mean,sd,median,q1,q3,min,max,events,outcome,msc_source\n"


def write(tmp_path, body: str) -> Path:
    path = tmp_path / "sheet.csv"
    path.write_text(HEADER + body)
    return path


def test_example_sheet_reads_and_every_outcome_prepares():
    sheet = read_extraction_sheet(EXAMPLE)
    neutrophil = prepare_outcome(sheet, "neutrophil_engraftment_days", source=EXAMPLE.name)
    assert neutrophil.measure == "MN"
    assert len(neutrophil.studies) == 9
    assert neutrophil.excluded == (
        "msc_engraftment_illustrative.csv line 8 (Illustrative G, msc): excluded, mean without SD, IQR or range",
    )
    assert neutrophil.studies["converted"].sum() == 5 == len(neutrophil.conversions)
    platelets = prepare_outcome(sheet, "platelet_engraftment_days", compare=("msc", "control"))
    assert platelets.measure == "MD" and len(platelets.studies) == 6
    gvhd = prepare_outcome(sheet, "acute_gvhd_grade_2_4", compare=("msc", "control"))
    assert gvhd.measure == "RR" and len(gvhd.studies) == 4


def test_converted_row_equals_estimate_mean_sd_and_reported_rows_are_untouched(tmp_path):
    path = write(tmp_path, "A,2010,rct,msc,22,,,14,12,17,,,,days,bm\n"
                           "B,2011,rct,msc,30,13.5,3.1,,,,,,,days,bm\n")
    prepared = prepare_outcome(read_extraction_sheet(path), "days")
    expected = estimate_mean_sd([22], median=[14], q1=[12], q3=[17])
    row_a, row_b = prepared.studies.iloc[0], prepared.studies.iloc[1]
    assert row_a["mean"] == expected["mean"][0] and row_a["sd"] == expected["sd"][0]
    assert row_a["converted"] and row_a["scenario"] == "S3"
    assert (row_b["mean"], row_b["sd"], bool(row_b["converted"])) == (13.5, 3.1, False)
    # yi/vi are escalc's MN: mean and sd^2/n.
    assert row_b["yi"] == 13.5 and row_b["vi"] == pytest.approx(3.1**2 / 30)


def test_mean_with_iqr_keeps_the_mean_and_estimates_the_sd(tmp_path):
    path = write(tmp_path, "A,2010,rct,msc,22,14.2,,,12,17,,,,days,bm\n")
    prepared = prepare_outcome(read_extraction_sheet(path), "days")
    row = prepared.studies.iloc[0]
    assert row["mean"] == 14.2
    assert row["sd"] == pytest.approx(estimate_mean_sd([22], median=[14.2], q1=[12], q3=[17])["sd"][0])
    assert "SD estimated from IQR" in prepared.conversions[0]


def test_row_without_any_spread_is_excluded_with_its_line(tmp_path):
    path = write(tmp_path, "A,2010,rct,msc,22,14.2,3.0,,,,,,,days,bm\n"
                           "B,2012,rct,msc,15,,,,,,,,,days,bm\n")
    prepared = prepare_outcome(read_extraction_sheet(path), "days", source="sheet.csv")
    assert prepared.excluded == ("sheet.csv line 3 (B, msc): excluded, no mean and no median",)
    assert prepared.studies["study"].tolist() == ["A"]


def test_two_arm_rr_equals_escalc_formula(tmp_path):
    path = write(tmp_path, "A,2010,rct,msc,40,,,,,,,,9,gvhd,bm\nA,2010,rct,control,40,,,,,,,,13,gvhd,bm\n"
                           "B,2012,rct,msc,35,,,,,,,,0,gvhd,uc\nB,2012,rct,control,33,,,,,,,,4,gvhd,uc\n")
    prepared = prepare_outcome(read_extraction_sheet(path), "gvhd", compare=("msc", "control"))
    expected = effect_sizes("RR", events1=[9, 0], n1=[40, 35], events2=[13, 4], n2=[40, 33])
    np.testing.assert_allclose(prepared.studies["yi"], expected["yi"])
    np.testing.assert_allclose(prepared.studies["vi"], expected["vi"])
    assert prepared.studies["msc_source"].tolist() == ["bm", "uc"]


def test_located_errors_are_all_reported_at_once(tmp_path):
    path = write(tmp_path, "A,2010,rct,msc,twelve,,,,,,,,,days,bm\n"
                           "B,2011,rct,msc,10,,,,,,,,12,gvhd,bm\n"
                           "C,2012,rct,msc,10,,,15,16,14,,,,days,bm\n")
    with pytest.raises(InputError) as error:
        read_extraction_sheet(path)
    message = str(error.value)
    assert "3 problem(s)" in message
    assert "line 2, column n: 'twelve' is not a number" in message
    assert "line 3, column events: 12 must be between 0 and n = 10" in message
    assert "line 4, columns min/q1/median/q3/max: , 16, 15, 14,  are not in increasing order" in message


def test_missing_required_column(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("study,n\nA,10\n")
    with pytest.raises(InputError, match="missing required column\\(s\\) outcome"):
        read_extraction_sheet(path)


def test_several_arms_without_choice_is_a_clear_error():
    sheet = read_extraction_sheet(EXAMPLE)
    with pytest.raises(InputError, match="several rows for outcome 'platelet_engraftment_days'; choose one arm"):
        prepare_outcome(sheet, "platelet_engraftment_days")


def test_unknown_outcome_lists_the_known_ones():
    sheet = read_extraction_sheet(EXAMPLE)
    with pytest.raises(InputError, match="no rows for outcome 'relapse'; outcomes in the sheet: acute_gvhd"):
        prepare_outcome(sheet, "relapse")


SOURCED = Path(__file__).resolve().parents[2] / "examples" / "meta" / "msc_cotransplantation_sourced.csv"


def test_sourced_example_cites_every_row():
    sheet = read_extraction_sheet(SOURCED)
    assert sheet["pmid"].str.fullmatch(r"\d{7,8}").all()
    assert (sheet["source"].str.len() > 20).all()
    assert not sheet["study"].str.contains("Illustrative").any()


def test_sourced_example_medians_without_spread_are_excluded_with_the_reason():
    sheet = read_extraction_sheet(SOURCED)
    with pytest.raises(InputError) as error:
        prepare_outcome(sheet, "neutrophil_engraftment_days", arm="msc")
    assert str(error.value).count("median without IQR or range") == 3


def test_sourced_example_zero_events_pool_with_the_glmm():
    from graftline.meta import pool_glmm

    prepared = prepare_outcome(read_extraction_sheet(SOURCED), "engraftment_failure")
    studies = prepared.studies
    assert studies["events"].tolist() == [0, 1] and studies["n"].tolist() == [8, 17]
    result = pool_glmm(studies["events"], studies["n"])
    # tau^2 = 0: the ML estimate is the pooled proportion 1/25 on the logit scale.
    assert result.back_transform().estimate == pytest.approx(1 / 25, rel=1e-8)
