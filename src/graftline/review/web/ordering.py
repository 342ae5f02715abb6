"""The screening order, retrained in the background as decisions arrive.

A daemon thread computes the TF-IDF representation of every record once
(:func:`~graftline.review.prioritise.text_features`; on 100,000 records this
takes a while, and until it is ready records come in record-id order), then
waits for decisions. After each change of the title/abstract decisions it
refits the class-weighted logistic regression
(:func:`~graftline.review.prioritise.relevance_from_features`) on every
record decided so far and hands the desk a new order of the records still
open, most relevant first. Training happens outside the desk's lock, so a
decision never waits for it; a decision that arrives during training
triggers the next one. The order only orders: every record is still screened.
"""

from __future__ import annotations

import threading
import time

import numpy as np

from graftline.review.prioritise import relevance_from_features, text_features


class BackgroundPrioritiser:
    """Keeps :attr:`ScreeningDesk.order` up to date from a daemon thread.

    Parameters
    ----------
    desk : ScreeningDesk
    texts : callable
        Returns ``(record_ids, texts)`` for the desk's records; called once
        in the thread (it may read the project through its own cursor).
    """

    def __init__(self, desk, texts) -> None:
        self.desk = desk
        self._texts = texts
        self.features = None
        self.row_of: dict[int, int] = {}
        self.trained_version = -1
        self.retrain_seconds: list[float] = []
        self.features_seconds: float | None = None
        self.error: str | None = None
        self._stop = threading.Event()
        self.thread = threading.Thread(target=self._run, name="graftline-prioritise", daemon=True)

    def start(self) -> BackgroundPrioritiser:
        self.thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        with self.desk.changed:
            self.desk.changed.notify_all()
        self.thread.join(timeout=10)

    def retrain(self) -> bool:
        """Fit on the decisions so far and publish the order; ``False`` until both classes exist."""
        started = time.perf_counter()
        with self.desk.lock:
            version = self.desk.version
        ids, labels, waiting = self.desk.training_labels()
        self.trained_version = version
        if len(waiting) == 0 or labels.sum() == 0 or labels.sum() == len(labels):
            return False
        rows = np.array([self.row_of[int(r)] for r in ids])
        candidates = np.array([self.row_of[int(r)] for r in waiting])
        relevance = relevance_from_features(self.features, rows, labels, candidates)
        order = waiting[np.lexsort((waiting, -relevance))]
        self.desk.set_order(order, f"relevance, trained on {len(labels)} decisions ({int(labels.sum())} included)")
        self.retrain_seconds.append(time.perf_counter() - started)
        return True

    def _run(self) -> None:
        try:
            started = time.perf_counter()
            record_ids, texts = self._texts()
            self.features = text_features(texts)
            self.row_of = {int(r): k for k, r in enumerate(record_ids)}
            self.features_seconds = time.perf_counter() - started
            while not self._stop.is_set():
                with self.desk.changed:
                    if self.desk.version == self.trained_version:
                        self.desk.changed.wait(timeout=1.0)
                    if self.desk.version == self.trained_version or self._stop.is_set():
                        continue
                self.retrain()
        except Exception as error:  # the order falls back to record id; screening goes on
            self.error = f"{type(error).__name__}: {error}"
