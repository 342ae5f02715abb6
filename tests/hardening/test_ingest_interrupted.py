"""An interrupted or concurrent ingest leaves nothing behind and never mixes stores (issue 18).

Each run starts a real ``graftline ingest`` process on a cohort whose labs
file is large enough that the store is being written for a while, waits
until its temporary store exists beside the target, stops the process
there (SIGSTOP) so that the signal is sure to arrive mid-write, sends the
signal and lets it continue.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from graftline.cohort import ingest
from graftline.errors import InputError

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "cohort"
LAB_ROWS = 600_000


@pytest.fixture(scope="module")
def big_cohort(tmp_path_factory) -> Path:
    """The example cohort with 600 000 extra (valid) daily counts of patient EX05."""
    directory = tmp_path_factory.mktemp("big") / "cohort"
    shutil.copytree(EXAMPLE, directory)
    extra = directory.parent / "extra.csv"
    with duckdb.connect() as con:
        con.execute(
            f"COPY (SELECT 'EX05' AS patient_id, (i % 34) - 3 AS day, NULL AS date, 'ANC' AS analyte, "
            f"round(1 + (i % 7) / 10, 1) AS value, '10^9/L' AS unit FROM range({LAB_ROWS}) t(i)) "
            f"TO '{extra}' (HEADER false)"
        )
    with (directory / "labs.csv").open("ab") as labs, extra.open("rb") as rows:
        shutil.copyfileobj(rows, labs)
    extra.unlink()
    return directory


def _start_ingest(cohort: Path, db: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-c", "from graftline.cli import main; main()", "ingest", str(cohort), "--db", str(db)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env={"COLUMNS": "200", "PATH": "/usr/bin:/bin", "GRAFTLINE_DUCKDB_MEMORY": "512MB"},
    )


def _temporaries(db: Path) -> list[str]:
    return sorted(p.name for p in db.parent.iterdir() if p.name.startswith(f".{db.name}.") and ".tmp" in p.name)


def _stop_mid_write(process: subprocess.Popen, db: Path) -> None:
    """Stop ``process`` while its temporary store exists (skip if it finished first)."""
    deadline = time.monotonic() + 120
    while not _temporaries(db):
        if process.poll() is not None or time.monotonic() > deadline:
            pytest.fail(f"ingest ended before writing: {process.communicate()}")
        time.sleep(0.005)
    process.send_signal(signal.SIGSTOP)
    if not _temporaries(db):
        process.send_signal(signal.SIGCONT)
        process.wait()
        pytest.skip("the ingest finished between seeing its temporary store and stopping it")


@pytest.fixture(scope="module")
def example_store(tmp_path_factory) -> Path:
    db = tmp_path_factory.mktemp("example") / "cohort.duckdb"
    ingest(EXAMPLE, db)
    return db


@pytest.fixture
def previous_store(tmp_path, example_store) -> Path:
    """A store from an earlier ingest, alone in its folder (a copy of one ingest, made once)."""
    db = tmp_path / "cohort.duckdb"
    shutil.copyfile(example_store, db)
    return db


@pytest.mark.slow
@pytest.mark.parametrize("signum, code, word", [(signal.SIGINT, 130, "interrupted"), (signal.SIGTERM, 143, "terminated")])
def test_a_signal_mid_write_removes_the_temporary_store(big_cohort, previous_store, signum, code, word):
    before = previous_store.read_bytes()
    process = _start_ingest(big_cohort, previous_store)
    _stop_mid_write(process, previous_store)
    process.send_signal(signum)
    process.send_signal(signal.SIGCONT)
    out, err = process.communicate(timeout=120)
    assert process.returncode == code, err
    assert f"{word}; nothing was written" in err
    assert "Traceback" not in err and "Query interrupted" not in err
    assert _temporaries(previous_store) == []
    assert previous_store.read_bytes() == before
    assert [p.name for p in previous_store.parent.iterdir()] == ["cohort.duckdb"]


@pytest.mark.slow
def test_the_next_ingest_removes_what_a_killed_one_left(big_cohort, previous_store, graftline):
    before = previous_store.read_bytes()
    process = _start_ingest(big_cohort, previous_store)
    _stop_mid_write(process, previous_store)
    left = _temporaries(previous_store)
    process.kill()
    process.wait()
    assert _temporaries(previous_store) == left and left  # SIGKILL cannot be cleaned up after
    assert previous_store.read_bytes() == before
    run = graftline("ingest", EXAMPLE, "--db", previous_store)
    assert run.code == 0, run.output
    assert "removed" in run.output and "left by an interrupted ingest" in run.output
    assert [p.name for p in previous_store.parent.iterdir()] == ["cohort.duckdb"]


def test_two_ingests_into_one_target_one_wins_the_other_is_refused(tmp_path, previous_store):
    # A second process holds the target's ingest lock, as a running ingest does.
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import sys, time; from graftline.cohort.ingestion import ingest_lock\n"
         "with ingest_lock(sys.argv[1]):\n    print('locked', flush=True); time.sleep(60)",
         str(previous_store)],
        stdout=subprocess.PIPE, text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "locked"
        before = previous_store.read_bytes()
        with pytest.raises(InputError, match=r"another ingest into .*cohort\.duckdb is running \(process \d+\)"):
            ingest(EXAMPLE, previous_store)
        assert previous_store.read_bytes() == before
    finally:
        holder.kill()
        holder.wait()
    # The lock dies with its process: the next ingest goes ahead and leaves no lock file.
    ingest(EXAMPLE, previous_store)
    assert [p.name for p in previous_store.parent.iterdir()] == ["cohort.duckdb"]


@pytest.mark.slow
def test_an_ingest_while_another_is_writing_is_refused_and_the_store_never_mixes(big_cohort, tmp_path, graftline):
    """Two ingests into one target at once: the one writing wins, the other is refused; no mix.

    The first (another process) is held mid-write, so the second surely arrives while it writes.
    """
    db = tmp_path / "cohort.duckdb"
    other = _start_ingest(big_cohort, db)
    _stop_mid_write(other, db)
    here = graftline("ingest", EXAMPLE, "--db", db)
    other.send_signal(signal.SIGCONT)
    out, err = other.communicate(timeout=120)
    assert here.code == 1 and re.search(r"another ingest into .*cohort\.duckdb is running \(process \d+\)",
                                        here.output), here.output
    assert other.returncode == 0, err
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.sql("SELECT count(*) FROM labs").fetchone()[0] == 542 + LAB_ROWS  # the winner's rows only
    assert [p.name for p in tmp_path.iterdir()] == ["cohort.duckdb"]


def test_a_spill_folder_left_by_a_killed_process_is_removed(tmp_path, monkeypatch):
    """DuckDB's spill folder may hold patient data: the next session removes one whose process is gone."""
    import tempfile

    from graftline.cohort import validate

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    stale = tmp_path / f"graftline-spill-{int(gone.stdout)}-abc123"
    stale.mkdir()
    (stale / "spill.tmp").write_bytes(b"patient data")
    alive = tmp_path / f"graftline-spill-{os.getpid()}-def456"
    alive.mkdir()
    validate(EXAMPLE)
    assert not stale.exists()
    assert alive.exists()  # a running process's folder is never touched


def test_a_converted_redcap_export_left_by_a_killed_process_is_removed(tmp_path, monkeypatch):
    """The canonical tables a REDCap export is converted to are patient data in $TMPDIR: private, and
    one left by a killed process is removed by the next REDCap validate or ingest."""
    import stat
    import tempfile

    from graftline.cohort.redcap import ingest as redcap_ingest

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    stale = tmp_path / f"graftline-redcap-{int(gone.stdout)}-abc123"
    stale.mkdir()
    (stale / "labs.csv").write_text("patient_id,date\nP1,2020-01-01\n")
    alive = tmp_path / f"graftline-redcap-{os.getpid()}-def456"
    alive.mkdir()
    seen = []

    def converted(conversion, folder):
        seen.append((folder, stat.S_IMODE(folder.stat().st_mode)))
        raise InputError("stop here")

    monkeypatch.setattr(redcap_ingest, "_write_tables", converted)
    monkeypatch.setattr(redcap_ingest, "_prepare", lambda source: type("P", (), {"conversion": object()})())
    monkeypatch.setattr(redcap_ingest, "_Locator", lambda prepared: None)
    monkeypatch.setattr(redcap_ingest, "find_source", lambda *args: None)
    with pytest.raises(InputError, match="stop here"):
        redcap_ingest.validate_redcap(tmp_path / "export.csv")
    assert not stale.exists()
    assert alive.exists()  # a running process's folder is never touched
    (folder, mode), = seen
    assert folder.name.startswith(f"graftline-redcap-{os.getpid()}-") and mode == 0o700
    assert not folder.exists()  # removed at the end, also after an error


def test_spark_scratch_is_private_and_one_left_by_a_killed_process_is_removed(tmp_path, monkeypatch):
    """A local Spark session spills patient rows into its scratch folder: 0700, stale ones removed."""
    import stat
    import tempfile

    from graftline.cohort.spark import private_scratch

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    stale = tmp_path / f"graftline-spark-{int(gone.stdout)}"
    (stale / "local").mkdir(parents=True)
    (stale / "local" / "shuffle_0.data").write_bytes(b"patient rows")
    other = tmp_path / "graftline-sparkling-1"  # not a scratch folder
    other.mkdir()
    scratch = private_scratch()
    assert not stale.exists() and other.exists()
    assert scratch == tmp_path / f"graftline-spark-{os.getpid()}"
    assert stat.S_IMODE(scratch.stat().st_mode) == 0o700
