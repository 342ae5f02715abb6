"""Benchmark: ingest of the demo cohort from a REDCap export against the same cohort as CSV files.

Run: ``.venv/bin/python benchmarks/redcap.py [--n 500]``.

The demo's virtual trial (chemo, MST, allo-HSCT PBSC + MSC; ``--n`` patients
per arm, the demo's seed) is written once into ``benchmarks/out/redcap_<n>/``
(gitignored) as the canonical CSV files and, by the test helper
``tests/cohort/redcap_export.py``, as REDCap's raw and labels exports of a
project made from graftline's dictionary. Each measurement runs in a fresh
child process (wall, CPU = user + system over all threads, peak RSS):
``graftline.cohort.ingest`` of the CSV folder, and ``ingest_redcap`` of each
export (reading, decoding, conversion, then the same ingest). No peer: R's
REDCap readers (REDCapR, REDCapTidieR) are not installable here (CRAN is
unreachable) and read through REDCap's API rather than export files.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent


def prepare(folder: Path, n: int) -> dict[str, Path]:
    sys.path.insert(0, str(ROOT / "tests" / "cohort"))
    from redcap_export import redcap_export

    from graftline.cli.report import DEMO_ARMS, DEMO_SEED
    from graftline.cohort.redcap import write_dictionary, write_mapping
    from graftline.simulate import simulate_cohort
    from graftline.simulate.store import write_cohort

    paths = {"csv": folder / "csv", "dictionary": folder / "dictionary.csv",
             "raw": folder / "export_raw.csv", "labels": folder / "export_labels.csv"}
    if all(p.exists() for p in paths.values()):
        return paths
    folder.mkdir(parents=True, exist_ok=True)
    tables = simulate_cohort(list(DEMO_ARMS), n=n, seed=DEMO_SEED)
    write_cohort(tables, paths["csv"])
    write_dictionary(paths["dictionary"])
    mapping = write_mapping(folder / "mapping.csv")
    redcap_export(tables, paths["dictionary"], mapping, paths["raw"])
    redcap_export(tables, paths["dictionary"], mapping, paths["labels"], labels=True)
    return paths


def child(kind: str, paths: dict[str, str], db: str) -> None:
    """Run one ingest and print wall, CPU and peak memory as JSON."""
    Path(db).unlink(missing_ok=True)
    start, cpu = time.perf_counter(), time.process_time()
    if kind == "csv":
        from graftline.cohort import ingest

        result = ingest(paths["csv"], db)
    else:
        from graftline.cohort.redcap import ingest_redcap

        result = ingest_redcap(paths[kind], db, dictionary=paths["dictionary"])
    wall, cpu = time.perf_counter() - start, time.process_time() - cpu
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"wall": wall, "cpu": cpu, "rss": rss, "rows": dict(result.rows)}))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=500)
    parser.add_argument("--child", nargs=3)
    args = parser.parse_args()
    if args.child:
        kind, paths, db = args.child
        child(kind, json.loads(paths), db)
        return
    folder = HERE / "out" / f"redcap_{args.n}"
    paths = {k: str(v) for k, v in prepare(folder, args.n).items()}
    sizes = {k: os.path.getsize(paths[k]) / 1e6 for k in ("raw", "labels")}
    print(f"exports: raw {sizes['raw']:.1f} MB, labels {sizes['labels']:.1f} MB; load average {os.getloadavg()}")
    print("| input | wall s | CPU s | peak RSS (MB) | lab rows | 1-min load average |")
    print("|---|---:|---:|---:|---:|---:|")
    for kind in ("csv", "raw", "labels", "csv", "raw", "labels"):
        out = subprocess.run([sys.executable, __file__, "--child", kind, json.dumps(paths), str(folder / f"{kind}.duckdb")],
                             check=True, capture_output=True, text=True).stdout
        result = json.loads(out.strip().splitlines()[-1])
        name = {"csv": "CSV folder (graftline ingest)", "raw": "REDCap raw export", "labels": "REDCap labels export"}[kind]
        print(f"| {name} | {result['wall']:.2f} | {result['cpu']:.2f} | {result['rss']:.0f} | "
              f"{result['rows']['labs']:,} | {os.getloadavg()[0]:.1f} |")


if __name__ == "__main__":
    main()
