"""graftline meta: the command end to end on the illustrative sheet."""

from pathlib import Path

import pandas as pd
import pytest
import typer

from graftline.cli import app, main
from graftline.meta import pool, pool_mh
from graftline.meta.sheet import prepare_outcome, read_extraction_sheet

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "meta" / "msc_engraftment_illustrative.csv"


def argv(*args: str) -> list[str]:
    # With a single registered command Typer runs it without its name.
    return (["meta"] if hasattr(typer.main.get_command(app), "commands") else []) + list(args)


def test_pools_converts_and_writes_plots_and_tables(tmp_path, capsys):
    with pytest.raises(SystemExit) as done:
        main(argv(str(EXAMPLE), "--outcome", "neutrophil_engraftment_days", "--by", "msc_source",
                  "--out", str(tmp_path)))
    assert done.value.code == 0
    for name in ["forest_neutrophil_engraftment_days.svg", "forest_neutrophil_engraftment_days.png",
                 "funnel_neutrophil_engraftment_days.svg", "summary_neutrophil_engraftment_days.csv",
                 "studies_neutrophil_engraftment_days.csv"]:
        assert (tmp_path / name).stat().st_size > 0, name
    summary = pd.read_csv(tmp_path / "summary_neutrophil_engraftment_days.csv")
    assert summary["analysis"].tolist() == ["overall", "bone_marrow", "umbilical_cord"]
    # The overall row is pool() on the prepared studies (REML, z).
    prepared = prepare_outcome(read_extraction_sheet(EXAMPLE), "neutrophil_engraftment_days")
    expected = pool(prepared.studies["yi"], prepared.studies["vi"])
    assert summary["estimate"][0] == pytest.approx(expected.estimate, rel=1e-12)
    assert summary["tau2"][0] == pytest.approx(expected.tau2, rel=1e-12)
    # A single-arm mean has a CI, not a p-value against 0 days (#20).
    assert summary["p_value"].isna().all() and summary["ci_lower"].notna().all()
    err = capsys.readouterr().err
    assert "excluded:" in err and "Illustrative G" in err
    assert "converted:" in err
    studies = pd.read_csv(tmp_path / "studies_neutrophil_engraftment_days.csv")
    assert studies["converted"].sum() == 5
    assert "† mean and/or SD estimated" in (tmp_path / "forest_neutrophil_engraftment_days.svg").read_text()


def test_user_mistake_is_one_line_and_exit_1(tmp_path, capsys):
    with pytest.raises(SystemExit) as done:
        main(argv(str(EXAMPLE), "--outcome", "neutrophil_engraftment_days", "--by", "hospital",
                  "--out", str(tmp_path)))
    assert done.value.code == 1
    err = capsys.readouterr().err
    assert "--by 'hospital': not a free column" in err
    assert "Traceback" not in err


def _run(*args):
    with pytest.raises(SystemExit) as done:
        main(argv(*args))
    return done.value.code


def test_two_arm_counts_mantel_haenszel_favours_and_grade(tmp_path, capsys):
    code = _run(str(EXAMPLE), "--outcome", "acute_gvhd_grade_2_4", "--compare", "msc:control", "--model", "mh",
                "--out", str(tmp_path))
    assert code == 0
    svg = (tmp_path / "forest_acute_gvhd_grade_2_4.svg").read_text()
    assert "Favours msc" in svg and "Favours control" in svg and "Mantel-Haenszel" in svg
    summary = pd.read_csv(tmp_path / "summary_acute_gvhd_grade_2_4.csv")
    prepared = prepare_outcome(read_extraction_sheet(EXAMPLE), "acute_gvhd_grade_2_4", compare=("msc", "control"))
    expected = pool_mh(*(prepared.studies[c] for c in ("events_1", "n_1", "events_2", "n_2")), measure="RR")
    assert summary["estimate_analysis_scale"][0] == pytest.approx(expected.estimate, rel=1e-12)
    grade = pd.read_csv(tmp_path / "summary_of_findings_acute_gvhd_grade_2_4.csv")
    assert grade["certainty"][0] in {"HIGH", "Moderate", "Low", "Very low"} and grade["reasons"][0]


def test_sort_year_diagnostics_and_risk_of_bias(tmp_path):
    rob = tmp_path / "rob.csv"
    rob.write_text("study,year,tool,domain,judgement,support\n"
                   + "".join(f"Illustrative {s},{y},rob2,D{d},{'high' if s == 'A' and d == 2 else 'low'},x\n"
                             for s, y in (("A", 2012), ("D", 2016)) for d in range(1, 6)))
    code = _run(str(EXAMPLE), "--outcome", "platelet_engraftment_days", "--compare", "msc:control",
                "--sort", "year", "--rob", str(rob), "--out", str(tmp_path / "out"))
    assert code == 0
    out = tmp_path / "out"
    for name in ("influence", "cumulative", "gosh", "grade", "rob_overall"):
        assert (out / f"{name}_platelet_engraftment_days.csv").stat().st_size > 0, name
    for name in ("baujat_platelet_engraftment_days.svg", "funnel_contour_platelet_engraftment_days.svg",
                 "rob_traffic_light_rob2.svg", "rob_summary_rob2.svg"):
        assert (out / name).stat().st_size > 1000, name
    influence = pd.read_csv(out / "influence_platelet_engraftment_days.csv")
    assert list(influence.columns[:9]) == ["study", "rstudent", "dffits", "cooks_distance", "cov_ratio",
                                           "tau2_deleted", "qe_deleted", "hat", "weight"]


def test_hazard_ratios_from_the_sheet(tmp_path, capsys):
    sheet = tmp_path / "os.csv"
    sheet.write_text("study,year,design,arm,n,events,hr,hr_lower,hr_upper,p_value,outcome\n"
                     "Alpha,2010,rct,msc,40,12,0.60,0.35,1.02,,os\nBeta,2012,rct,msc,30,9,0.70,,,0.20,os\n"
                     "Gamma,2016,rct,msc,60,20,0.82,0.50,1.34,,os\n")
    assert _run(str(sheet), "--outcome", "os", "--measure", "HR", "--out", str(tmp_path / "out")) == 0
    summary = pd.read_csv(tmp_path / "out" / "summary_os.csv")
    assert summary["scale"][0] == "hazard ratio"
    err = capsys.readouterr().err
    assert "log HR from HR and the two-sided p-value" in err


def test_model_and_measure_mismatch_is_one_line(tmp_path, capsys):
    code = _run(str(EXAMPLE), "--outcome", "acute_gvhd_grade_2_4", "--compare", "msc:control", "--model", "peto",
                "--out", str(tmp_path))
    assert code == 1
    err = capsys.readouterr().err
    assert "--model peto estimates an odds ratio" in err and "Traceback" not in err
