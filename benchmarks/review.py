"""De-duplication of search results: graftline.review.find_duplicates on
synthetic records with injected near-duplicates, against two baselines.

Run:  .venv/bin/python benchmarks/review.py [--records 200000] [--seed 7]

Records come from graftline.review.synthetic (seeded): each article is
exported by one to four databases with the differences real exports show
(case, punctuation, markup, British/American spelling, typos, missing DOI,
abbreviated or renamed journal, online year), plus look-alike reports that
must not be merged (errata, conference abstracts, updates, same title by
other authors). Pairwise precision and recall are measured against the
known clusters.

The issue names no peer tool; the baselines show what simpler rules give on
the same records in the same run:
- identifiers only: merge records sharing a DOI or PMID (a reference
  manager's first pass);
- exact title + year: merge records whose normalised titles and years are
  equal (a strict reference-manager rule).
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import time

import numpy as np
import pandas as pd

from graftline.review.dedupe import find_duplicates, pair_precision_recall
from graftline.review.normalise import normalise_title
from graftline.review.synthetic import synthetic_search_results


def _components(n: int, edges: list[np.ndarray]) -> np.ndarray:
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components

    if edges:
        pairs = np.concatenate(edges, axis=1)
    else:
        pairs = np.empty((2, 0), int)
    graph = coo_matrix((np.ones(pairs.shape[1]), (pairs[0], pairs[1])), shape=(n, n))
    return connected_components(graph, directed=False)[1]


def _group_edges(keys: pd.Series) -> np.ndarray:
    codes, _ = pd.factorize(keys, use_na_sentinel=True)
    frame = pd.DataFrame({"code": codes, "i": np.arange(len(codes))})
    frame = frame[frame["code"] >= 0]
    first = frame.groupby("code")["i"].transform("first")
    return np.vstack([first.to_numpy(), frame["i"].to_numpy()])


def identifiers_only(records: pd.DataFrame) -> np.ndarray:
    return _components(len(records), [_group_edges(records["doi"]), _group_edges(records["pmid"])])


def exact_title_year(records: pd.DataFrame) -> np.ndarray:
    titles = records["title"].map(normalise_title)
    keys = titles + "|" + records["year"].astype(str)
    return _components(len(records), [_group_edges(keys)])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=200_000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()

    # About 2.25 records per article at the default rates.
    n_articles = int(args.records / 2.253)
    started = time.perf_counter()
    records = synthetic_search_results(n_articles, rng=np.random.default_rng(args.seed))
    generated = time.perf_counter() - started
    truth = records["true_cluster"].to_numpy()
    print(f"# {len(records):,} records of {records['true_cluster'].nunique():,} reports "
          f"({(records['perturbation'].str.startswith('hard')).sum():,} hard negatives), generated in {generated:.1f} s")
    print(f"# {platform.python_version()}, {os.cpu_count()} CPUs, {platform.machine()}")

    load = os.getloadavg()
    rows = []
    for name, run in [("identifiers only (DOI/PMID)", identifiers_only),
                      ("exact normalised title + year", exact_title_year),
                      ("graftline find_duplicates", None)]:
        started, cpu_started = time.perf_counter(), time.process_time()
        if run is None:
            result = find_duplicates(records)
            clusters = result.cluster_of(records["record_id"])
        else:
            clusters = run(records)
        elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu_started
        precision, recall = pair_precision_recall(truth, clusters)
        rows.append((name, elapsed, cpu, precision, recall, len(records) - len(set(clusters))))
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print()
    print(f"load average before the run: {load[0]:.1f} (1 min), {load[1]:.1f} (5 min)")
    print()
    print("| method | wall time (s) | CPU time, all threads (s) | pairwise precision | pairwise recall | "
          "records removed |")
    print("|---|---:|---:|---:|---:|---:|")
    for name, elapsed, cpu, precision, recall, removed in rows:
        print(f"| {name} | {elapsed:.1f} | {cpu:.1f} | {precision:.4f} | {recall:.4f} | {removed:,} |")
    print(f"\npeak resident memory of the whole script: {peak:,.0f} MiB; "
          f"fuzzy candidate pairs compared above threshold: {result.n_candidate_pairs:,}")


if __name__ == "__main__":
    main()
