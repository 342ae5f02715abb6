"""De-duplication applied to a review project: run it, list merges, undo one.

Every merge is a row of the ``merges`` table with its reason and score; an
undone merge keeps its row (with ``undone_at``) so the audit trail stays
complete, and the pair is never merged again automatically.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from graftline.errors import InputError
from graftline.review.dedupe import Deduplication, find_duplicates


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def deduplicate_project(project, **options) -> Deduplication:
    """Find duplicates among the project's records that are not yet merged and store the merges.

    Records already screened are preferred as the kept record, so decisions
    are never attached to a removed duplicate. Options are those of
    :func:`~graftline.review.dedupe.find_duplicates`.
    """
    active = project.query(
        "SELECT record_id, doi, pmid, title, authors, year, abstract FROM records WHERE record_id NOT IN "
        "(SELECT duplicate_id FROM merges WHERE undone_at IS NULL) ORDER BY record_id")
    undone = project.query("SELECT duplicate_id, kept_id, matched_id FROM merges WHERE undone_at IS NOT NULL")
    forbidden = [(r.duplicate_id, r.kept_id) for r in undone.itertuples()] + [
        (r.duplicate_id, r.matched_id) for r in undone.itertuples()]
    screened = [r[0] for r in project.connection.execute("SELECT DISTINCT record_id FROM decisions").fetchall()]
    result = find_duplicates(active, forbidden_pairs=forbidden, preferred_ids=screened, **options)
    if len(result.merges):
        with project.transaction() as con:
            rows = result.merges.assign(merged_at=_now())
            con.register("new_merges", rows)
            con.execute("INSERT INTO merges (duplicate_id, kept_id, matched_id, reason, score, detail, merged_at) "
                        "SELECT duplicate_id, kept_id, matched_id, reason, score, detail, merged_at FROM new_merges")
            con.unregister("new_merges")
    return result


def list_merges(project, *, include_undone: bool = False) -> pd.DataFrame:
    """Merges with the titles of both records, for a reviewer to check."""
    where = "" if include_undone else "WHERE m.undone_at IS NULL"
    return project.query(f"""
        SELECT m.merge_id, m.duplicate_id, d.source AS duplicate_source, m.kept_id, k.source AS kept_source,
               m.reason, m.score, m.detail, d.title AS duplicate_title, k.title AS kept_title,
               m.merged_at, m.undone_at
        FROM merges m JOIN records d ON d.record_id = m.duplicate_id
                      JOIN records k ON k.record_id = m.kept_id
        {where} ORDER BY m.merge_id""")


def undo_merge(project, merge_id: int) -> None:
    """Undo one merge: its duplicate becomes a record of its own again.

    Raises
    ------
    InputError
        If there is no such merge or it was already undone.
    """
    row = project.connection.execute("SELECT undone_at FROM merges WHERE merge_id = ?", [merge_id]).fetchone()
    if row is None:
        raise InputError(f"merge {merge_id} does not exist; list merges with `graftline review duplicates`")
    if row[0] is not None:
        raise InputError(f"merge {merge_id} was already undone at {row[0]:%Y-%m-%d %H:%M}")
    with project.transaction() as con:
        con.execute("UPDATE merges SET undone_at = ? WHERE merge_id = ?", [_now(), merge_id])
