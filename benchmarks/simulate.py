"""Benchmark: 1,000,000 virtual patients x 100 days, streamed to Parquet.

Run: ``.venv/bin/python benchmarks/simulate.py [--patients 1000000] [--out DIR]``

Patients are simulated in blocks of ``--block`` (default 10,000),
by ``--workers`` processes (default: one per core, each with one Numba
thread - the observation model between kernel calls is serial NumPy, so
processes keep the cores busier than Numba threads in one process), and written in block order as one Parquet row group per
``--row-group`` patients (default 50,000), so memory does not grow with
the cohort. Each block has its own seed spawned from ``--seed``, so the
output does not depend on the number of workers. Two files are written: ``labs.parquet`` (every lab value the
observation model draws: patient, day, analyte, value) and
``patients.parquet`` (arm, CD34+ dose, CIBMTR neutrophil and platelet
engraftment day, number of platelet transfusions).

Peer, in the same run: the same model (with the drug kill) integrated
patient by patient with ``scipy.integrate.solve_ivp`` (LSODA) - the obvious
non-vectorised way - timed on a small sample and extrapolated (its own
lab/transfusion loop is not included, so the peer is flattered).
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

from graftline.simulate import ARMS, DEFAULT_PARAMETERS, model
from graftline.simulate._engraftment import neutrophil_engraftment, platelet_engraftment
from graftline.simulate.course import run_course
from graftline.simulate.virtual import sample_cohort

ARM_NAMES = ("chemo", "mst", "allo_pbsc", "allo_bm", "allo_cord", "allo_bm_msc")
HORIZON = 100


def simulate_block(first_id: int, n: int, rng: np.random.Generator) -> tuple[pa.Table, pa.Table]:
    arms = [ARMS[name] for name in ARM_NAMES]
    arm_index = rng.integers(0, len(arms), n)
    cohort = sample_cohort(arms, arm_index, DEFAULT_PARAMETERS, rng)
    course = run_course(cohort, params=DEFAULT_PARAMETERS, rng=rng, weekday0=rng.integers(0, 7, n),
                        horizon=HORIZON, record_truth=False)
    neutrophil = neutrophil_engraftment(course.anc_lab)
    platelet, _ = platelet_engraftment(course.plt_lab, course.platelet_transfusion)
    patient_id = np.arange(first_id, first_id + n, dtype=np.int32)
    columns = {"patient_id": [], "day": [], "analyte": [], "value": []}
    for code, values in ((0, course.anc_lab), (1, course.plt_lab)):
        row, day = np.nonzero(~np.isnan(values))
        columns["patient_id"].append(patient_id[row])
        columns["day"].append(day.astype(np.int16))
        columns["analyte"].append(np.full(row.size, code, dtype=np.int8))
        columns["value"].append(values[row, day])
    labs = pa.table({
        "patient_id": np.concatenate(columns["patient_id"]),
        "day": np.concatenate(columns["day"]),
        "analyte": pa.DictionaryArray.from_arrays(np.concatenate(columns["analyte"]), ["anc", "plt"]),
        "value": np.concatenate(columns["value"]),
    })
    patients = pa.table({
        "patient_id": patient_id,
        "arm": pa.DictionaryArray.from_arrays(arm_index.astype(np.int8), list(ARM_NAMES)),
        "cd34_per_kg": cohort.cd34_per_kg.astype(np.float32),
        "neutrophil_engraftment_day": neutrophil.astype(np.float32),
        "platelet_engraftment_day": platelet.astype(np.float32),
        "platelet_transfusions": course.platelet_transfusion.sum(axis=1).astype(np.int16),
    })
    return labs, patients


def _block(job: tuple[int, int, np.random.SeedSequence]) -> tuple[pa.Table, pa.Table, float]:
    first_id, n, seed = job
    start = time.process_time()
    labs, people = simulate_block(first_id, n, np.random.default_rng(seed))
    return labs, people, time.process_time() - start


def _one_numba_thread() -> None:
    import numba

    numba.set_num_threads(1)


def run(patients: int, block: int, row_group: int, out: Path, seed: int, workers: int) -> dict:
    from concurrent.futures import ProcessPoolExecutor

    children = np.random.SeedSequence(seed).spawn((patients + block - 1) // block)
    jobs = [(i * block, min(block, patients - i * block), child) for i, child in enumerate(children)]
    start_wall, start_cpu = time.perf_counter(), time.process_time()
    worker_cpu = 0.0
    labs_writer = patients_writer = None
    buffered: list[tuple[pa.Table, pa.Table]] = []
    lab_rows = 0
    done = 0

    def flush():
        nonlocal labs_writer, patients_writer, lab_rows
        labs = pa.concat_tables([b[0] for b in buffered])
        people = pa.concat_tables([b[1] for b in buffered])
        if labs_writer is None:
            labs_writer = pq.ParquetWriter(out / "labs.parquet", labs.schema)
            patients_writer = pq.ParquetWriter(out / "patients.parquet", people.schema)
        labs_writer.write_table(labs, row_group_size=labs.num_rows)
        patients_writer.write_table(people, row_group_size=people.num_rows)
        lab_rows += labs.num_rows
        buffered.clear()

    # Several processes with one Numba thread each: the observation model and
    # the engraftment rules between kernel calls are serial NumPy, so one
    # process per core keeps both cores busy (2026-12-04, 2 idle cores:
    # 2 processes x 1 thread 47 s wall, 1 process x 2 threads 77 s).
    initializer = _one_numba_thread if workers > 1 else None
    with ProcessPoolExecutor(max_workers=workers, initializer=initializer) as pool:
        # map() yields in submission order: the file is the same for any worker count.
        for labs, people, cpu in pool.map(_block, jobs):
            buffered.append((labs, people))
            worker_cpu += cpu
            done += people.num_rows
            if sum(b[1].num_rows for b in buffered) >= row_group or done == patients:
                flush()
                print(f"  {done:>9,} patients  {time.perf_counter() - start_wall:7.1f} s", file=sys.stderr)
    labs_writer.close()
    patients_writer.close()
    peak_parent = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024**2
    peak_worker = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024**2
    return {
        "wall_s": time.perf_counter() - start_wall,
        "cpu_s": time.process_time() - start_cpu + worker_cpu,
        # Parent plus the largest worker, times the worker count: an upper bound on the total.
        "peak_rss_gb": peak_parent + workers * peak_worker,
        "lab_rows": lab_rows,
        "labs_mb": (out / "labs.parquet").stat().st_size / 1024**2,
    }


def scipy_peer(n: int = 60, seed: int = 1) -> float:
    """Seconds per patient for solve_ivp (LSODA) on the same model, one patient at a time.

    The same equations (:func:`graftline.simulate.model.derivatives`) with
    the drug kill as a piecewise-constant rate (each half-day step's
    exposure spread over the step) and the donor cells added on day 0; no
    labs, transfusions or G-CSF (the peer is flattered).
    """
    from scipy.integrate import solve_ivp

    rng = np.random.default_rng(seed)
    arms = [ARMS[name] for name in ARM_NAMES]
    cohort = sample_cohort(arms, rng.integers(0, len(arms), n), DEFAULT_PARAMETERS, rng)
    first = int(min(0, cohort.start_day.min()))
    step = DEFAULT_PARAMETERS.step_days
    n_steps = int(round((HORIZON - first) / step))
    exposure = cohort.exposure(float(first), n_steps, step)
    given = cohort.infusion_days()
    start = time.perf_counter()
    for i in range(n):
        one = model.Kinetics(cohort.kinetics.values[:, i:i + 1])
        rate = exposure[i] / step

        def rhs(t, y, one=one, rate=rate):
            x = y[:, None]
            dx = model.derivatives(x, t, one)[:, 0]
            k = min(max(int((t - first) / step), 0), n_steps - 1)
            if rate[k] > 0 and t >= one.start[0]:
                for pools, p, sigma in (((model.NP_H, model.NP_R, model.NP_P), one.p_n[0], one.sigma_n[0]),
                                        ((model.MP_H, model.MP_R, model.MP_P), one.p_p[0], one.sigma_p[0])):
                    for j in pools:
                        dx[j] -= p * sigma * rate[k] * y[j]
            return dx

        y0 = cohort.initial_state[:, i].copy()
        if first < 0:
            y0 = solve_ivp(rhs, (first, 0), y0, method="LSODA", rtol=1e-6, atol=1e-9).y[:, -1]
        if 0 in given[cohort.arm_index[i]]:
            y0[[model.NP_R, model.NP_P, model.MP_R, model.MP_P]] += cohort.seeds[:, i]
        solve_ivp(rhs, (0, HORIZON), y0, method="LSODA", t_eval=np.arange(HORIZON + 1), rtol=1e-6, atol=1e-9)
    return (time.perf_counter() - start) / n


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--patients", type=int, default=1_000_000)
    parser.add_argument("--block", type=int, default=10_000)
    parser.add_argument("--row-group", type=int, default=50_000)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1,
                        help="processes (default: one per core, each with one Numba thread)")
    parser.add_argument("--out", type=Path, default=None)
    parser.add_argument("--results", type=Path, default=None, help="append a section to this RESULTS.md")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        out = args.out or Path(tmp)
        out.mkdir(parents=True, exist_ok=True)
        ours = run(args.patients, args.block, args.row_group, out, args.seed, args.workers)
    peer = scipy_peer()
    load = os.getloadavg()
    lines = [
        "",
        "## simulate v2 (PK/PD chemotherapy, donor-cell pools, G-CSF)",
        "",
        f"`python benchmarks/simulate.py --patients {args.patients} --workers {args.workers}` on {platform.machine()}, "
        f"{os.cpu_count()} CPUs, Python {platform.python_version()}, NumPy {np.__version__}. "
        f"Other helpers' work was running on the same 2 cores (load average at the end "
        f"{load[0]:.1f} / {load[1]:.1f} / {load[2]:.1f}), so wall time is pessimistic; CPU time is "
        "the sum over this benchmark's processes; peak memory is the parent plus workers x the "
        "largest worker (an upper bound).",
        "",
        "| what | patients | days | wall s | CPU s | peak RSS GB | lab rows | labs.parquet MB |",
        "|---|---|---|---|---|---|---|---|",
        f"| graftline.simulate, Numba Heun kernel, {args.workers} worker processes, blocks of {args.block:,}, "
        f"row groups of {args.row_group:,} "
        f"| {args.patients:,} | {HORIZON} | {ours['wall_s']:.1f} | {ours['cpu_s']:.1f} | {ours['peak_rss_gb']:.2f} "
        f"| {ours['lab_rows']:,} | {ours['labs_mb']:.0f} |",
        f"| scipy solve_ivp (LSODA) per patient, ODE with the drug kill, extrapolated from 60 patients "
        f"| {args.patients:,} | {HORIZON} | {peer * args.patients:.0f} | - | - | - | - |",
        "",
        "Targets: < 60 s and < 4 GB for 1,000,000 patients x 100 days.",
    ]
    text = "\n".join(lines) + "\n"
    print(text)
    if args.results:
        with open(args.results, "a") as handle:
            handle.write(text)


if __name__ == "__main__":
    main()
