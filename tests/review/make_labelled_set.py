"""Regenerate tests/review/data/labelled_duplicates.csv (run from the repository root).

The labelled set is synthetic search results (graftline.review.synthetic) with
a seed fixed here, plus hand-written hard cases below; ``true_cluster`` marks
the records that are one report. The file is committed so that the test
measures against fixed data even if the generator changes.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from graftline.review.synthetic import synthetic_search_results

OUT = Path(__file__).parent / "data" / "labelled_duplicates.csv"

# (cluster, source, title, authors, year, journal, doi, pmid, perturbation)
HAND_WRITTEN = [
    # A two-part series: titles differ only in the part number. Distinct reports.
    (9001, "pubmed", "Haploidentical transplantation with post-transplant cyclophosphamide: part I, engraftment",
     "Rossi, A.", 2016, "Bone Marrow Transplant", "10.1038/bmt.2016.901", "29990001", "hand: series part I"),
    (9002, "pubmed", "Haploidentical transplantation with post-transplant cyclophosphamide: part II, relapse",
     "Rossi, A.", 2016, "Bone Marrow Transplant", "10.1038/bmt.2016.902", "29990002", "hand: series part II"),
    (9002, "embase", "Haploidentical transplantation with post-transplant cyclophosphamide: Part II, relapse",
     "Rossi A.", 2016, "Bone Marrow Transplantation", None, None, "hand: series part II, Embase copy"),
    # A retraction notice with the article's title, same year and journal.
    (9003, "pubmed", "Mesenchymal stromal cells prevent graft failure in thalassaemia",
     "Haddad, R.", 2015, "Blood", "10.1182/blood-2015-903", "29990003", "hand: article"),
    (9004, "pubmed", "Retracted: Mesenchymal stromal cells prevent graft failure in thalassaemia",
     "Haddad, R.", 2017, "Blood", "10.1182/blood-2017-904", "29990004", "hand: retraction notice"),
    (9003, "wos", "MESENCHYMAL STROMAL CELLS PREVENT GRAFT FAILURE IN THALASSEMIA",
     "Haddad, R", 2015, "BLOOD", None, None, "hand: WoS copy, American spelling"),
    # A protocol and the completed review: same title, five years apart, no DOI on one.
    (9005, "cochrane", "Mesenchymal stromal cells for the prevention of graft-versus-host disease",
     "Fisher, S.", 2014, "Cochrane Database of Systematic Reviews", None, None, "hand: protocol"),
    (9006, "cochrane", "Mesenchymal stromal cells for the prevention of graft-versus-host disease",
     "Fisher, S.", 2019, "Cochrane Database of Systematic Reviews", "10.1002/14651858.cd009768.pub2", None,
     "hand: completed review"),
    # Greek letters spelled out by one database.
    (9007, "pubmed", "TNF-α blockade and steroid-refractory acute GVHD",
     "Nagy, P.", 2012, "Biol Blood Marrow Transplant", "10.1016/j.bbmt.2012.907", "29990007", "hand: greek"),
    (9007, "scopus", "TNF-alpha blockade and steroid-refractory acute GVHD",
     "Nagy, P.", 2012, "Biology of Blood and Marrow Transplantation", None, None, "hand: greek spelled out"),
]


def main() -> None:
    frame = synthetic_search_results(170, rng=np.random.default_rng(20251123), duplicate_rate=0.6,
                                     hard_negative_rate=0.2)
    hand = pd.DataFrame(HAND_WRITTEN, columns=["true_cluster", "source", "title", "authors", "year", "journal",
                                               "doi", "pmid", "perturbation"])
    hand["record_id"] = np.arange(len(frame) + 1, len(frame) + len(hand) + 1)
    hand["source_id"] = hand["source"] + ":" + hand["record_id"].astype(str)
    hand["abstract"] = None
    hand["authors"] = hand["authors"].map(lambda a: [a])
    frame = pd.concat([frame, hand[frame.columns]], ignore_index=True)
    frame["authors"] = frame["authors"].map("; ".join)
    frame.to_csv(OUT, index=False)
    print(f"wrote {OUT}: {len(frame)} records, {frame['true_cluster'].nunique()} reports")


if __name__ == "__main__":
    main()
