"""Benchmark: validate + ingest 10 million lab rows (issue 2 target: >= 2 M rows/s, < 2 GB).

Run: ``.venv/bin/python benchmarks/ingest.py [--rows 10000000] [--append]``.

The cohort (50,000 patients x 200 daily ANC/platelet values; units mixed
10^9/L, K/uL and /uL; times half as days, half as dates) is written once into
``benchmarks/out/ingest_<rows>/`` (gitignored) by DuckDB and reused. Each
measurement runs in a fresh child process so that its peak resident memory
(``ru_maxrss``, which includes DuckDB's native allocations, unlike
tracemalloc) is that of the ingest alone. Four measurements: validate only;
ingest (a clean CSV takes the single pass, graftline.cohort.streamed_labs);
ingest with the staged path forced (what a non-CSV labs file takes); and
ingest of the same labs with one bad unit in the last row (the single pass
aborts at the end, the staged path lists the problem). With ``--append`` the
table is added to ``benchmarks/RESULTS.md``.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def write_cohort(directory: Path, rows: int) -> None:
    import duckdb

    per_patient = 200
    patients = max(rows // per_patient, 1)
    directory.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect()
    con.execute(f"""COPY (SELECT 'P' || lpad(i::VARCHAR, 7, '0') AS patient_id,
        CASE i % 2 WHEN 0 THEN 'm' ELSE 'f' END AS sex, 40 + i % 40 AS age, 'aml' AS diagnosis
        FROM range({patients}) t(i)) TO '{directory}/patients.csv' (HEADER)""")
    con.execute(f"""COPY (SELECT 'P' || lpad(i::VARCHAR, 7, '0') AS patient_id,
        DATE '2020-01-01' + CAST(i % 1000 AS INTEGER) AS day0_date,
        CASE i % 3 WHEN 0 THEN 'allo_hsct' WHEN 1 THEN 'mst' ELSE 'chemo' END AS modality,
        CASE i % 3 WHEN 2 THEN 'none' ELSE 'pbsc' END AS graft_source
        FROM range({patients}) t(i)) TO '{directory}/treatments.csv' (HEADER)""")
    con.execute(f"""COPY (SELECT 'P' || lpad(i::VARCHAR, 7, '0') AS patient_id, 365 AS last_contact_day,
        'alive' AS vital_status FROM range({patients}) t(i)) TO '{directory}/followup.csv' (HEADER)""")
    # Row i: patient i // 200, day (i % 200) // 2 - 7, ANC on even rows, platelets on odd.
    con.execute(f"""COPY (
        SELECT 'P' || lpad((i // {per_patient})::VARCHAR, 7, '0') AS patient_id,
          CASE WHEN (i // {per_patient}) % 2 = 0 THEN ((i % {per_patient}) // 2 - 7)::VARCHAR END AS day,
          CASE WHEN (i // {per_patient}) % 2 = 1
               THEN (DATE '2020-01-01' + CAST((i // {per_patient}) % 1000 + (i % {per_patient}) // 2 - 7 AS INTEGER))::VARCHAR END AS date,
          CASE i % 2 WHEN 0 THEN 'ANC' ELSE 'PLT' END AS analyte,
          CASE (i // 2) % 3 WHEN 2 THEN ((hash(i) % 50000)::INTEGER)::VARCHAR
               ELSE round((hash(i) % 5000) / 100.0, 2)::VARCHAR END AS value,
          CASE (i // 2) % 3 WHEN 0 THEN '10^9/L' WHEN 1 THEN 'K/uL' ELSE '/uL' END AS unit
        FROM range({rows}) t(i)) TO '{directory}/labs.csv' (HEADER)""")
    con.close()


def child(mode: str, directory: str, db: str) -> None:
    """One measurement in this (fresh) process; prints JSON."""
    from graftline.cohort import CohortValidationError, ingest, ingestion, validate

    start = time.perf_counter()
    if mode == "validate":
        report = validate(directory)
        assert report.ok, str(report)[:2000]
    elif mode == "refuse":
        try:
            ingest(directory, db)
        except CohortValidationError as error:
            assert len(error.report.errors) == 1, str(error.report)[:2000]
        else:
            raise AssertionError("the bad row was not found")
    else:
        ingestion.SINGLE_PASS = mode == "ingest"
        ingest(directory, db)
    seconds = time.perf_counter() - start
    usage = resource.getrusage(resource.RUSAGE_SELF)
    # CPU seconds over all threads: what the run cost, whatever else was running.
    print(json.dumps({"seconds": seconds, "peak_mb": usage.ru_maxrss / 1024,
                      "cpu_s": usage.ru_utime + usage.ru_stime}))


def measure(mode: str, directory: Path, db: Path) -> dict:
    out = subprocess.run(
        [sys.executable, __file__, "--child", mode, str(directory), str(db)],
        check=True, capture_output=True, text=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000_000)
    parser.add_argument("--append", action="store_true", help="append the results to benchmarks/RESULTS.md")
    parser.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(*args.child)
        return
    directory = HERE / "out" / f"ingest_{args.rows}"
    if not (directory / "labs.csv").exists():
        print(f"writing {args.rows:,} lab rows to {directory} ...", flush=True)
        write_cohort(directory, args.rows)
    db = HERE / "out" / f"ingest_{args.rows}.duckdb"
    size_mb = (directory / "labs.csv").stat().st_size / 2**20
    # The same labs with one bad unit in the last row: how long until ingest refuses them.
    bad = HERE / "out" / f"ingest_{args.rows}_bad"
    if not (bad / "labs.csv").exists():
        bad.mkdir(parents=True, exist_ok=True)
        for name in ("patients", "treatments", "followup", "labs"):
            shutil.copy(directory / f"{name}.csv", bad / f"{name}.csv")
        with (bad / "labs.csv").open("a") as handle:
            handle.write("P0000000,3,,ANC,1.5,mg\n")
    results = []
    for mode in ("validate", "ingest", "ingest-staged", "refuse"):
        result = measure(mode, bad if mode == "refuse" else directory, db)
        result["rows_per_s"] = args.rows / result["seconds"]
        results.append((mode, result))
        print(f"{mode:13s} {args.rows:,} lab rows ({size_mb:.0f} MB CSV): {result['seconds']:.2f} s, "
              f"{result['rows_per_s'] / 1e6:.2f} M rows/s, CPU {result['cpu_s']:.1f} s, "
              f"peak RSS {result['peak_mb']:.0f} MB, load average {os.getloadavg()[0]:.1f}", flush=True)
        result["load"] = os.getloadavg()[0]
    if args.append:
        import duckdb

        lines = [
            "", "## cohort", "",
            f"`benchmarks/ingest.py --rows {args.rows}` on {platform.machine()}, {os.cpu_count()} cores, "
            f"Python {platform.python_version()}, DuckDB {duckdb.__version__}, run "
            f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}. The machine was shared with "
            "other helpers' builds and test suites during the run, so times are pessimistic. "
            f"Input: {args.rows:,} lab rows ({size_mb:.0f} MB CSV, units mixed 10^9/L, K/uL, /uL; "
            "half days, half dates) for 50,000 patients, plus patients/treatments/followup. "
            "Peak memory is the child process's ru_maxrss (includes DuckDB's native memory). "
            "No peer: the issue names none.", "",
            "CPU s is user + system time over all threads of the process; CPU s / 2 is the wall "
            "time this run would need on two otherwise idle cores (at best).", "",
            "| step | wall s | lab rows/s (wall) | CPU s | lab rows/s (CPU s / 2) | peak RSS (MB) | 1-min load average at end |",
            "|---|---:|---:|---:|---:|---:|---:|",
        ]
        for mode, r in results:
            step = {"validate": "validate only", "ingest": "validate + ingest (write DuckDB file)",
                    "ingest-staged": "validate + ingest, staged path forced",
                    "refuse": "ingest refusing a file with one bad last row"}[mode]
            lines.append(
                f"| {step} | {r['seconds']:.2f} | {r['rows_per_s'] / 1e6:.2f} M | {r['cpu_s']:.1f} | "
                f"{args.rows / (r['cpu_s'] / 2) / 1e6:.2f} M | {r['peak_mb']:.0f} | {r['load']:.1f} |"
            )
        with (HERE / "RESULTS.md").open("a") as handle:
            handle.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
