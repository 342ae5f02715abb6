"""Systematic-review workflow: search, import, de-duplicate, screen, count, extract.

One review lives in one DuckDB project file (:class:`ReviewProject`); the
operations are functions taking that project. See ``docs/review.md``.
"""

from __future__ import annotations

from graftline.review.dedupe import Deduplication, find_duplicates, pair_precision_recall
from graftline.review.project import ReviewProject

__all__ = ["Deduplication", "ReviewProject", "find_duplicates", "pair_precision_recall"]
