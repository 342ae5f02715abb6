"""The web app's in-memory rules against the file's (SQL) rules: after a
seeded random sequence of decisions, undos and consensus decisions by several
reviewers at both stages, every record's verdict and every PRISMA count the
desk keeps in memory equal what :mod:`graftline.review.screening` and
:func:`graftline.review.prisma.screening_tally` read from the file."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from graftline.errors import InputError
from graftline.review.prisma import screening_tally
from graftline.review.records import SearchLog, make_record, records_frame, store_records
from graftline.review.screening import effective_decisions
from graftline.review.web.desk import ScreeningDesk


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_desk_equals_file(project, seed):
    rng = np.random.default_rng(seed)
    frame = records_frame([make_record(source="embase", origin=f"row {k}", title=f"Record {k}")
                           for k in range(1, 41)])
    store_records(project, frame.drop(columns="database"),
                  SearchLog(database="embase", query=None, date_run=pd.Timestamp("2025-01-01"), hit_count=40))
    reasons = project.exclusion_reasons()[:3]
    desk = ScreeningDesk(project)
    reviewers = ["anna", "ben", "chloe", "consensus"]
    for _ in range(250):
        reviewer = reviewers[rng.integers(4)]
        stage = "title_abstract" if rng.random() < 0.7 else "full_text"
        if rng.random() < 0.08:
            desk.undo(reviewer, stage)
            continue
        record = int(rng.integers(1, 41))
        decision = ["include", "exclude", "maybe"][rng.integers(3)]
        reason = str(rng.choice(reasons)) if decision == "exclude" and (stage == "full_text" or rng.random() < 0.5) \
            else None
        try:
            desk.decide(reviewer, stage, record, decision, reason)
        except InputError:
            pass  # e.g. full text of a record that did not pass: refused by both rules alike
    for stage in ("title_abstract", "full_text"):
        from_file = effective_decisions(project, stage).set_index("record_id")
        in_memory = {r: desk.verdict(stage, r) for r in range(1, 41) if desk.verdict(stage, r) is not None}
        assert set(in_memory) == set(from_file.index)
        for record, verdict in in_memory.items():
            row = {k: (None if pd.isna(v) else v) for k, v in from_file.loc[record].items()}
            assert (verdict.decision, verdict.status) == (row["decision"], row["status"]), (stage, record)
            if verdict.status != "conflict":
                assert verdict.reason == row["reason"], (stage, record)
    assert desk.tally(fresh=True) == screening_tally(project)
    # The run exercised what it claims to: conflicts, consensus and full-text decisions occurred.
    statuses = set(effective_decisions(project, "title_abstract")["status"])
    assert {"conflict", "consensus"} <= statuses
    assert len(effective_decisions(project, "full_text")) > 0
