"""Screening log, conflicts between reviewers, prioritisation."""

from __future__ import annotations

import pandas as pd
import pytest

from graftline.errors import InputError
from graftline.review.imports import import_export
from graftline.review.prioritise import STATEMENT, prioritise, rank_by_relevance
from graftline.review.screening import (
    conflicts,
    effective_decisions,
    read_decisions_csv,
    record_decisions,
    unscreened,
)


def decide(project, rows):
    frame = pd.DataFrame(rows, columns=["record_id", "stage", "decision", "reviewer", "reason"])
    return record_decisions(project, frame)


@pytest.fixture
def screened_project(project, data_dir):
    import_export(project, data_dir / "pubmed.nbib", source="pubmed")  # records 1-4
    return project


def n_decisions(project) -> int:
    return int(project.query("SELECT count(*) AS n FROM decisions").iloc[0, 0])


def test_unknown_record_is_a_clear_error_and_nothing_is_recorded(screened_project):
    with pytest.raises(InputError, match="decision 2: record 42 is not a record of this project"):
        decide(screened_project, [(1, "title_abstract", "include", "anna", None),
                                  (42, "title_abstract", "include", "anna", None)])
    assert n_decisions(screened_project) == 0


@pytest.mark.parametrize(("row", "message"), [
    ((1, "abstract", "include", "anna", None), "stage 'abstract' is not one of title_abstract, full_text"),
    ((1, "title_abstract", "yes", "anna", None), "decision 'yes' is not one of include, exclude, maybe"),
    ((1, "title_abstract", "include", "", None), "the reviewer is missing"),
    ((1, "title_abstract", "exclude", "anna", "too boring"), "reason 'too boring' is not in the project's list"),
    ((1, "full_text", "exclude", "anna", None), "a full-text exclusion needs a reason"),
    ((1, "title_abstract", "include", "anna", "wrong outcome"), "a reason is only given for an exclusion"),
])
def test_invalid_decisions(screened_project, row, message):
    with pytest.raises(InputError, match=message):
        decide(screened_project, [row])
    assert n_decisions(screened_project) == 0


def test_full_text_after_title_abstract_exclusion_is_refused(screened_project):
    decide(screened_project, [(1, "title_abstract", "exclude", "anna", "wrong population")])
    with pytest.raises(InputError, match="record 1 was excluded at title/abstract screening"):
        decide(screened_project, [(1, "full_text", "include", "anna", None)])


def test_conflicts_and_consensus(screened_project):
    decide(screened_project, [(1, "title_abstract", "include", "anna", None),
                              (1, "title_abstract", "include", "ben", None),
                              (2, "title_abstract", "include", "anna", None),
                              (2, "title_abstract", "exclude", "ben", "wrong outcome"),
                              (3, "title_abstract", "maybe", "anna", None)])
    effective = effective_decisions(screened_project, "title_abstract").set_index("record_id")
    assert effective.loc[1, ["decision", "status"]].tolist() == ["include", "agreed"]
    assert effective.loc[2, "status"] == "conflict" and pd.isna(effective.loc[2, "decision"])
    assert effective.loc[3, ["decision", "status"]].tolist() == ["maybe", "single"]
    listed = conflicts(screened_project)
    assert listed[["record_id", "reviewer", "decision"]].values.tolist() == [[2, "anna", "include"],
                                                                              [2, "ben", "exclude"]]
    decide(screened_project, [(2, "title_abstract", "exclude", "consensus", "wrong outcome")])
    assert conflicts(screened_project).empty
    assert effective_decisions(screened_project, "title_abstract").set_index("record_id").loc[2, "status"] == "consensus"
    # Record 4 still waits; records 1 and 3 (maybe) go on to full text.
    assert unscreened(screened_project, "title_abstract")["record_id"].tolist() == [4]
    assert unscreened(screened_project, "full_text")["record_id"].tolist() == [1, 3]


def test_full_text_reasons_must_agree(screened_project):
    decide(screened_project, [(1, "title_abstract", "include", "anna", None),
                              (1, "full_text", "exclude", "anna", "wrong outcome"),
                              (1, "full_text", "exclude", "ben", "wrong comparator")])
    assert effective_decisions(screened_project, "full_text").iloc[0]["status"] == "conflict"


def test_latest_decision_of_a_reviewer_counts(screened_project):
    frame = pd.DataFrame({"record_id": [1, 1], "stage": "title_abstract", "decision": ["exclude", "include"],
                          "reviewer": "anna", "reason": ["wrong outcome", None],
                          "decided_at": ["2025-03-01 10:00", "2025-03-02 09:00"]})
    record_decisions(screened_project, frame)
    assert effective_decisions(screened_project, "title_abstract").iloc[0]["decision"] == "include"
    assert n_decisions(screened_project) == 2  # the history is kept


def test_decisions_csv(screened_project, tmp_path):
    path = tmp_path / "decisions.csv"
    path.write_text("record_id,stage,decision,reason,reviewer\n1,title-abstract,Include,,anna\n"
                    "7,title_abstract,exclude,wrong outcome,anna\n")
    frame, where = read_decisions_csv(path)
    with pytest.raises(InputError, match="decisions.csv row 3: record 7 is not a record"):
        record_decisions(screened_project, frame, where=where)
    assert n_decisions(screened_project) == 0
    path.write_text("record_id,stage,decision,reason,reviewer,decided_at\n1,title_abstract,include,,anna,yesterday\n")
    frame, where = read_decisions_csv(path)
    with pytest.raises(InputError, match="decisions.csv row 2, column decided_at: 'yesterday'"):
        record_decisions(screened_project, frame, where=where)
    path.write_text("record,stage\n1,title_abstract\n")
    with pytest.raises(InputError, match="missing column\\(s\\) record_id, decision, reviewer"):
        read_decisions_csv(path)


def test_decision_on_merged_duplicate_points_to_kept_record(project, data_dir):
    from graftline.review.duplicates import deduplicate_project

    import_export(project, data_dir / "pubmed.nbib", source="pubmed")
    import_export(project, data_dir / "scopus.ris", source="scopus")  # record 5 duplicates record 1
    deduplicate_project(project)
    with pytest.raises(InputError, match="record 5 was removed as a duplicate of record 1; screen record 1"):
        decide(project, [(5, "title_abstract", "include", "anna", None)])


def test_relevance_ranking_orders_by_vocabulary_of_included_records():
    # Included records are about MSC co-infusion, excluded ones about
    # unrelated topics: an unseen MSC record must rank above an unseen
    # cardiology record.
    training = ["mesenchymal stromal cells co-infusion engraftment", "MSC co-transplantation platelet engraftment",
                "statins in coronary disease", "knee arthroplasty outcomes", "coronary stent thrombosis"]
    labels = [1, 1, 0, 0, 0]
    relevance = rank_by_relevance(training, labels, ["coronary artery bypass surgery",
                                                     "mesenchymal stromal cells and neutrophil engraftment"])
    assert relevance[1] > 0.5 > relevance[0]


def test_prioritise_only_orders(screened_project):
    with pytest.raises(InputError, match="at least one include"):
        prioritise(screened_project)
    decide(screened_project, [(1, "title_abstract", "include", "anna", None),
                              (4, "title_abstract", "exclude", "anna", "wrong outcome")])
    result = prioritise(screened_project)
    assert result.statement == STATEMENT and "never decides" in result.statement
    assert sorted(result.ranking["record_id"]) == [2, 3]
    assert result.ranking["relevance"].is_monotonic_decreasing
    assert n_decisions(screened_project) == 2  # ranking records no decision
