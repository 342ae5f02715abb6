"""Benchmark: the endpoint engine on 100,000 patients x 100 days of ANC and platelets.

Run::

    .venv/bin/python benchmarks/endpoints.py [--patients 100000] [--days 100] [--db PATH] [--engine spark]

Generates the cohort directly in DuckDB with SQL (20 million lab rows plus
platelet transfusions), then runs, each in a fresh child process so that
its peak memory (max RSS) is its own:

1. all endpoints: ``endpoint_table(con)`` executed to Arrow (100,000 rows);
2. neutrophil engraftment alone through the Ibis engine;
3. the same rule as one hand-written DuckDB SQL query (the near-limit reference);
4. a straightforward pandas ``groupby().apply`` implementation (what users
   write today), on a 10x smaller subset of patients, extrapolated x10.

The three neutrophil implementations are checked to give the same days on
the patients they share. DuckDB runs with 2 threads and a 3 GB memory limit
(the machine is shared). Print a Markdown table for benchmarks/RESULTS.md.

With ``--engine spark`` the same cohort is also written as Parquet and the
whole endpoint table is derived on a local Spark session (2 cores, driver
memory ``--spark-memory``) reading those Parquet files
(``spark://local[2]?parquet=DIR``), in the same run; the Spark endpoint
table is compared with DuckDB's row by row, and the JVM's peak memory and
CPU time are read from ``/proc`` before the session stops.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import time
from pathlib import Path

HAND_SQL = """
WITH daily AS (
    SELECT patient_id, day, MIN(CASE WHEN qualifier = '<' THEN 0.0 ELSE value END) AS value
    FROM labs
    WHERE analyte = 'anc' AND day >= 0
    GROUP BY patient_id, day
), marked AS (
    SELECT patient_id, day, value >= 0.5 AS ok,
           LEAD(value >= 0.5, 1) OVER w AS ok1,
           LEAD(value >= 0.5, 2) OVER w AS ok2,
           SUM(CASE WHEN value < 0.5 THEN 1 ELSE 0 END) OVER (w ROWS UNBOUNDED PRECEDING) AS fell
    FROM daily
    WINDOW w AS (PARTITION BY patient_id ORDER BY day)
)
SELECT patient_id,
       MIN(day) FILTER (WHERE ok AND ok1 AND ok2 AND fell > 0) AS day,
       BOOL_OR(NOT ok) AS applicable
FROM marked
GROUP BY patient_id
"""


def generate(path: Path, patients: int, days: int) -> dict:
    """Write the synthetic cohort with SQL; deterministic (hash-based noise, no RNG state)."""
    import duckdb
    import ibis

    from graftline.cohort.schema import TABLES
    from graftline.endpoints.tables import stored_schema

    if path.exists():
        path.unlink()
    con = duckdb.connect(str(path))
    con.execute("SET threads = 2; SET memory_limit = '3GB'; SET preserve_insertion_order = false")
    start = time.perf_counter()
    con.execute(f"""
        CREATE TABLE p AS
        SELECT range AS n, printf('P%07d', range) AS patient_id, 8 + hash(range) % 25 AS recovery
        FROM range({patients})""")
    # ANC: high before conditioning bites (days 0-2), 0.05-0.35 in the nadir, 0.4-2.4 after recovery
    # (about 5 % of recovered days dip below 0.5). Platelets recover 3 days later, 5-25 before, 20-100 after.
    con.execute(f"""
        CREATE TABLE labs AS
        SELECT patient_id, day, NULL::DATE AS date, analyte,
               CASE
                 WHEN analyte = 'anc' AND day < 3 THEN 2.0 + u
                 WHEN analyte = 'anc' AND day < recovery THEN 0.05 + 0.3 * u
                 WHEN analyte = 'anc' THEN 0.4 + 2.0 * u
                 WHEN day < recovery + 3 THEN 5.0 + 20.0 * u
                 ELSE 20.0 + 80.0 * u
               END AS value,
               '10^9/L' AS unit, NULL::VARCHAR AS qualifier, source_row, 'labs.csv' AS source_file
        FROM (
            SELECT p.patient_id, p.recovery, d.range::BIGINT AS day, a.analyte,
                   (hash(p.n, d.range, a.analyte) % 10000) / 10000.0 AS u,
                   (p.n * {2 * days} + d.range * 2 + (a.analyte = 'plt')::INT + 2)::BIGINT AS source_row
            FROM p, range({days}) d, (VALUES ('anc'), ('plt')) a(analyte)
        )""")
    con.execute("""
        CREATE TABLE transfusions AS
        SELECT p.patient_id, d.range::BIGINT AS day, NULL::DATE AS date, 'platelets' AS product, 1.0 AS units
        FROM p, range(1, 40) d
        WHERE d.range < p.recovery + 3 AND d.range % 3 = 1""")
    con.execute("""
        CREATE TABLE treatments AS
        SELECT patient_id, NULL::BIGINT AS second_infusion_day, NULL::DATE AS second_infusion_date,
               NULL::BIGINT AS treatment_start_day, NULL::DATE AS treatment_start_date, NULL::DATE AS day0_date,
               ['allo_hsct', 'mst', 'chemo'][n % 3 + 1] AS modality, ['allo', 'mst', 'chemo'][n % 3 + 1] AS arm,
               NULL::VARCHAR AS donor_type, NULL::VARCHAR AS hla_match,
               ['pbsc', 'pbsc', 'none'][n % 3 + 1] AS graft_source, NULL::DOUBLE AS cd34_per_kg, false AS msc,
               NULL::VARCHAR AS msc_source, NULL::DOUBLE AS msc_dose_per_kg, NULL::VARCHAR AS conditioning
        FROM p""")
    con.execute("""
        CREATE TABLE followup AS
        SELECT patient_id,
               CASE WHEN n % 10 = 0 THEN 100 + hash(n, 'death') % 265 ELSE 365 END::BIGINT AS last_contact_day,
               NULL::DATE AS last_contact,
               CASE WHEN n % 10 = 0 THEN 100 + hash(n, 'death') % 265 END::BIGINT AS death_day,
               NULL::DATE AS death_date,
               CASE WHEN n % 10 = 0 THEN 'dead' ELSE 'alive' END AS vital_status,
               NULL::VARCHAR AS cause
        FROM p""")
    con.execute("""
        CREATE TABLE patients AS
        SELECT patient_id, NULL::BIGINT AS randomisation_day, NULL::DATE AS randomisation_date,
               NULL::VARCHAR AS sex, NULL::DATE AS birth_date, 60.0 AS age, 'aml' AS diagnosis,
               NULL::VARCHAR AS disease_risk, 70.0 AS weight_kg
        FROM p""")
    con.execute("DROP TABLE p")
    con.close()
    # The remaining canonical tables exist but are empty, as in a cohort without those records.
    icon = ibis.duckdb.connect(str(path))
    for name, table in TABLES.items():
        if name not in icon.list_tables():
            icon.create_table(name, schema=stored_schema(table))
    for name, table in TABLES.items():
        assert tuple(icon.table(name).columns) == table.stored_columns, name
    rows = icon.table("labs").count().to_pyarrow().as_py()
    transfusions = icon.table("transfusions").count().to_pyarrow().as_py()
    icon.disconnect()
    return {"seconds": time.perf_counter() - start, "lab_rows": rows, "transfusion_rows": transfusions}


def _connect(path: str):
    import ibis

    con = ibis.duckdb.connect(path, read_only=True)
    con.raw_sql("SET threads = 2; SET memory_limit = '3GB'")
    return con


def _pandas_engraftment(labs, threshold: float = 0.5, values: int = 3):
    """What users write today: groupby + apply over each patient's sorted daily values."""
    import numpy as np

    daily = labs[labs.analyte == "anc"].groupby(["patient_id", "day"], as_index=False)["value"].min()
    daily = daily.sort_values(["patient_id", "day"])

    def first_day(group):
        ok = group["value"].to_numpy() >= threshold
        days = group["day"].to_numpy()
        fell = False
        for i in range(len(ok)):
            if not ok[i]:
                fell = True
                continue
            if fell and i + values <= len(ok) and ok[i : i + values].all():
                return days[i]
        return np.nan

    return daily.groupby("patient_id").apply(first_day, include_groups=False)


def _peak_rss_mb() -> float:
    """This process's peak resident memory (VmHWM; ru_maxrss would include the parent's peak)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def stage(name: str, path: str, pandas_patients: int) -> dict:
    """Run one measured stage (in a child process)."""
    import pandas as pd

    from graftline.endpoints import endpoint_table
    from graftline.endpoints.definitions import EndpointDefinitions
    from graftline.endpoints.engraftment import neutrophil_recovery
    from graftline.endpoints.table import separate_selects
    from graftline.endpoints.tables import load_tables

    if name == "spark_all_endpoints":
        return _spark_stage(path, pandas_patients)
    con = _connect(path)
    result: dict = {}
    if name == "pandas":
        load_start = time.perf_counter()
        labs = con.sql(
            f"SELECT patient_id, day, analyte, value FROM labs WHERE analyte = 'anc' AND patient_id < 'P{pandas_patients:07d}'"
        ).to_pandas()
        start = time.perf_counter()
        days = _pandas_engraftment(labs)
        result["seconds"] = time.perf_counter() - start
        # A pandas user also has to get the labs into memory first.
        result["seconds_with_load"] = time.perf_counter() - load_start
        result["patients"] = int(days.shape[0])
        out = pd.DataFrame({"patient_id": days.index, "day": days.to_numpy()})
    else:
        start = time.perf_counter()
        if name == "all_endpoints":
            with separate_selects():  # as graftline's commands compile it
                table = endpoint_table(con).to_pyarrow()
        elif name == "neutrophil_ibis":
            with separate_selects():
                table = neutrophil_recovery(load_tables(con), EndpointDefinitions()).to_pyarrow()
        elif name == "neutrophil_hand_sql":
            table = con.con.execute(HAND_SQL).fetch_arrow_table()
        else:
            raise ValueError(name)
        result["seconds"] = time.perf_counter() - start
        result["patients"] = table.num_rows
        if name == "all_endpoints":
            import pyarrow.parquet as pq

            pq.write_table(table, _endpoints_file(path, "duckdb"))
        out = table.to_pandas()
        if name == "all_endpoints":
            out = out[["patient_id", "neutrophil_engraftment_day", "neutrophil_engraftment_status"]]
            out = out.assign(day=out.neutrophil_engraftment_day.where(out.neutrophil_engraftment_status == 1))
        out = out[["patient_id", "day"]]
    out = out[out.patient_id < f"P{pandas_patients:07d}"].sort_values("patient_id")
    result["check"] = [None if pd.isna(d) else int(d) for d in out.day]
    result["peak_rss_mb"] = _peak_rss_mb()
    usage = resource.getrusage(resource.RUSAGE_SELF)
    result["cpu_seconds"] = usage.ru_utime + usage.ru_stime
    return result


def _endpoints_file(path: str, engine: str) -> str:
    return f"{path}.{engine}-endpoints.parquet"


def export_parquet(path: Path) -> Path:
    """Every table of the DuckDB cohort as DIR/<table>.parquet (what Spark reads)."""
    import duckdb

    folder = Path(f"{path}.parquet")
    if folder.exists():
        import shutil

        shutil.rmtree(folder)
    folder.mkdir()
    con = duckdb.connect(str(path), read_only=True)
    for (name,) in con.execute("SELECT table_name FROM information_schema.tables").fetchall():
        con.execute(f"COPY {name} TO '{folder / name}.parquet' (FORMAT parquet)")
    con.close()
    return folder


def _jvm_usage() -> dict:
    """Peak RSS (MB) and CPU seconds of this process's child JVM (the local Spark driver)."""
    ticks = os.sysconf("SC_CLK_TCK")
    found = {"jvm_peak_rss_mb": 0.0, "jvm_cpu_seconds": 0.0}
    for children in Path("/proc/self/task").glob("*/children"):
        for pid in children.read_text().split():
            status = Path(f"/proc/{pid}/status").read_text()
            if "java" not in Path(f"/proc/{pid}/comm").read_text():
                continue
            for line in status.splitlines():
                if line.startswith("VmHWM:"):
                    found["jvm_peak_rss_mb"] += int(line.split()[1]) / 1024
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            found["jvm_cpu_seconds"] += (int(fields[11]) + int(fields[12])) / ticks
    return found


def _spark_stage(path: str, pandas_patients: int) -> dict:
    """All endpoints on a local Spark session reading the cohort as Parquet."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from graftline.cohort.spark import connect_spark
    from graftline.endpoints import endpoint_table
    from graftline.endpoints.table import separate_selects

    memory = os.environ.get("BENCH_SPARK_MEMORY", "4g")
    start = time.perf_counter()
    con = connect_spark(f"spark://local[2]?parquet={path}.parquet", config={"spark.driver.memory": memory})
    session_seconds = time.perf_counter() - start
    start = time.perf_counter()
    with separate_selects():  # as graftline's commands compile it
        table = endpoint_table(con).to_pyarrow()
    seconds = time.perf_counter() - start
    # A second run: the same query with the JVM warm (what a long-lived session or cluster pays).
    start = time.perf_counter()
    with separate_selects():
        endpoint_table(con).to_pyarrow()
    warm_seconds = time.perf_counter() - start
    usage = _jvm_usage()
    con._session.stop()
    pq.write_table(pa.Table.from_pandas(table.to_pandas(), preserve_index=False), _endpoints_file(path, "spark"))
    rusage = resource.getrusage(resource.RUSAGE_SELF)
    return {
        "seconds": seconds, "warm_seconds": warm_seconds, "session_seconds": session_seconds,
        "patients": table.num_rows, "check": [], "peak_rss_mb": _peak_rss_mb(),
        "python_cpu_seconds": rusage.ru_utime + rusage.ru_stime, "spark_memory": memory, **usage,
    }


def compare_engines(path: str) -> str:
    """Row-by-row comparison of the DuckDB and Spark endpoint tables (same dtypes as endpoint_frame)."""
    import pandas as pd

    from graftline.endpoints.table import with_stable_dtypes

    duck = with_stable_dtypes(pd.read_parquet(_endpoints_file(path, "duckdb")))
    spark = with_stable_dtypes(pd.read_parquet(_endpoints_file(path, "spark")))
    duck = duck.sort_values("patient_id").reset_index(drop=True)
    spark = spark.sort_values("patient_id").reset_index(drop=True)
    try:
        pd.testing.assert_frame_equal(spark, duck, check_dtype=False)
    except AssertionError as error:
        return f"DIFFERENT: {str(error).splitlines()[0]}"
    return f"identical ({len(duck):,} rows x {len(duck.columns)} columns)"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--patients", type=int, default=100_000)
    parser.add_argument("--days", type=int, default=100)
    parser.add_argument("--db", default="/tmp/graftline-endpoints-bench.duckdb")
    parser.add_argument("--engine", choices=("duckdb", "spark"), default="duckdb",
                        help="spark: also derive all endpoints on a local Spark session (2 cores) in the same run")
    parser.add_argument("--stage", help=argparse.SUPPRESS)
    parser.add_argument("--pandas-patients", type=int, default=None, help=argparse.SUPPRESS)
    args = parser.parse_args()
    pandas_patients = args.pandas_patients or args.patients // 10
    if args.stage:
        print(json.dumps(stage(args.stage, args.db, pandas_patients)))
        return

    path = Path(args.db)
    generated = generate(path, args.patients, args.days)
    print(f"generated {generated['lab_rows']:,} lab rows, {generated['transfusion_rows']:,} transfusions in {generated['seconds']:.1f} s")
    results = {}
    stages = ["all_endpoints", "neutrophil_ibis", "neutrophil_hand_sql", "pandas"]
    if args.engine == "spark":
        folder = export_parquet(path)
        print(f"exported the cohort as Parquet to {folder}")
        stages.append("spark_all_endpoints")
    for name in stages:
        child = subprocess.run(
            [sys.executable, __file__, "--stage", name, "--db", str(path), "--pandas-patients", str(pandas_patients)],
            capture_output=True, text=True,
        )
        if child.returncode != 0:
            sys.exit(f"stage {name} failed:\n{child.stderr[-4000:]}")
        results[name] = json.loads(child.stdout.strip().splitlines()[-1])
        print(f"{name}: {results[name]['seconds']:.2f} s, peak RSS {results[name]['peak_rss_mb']:.0f} MB", flush=True)
    reference = results["neutrophil_hand_sql"]["check"]
    agree = {name: results[name]["check"] == reference for name in results if name != "spark_all_endpoints"}
    print("same neutrophil engraftment days on the shared patients:", agree)

    scale = args.patients / pandas_patients
    pandas_full = results["pandas"]["seconds"] * scale
    ibis_s = results["neutrophil_ibis"]["seconds"]
    hand_s = results["neutrophil_hand_sql"]["seconds"]
    print()
    print(f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}; "
          f"DuckDB 2 threads, memory_limit 3 GB; load average {os.getloadavg()[0]:.1f} at the end.")
    print(f"Cohort: {args.patients:,} patients x {args.days} days x (ANC, PLT) = {generated['lab_rows']:,} lab rows, "
          f"{generated['transfusion_rows']:,} platelet transfusions (generated with SQL in {generated['seconds']:.1f} s).")
    print()
    print("| what | seconds | peak RSS (MB) | note |")
    print("|---|---:|---:|---|")
    print(f"| all endpoints (`endpoint_table`, {args.patients:,} rows out) | {results['all_endpoints']['seconds']:.2f} | {results['all_endpoints']['peak_rss_mb']:.0f} | target < 60 s |")
    print(f"| neutrophil engraftment, Ibis engine | {ibis_s:.2f} | {results['neutrophil_ibis']['peak_rss_mb']:.0f} | {ibis_s / hand_s:.2f}x hand SQL (target <= 2x) |")
    print(f"| neutrophil engraftment, hand-written DuckDB SQL | {hand_s:.2f} | {results['neutrophil_hand_sql']['peak_rss_mb']:.0f} | near-limit reference |")
    print(f"| neutrophil engraftment, pandas groupby-apply on {pandas_patients:,} patients | {results['pandas']['seconds']:.2f} | {results['pandas']['peak_rss_mb']:.0f} | measured |")
    print(f"| pandas, extrapolated x{scale:g} to {args.patients:,} patients | {pandas_full:.1f} | - | Ibis engine {pandas_full / ibis_s:.1f}x faster (target >= 20x) |")
    pandas_load = results["pandas"]["seconds_with_load"] * scale
    print(f"| pandas including reading the ANC rows from the store, extrapolated x{scale:g} | {pandas_load:.1f} | - | Ibis engine {pandas_load / ibis_s:.1f}x faster |")
    print()
    print(f"Agreement of the neutrophil engraftment days on the first {pandas_patients:,} patients: {agree}")
    if args.engine == "spark":
        spark = results["spark_all_endpoints"]
        duck = results["all_endpoints"]
        print()
        print(f"Spark (local[2], driver memory {spark['spark_memory']}) reading the same cohort as Parquet:")
        print()
        print("| engine | all endpoints, s (first query) | same query again, s | session start, s | peak RSS (MB) | CPU s |")
        print("|---|---:|---:|---:|---:|---:|")
        print(f"| DuckDB (2 threads) | {duck['seconds']:.1f} | - | - | {duck['peak_rss_mb']:.0f} | {duck['cpu_seconds']:.0f} (whole process) |")
        print(f"| Spark local[2] | {spark['seconds']:.1f} | {spark['warm_seconds']:.1f} | {spark['session_seconds']:.1f} | "
              f"JVM {spark['jvm_peak_rss_mb']:.0f} + Python {spark['peak_rss_mb']:.0f} | "
              f"JVM {spark['jvm_cpu_seconds']:.0f} + Python {spark['python_cpu_seconds']:.0f} |")
        print()
        print(f"Spark / DuckDB wall time: {spark['seconds'] / duck['seconds']:.1f}x (first query), "
              f"{spark['warm_seconds'] / duck['seconds']:.1f}x (warm)")
        print("Endpoint tables, Spark vs DuckDB, row by row:", compare_engines(str(path)))


if __name__ == "__main__":
    main()
