"""Time the main job on the demo trial: simulate -> ingest -> endpoints -> report.

Usage: ``.venv/bin/python benchmarks/report.py [--n 500] [--repeat 3]``

Prints a Markdown table of seconds per step (the report step alone is the
issue's target: < 30 s for 1,500 patients) and the peak resident memory.
"""

from __future__ import annotations

import argparse
import resource
import shutil
import statistics
import tempfile
import time
import warnings
from pathlib import Path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=500, help="patients per arm (3 arms)")
    parser.add_argument("--repeat", type=int, default=3, help="report builds to time (median reported)")
    args = parser.parse_args()
    warnings.simplefilter("ignore")

    from graftline.cli.report import DEMO_ARMS, DEMO_SEED
    from graftline.cohort import connect, ingest
    from graftline.endpoints import EndpointDefinitions, endpoint_frame
    from graftline.report import build_report
    from graftline.simulate import simulate_cohort

    root = Path(tempfile.mkdtemp(prefix="graftline-report-bench-"))
    try:
        times: dict[str, float] = {}
        start = time.perf_counter()
        tables = simulate_cohort(list(DEMO_ARMS), n=args.n, seed=DEMO_SEED)
        (root / "cohort").mkdir()
        for name, frame in tables.items():
            frame.to_parquet(root / "cohort" / f"{name}.parquet", index=False)
        times["simulate + write parquet"] = time.perf_counter() - start

        start = time.perf_counter()
        ingest(root / "cohort", root / "cohort.duckdb")
        times["ingest (validate + DuckDB)"] = time.perf_counter() - start

        definitions = EndpointDefinitions.preset("cibmtr")
        con = connect(str(root / "cohort.duckdb"), read_only=True)
        start = time.perf_counter()
        endpoints = endpoint_frame(con, definitions)
        times["endpoints (cibmtr)"] = time.perf_counter() - start

        builds = []
        for index in range(args.repeat):
            start = time.perf_counter()
            report = build_report(endpoints, root / f"report{index}", adjust=("age", "disease_risk"),
                                  definitions=definitions, store=con)
            builds.append(time.perf_counter() - start)
        times[f"report (median of {args.repeat}; 12 figures SVG+PNG, 15 CSV)"] = statistics.median(builds)

        start = time.perf_counter()
        build_report(root / "cohort.duckdb", root / "report-from-store", adjust=("age", "disease_risk"),
                     definitions=definitions)
        times["report from the store (derives endpoints itself)"] = time.perf_counter() - start

        peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        patients = len(endpoints)
        print(f"{patients} patients ({len(DEMO_ARMS)} arms x {args.n}), seed {DEMO_SEED}; "
              f"report builds: {', '.join(f'{b:.2f}' for b in builds)} s\n")
        print("| step | seconds |\n|---|---:|")
        for step, seconds in times.items():
            print(f"| {step} | {seconds:.2f} |")
        print(f"\npeak resident memory: {peak_mb:.0f} MB; html {report.index.stat().st_size / 1e6:.1f} MB")
    finally:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
