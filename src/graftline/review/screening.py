"""The screening log: who decided what about which record, at which stage.

Decisions are appended, never overwritten, so the log is the audit trail. A
reviewer's latest decision for a record and stage is the one that counts.
When reviewers disagree the record is in conflict until a decision by the
reviewer ``consensus`` (the third reviewer or the agreed resolution) settles
it, as in dual independent screening (Cochrane Handbook, section 4.6.4).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd

from graftline.errors import InputError

STAGES = ("title_abstract", "full_text")
DECISIONS = ("include", "exclude", "maybe")
CONSENSUS = "consensus"


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def _validate(project, decisions: pd.DataFrame, where: list[str]) -> pd.DataFrame:
    """Check every decision; ``where[k]`` names row k in messages."""
    reasons = set(project.exclusion_reasons())
    known = set(project.query("SELECT record_id FROM records")["record_id"].tolist())
    merged = dict(project.connection.execute(
        "SELECT duplicate_id, kept_id FROM merges WHERE undone_at IS NULL").fetchall())
    problems = []
    for k, row in enumerate(decisions.itertuples(index=False)):
        at = where[k]
        if row.record_id not in known:
            problems.append(f"{at}: record {row.record_id} is not a record of this project "
                            "(list them with `graftline review records`)")
        elif row.record_id in merged:
            problems.append(f"{at}: record {row.record_id} was removed as a duplicate of record "
                            f"{merged[row.record_id]}; screen record {merged[row.record_id]}")
        if row.stage not in STAGES:
            problems.append(f"{at}: stage {row.stage!r} is not one of {', '.join(STAGES)}")
        if row.decision not in DECISIONS:
            problems.append(f"{at}: decision {row.decision!r} is not one of {', '.join(DECISIONS)}")
        if not row.reviewer:
            problems.append(f"{at}: the reviewer is missing")
        if row.reason and row.reason not in reasons:
            problems.append(f"{at}: reason {row.reason!r} is not in the project's list of exclusion reasons "
                            f"({'; '.join(sorted(reasons))}); add it with `graftline review reasons --add`")
        if row.decision == "exclude" and row.stage == "full_text" and not row.reason:
            problems.append(f"{at}: a full-text exclusion needs a reason (PRISMA 2020 item 16a)")
        if row.decision != "exclude" and row.reason:
            problems.append(f"{at}: a reason is only given for an exclusion, not for {row.decision!r}")
    if problems:
        more = f" (and {len(problems) - 15} more problems)" if len(problems) > 15 else ""
        raise InputError("; ".join(problems[:15]) + more + ". No decision was recorded.")
    full_text = decisions[decisions["stage"] == "full_text"]
    if len(full_text):
        earlier = effective_decisions(project, "title_abstract")
        excluded = set(earlier.loc[earlier["decision"] == "exclude", "record_id"])
        for k in full_text.index:
            if decisions.at[k, "record_id"] in excluded:
                raise InputError(f"{where[k]}: record {decisions.at[k, 'record_id']} was excluded at title/abstract "
                                 "screening; its full text is not assessed. No decision was recorded.")
    return decisions


def record_decisions(project, decisions: pd.DataFrame, *, where: list[str] | None = None) -> int:
    """Append screening decisions (all or none); return how many were recorded.

    Parameters
    ----------
    decisions : DataFrame
        ``record_id``, ``stage``, ``decision``, ``reviewer`` and optionally
        ``reason`` and ``decided_at`` (UTC; now when missing).
    where : list of str, optional
        How to name each row in error messages (e.g. ``"decisions.csv row 3"``).
    """
    frame = decisions.copy()
    for column in ("reason", "decided_at"):
        if column not in frame:
            frame[column] = None
    frame["reason"] = pd.Series([None if r is None or pd.isna(r) or not str(r).strip() else str(r).strip()
                                 for r in frame["reason"]], index=frame.index, dtype=object)
    frame["reviewer"] = frame["reviewer"].map(lambda r: "" if r is None or pd.isna(r) else str(r).strip())
    frame["stage"] = frame["stage"].astype(str).str.strip().str.lower().str.replace("-", "_").str.replace("/", "_")
    frame["decision"] = frame["decision"].astype(str).str.strip().str.lower()
    where = where or [f"decision {k + 1}" for k in range(len(frame))]
    frame = frame.reset_index(drop=True)
    given = frame["decided_at"].map(lambda v: None if v is None or pd.isna(v) or not str(v).strip() else v)
    when = pd.to_datetime(given, errors="coerce").astype("datetime64[us]")
    bad = given.notna() & when.isna()
    if bad.any():
        k = int(bad.idxmax())
        raise InputError(f"{where[k]}, column decided_at: {given[k]!r} is not a date-time (YYYY-MM-DD HH:MM). "
                         "No decision was recorded.")
    frame["decided_at"] = when.fillna(pd.Timestamp(_now()).as_unit("us"))
    _validate(project, frame, where)
    with project.transaction() as con:
        con.register("new_decisions", frame[["record_id", "stage", "decision", "reason", "reviewer", "decided_at"]])
        con.execute("INSERT INTO decisions (record_id, stage, decision, reason, reviewer, decided_at) "
                    "SELECT record_id, stage, decision, reason, reviewer, decided_at FROM new_decisions")
        con.unregister("new_decisions")
    return len(frame)


def withdraw_last_decision(project, reviewer: str, stage: str) -> dict | None:
    """Undo a reviewer's most recent decision at ``stage`` (not yet withdrawn); return it, or ``None``.

    The decision stays in the log and is listed in ``withdrawn``; the
    reviewer's earlier decision on that record, if any, counts again.
    """
    with project.transaction() as con:
        row = con.execute(
            "SELECT decision_id, record_id, decision, reason FROM decisions WHERE reviewer = ? AND stage = ? "
            "AND decision_id NOT IN (SELECT decision_id FROM withdrawn) ORDER BY decision_id DESC LIMIT 1",
            [reviewer, stage]).fetchone()
        if row is None:
            return None
        con.execute("INSERT INTO withdrawn VALUES (?, ?, ?)", [row[0], reviewer, _now()])
    return {"decision_id": row[0], "record_id": row[1], "decision": row[2], "reason": row[3]}


def read_decisions_csv(path: str | Path) -> tuple[pd.DataFrame, list[str]]:
    """Decisions from a CSV with columns record_id, stage, decision, reason, reviewer[, decided_at]."""
    path = Path(path)
    try:
        frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    except (OSError, pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeDecodeError) as error:
        raise InputError(f"{path}: not a readable CSV file ({error})") from None
    frame.columns = [c.strip().lower() for c in frame.columns]
    missing = [c for c in ("record_id", "stage", "decision", "reviewer") if c not in frame]
    if missing:
        raise InputError(f"{path}: missing column(s) {', '.join(missing)}; expected record_id, stage, decision, "
                         "reason, reviewer and optionally decided_at")
    ids = []
    for k, value in enumerate(frame["record_id"], start=2):
        if not value.strip().isdigit():
            raise InputError(f"{path} row {k}, column record_id: {value!r} is not a record id")
        ids.append(int(value))
    frame["record_id"] = ids
    return frame, [f"{path.name} row {k}" for k in range(2, len(frame) + 2)]


def latest_decisions(project, stage: str) -> pd.DataFrame:
    """Each reviewer's latest decision per record at ``stage`` (records not merged away)."""
    return project.query("""
        SELECT record_id, reviewer, decision, reason, decided_at FROM (
            SELECT *, row_number() OVER (PARTITION BY record_id, reviewer
                                         ORDER BY decided_at DESC, decision_id DESC) AS latest
            FROM decisions WHERE stage = ? AND decision_id NOT IN (SELECT decision_id FROM withdrawn)
              AND record_id NOT IN (SELECT duplicate_id FROM merges WHERE undone_at IS NULL))
        WHERE latest = 1 ORDER BY record_id, reviewer""", [stage])


def effective_decisions(project, stage: str) -> pd.DataFrame:
    """The decision that counts per record at ``stage``.

    Returns
    -------
    DataFrame
        ``record_id``, ``decision`` (``None`` while in conflict), ``reason``,
        ``status`` (``single`` reviewer, ``agreed``, ``consensus`` or ``conflict``)
        and ``reviewers``.

    Notes
    -----
    Reviewers agree when their decisions match and, for full-text
    exclusions, so do their reasons (the reason is reported in PRISMA).
    """
    # One pass in SQL: a reviewer's latest decision per record, then per record
    # either the consensus decision, or agreement, or a conflict.
    reason_counts = "decision = 'exclude'" if stage == "full_text" else "FALSE"
    return project.query(f"""
        WITH latest AS (
            SELECT record_id, reviewer, decision, reason FROM (
                SELECT *, row_number() OVER (PARTITION BY record_id, reviewer
                                             ORDER BY decided_at DESC, decision_id DESC) AS k
                FROM decisions WHERE stage = ? AND decision_id NOT IN (SELECT decision_id FROM withdrawn)
                  AND record_id NOT IN (SELECT duplicate_id FROM merges WHERE undone_at IS NULL))
            WHERE k = 1),
        summary AS (
            SELECT record_id,
                   count(DISTINCT decision || '|' || CASE WHEN {reason_counts} THEN coalesce(reason, '') ELSE '' END)
                       AS opinions,
                   count(*) AS n_reviewers,
                   string_agg(reviewer, ', ' ORDER BY reviewer) AS reviewers,
                   arg_min(decision, reviewer) AS decision,
                   arg_min(reason, reviewer) AS reason,
                   max(CASE WHEN reviewer = '{CONSENSUS}' THEN decision END) AS consensus_decision,
                   max(CASE WHEN reviewer = '{CONSENSUS}' THEN reason END) AS consensus_reason,
                   bool_or(reviewer = '{CONSENSUS}') AS has_consensus
            FROM latest GROUP BY record_id)
        SELECT record_id,
               CASE WHEN has_consensus THEN consensus_decision WHEN opinions = 1 THEN decision END AS decision,
               CASE WHEN has_consensus THEN consensus_reason WHEN opinions = 1 THEN reason END AS reason,
               CASE WHEN has_consensus THEN 'consensus' WHEN opinions > 1 THEN 'conflict'
                    WHEN n_reviewers = 1 THEN 'single' ELSE 'agreed' END AS status,
               reviewers
        FROM summary ORDER BY record_id""", [stage])


def conflicts(project, stage: str | None = None) -> pd.DataFrame:
    """Records on which reviewers disagree, with each reviewer's decision and reason."""
    frames = []
    for current in (stage,) if stage else STAGES:
        effective = effective_decisions(project, current)
        ids = effective.loc[effective["status"] == "conflict", "record_id"]
        latest = latest_decisions(project, current)
        latest = latest[latest["record_id"].isin(ids)].assign(stage=current)
        frames.append(latest)
    result = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()
    if len(result):
        titles = project.query("SELECT record_id, title FROM records")
        result = result.merge(titles, on="record_id", how="left")
    return result


def unscreened(project, stage: str) -> pd.DataFrame:
    """Records awaiting a decision at ``stage``.

    At title/abstract: every record not merged away without a decision. At
    full text: records included (or marked maybe) at title/abstract whose
    full text was not reported as not retrieved and that have no full-text
    decision yet.
    """
    records = project.query("SELECT record_id, title, abstract FROM records WHERE record_id NOT IN "
                            "(SELECT duplicate_id FROM merges WHERE undone_at IS NULL) ORDER BY record_id")
    decided = set(effective_decisions(project, stage)["record_id"])
    if stage == "title_abstract":
        return records[~records["record_id"].isin(decided)].reset_index(drop=True)
    passed = effective_decisions(project, "title_abstract")
    passed = set(passed.loc[passed["decision"].isin(["include", "maybe"]), "record_id"])
    missing = set(project.query("SELECT record_id FROM retrieval WHERE NOT retrieved")["record_id"])
    keep = records["record_id"].isin(passed) & ~records["record_id"].isin(decided | missing)
    return records[keep].reset_index(drop=True)


def mark_not_retrieved(project, record_ids, *, note: str | None = None) -> None:
    """Record that the full texts of ``record_ids`` could not be obtained."""
    from graftline.review.records import require_records

    require_records(project, record_ids)
    with project.transaction() as con:
        for record_id in record_ids:
            con.execute("INSERT OR REPLACE INTO retrieval VALUES (?, FALSE, ?, ?)", [int(record_id), note, _now()])
