"""``graftline validate`` and ``graftline ingest``: exit codes, messages, never a traceback."""

from __future__ import annotations

import json
import subprocess
import sys

import duckdb


def graftline(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", "from graftline.cli import main; main()", *args],
        capture_output=True, text=True, timeout=120,
        env={"COLUMNS": "200", "PATH": "/usr/bin:/bin"},
    )


def test_validate_clean_cohort_exits_0(example_dir):
    run = graftline("validate", str(example_dir))
    assert run.returncode == 0, run.stderr
    assert "0 errors, 0 warnings in 10 files" in run.stderr


def test_validate_lists_every_problem_and_exits_1(cohort):
    cohort.set("labs", 10, "unit", "mg")
    cohort.set("treatments", 3, "modality", "auto")
    run = graftline("validate", str(cohort.dir))
    assert run.returncode == 1
    assert "Traceback" not in run.stderr
    assert "'mg' is not a cell-count unit for analyte anc" in run.stderr
    assert "unknown modality 'auto'" in run.stderr


def test_validate_json_for_programs(cohort):
    cohort.set("labs", 10, "unit", "mg")
    run = graftline("validate", str(cohort.dir), "--format", "json")
    assert run.returncode == 1
    report = json.loads(run.stdout)
    assert report["ok"] is False and report["n_errors"] == 1
    assert report["problems"][0] | {"message": None, "expected": None} == {
        "file": "labs.csv", "row": 10, "column": "unit", "value": "mg",
        "message": None, "expected": None, "severity": "error",
    }
    assert report["problems"][0]["message"] == "'mg' is not a cell-count unit for analyte anc"


def test_ingest_writes_then_refuses_bad_input_leaving_the_database(cohort, tmp_path):
    db = tmp_path / "cohort.duckdb"
    run = graftline("ingest", str(cohort.dir), "--db", str(db))
    assert run.returncode == 0, run.stderr
    assert f"wrote {db}" in run.stderr.replace("\n", "")
    before = db.read_bytes()
    cohort.set("patients", 3, "birth_date", "31.12.1950")
    run = graftline("ingest", str(cohort.dir), "--db", str(db))
    assert run.returncode == 1 and "Traceback" not in run.stderr
    assert "'31.12.1950' is not a date" in run.stderr
    assert "nothing was written" in run.stderr
    assert db.read_bytes() == before
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.sql("SELECT count(*) FROM labs").fetchone()[0] == 542


def test_user_mistakes_are_one_line_not_a_traceback(tmp_path):
    run = graftline("validate", str(tmp_path / "missing"))
    assert run.returncode == 1 and "Traceback" not in run.stderr
    assert "is not a directory" in run.stderr
    run = graftline("ingest", str(tmp_path), "--db", str(tmp_path / "no" / "such" / "dir.duckdb"))
    assert run.returncode == 1 and "Traceback" not in run.stderr
    assert "does not exist" in run.stderr
