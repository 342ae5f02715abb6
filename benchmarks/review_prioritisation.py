"""Prioritisation quality: work saved over sampling at 95 % recall (WSS@95),
graftline's active-learning order against ASReview's default model, on the
same labelled data, with the same prior records, in the same run.

Run:  .venv/bin/python benchmarks/review_prioritisation.py --data labelled.csv [--asreview PATH] [--seeds 3]
      .venv/bin/python benchmarks/review_prioritisation.py --data benchmarks/data/cohen2006_antihistamines.csv \
          --label abstract --asreview PATH --seeds 10

``--data``: a CSV in the ASReview / SYNERGY layout (``title``, ``abstract``,
``label_included`` 0/1; other columns ignored), or in the layout of the
Cohen et al. (2006) derived file shipped in ``benchmarks/data/``
(``pmid``, ``title``, ``keywords``, ``label_abstract``, ``label_fulltext``,
labels ``I``/``E``; see benchmarks/data/README.md). For the latter the text
both models see is the title and the MeSH headings (the file has no
abstracts; they stand in the ``abstract`` column given to ASReview), and
``--label`` chooses the abstract-level or the full-text decision as
"relevant". Without ``--data`` the run uses graftline's synthetic records
(graftline.review.synthetic, 3,000 records by default, "relevant" = a
mesenchymal-cell intervention) and says so: that is a stand-in for checking
the harness, not evidence about real reviews.

graftline: TF-IDF of title and abstract (words and word pairs) and a
class-weighted logistic regression (graftline.review.prioritise), retrained
after every ``--step`` records screened, always screening the most relevant
record next (certainty-based, as in the screening app).

ASReview: ``asreview simulate`` with its default model (ASReview 2/3: the
"ELAS u4" learner: TF-IDF + SVM, maximum query, balanced sampling), run as a
separate program (``--asreview``, e.g. a virtual environment where
``pip install asreview`` was done; ASReview is not a dependency of
graftline), given the same prior records (``--prior-idx``).

WSS@95 = (N - n95) / N - 0.05, where n95 is the number of records screened
when 95 % of the relevant records are found (Cohen et al., J Am Med Inform
Assoc 2006;13:206-219), counting the prior records as screened (a random
screening order after the same priors is reported alongside); WSS@100
likewise with every relevant record found. Recall after screening 10, 25 and
50 % of the records is reported as three points of the recall curve.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import subprocess
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd


def wss(order_labels: np.ndarray, recall: float = 0.95) -> tuple[float, int]:
    """WSS at ``recall`` and the number screened, from the labels in screening order (all records)."""
    n = len(order_labels)
    needed = int(np.ceil(recall * order_labels.sum()))
    screened = int(np.argmax(np.cumsum(order_labels) >= needed)) + 1
    return (n - screened) / n - (1 - recall), screened


def recall_at(order_labels: np.ndarray, fraction: float) -> float:
    """Share of the relevant records found after screening ``fraction`` of all records (rounded up)."""
    screened = int(np.ceil(fraction * len(order_labels)))
    return float(order_labels[:screened].sum() / order_labels.sum())


def metrics(order_labels: np.ndarray) -> dict:
    """WSS@95, WSS@100 and three recall-curve points for one screening order."""
    wss95, n95 = wss(order_labels, 0.95)
    wss100, n100 = wss(order_labels, 1.0)
    return {"wss95": wss95, "screened95": n95, "wss100": wss100, "screened100": n100,
            "recall10": recall_at(order_labels, 0.10), "recall25": recall_at(order_labels, 0.25),
            "recall50": recall_at(order_labels, 0.50)}


def load_labelled(path: Path, label: str) -> tuple[pd.DataFrame, str]:
    """Read ``path`` into ``title``, ``abstract``, ``label_included`` and say what the text is.

    The Cohen et al. (2006) derived layout (``label_abstract``/``label_fulltext``,
    ``I`` = include) is recognised by its columns; its MeSH headings take the
    place of the abstract. Any other file must be in the ASReview layout.
    """
    frame = pd.read_csv(path, dtype={"pmid": str})
    if {"label_abstract", "label_fulltext", "keywords"} <= set(frame.columns):
        column = f"label_{label}"
        # Only "I" counts as include: the source's full-text column also holds a few
        # other codes (1, 2, 3, 8) on abstract-level includes; the 16 "I" are the
        # full-text includes Cohen et al. report for this review.
        data = pd.DataFrame({"title": frame["title"].fillna(""), "abstract": frame["keywords"].fillna(""),
                             "label_included": (frame[column] == "I").astype(int)})
        return data, f"{path.name}, {column} = I relevant; text = title + MeSH headings (no abstracts)"
    return frame, f"{path.name}; text = title + abstract"


def graftline_order(texts: list[str], labels: np.ndarray, prior: list[int], *, step: int) -> np.ndarray:
    """Indices in the order graftline's prioritisation would show them (priors first)."""
    from graftline.review.prioritise import relevance_from_features, text_features

    features = text_features(texts)
    order = list(prior)
    seen = np.zeros(len(texts), dtype=bool)
    seen[prior] = True
    while not seen.all():
        training = np.flatnonzero(seen)
        candidates = np.flatnonzero(~seen)
        relevance = relevance_from_features(features, training, labels[training], candidates)
        best = candidates[np.lexsort((candidates, -relevance))][:step]
        order.extend(best.tolist())
        seen[best] = True
    return np.array(order)


def asreview_order(asreview: Path, data: pd.DataFrame, prior: list[int], seed: int, folder: Path) -> np.ndarray:
    """Indices in the order ASReview's default simulation screened them (its record ids are row numbers)."""
    path = folder / "data.csv"
    data[["title", "abstract", "label_included"]].to_csv(path, index=False)
    out = folder / f"sim_{seed}.asreview"
    command = [str(asreview), "simulate", str(path), "-o", str(out), "--seed", str(seed),
               "--prior-idx", *[str(p) for p in prior]]
    # In the temporary folder: ASReview leaves a cache file (synergy_cache.sqlite) where it runs.
    subprocess.run(command, check=True, capture_output=True, text=True, timeout=7200, cwd=folder)
    script = ("import sys, json, zipfile, tempfile, pathlib, asreview\n"
              "with tempfile.TemporaryDirectory() as folder:\n"
              "    zipfile.ZipFile(sys.argv[1]).extractall(folder)\n"
              "    db = asreview.open_db(pathlib.Path(folder, asreview.Project.PATH_DB), read_only=True)\n"
              "    table = db.get_results_table()\n"
              "    db.close()\n"
              "print(json.dumps([int(x) for x in table['record_id']]))\n")
    python = asreview.with_name("python")
    result = subprocess.run([str(python), "-c", script, str(out)], check=True, capture_output=True, text=True,
                            cwd=folder)
    ids = json.loads(result.stdout)
    # ASReview's record ids are row numbers from its own origin: align on the two priors it screened first.
    offset = min(ids[:2]) - min(prior)
    ids = [i - offset for i in ids]
    if set(ids[:2]) != set(prior):
        raise RuntimeError(f"ASReview's first records {ids[:2]} are not the priors {prior}")
    # Records ASReview did not reach (it stops after the last relevant one) come last.
    rest = [i for i in range(len(data)) if i not in set(ids)]
    return np.array(ids + rest)


def synthetic(n: int = 3000) -> pd.DataFrame:
    from graftline.review.synthetic import synthetic_search_results

    frame = synthetic_search_results(n, rng=np.random.default_rng(5), duplicate_rate=0.0, hard_negative_rate=0.0)
    frame["label_included"] = frame["title"].str.lower().str.contains("mesenchymal").astype(int)
    return frame


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", type=Path)
    parser.add_argument("--label", choices=["abstract", "fulltext"], default="abstract",
                        help="which decision is 'relevant' in the Cohen layout (default: abstract)")
    parser.add_argument("--asreview", type=Path, help="the asreview program (e.g. /path/venv/bin/asreview)")
    parser.add_argument("--seeds", type=int, default=3)
    parser.add_argument("--step", type=int, default=1, help="records screened between retrainings (graftline)")
    parser.add_argument("--synthetic-records", type=int, default=3000, help="size of the stand-in without --data")
    args = parser.parse_args()
    if args.data:
        data, name = load_labelled(args.data, args.label)
    else:
        data, name = synthetic(args.synthetic_records), "synthetic stand-in (graftline.review.synthetic, seed 5)"
    data["title"] = data["title"].fillna("")
    data["abstract"] = data["abstract"].fillna("")
    labels = data["label_included"].fillna(0).astype(int).to_numpy()
    texts = (data["title"] + " " + data["abstract"]).tolist()
    print(f"data: {name}; {len(data)} records, {labels.sum()} relevant ({100 * labels.mean():.1f} %)")
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores; load average {os.getloadavg()[0]:.2f}")
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        for seed in range(args.seeds):
            rng = np.random.default_rng(seed)
            prior = [int(rng.choice(np.flatnonzero(labels == 1))), int(rng.choice(np.flatnonzero(labels == 0)))]
            started, cpu = time.perf_counter(), time.process_time()
            ours = graftline_order(texts, labels, prior, step=args.step)
            row = {"seed": seed, "prior": prior,
                   **{f"graftline_{k}": v for k, v in metrics(labels[ours]).items()},
                   "graftline_seconds": time.perf_counter() - started,
                   "graftline_cpu_seconds": time.process_time() - cpu}
            if args.asreview:
                started, children = time.perf_counter(), resource.getrusage(resource.RUSAGE_CHILDREN)
                theirs = asreview_order(args.asreview, data, prior, seed, Path(folder))
                after = resource.getrusage(resource.RUSAGE_CHILDREN)
                row.update({**{f"asreview_{k}": v for k, v in metrics(labels[theirs]).items()},
                            "asreview_seconds": time.perf_counter() - started,
                            # user + system CPU of the asreview processes (simulation and reading its results)
                            "asreview_cpu_seconds": (after.ru_utime - children.ru_utime)
                            + (after.ru_stime - children.ru_stime)})
            # Reference point: the same priors, then the rest in random order (expected WSS about 0).
            rest = np.setdiff1d(np.arange(len(labels)), prior)
            chance = np.concatenate([prior, np.random.default_rng(1000 + seed).permutation(rest)])
            row.update({f"random_{k}": v for k, v in metrics(labels[chance]).items()})
            rows.append(row)
            print(row, flush=True)
    table = pd.DataFrame(rows)
    with pd.option_context("display.width", 250, "display.max_columns", 40, "display.float_format", "{:.3f}".format):
        print(table.to_string(index=False))
    names = ("wss95", "wss100", "recall10", "recall25", "recall50", "screened95", "screened100", "seconds",
             "cpu_seconds")
    table["random_seconds"] = table["random_cpu_seconds"] = np.nan  # a shuffle: nothing to time
    summary = pd.concat({tool: table[[f"{tool}_{k}" for k in names]].set_axis(names, axis=1)
                         .agg(["mean", "std", "min", "max"]).T
                         for tool in ["graftline"] + (["asreview"] if args.asreview else []) + ["random"]}, axis=1)
    print(f"summary over {args.seeds} seeds:")
    with pd.option_context("display.width", 250, "display.float_format", "{:.3f}".format):
        print(summary.to_string())
    print(f"load average after the run: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
