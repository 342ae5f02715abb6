"""The screening desk: every decision made in the web app goes through here.

The server holds the project's only DuckDB connection that writes (DuckDB
allows one writing process per file), so it keeps the latest decision of
each reviewer per record and stage in memory, for answering "which record
next?" without a query, and writes every decision in its own transaction
before the memory is updated. The file stays the truth: the CLI reads the
same ``decisions`` table (with the same rules, :mod:`graftline.review.screening`).

Who sees what (blinded dual screening, Cochrane Handbook 4.6.4): a record is
offered to a reviewer until ``reviewers_per_record`` reviewers (project
setting, 2 by default) have decided it; a reviewer is never shown another
reviewer's decision; only the ``consensus`` reviewer sees the conflicts.
"""

from __future__ import annotations

import datetime as dt
import threading
import time
from collections import defaultdict
from dataclasses import dataclass

import numpy as np

from graftline.errors import InputError
from graftline.review.screening import CONSENSUS, DECISIONS, STAGES

PASSING = ("include", "maybe")


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


@dataclass(frozen=True)
class Verdict:
    """The decision that counts for one record at one stage (as :func:`~graftline.review.screening.effective_decisions`)."""

    decision: str | None
    reason: str | None
    status: str  # single | agreed | consensus | conflict


def verdict(opinions: dict[str, tuple[str, str | None]], stage: str) -> Verdict | None:
    """The effective decision from each reviewer's latest ``(decision, reason)``; ``None`` when undecided.

    Same rule as the SQL of :func:`~graftline.review.screening.effective_decisions`:
    the consensus reviewer's decision settles; otherwise reviewers agree when
    their decisions (and, for full-text exclusions, reasons) are the same.
    """
    if not opinions:
        return None
    if CONSENSUS in opinions:
        decision, reason = opinions[CONSENSUS]
        return Verdict(decision, reason, "consensus")
    views = {(d, r if (stage == "full_text" and d == "exclude") else "") for d, r in opinions.values()}
    if len(views) > 1:
        return Verdict(None, None, "conflict")
    names = sorted(opinions)
    # As the SQL's arg_min(reason, reviewer): the first reviewer (by name) who gave a reason.
    reason = next((opinions[name][1] for name in names if opinions[name][1] is not None), None)
    return Verdict(opinions[names[0]][0], reason, "single" if len(opinions) == 1 else "agreed")


class ScreeningDesk:
    """Decisions in memory and in the project file; the next record for each reviewer.

    Parameters
    ----------
    project : ReviewProject
        Opened by the server; its connection is the only writer.
    """

    COUNT_EVERY = 0.5

    def __init__(self, project) -> None:
        self.project = project
        self.lock = threading.RLock()
        self.write_lock = threading.Lock()
        self.changed = threading.Condition(self.lock)
        con = project.connection
        self.reviewers_per_record = int(project.setting("reviewers_per_record"))
        self.reasons = project.exclusion_reasons()
        ids = con.execute("SELECT record_id FROM records WHERE record_id NOT IN "
                          "(SELECT duplicate_id FROM merges WHERE undone_at IS NULL) ORDER BY record_id").fetchall()
        self.record_ids = np.array([r[0] for r in ids], dtype=np.int64)
        self.active = set(self.record_ids.tolist())
        self.merged = dict(con.execute("SELECT duplicate_id, kept_id FROM merges WHERE undone_at IS NULL").fetchall())
        self.not_retrieved = {r[0] for r in con.execute("SELECT record_id FROM retrieval WHERE NOT retrieved").fetchall()}
        # stage -> record_id -> reviewer -> (decision, reason)
        self.opinions: dict[str, dict[int, dict[str, tuple[str, str | None]]]] = {s: defaultdict(dict) for s in STAGES}
        rows = con.execute("""
            SELECT stage, record_id, reviewer, decision, reason FROM (
                SELECT *, row_number() OVER (PARTITION BY stage, record_id, reviewer
                                             ORDER BY decided_at DESC, decision_id DESC) AS k
                FROM decisions WHERE decision_id NOT IN (SELECT decision_id FROM withdrawn))
            WHERE k = 1""").fetchall()
        for stage, record_id, reviewer, decision, reason in rows:
            if stage in self.opinions and record_id in self.active:
                self.opinions[stage][record_id][reviewer] = (decision, reason)
        identified = con.execute("SELECT s.kind, r.source, count(*) FROM records r JOIN searches s USING "
                                 "(search_id) GROUP BY ALL ORDER BY r.source").fetchall()
        self.databases = {source: n for kind, source, n in identified if kind != "register"}
        self.registers = {source: n for kind, source, n in identified if kind == "register"}
        self.version = 0
        self.decisions_written = 0
        self._counts: dict | None = None
        self._mine: dict[tuple[str, str], int] = defaultdict(int)
        for stage, records in self.opinions.items():
            for opinions in records.values():
                for reviewer in opinions:
                    self._mine[(reviewer, stage)] += 1
        self.order = self.record_ids.copy()
        self._position: dict[int, int] | None = None  # built when first needed (full text only)
        self.order_model: str = "record id (no model yet)"
        self._cursor: dict[str, int] = {}
        self._return_to: dict[tuple[str, str], int] = {}

    # -- reading ---------------------------------------------------------
    def verdict(self, stage: str, record_id: int) -> Verdict | None:
        return verdict(self.opinions[stage].get(record_id, {}), stage)

    def _needs(self, stage: str, record_id: int, reviewer: str) -> bool:
        opinions = self.opinions[stage].get(record_id, {})
        if reviewer in opinions or CONSENSUS in opinions:
            return False
        if sum(1 for r in opinions if r != CONSENSUS) >= self.reviewers_per_record:
            return False
        if stage == "full_text":
            if record_id in self.not_retrieved:
                return False
            passed = self.verdict("title_abstract", record_id)
            return passed is not None and passed.decision in PASSING
        return True

    def next_record(self, reviewer: str, stage: str) -> int | None:
        """The next record ``reviewer`` should screen at ``stage``, in the current order; ``None`` when done."""
        with self.lock:
            back = self._return_to.pop((reviewer, stage), None)
            if back is not None and self._needs(stage, back, reviewer):
                return back
            order = self.order
            if stage == "full_text":
                # Few records reach full text and they arrive as title/abstract
                # decisions are made: look at those, in screening order.
                if self._position is None:
                    self._position = {int(r): k for k, r in enumerate(order)}
                position = self._position
                passed = sorted(self.opinions["title_abstract"], key=lambda r: position.get(r, 0))
                return next((r for r in passed if self._needs(stage, r, reviewer)), None)
            start = self._cursor.get(reviewer, 0)
            for index in range(start, len(order)):
                record_id = int(order[index])
                if self._needs(stage, record_id, reviewer):
                    self._cursor[reviewer] = index
                    return record_id
            self._cursor[reviewer] = len(order)
            return None

    def set_order(self, order: np.ndarray, model: str) -> None:
        """Replace the screening order (from the background prioritisation); cursors start again."""
        # This runs after every retraining (every few decisions) while reviewers
        # wait for pages: build the new order with NumPy before taking the lock,
        # then swap it in. (Python loops over 100,000 ids here held the lock and
        # the interpreter for tens of milliseconds, the tail of the decision
        # round trip measured in benchmarks/review_screening.py.)
        order = np.asarray(order, dtype=np.int64)
        rest = self.record_ids[~np.isin(self.record_ids, order, assume_unique=True)]
        new_order = np.concatenate([order, rest.astype(np.int64)])
        with self.lock:
            self.order = new_order
            self._position = None
            self.order_model = model
            self._cursor.clear()

    def training_labels(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """``(record_ids, labels, waiting_ids)``: title/abstract verdicts (include/maybe = 1) and records still open."""
        with self.lock:
            ids, labels = [], []
            for record_id, opinions in self.opinions["title_abstract"].items():
                result = verdict(opinions, "title_abstract")
                if result is not None and result.decision is not None:
                    ids.append(record_id)
                    labels.append(1 if result.decision in PASSING else 0)
        decided = np.array(ids, dtype=np.int64)
        waiting = np.setdiff1d(self.record_ids, decided, assume_unique=True)
        return decided, np.array(labels, dtype=np.int64), waiting

    def _stage_counts(self, stage: str) -> dict:
        """Records to screen, settled and in conflict at ``stage`` (one pass over the decided records)."""
        opinions = self.opinions[stage]
        if stage == "title_abstract":
            pool = len(self.record_ids)
        else:
            pool = sum(1 for r, o in self.opinions["title_abstract"].items()
                       if r not in self.not_retrieved and (v := verdict(o, "title_abstract")) is not None
                       and v.decision in PASSING)
        settled = conflicts = 0
        for o in opinions.values():
            v = verdict(o, stage)
            if v is None:
                continue
            if v.status == "conflict":
                conflicts += 1
            elif CONSENSUS in o or len(o) >= self.reviewers_per_record:
                settled += 1
        return {"records": pool, "settled": settled, "conflicts": conflicts}

    def _snapshot(self, *, fresh: bool = False) -> dict:
        """Counts over all decided records, recomputed when decisions changed and the last count is older
        than :attr:`COUNT_EVERY` seconds (or when ``fresh``): a pass over thousands of decisions costs
        milliseconds, which every decision's round trip should not pay."""
        now = time.monotonic()
        cached = self._counts
        if fresh or cached is None or (cached["version"] != self.version and now - cached["at"] >= self.COUNT_EVERY):
            cached = {"version": self.version, "at": now, "tally": self._tally(),
                      **{stage: self._stage_counts(stage) for stage in STAGES}}
            self._counts = cached
        return cached

    def progress(self, reviewer: str, stage: str, *, fresh: bool = False) -> dict:
        """Counts for the progress bars: this reviewer's decisions (exact) and the stage's records settled,
        in conflict and to screen (at most :attr:`COUNT_EVERY` seconds old unless ``fresh``)."""
        with self.lock:
            counts = self._snapshot(fresh=fresh)[stage]
            return {"stage": stage, **counts, "mine": self._mine[(reviewer, stage)],
                    "reviewers_per_record": self.reviewers_per_record, "order": self.order_model}

    def tally(self, *, fresh: bool = False):
        """The PRISMA counts as they stand, from memory (see :meth:`_tally`; at most
        :attr:`COUNT_EVERY` seconds old unless ``fresh``)."""
        with self.lock:
            return self._snapshot(fresh=fresh)["tally"]

    def _tally(self):
        """The PRISMA counts as they stand, from memory (same rules as :func:`~graftline.review.prisma.screening_tally`,
        which reads the file; the tests check that both agree)."""
        from graftline.review.prisma import ScreeningTally

        with self.lock:
            screening = {r: v for r, o in self.opinions["title_abstract"].items() if (v := verdict(o, "title_abstract"))}
            passed = {r for r, v in screening.items() if v.decision in PASSING}
            missing = self.not_retrieved & passed
            full_text = {r: v for r, o in self.opinions["full_text"].items()
                         if r in passed - missing and (v := verdict(o, "full_text"))}
            reasons: dict[str, int] = {}
            for v in full_text.values():
                if v.decision == "exclude":
                    key = v.reason or "no reason recorded"
                    reasons[key] = reasons.get(key, 0) + 1
            final = sum(1 for v in full_text.values() if v.decision in ("include", "exclude"))
            return ScreeningTally(
                databases=dict(self.databases), registers=dict(self.registers),
                duplicates_removed=len(self.merged), screened=len(self.record_ids),
                screened_excluded=sum(1 for v in screening.values() if v.decision == "exclude"),
                reports_sought=len(passed), reports_not_retrieved=len(missing),
                reports_excluded=dict(sorted(reasons.items())),
                reports_included=sum(1 for v in full_text.values() if v.decision == "include"),
                awaiting_title_abstract=len(self.record_ids) - len(screening),
                conflicts_title_abstract=sum(1 for v in screening.values() if v.status == "conflict"),
                awaiting_full_text=len(passed - missing) - final,
                conflicts_full_text=sum(1 for v in full_text.values() if v.status == "conflict"),
            )

    def conflicts(self, stage: str) -> list[tuple[int, dict[str, tuple[str, str | None]]]]:
        """Records in conflict with each reviewer's decision (for the consensus reviewer only)."""
        with self.lock:
            return [(r, dict(o)) for r, o in sorted(self.opinions[stage].items())
                    if (v := verdict(o, stage)) is not None and v.status == "conflict"]

    # -- writing ---------------------------------------------------------
    def check(self, reviewer: str, stage: str, record_id: int, decision: str, reason: str | None) -> None:
        """Raise :class:`InputError` with a message a reviewer can act on."""
        if stage not in STAGES:
            raise InputError(f"stage {stage!r} is not one of {', '.join(STAGES)}")
        if decision not in DECISIONS:
            raise InputError(f"decision {decision!r} is not one of {', '.join(DECISIONS)}")
        if not reviewer:
            raise InputError("no reviewer: log in first")
        if record_id in self.merged:
            raise InputError(f"record {record_id} was removed as a duplicate of record {self.merged[record_id]}")
        if record_id not in self.active:
            raise InputError(f"record {record_id} is not a record of this project")
        if reason and reason not in self.reasons:
            raise InputError(f"reason {reason!r} is not in the project's list of exclusion reasons")
        if reason and decision != "exclude":
            raise InputError(f"a reason is only given for an exclusion, not for {decision!r}")
        if stage == "full_text" and decision == "exclude" and not reason:
            raise InputError("a full-text exclusion needs a reason (PRISMA 2020 item 16a): choose one (keys 1-9)")
        if stage == "full_text":
            passed = self.verdict("title_abstract", record_id)
            if passed is None or passed.decision not in PASSING:
                raise InputError(f"record {record_id} has not passed title/abstract screening")

    def decide(self, reviewer: str, stage: str, record_id: int, decision: str, reason: str | None = None) -> int:
        """Record one decision in its own transaction; return its ``decision_id``."""
        reason = reason.strip() if reason and reason.strip() else None
        # Writes queue on the write lock; the state lock is held only around
        # memory, so other reviewers' pages need not wait for this commit.
        with self.write_lock:
            with self.lock:
                self.check(reviewer, stage, record_id, decision, reason)
            # One statement in autocommit mode: one transaction, committed before the answer.
            decision_id = self.project.connection.execute(
                "INSERT INTO decisions (record_id, stage, decision, reason, reviewer, decided_at) "
                "VALUES (?, ?, ?, ?, ?, ?) RETURNING decision_id",
                [record_id, stage, decision, reason, reviewer, _now()]).fetchone()[0]
            with self.lock:
                self._remember(reviewer, stage, record_id, decision, reason)
            return decision_id

    def _remember(self, reviewer: str, stage: str, record_id: int, decision: str, reason: str | None) -> None:
        if reviewer not in self.opinions[stage][record_id]:
            self._mine[(reviewer, stage)] += 1
        self.opinions[stage][record_id][reviewer] = (decision, reason)
        self.version += 1
        self.decisions_written += 1
        self.changed.notify_all()

    def undo(self, reviewer: str, stage: str) -> int | None:
        """Withdraw the reviewer's last decision at ``stage`` (one transaction); the record is shown again."""
        from graftline.review.screening import withdraw_last_decision

        with self.write_lock, self.lock:
            undone = withdraw_last_decision(self.project, reviewer, stage)
            if undone is None:
                return None
            record_id = undone["record_id"]
            earlier = self.project.connection.execute(
                "SELECT decision, reason FROM decisions WHERE reviewer = ? AND stage = ? AND record_id = ? "
                "AND decision_id NOT IN (SELECT decision_id FROM withdrawn) "
                "ORDER BY decided_at DESC, decision_id DESC LIMIT 1", [reviewer, stage, record_id]).fetchone()
            if earlier is None:
                if self.opinions[stage][record_id].pop(reviewer, None) is not None:
                    self._mine[(reviewer, stage)] -= 1
            else:
                self.opinions[stage][record_id][reviewer] = (earlier[0], earlier[1])
            self._return_to[(reviewer, stage)] = record_id
            self.version += 1
            self.changed.notify_all()
            return record_id
