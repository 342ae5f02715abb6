"""De-duplication of records found by several databases.

Two records are the same report when (in this order of evidence)

1. they share a DOI, or they share a PMID;
2. their normalised titles (casefolded, diacritics, HTML and punctuation
   removed) have a ``rapidfuzz`` similarity of at least ``title_threshold``,
   their years differ by at most ``year_tolerance`` (print versus online
   publication puts the same article in neighbouring years), their first
   authors' surnames are similar (or one is missing), their journals can be
   the same journal (an abbreviation matches the full title; or one is
   missing), neither carries a DOI or PMID contradicting the other, and
   either both or neither are notices (erratum, retraction, comment, reply)
   about an article.

Fuzzy candidates come from blocks of records sharing their first two, or
their last two, informative title words; a typo then has to hit both ends of
the title to hide a duplicate. Matches join clusters in order of evidence
(DOI, PMID, then decreasing title score); a join that would put two different
DOIs or PMIDs in one cluster is refused, so a record without identifiers
cannot chain two distinct articles together.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from graftline.review.normalise import (
    blocking_tokens,
    first_author_surname,
    is_notice,
    journal_words,
    journals_compatible,
    normalise_title,
)

MERGE_COLUMNS = ("duplicate_id", "kept_id", "matched_id", "reason", "score", "detail")


@dataclass(frozen=True)
class Deduplication:
    """Result of :func:`find_duplicates`.

    Attributes
    ----------
    merges : DataFrame
        One row per record removed as a duplicate: ``duplicate_id``,
        ``kept_id`` (the record it is merged into), ``matched_id`` (the record
        it was found to match), ``reason`` (``doi``, ``pmid`` or ``fuzzy``),
        ``score`` (title similarity 0-100; 100 for identifier matches) and
        ``detail`` (what matched).
    n_records : int
        Records examined.
    n_candidate_pairs : int
        Title pairs compared above the threshold within blocks.
    """

    merges: pd.DataFrame
    n_records: int
    n_candidate_pairs: int
    settings: dict = field(default_factory=dict)

    def to_frame(self) -> pd.DataFrame:
        return self.merges.copy()

    def cluster_of(self, record_ids) -> np.ndarray:
        """The kept record id each of ``record_ids`` ends up in."""
        kept = dict(zip(self.merges["duplicate_id"], self.merges["kept_id"], strict=True))
        return np.array([kept.get(r, r) for r in record_ids])


class _Clusters:
    """Union-find whose clusters remember their DOIs and PMIDs."""

    def __init__(self, dois: list, pmids: list) -> None:
        self.parent = list(range(len(dois)))
        self.dois = [{d} if d else set() for d in dois]
        self.pmids = [{p} if p else set() for p in pmids]

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def join(self, i: int, j: int) -> bool:
        a, b = self.find(i), self.find(j)
        if a == b:
            return False
        if (self.dois[a] and self.dois[b] and self.dois[a] != self.dois[b]) or (
                self.pmids[a] and self.pmids[b] and self.pmids[a] != self.pmids[b]):
            return False
        self.parent[b] = a
        self.dois[a] |= self.dois[b]
        self.pmids[a] |= self.pmids[b]
        return True


def _missing(value) -> bool:
    return value is None or (isinstance(value, float) and np.isnan(value)) or value is pd.NA


def _block_keys(titles: list[str | None], words: int = 3, letters: int = 4) -> tuple[list, list]:
    """Keys from the first and from the last ``words`` informative title words.

    Only the first ``letters`` letters of each word count, so that a typing
    error late in a word or British/American spelling (leukaemia/leukemia)
    does not change the key.
    """
    head, tail = [], []
    for title in titles:
        if not title:
            head.append(None)
            tail.append(None)
            continue
        tokens = [t[:letters] for t in (blocking_tokens(title) or title.split())]
        head.append(" ".join(tokens[:words]))
        tail.append(" ".join(tokens[-words:]) if len(tokens) > words else None)
    return head, tail


def _blocks(keys: list, years: np.ndarray, year_tolerance: int) -> list[tuple[np.ndarray, int]]:
    """Groups of record positions sharing a key and a window of years.

    Window ``w`` of a key holds the records of year ``w`` (listed first) and
    of the ``year_tolerance`` years before it; comparing the first with all
    covers every pair at most ``year_tolerance`` years apart exactly once per
    key. A record without a year is compared in every window of its key.
    Returns ``(positions, number of leading positions to compare)`` per block.
    """
    key_codes, _ = pd.factorize(pd.Series(keys, dtype=object), use_na_sentinel=True)
    positions = np.flatnonzero(key_codes >= 0)
    known = ~np.isnan(years[positions])
    base = years[positions[known]].astype(np.int64)
    parts_pos, parts_key, parts_win, parts_lead = [], [], [], []
    for shift in range(year_tolerance + 1):
        parts_pos.append(positions[known])
        parts_key.append(key_codes[positions[known]])
        parts_win.append(base + shift)
        parts_lead.append(np.full(len(base), shift == 0))
    unknown = positions[~known]
    if len(unknown):
        windows = pd.DataFrame({"key": np.concatenate(parts_key), "win": np.concatenate(parts_win)}).drop_duplicates()
        by_key = windows.groupby("key")["win"].apply(list).to_dict()
        for position in unknown:
            wins = by_key.get(key_codes[position], [-1])
            parts_pos.append(np.full(len(wins), position))
            parts_key.append(np.full(len(wins), key_codes[position]))
            parts_win.append(np.asarray(wins, dtype=np.int64))
            parts_lead.append(np.ones(len(wins), dtype=bool))
    pos, lead = np.concatenate(parts_pos), np.concatenate(parts_lead)
    block_codes, _ = pd.factorize(pd.MultiIndex.from_arrays([np.concatenate(parts_key), np.concatenate(parts_win)]))
    # Order by block, leading members first within each block.
    order = np.lexsort((~lead, block_codes))
    bounds = np.flatnonzero(np.diff(block_codes[order])) + 1
    blocks = []
    for group in np.split(order, bounds):
        n_lead = int(lead[group].sum())
        if len(group) > 1 and n_lead:
            blocks.append((pos[group], n_lead))
    return blocks


def _title_pairs(titles: list, blocks: list[tuple[np.ndarray, int]], threshold: float, chunk: int = 2000):
    """Index pairs (i < j) within blocks whose title ratio >= threshold, with scores.

    In each block the leading members are compared with all members
    (``rapidfuzz.process.cdist`` on all cores; it skips pairs whose lengths
    alone rule out the threshold).
    """
    from rapidfuzz import fuzz, process

    left, right, scores = [], [], []
    for block, n_lead in blocks:
        if len(block) == 2:
            i, j = int(block[0]), int(block[1])
            score = fuzz.ratio(titles[i], titles[j], score_cutoff=threshold)
            if score:
                left.append(min(i, j))
                right.append(max(i, j))
                scores.append(score)
            continue
        block_titles = [titles[k] for k in block]
        for start in range(0, n_lead, chunk):
            stop = min(start + chunk, n_lead)
            matrix = process.cdist(block_titles[start:stop], block_titles, scorer=fuzz.ratio,
                                   score_cutoff=threshold, dtype=np.float32, workers=-1)
            rows, cols = np.nonzero(matrix)
            a, b = block[rows + start], block[cols]
            keep = a != b
            left.extend(np.minimum(a, b)[keep].tolist())
            right.extend(np.maximum(a, b)[keep].tolist())
            scores.extend(matrix[rows[keep], cols[keep]].tolist())
    if not left:
        return np.empty(0, int), np.empty(0, int), np.empty(0, float)
    pairs = pd.DataFrame({"i": left, "j": right, "score": scores}).drop_duplicates(["i", "j"])
    return pairs["i"].to_numpy(), pairs["j"].to_numpy(), pairs["score"].to_numpy(float)


def _exact_edges(values: list, reason: str) -> list[tuple[int, int, str, float, str]]:
    """Edges joining every record to the first record with the same identifier."""
    codes, uniques = pd.factorize(pd.Series(values, dtype=object), use_na_sentinel=True)
    present = np.flatnonzero(codes >= 0)
    order = present[np.argsort(codes[present], kind="stable")]
    if len(order) == 0:
        return []
    sorted_codes = codes[order]
    starts = np.r_[True, sorted_codes[1:] != sorted_codes[:-1]]
    first = order[np.maximum.accumulate(np.where(starts, np.arange(len(order)), 0))]
    others = ~starts
    return [(int(a), int(b), reason, 100.0, f"{reason} {uniques[c]}")
            for a, b, c in zip(first[others], order[others], sorted_codes[others], strict=True)]


def find_duplicates(records: pd.DataFrame, *, title_threshold: float = 93.0,
                    author_threshold: float = 88.0, year_tolerance: int = 1,
                    forbidden_pairs=(), preferred_ids=()) -> Deduplication:
    """Find duplicate records and decide which record each merges into.

    Parameters
    ----------
    records : DataFrame
        With ``record_id``, ``doi``, ``pmid``, ``title``, ``authors``, ``year``
        and optionally ``abstract``; DOI/PMID already normalised.
    title_threshold : float
        Minimum ``rapidfuzz.fuzz.ratio`` (0-100, normalised Indel similarity)
        of the normalised titles.
    author_threshold : float
        Minimum similarity of first-author surnames when both are known.
    year_tolerance : int
        Largest allowed difference of publication years when both are known.
    forbidden_pairs : iterable of (int, int)
        Record-id pairs a reviewer declared distinct (undone merges).
    preferred_ids : iterable of int
        Records to keep when they are in a cluster (e.g. already screened).

    Returns
    -------
    Deduplication

    Notes
    -----
    The record kept in each cluster is a preferred one if any, else the one
    with most of DOI, PMID and abstract, else the lowest ``record_id``.

    Example
    -------
    >>> frame = pd.DataFrame({"record_id": [1, 2], "doi": [None, None], "pmid": [None, None],
    ...     "title": ["Mesenchymal stromal cells in HSCT.", "Mesenchymal stromal cells in HSCT"],
    ...     "journal": ["Bone Marrow Transplantation", "Bone Marrow Transplant"],
    ...     "authors": [["Smith, J"], ["Smith J"]], "year": [2020, 2021]})
    >>> find_duplicates(frame).merges[["duplicate_id", "kept_id", "reason"]].values.tolist()
    [[2, 1, 'fuzzy']]
    """
    from rapidfuzz import fuzz

    n = len(records)
    ids = records["record_id"].to_numpy()
    dois = [None if _missing(d) else d for d in records["doi"]]
    pmids = [None if _missing(p) else p for p in records["pmid"]]
    titles = [normalise_title(t) if not _missing(t) else None for t in records["title"]]
    surnames = [first_author_surname(list(a) if a is not None and not _missing(a) else None)
                for a in records["authors"]]
    years = pd.to_numeric(records["year"], errors="coerce").to_numpy(float)
    notices = np.array([is_notice(t) for t in titles])
    journal_column = records["journal"] if "journal" in records else pd.Series([None] * n)
    journals = [journal_words(j) for j in journal_column]

    head, tail = _block_keys(titles)
    blocks = _blocks(head, years, year_tolerance) + _blocks(tail, years, year_tolerance)
    scoring_titles = [t or "" for t in titles]
    i, j, scores = _title_pairs(scoring_titles, blocks, title_threshold)
    n_candidates = len(i)

    year_gap = np.abs(years[i] - years[j])
    ok = ~(year_gap > year_tolerance)  # NaN (missing year) passes
    ok &= notices[i] == notices[j]
    fuzzy_edges = []
    for a, b, score in zip(i[ok], j[ok], scores[ok], strict=True):
        if dois[a] and dois[b] and dois[a] != dois[b]:
            continue
        if pmids[a] and pmids[b] and pmids[a] != pmids[b]:
            continue
        sa, sb = surnames[a], surnames[b]
        if sa and sb and fuzz.ratio(sa, sb) < author_threshold:
            continue
        detail = f"title {score:.1f}"
        if not np.isnan(years[a]) and not np.isnan(years[b]):
            detail += f", years {int(years[a])}/{int(years[b])}"
        if sa and sb:
            detail += f", first author {sa}/{sb}"
        same_journal = journals_compatible(journals[a], journals[b])
        if journals[a] and journals[b] and not same_journal:
            # Same title in another journal: a conference abstract or a
            # re-publication, a separate report (Cochrane Handbook 4.6.2).
            continue
        if same_journal:
            detail += ", same journal"
        fuzzy_edges.append((int(a), int(b), "fuzzy", float(score), detail, same_journal))
    # Stronger evidence joins first: a matching journal, then a higher title
    # score. The cluster check then refuses a weaker join that would bring in
    # a conflicting DOI (e.g. a conference abstract with the article's title).
    fuzzy_edges.sort(key=lambda e: (not e[5], -e[3], e[0], e[1]))
    fuzzy_edges = [e[:5] for e in fuzzy_edges]

    position = {int(r): k for k, r in enumerate(ids)}
    forbidden = {frozenset((position[a], position[b])) for a, b in forbidden_pairs
                 if a in position and b in position}
    clusters = _Clusters(dois, pmids)
    tree: dict[int, list[tuple[int, str, float, str]]] = {}
    for a, b, reason, score, detail in _exact_edges(dois, "doi") + _exact_edges(pmids, "pmid") + fuzzy_edges:
        if frozenset((a, b)) in forbidden:
            continue
        if clusters.join(a, b):
            tree.setdefault(a, []).append((b, reason, score, detail))
            tree.setdefault(b, []).append((a, reason, score, detail))

    preferred = {position[p] for p in preferred_ids if p in position}
    abstracts = records["abstract"] if "abstract" in records else pd.Series([None] * n)
    completeness = (np.array([d is not None for d in dois], int) + np.array([p is not None for p in pmids], int)
                    + np.array([not _missing(x) and bool(x) for x in abstracts], int))
    members: dict[int, list[int]] = {}
    for node in tree:
        members.setdefault(clusters.find(node), []).append(node)
    rows = []
    for group in members.values():
        keep = min(group, key=lambda k: (k not in preferred, -completeness[k], ids[k]))
        # Walk the spanning tree from the kept record: each other member is
        # logged with the match that attached it.
        seen, stack = {keep}, [keep]
        while stack:
            node = stack.pop()
            for other, reason, score, detail in tree[node]:
                if other not in seen:
                    seen.add(other)
                    stack.append(other)
                    rows.append((int(ids[other]), int(ids[keep]), int(ids[node]), reason, score, detail))
    merges = pd.DataFrame(rows, columns=list(MERGE_COLUMNS)).sort_values("duplicate_id", ignore_index=True)
    settings = {"title_threshold": title_threshold, "author_threshold": author_threshold,
                "year_tolerance": year_tolerance}
    return Deduplication(merges=merges, n_records=n, n_candidate_pairs=n_candidates, settings=settings)


def pair_precision_recall(true_cluster, predicted_cluster) -> tuple[float, float]:
    """Pairwise precision and recall of a clustering against labelled clusters.

    A pair of records is a true duplicate pair when both carry the same true
    label; precision = correctly merged pairs / merged pairs, recall =
    correctly merged pairs / true pairs (the usual pairwise measures of
    record linkage; Christen 2012, *Data Matching*, ch. 7).
    """
    frame = pd.DataFrame({"t": np.asarray(true_cluster), "p": np.asarray(predicted_cluster)})

    def pairs(counts: pd.Series) -> int:
        c = counts.to_numpy(dtype=np.int64)
        return int((c * (c - 1) // 2).sum())

    true_pairs = pairs(frame.groupby("t").size())
    predicted_pairs = pairs(frame.groupby("p").size())
    both = pairs(frame.groupby(["t", "p"]).size())
    precision = both / predicted_pairs if predicted_pairs else 1.0
    recall = both / true_pairs if true_pairs else 1.0
    return precision, recall
