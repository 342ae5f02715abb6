"""Odd cohorts still give a report that says plainly what could not be estimated and why;
no patient identifier appears anywhere unless asked for."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from synthetic import endpoint_frame

from graftline.cli import main
from graftline.report import build_report

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def _all_text(out: Path) -> str:
    return "\n".join(p.read_text(errors="replace") for p in sorted(out.rglob("*"))
                     if p.suffix in (".html", ".csv", ".svg"))


def _reasons(report) -> list[str]:
    return report.not_estimated["reason"].tolist()


def test_empty_cohort_builds_and_says_so(tmp_path):
    empty = endpoint_frame(5).iloc[:0]
    report = build_report(empty, tmp_path)
    html = report.index.read_text()
    assert "The cohort has no patients: nothing can be estimated." in html
    assert "no patient has a usable time and status" in html
    assert report.figures == {}
    assert (tmp_path / "tables" / "not_estimated.csv").exists()


@pytest.fixture(scope="module")
def odd(tmp_path_factory):
    """One report of a cohort with several independent oddities (built once: figures are slow)."""
    frame = endpoint_frame(20)
    frame.loc[0, "arm"] = "compassionate"  # one patient alone in an arm
    frame["cgvhd_status"] = 0  # nobody developed chronic GVHD or died without it
    frame["pfs_status"] = 0  # no progression and no death recorded
    frame = frame.drop(columns=["grfs_day", "grfs_status", "chimerism_category"])
    out = tmp_path_factory.mktemp("odd")
    # Graft source is 'none' exactly in the chemo arm: adjusting for it is singular.
    return frame, out, build_report(frame, out, adjust=("graft_source",))


def test_arm_with_one_patient_is_shown_but_not_compared(odd):
    _, _, report = odd
    html = report.index.read_text()
    assert "Arm(s) compassionate have fewer than 2 patients" in html
    # the arm is still in the numbers at risk, but never in a test or a model
    at_risk = pd.read_csv(report.tables["numbers_at_risk"])
    day0 = at_risk.query("arm == 'compassionate' and day == 0")["at_risk"]
    assert len(day0) > 0 and (day0 == 1).all()
    tests = pd.read_csv(report.tables["tests"])
    assert len(tests) > 5 and not tests["arms"].str.contains("compassionate").any()


def test_no_events_of_a_kind(odd):
    _, _, report = odd
    not_estimated = report.not_estimated.groupby("endpoint")["reason"].apply(" ".join)
    assert "No events and no competing events were recorded" in not_estimated["Chronic GVHD"]
    assert not_estimated["Chronic GVHD hazard ratio"] == "no events in the compared arms"
    assert "survival is 100 % throughout" in not_estimated["Progression-free survival"]
    landmarks = pd.read_csv(report.tables["landmarks"]).query("endpoint == 'cgvhd' and day == 365")
    assert len(landmarks) and (landmarks["estimate"] == 0).all()
    assert "Not estimated:</strong> Chronic GVHD: No events" in report.index.read_text()


def test_singular_model_names_the_collinear_columns(odd):
    _, _, report = odd
    reasons = " ".join(_reasons(report))
    assert "collinear" in reasons and "graft_source" in reasons
    # every model includes the singular adjustment, so no hazard ratio table is written
    assert "hazard_ratios" not in report.tables


def test_missing_endpoint_columns_are_reported(odd):
    _, _, report = odd
    reasons = _reasons(report)
    assert "the endpoint table has no grfs_day/grfs_status columns" in reasons
    assert "the endpoint table has no chimerism_category column" in reasons


def test_no_patient_identifier_anywhere(odd):
    frame, out, report = odd
    text = _all_text(out)
    leaked = [pid for pid in frame["patient_id"] if pid in text]
    assert leaked == []
    assert "patient_id" not in text
    assert len(list(out.rglob("*.csv"))) >= 10 and report.index.exists()


def test_cli_report_from_endpoint_file_with_ids(tmp_path, capsys):
    frame = endpoint_frame(15)
    path = tmp_path / "endpoints.csv"
    frame.to_csv(path, index=False)
    with pytest.raises(SystemExit) as exit_info:
        main(["report", "--endpoints", str(path), "--out", str(tmp_path / "out"), "--adjust", "age",
              "--include-ids"])
    assert exit_info.value.code == 0
    assert "index.html" in capsys.readouterr().err
    # --include-ids: a patient listing in the page and the full endpoint table as CSV
    listing = pd.read_csv(tmp_path / "out" / "tables" / "patient_endpoints.csv")
    assert sorted(listing["patient_id"]) == sorted(frame["patient_id"])
    assert frame["patient_id"].iloc[0] in (tmp_path / "out" / "index.html").read_text()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["report", "--out", "x"], "give --db cohort.duckdb"),
        (["report", "--db", "nowhere.duckdb", "--out", "x"], "no such cohort store"),
        (["report", "--endpoints", "nowhere.csv", "--out", "x"], "endpoint file not found"),
    ],
)
def test_cli_user_mistakes_are_one_clear_line(tmp_path, capsys, monkeypatch, args, message):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(SystemExit) as exit_info:
        main(args)
    assert exit_info.value.code == 1
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err


def test_store_warnings_are_listed_without_identifiers(tmp_path):
    """Ingest the example cohort with an extra column (a real ingest warning), then add a
    warning that names a patient, as a validation message may; the appendix lists both and
    neither the HTML nor any CSV shows an identifier."""
    import shutil

    import duckdb

    from graftline.cohort import ingest
    from graftline.report.inputs import redact

    cohort = tmp_path / "cohort"
    shutil.copytree(EXAMPLES / "cohort", cohort)
    patients = pd.read_csv(cohort / "patients.csv")
    patients["nickname"] = "x"
    patients.to_csv(cohort / "patients.csv", index=False)
    db = tmp_path / "cohort.duckdb"
    ingest(cohort, db)
    ids = patients["patient_id"].tolist()
    with duckdb.connect(str(db)) as con:
        con.execute("INSERT INTO validation_warnings (file, row, \"column\", value, message, expected, severity) "
                    "VALUES ('infections.csv', 3, 'day', ?, ?, 'no events after death', 'warning')",
                    [ids[2], f"infection of {ids[2]} on day 40 is after the patient's death on day 30"])
    report = build_report(db, tmp_path / "report")
    html = report.index.read_text()
    assert "Validation warnings (2)" in html and "column &#x27;nickname&#x27; is not part" in html
    assert "infection of [patient] on day 40" in html
    text = _all_text(tmp_path / "report")
    assert [pid for pid in ids if pid in text] == []
    # whole identifiers only: EX1 inside EX10 is not replaced
    assert redact("EX1 and EX10", ["EX1"]) == "[patient] and EX10"
