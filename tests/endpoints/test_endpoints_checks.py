"""Validation warnings that need the endpoint rules, located by file and row, and accepted spellings.

Sources of the rules the warnings explain: MAGIC (Harris 2016) and NIH
(Jagasia 2015) via docs/endpoints.md; "A death recorded as caused by the
disease with no earlier relapse record is a relapse at death (registry
practice), not NRM; flag the inconsistency" (DOMAIN.md 2).
"""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import duckdb
import pytest

from graftline.cli import main
from graftline.cohort import ingest, validate
from graftline.endpoints.checks import consistency_problems

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "cohort"


def edit(directory: Path, table: str, changes: dict[tuple[int, str], str], *, add: list[str] = ()) -> None:
    """Set cells ((spreadsheet row, column) -> value), adding empty columns ``add`` first."""
    path = directory / f"{table}.csv"
    rows = list(csv.reader(path.open(newline="")))
    for column in add:
        rows[0].append(column)
        for row in rows[1:]:
            row.append("")
    for (row, column), value in changes.items():
        rows[row - 1][rows[0].index(column)] = value
    with path.open("w", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(rows)


@pytest.fixture
def cohort(tmp_path) -> Path:
    directory = tmp_path / "cohort"
    shutil.copytree(EXAMPLE, directory)
    return directory


def checks():
    return (lambda con, files: consistency_problems(con, files=files),)


def test_entered_grade_that_disagrees_with_the_organ_measures(cohort):
    # EX05 on 2023-10-05 = day 24 (row 4): skin 60 % (stage 3), bilirubin 4.0 (liver stage 2), upper
    # GI yes, stool 400 mL (stage 0; day 20 is outside the 3-day average): MAGIC grade III (liver
    # stage 2). Entered as "II" (a registry's Roman numeral is accepted): a warning on that row,
    # saying the organ measures win by default.
    edit(cohort, "gvhd_assessments", {(4, "agvhd_overall_grade"): "II"}, add=["agvhd_overall_grade"])
    report = validate(cohort, checks=checks())
    assert report.ok
    [warning] = [p for p in report.warnings if p.column == "agvhd_overall_grade"]
    assert (warning.file, warning.row, warning.value) == ("gvhd_assessments.csv", 4, "II")
    assert "entered overall acute GVHD grade II disagrees with MAGIC grade III" in warning.message
    assert "graftline uses the value from the organ measures" in warning.message
    # Without the checks (the cohort layer alone) nothing is said.
    assert not [p for p in validate(cohort).warnings if p.column == "agvhd_overall_grade"]


def test_chronic_gvhd_scores_without_a_diagnostic_sign(cohort):
    # EX06 row 6: NIH organ scores (skin 2, mouth 1) but cgvhd_diagnostic_sign emptied: not a
    # diagnosis under NIH, so no chronic GVHD is counted - said once, on that row.
    edit(cohort, "gvhd_assessments", {(6, "cgvhd_diagnostic_sign"): ""})
    report = validate(cohort, checks=checks())
    [warning] = [p for p in report.warnings if p.column == "cgvhd_diagnostic_sign"]
    assert warning.row == 6 and "patient 'EX06' day 150" in warning.message
    assert "organ scores alone are not a diagnosis" in warning.message


def test_all_zero_chronic_gvhd_scores_need_no_diagnostic_sign(cohort):
    # The same row scored 0 in every organ (an assessment that found no chronic GVHD):
    # nothing to diagnose, so no warning (simulated cohorts score every follow-up visit).
    edit(cohort, "gvhd_assessments", {(6, "cgvhd_diagnostic_sign"): "", (6, "cgvhd_skin"): "0", (6, "cgvhd_mouth"): "0"})
    report = validate(cohort, checks=checks())
    assert not [p for p in report.warnings if p.column == "cgvhd_diagnostic_sign"]


def test_one_nonzero_chronic_gvhd_score_still_needs_a_diagnostic_sign(cohort):
    # The boundary of the all-zero exemption (issue #21 review): skin 0 but mouth 1 is a finding
    # (NIH 2014 organ score 1 = involvement; Jagasia 2015), and without a diagnostic sign it is
    # not a diagnosis, so the warning stays.
    edit(cohort, "gvhd_assessments", {(6, "cgvhd_diagnostic_sign"): "", (6, "cgvhd_skin"): "0", (6, "cgvhd_mouth"): "1"})
    report = validate(cohort, checks=checks())
    [warning] = [p for p in report.warnings if p.column == "cgvhd_diagnostic_sign"]
    assert warning.row == 6


def test_all_zero_scores_with_an_entered_severity_still_disagree(cohort):
    # The exemption silences only the missing-diagnosis warning: an entered global severity "mild"
    # over all-zero organ scores (NIH severity none) is still reported as a disagreement.
    edit(cohort, "gvhd_assessments", {(6, "cgvhd_diagnostic_sign"): "", (6, "cgvhd_skin"): "0", (6, "cgvhd_mouth"): "0",
                                      (6, "cgvhd_global_severity"): "mild"}, add=["cgvhd_global_severity"])
    report = validate(cohort, checks=checks())
    [warning] = [p for p in report.warnings if p.column == "cgvhd_global_severity"]
    assert warning.row == 6 and "disagrees with NIH severity none" in warning.message
    assert not [p for p in report.warnings if p.column == "cgvhd_diagnostic_sign"]


@pytest.mark.parametrize("skin, mouth, counted_without_gate", [("0", "0", 0), ("2", "1", 1)])
def test_the_nih_gate_changes_nothing_for_all_zero_scores(cohort, tmp_path, skin, mouth, counted_without_gate):
    # Why the all-zero exemption is right: the warning says "no chronic GVHD is counted" because the
    # NIH diagnosis is missing. For all-zero organ scores none would be counted with or without that
    # gate (NIH severity none), so the warning would report a loss that does not exist; for real
    # scores (skin 2, mouth 1) the gate decides whether EX06 has chronic GVHD, which is what the
    # warning is for.
    from graftline.cohort import connect
    from graftline.endpoints import EndpointDefinitions, endpoint_frame

    edit(cohort, "gvhd_assessments", {(6, "cgvhd_diagnostic_sign"): "", (6, "cgvhd_skin"): skin,
                                      (6, "cgvhd_mouth"): mouth})
    ingest(cohort, tmp_path / "cohort.duckdb")
    con = connect(tmp_path / "cohort.duckdb", read_only=True)
    status = {}
    for gate in ("true", "false"):
        definitions = EndpointDefinitions.preset("harmonized2024").with_options(
            [f"cgvhd_requires_diagnostic_sign={gate}"])
        frame = endpoint_frame(con, definitions)
        status[gate] = int(frame.loc[frame.patient_id == "EX06", "cgvhd_status"].iloc[0])
    assert status == {"true": 0, "false": counted_without_gate}


def test_death_from_relapse_without_relapse_record_names_the_patient(cohort, tmp_path):
    # EX04 died of "progressive disease" (a spelling of progression) with no relapse recorded: counted
    # as a relapse on the death day; the warning names the patient and the follow-up row (5). Ingest
    # keeps it in the store's validation warnings (the report's data-quality appendix).
    edit(cohort, "followup", {(5, "cause"): "Progressive disease"})
    report = validate(cohort, checks=checks())
    [warning] = [p for p in report.warnings if p.file == "followup.csv"]
    assert (warning.row, warning.column, warning.value) == (5, "cause", "progression")
    assert "patient 'EX04' died on day 14 of progression but has no relapse" in warning.message
    db = tmp_path / "cohort.duckdb"
    ingest(cohort, db, checks=checks())
    stored = duckdb.connect(str(db), read_only=True).execute("SELECT message FROM validation_warnings WHERE file = 'followup.csv'").fetchall()
    assert len(stored) == 1 and "EX04" in stored[0][0]


def test_registry_spellings_are_accepted(cohort, tmp_path):
    # MUD, haplo, Sepsis, SOS/VOD, C. difficile, ELN spellings: stored as the canonical values.
    edit(cohort, "treatments", {(2, "donor_type"): "MUD", (3, "donor_type"): "haplo", (8, "donor_type"): "MSD"})
    edit(cohort, "followup", {(5, "cause"): "Sepsis"})
    edit(cohort, "disease_assessments", {(5, "status"): "CRh", (6, "status"): "MLFS"})
    edit(cohort, "gvhd_assessments", {(3, "alternative_cause"): "C. difficile", (3, "alternative_cause_organ"): "lower GI",
                                      (4, "alternative_cause"): "SOS/VOD", (4, "alternative_cause_organ"): "liver"},
         add=["alternative_cause", "alternative_cause_organ"])
    db = tmp_path / "cohort.duckdb"
    result = ingest(cohort, db, checks=checks())
    assert result.report.ok
    con = duckdb.connect(str(db), read_only=True)
    donors = dict(con.execute("SELECT patient_id, donor_type FROM treatments").fetchall())
    assert (donors["EX01"], donors["EX02"], donors["EX07"]) == ("matched_unrelated", "haploidentical", "matched_related")
    assert con.execute("SELECT cause FROM followup WHERE patient_id = 'EX04'").fetchone()[0] == "infection"
    assert sorted(r[0] for r in con.execute("SELECT status FROM disease_assessments WHERE status IN ('crh', 'mlfs')").fetchall()) == ["crh", "mlfs"]
    causes = con.execute("SELECT alternative_cause, alternative_cause_organ FROM gvhd_assessments WHERE alternative_cause IS NOT NULL ORDER BY 1").fetchall()
    assert causes == [("infection", "lower_gi"), ("sos_vod", "liver")]


def test_graft_source_is_asked_of_allo_not_of_mst(cohort, capsys):
    # MST donor cells are never assessed for graft failure: no graft-source warning for EX01 (MST);
    # an allo-HSCT infusion without one (EX05, row 6) still gets it. Messages go to stderr, and
    # --format json puts the report on stdout.
    edit(cohort, "treatments", {(2, "graft_source"): "", (6, "graft_source"): ""})
    report = validate(cohort)
    flagged = [(p.row, p.column) for p in report.warnings if p.column == "graft_source"]
    assert flagged == [(6, "graft_source")]
    with pytest.raises(SystemExit) as code:
        main(["validate", str(cohort), "--format", "json"])
    captured = capsys.readouterr()
    assert code.value.code == 0 and '"graft_source"' in captured.out


def test_validate_report_to_a_file_or_stdout_messages_to_stderr(cohort, tmp_path, capsys):
    # --out FILE writes the report as data (JSON, CSV, or text by suffix); --out - puts it on stdout;
    # the one-line summary always goes to stderr.
    edit(cohort, "followup", {(5, "cause"): "relapse"})
    for name, probe in (("report.json", '"n_warnings": 1'), ("report.csv", "file,row,column,value,message,expected,severity")):
        with pytest.raises(SystemExit) as code:
            main(["validate", str(cohort), "--out", str(tmp_path / name)])
        captured = capsys.readouterr()
        assert code.value.code == 0 and captured.out == ""
        assert "0 errors, 1 warning in 10 files" in " ".join(captured.err.split())
        assert probe in (tmp_path / name).read_text()
    with pytest.raises(SystemExit):
        main(["validate", str(cohort), "--out", "-"])
    captured = capsys.readouterr()
    assert captured.out.startswith("0 errors, 1 warning in 10 files\nfollowup.csv row 5, column cause: patient 'EX04'")
    assert "0 errors, 1 warning" in " ".join(captured.err.split())
