"""Systematic-review workflow: search, import, de-duplicate, screen, count, extract.

One review lives in one DuckDB project file (:class:`ReviewProject`); the
operations are functions taking that project. See ``docs/review.md``.

Modules: :mod:`~graftline.review.eutils` and :mod:`~graftline.review.pubmed`
(PubMed search), :mod:`~graftline.review.imports` (RIS, MEDLINE, CSV),
:mod:`~graftline.review.dedupe` and :mod:`~graftline.review.duplicates`
(de-duplication), :mod:`~graftline.review.screening` and
:mod:`~graftline.review.prioritise`, :mod:`~graftline.review.prisma` and
:mod:`~graftline.review.flow_diagram`, :mod:`~graftline.review.extraction`.
"""

from __future__ import annotations

from graftline.review.dedupe import Deduplication, find_duplicates, pair_precision_recall
from graftline.review.duplicates import deduplicate_project, list_merges, undo_merge
from graftline.review.eutils import EUtilsClient, SearchError
from graftline.review.extraction import extraction_sheet, write_extraction_sheet
from graftline.review.flow_diagram import draw_flow_diagram, write_flow_diagram
from graftline.review.imports import import_export, read_export
from graftline.review.prioritise import Prioritisation, prioritise
from graftline.review.prisma import PrismaCounts, counts_from_project, counts_from_table
from graftline.review.project import ReviewProject
from graftline.review.pubmed import PubMedSearch, run_pubmed_search, search_pubmed
from graftline.review.screening import conflicts, effective_decisions, record_decisions, unscreened

__all__ = [
    "Deduplication", "EUtilsClient", "Prioritisation", "PrismaCounts", "PubMedSearch", "ReviewProject",
    "SearchError", "conflicts", "counts_from_project", "counts_from_table", "deduplicate_project",
    "draw_flow_diagram", "effective_decisions", "extraction_sheet", "find_duplicates", "import_export",
    "list_merges", "pair_precision_recall", "prioritise", "read_export", "record_decisions", "run_pubmed_search",
    "search_pubmed", "undo_merge", "unscreened", "write_extraction_sheet", "write_flow_diagram",
]
