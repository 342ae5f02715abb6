"""The screening order, retrained in the background as decisions arrive.

The model lives in a separate worker process (``multiprocessing``, spawn),
so that neither building the features nor training competes with the web
server for Python's interpreter lock: a decision never waits for the model.
The worker computes the TF-IDF representation of every record once
(:func:`~graftline.review.prioritise.text_features`; on 100,000 records this
takes a while, and until it is ready records come in record-id order). A
thread in the server then waits for decisions; after each change of the
title/abstract decisions it sends the worker the decided records and their
labels, the worker refits the class-weighted logistic regression
(:func:`~graftline.review.prioritise.relevance_from_features`) and returns
the relevance of the records still open, and the thread hands the desk the
new order, most relevant first. One retraining runs at a time; decisions
that arrive meanwhile trigger the next. The order only orders: every record
is still screened by a reviewer.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import threading
import time

import numpy as np


def _worker_main(connection) -> None:
    """The model process: features once, then one relevance vector per training request."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the server stops it by closing the pipe
    # Background work: when a core is contended, the web server's requests
    # (what a reviewer waits for) go first; a retraining may take a little longer.
    try:
        os.nice(10)
    except (AttributeError, OSError):  # not on every platform
        pass
    from graftline.review.prioritise import relevance_from_features, text_features

    try:
        texts = connection.recv()
        started, cpu = time.perf_counter(), time.process_time()
        features = text_features(texts)
        del texts
        connection.send(("ready", time.perf_counter() - started, time.process_time() - cpu))
        while True:
            training_rows, labels, candidate_rows = connection.recv()
            cpu = time.process_time()
            relevance = relevance_from_features(features, training_rows, labels, candidate_rows)
            # Most relevant first, ties in record-id order (feature rows are in
            # record-id order); sorted here so the server process only indexes.
            ranking = np.lexsort((candidate_rows, -relevance))
            connection.send(("ranking", ranking, time.process_time() - cpu))
    except (EOFError, OSError, KeyboardInterrupt):
        return


class BackgroundPrioritiser:
    """Keeps :attr:`ScreeningDesk.order` up to date from a model process.

    Parameters
    ----------
    desk : ScreeningDesk
    texts : callable
        Returns ``(record_ids, texts)`` for the desk's records; called once
        in the server's background thread.
    """

    def __init__(self, desk, texts) -> None:
        self.desk = desk
        self._texts = texts
        self.record_ids = np.empty(0, dtype=np.int64)
        self.trained_version = -1
        self.retrain_seconds: list[float] = []
        self.retrain_cpu_seconds: list[float] = []  # the model process's CPU time for the fit and ranking
        self.features_seconds: float | None = None
        self.features_cpu_seconds: float | None = None
        self.ready = threading.Event()
        self.error: str | None = None
        self._stop = threading.Event()
        self._connection = None
        self._process = None
        self.thread = threading.Thread(target=self._run, name="graftline-prioritise", daemon=True)

    def start(self) -> BackgroundPrioritiser:
        context = multiprocessing.get_context("spawn")
        self._connection, child = context.Pipe()
        self._process = context.Process(target=_worker_main, args=(child,), name="graftline-model", daemon=True)
        self._process.start()
        child.close()
        self.thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        with self.desk.changed:
            self.desk.changed.notify_all()
        if self._connection is not None:
            self._connection.close()
        self.thread.join(timeout=10)
        if self._process is not None:
            self._process.join(timeout=10)
            if self._process.is_alive():
                self._process.terminate()

    def status(self) -> dict:
        wall, cpu = self.retrain_seconds, self.retrain_cpu_seconds
        return {"features_ready": self.ready.is_set(), "features_seconds": self.features_seconds,
                "features_cpu_seconds": self.features_cpu_seconds, "retrains": len(wall),
                "last_retrain_seconds": wall[-1] if wall else None, "max_retrain_seconds": max(wall) if wall else None,
                "median_retrain_seconds": float(np.median(wall)) if wall else None,
                "max_retrain_cpu_seconds": max(cpu) if cpu else None,
                "median_retrain_cpu_seconds": float(np.median(cpu)) if cpu else None, "error": self.error}

    def retrain(self) -> bool:
        """Fit on the decisions so far and publish the order; ``False`` until both classes exist."""
        started = time.perf_counter()
        with self.desk.lock:
            version = self.desk.version
        ids, labels, waiting = self.desk.training_labels()
        self.trained_version = version
        if len(waiting) == 0 or labels.sum() == 0 or labels.sum() == len(labels):
            return False
        # Feature rows are in record-id order (see serve's texts()): a search, not a loop.
        rows = np.searchsorted(self.record_ids, ids)
        candidates = np.searchsorted(self.record_ids, waiting)
        self._connection.send((rows, labels, candidates))
        kind, ranking, cpu = self._connection.recv()
        self.retrain_cpu_seconds.append(cpu)
        order = waiting[ranking]
        self.desk.set_order(order, f"relevance, trained on {len(labels)} decisions ({int(labels.sum())} included)")
        self.retrain_seconds.append(time.perf_counter() - started)
        return True

    def _run(self) -> None:
        try:
            record_ids, texts = self._texts()
            self.record_ids = np.asarray(record_ids, dtype=np.int64)
            if len(self.record_ids) > 1 and not (np.diff(self.record_ids) > 0).all():
                raise ValueError("texts must come in increasing record id order")
            self._connection.send(texts)
            del texts
            _, self.features_seconds, self.features_cpu_seconds = self._connection.recv()
            self.ready.set()
            while not self._stop.is_set():
                with self.desk.changed:
                    if self.desk.version == self.trained_version:
                        self.desk.changed.wait(timeout=1.0)
                    if self.desk.version == self.trained_version or self._stop.is_set():
                        continue
                self.retrain()
        except (EOFError, OSError) as error:
            if not self._stop.is_set():
                self.error = f"the model process stopped ({type(error).__name__}); records keep their last order"
        except Exception as error:  # the order stays as it was; screening goes on
            self.error = f"{type(error).__name__}: {error}"
