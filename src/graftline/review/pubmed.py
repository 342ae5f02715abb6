"""PubMed searches through E-utilities: esearch on the history server, then
efetch in batches, the records stored with the search's PRISMA-S log.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from graftline.errors import InputError
from graftline.review.eutils import EUtilsClient, SearchError
from graftline.review.pubmed_xml import MalformedResponse, parse_efetch, parse_esearch
from graftline.review.records import SearchLog, records_frame, store_records

_DATE_FORMATS = ("%Y", "%Y/%m", "%Y/%m/%d")


def _check_date(value: str | None, name: str) -> str | None:
    if value is None:
        return None
    for fmt in _DATE_FORMATS:
        try:
            dt.datetime.strptime(value, fmt)
            return value
        except ValueError:
            continue
    raise InputError(f"{name} {value!r} is not a PubMed date; use YYYY, YYYY/MM or YYYY/MM/DD")


@dataclass(frozen=True)
class PubMedSearch:
    """A PubMed search as run.

    Attributes
    ----------
    query : str
    filters : dict
        ``mindate``, ``maxdate``, ``datetype`` and PubMed's query translation.
    hit_count : int
        What esearch reported.
    date_run : datetime
        When esearch answered (UTC); the original date when answered from cache.
    records : DataFrame
        The fetched records (record table).
    requests_sent : int
        HTTP requests made (0 when everything came from the cache).
    """

    query: str
    filters: dict
    hit_count: int
    date_run: dt.datetime
    records: pd.DataFrame
    requests_sent: int

    def to_frame(self) -> pd.DataFrame:
        return self.records.copy()

    def log(self) -> SearchLog:
        return SearchLog(database="pubmed", query=self.query, date_run=self.date_run, hit_count=self.hit_count,
                         filters=self.filters, interface="NCBI E-utilities (esearch + efetch)")


def search_pubmed(client: EUtilsClient, query: str, *, mindate: str | None = None, maxdate: str | None = None,
                  batch_size: int = 200, refresh: bool = False) -> PubMedSearch:
    """Run ``query`` in PubMed and fetch every hit.

    Parameters
    ----------
    client : EUtilsClient
    query : str
        PubMed query syntax, exactly as it should be reported.
    mindate, maxdate : str, optional
        Publication-date range (``datetype=pdat``), ``YYYY[/MM[/DD]]``; both or neither.
    batch_size : int
        Records per efetch request (NCBI allows up to 10,000).
    refresh : bool
        Ignore the cache and ask PubMed again.

    Raises
    ------
    InputError
        Empty query or bad dates.
    SearchError
        PubMed unreachable, or a batch still incomplete after the retries.
    """
    query = query.strip()
    if not query:
        raise InputError("the PubMed query is empty")
    mindate, maxdate = _check_date(mindate, "mindate"), _check_date(maxdate, "maxdate")
    if (mindate is None) != (maxdate is None):
        raise InputError("give both --mindate and --maxdate (PubMed ignores a date range with one end)")
    if not 1 <= batch_size <= 10_000:
        raise InputError(f"batch size {batch_size} must be between 1 and 10000")
    base = {"db": "pubmed", "term": query}
    filters: dict = {}
    if mindate:
        base |= {"mindate": mindate, "maxdate": maxdate, "datetype": "pdat"}
        filters |= {"mindate": mindate, "maxdate": maxdate, "datetype": "pdat"}
    sent_before = client.requests_sent

    def esearch(refresh_now: bool):
        answer = client.get("esearch.fcgi", {**base, "usehistory": "y", "retmax": "0"},
                            cache_params=base, validate=parse_esearch, refresh=refresh_now)
        try:
            return parse_esearch(answer.body), answer
        except ValueError as error:
            raise SearchError(str(error)) from None

    hits, answer = esearch(refresh)
    date_run = answer.fetched_at
    live = not answer.from_cache
    if hits.query_translation:
        filters["query_translation"] = hits.query_translation
    records: list[dict] = []
    for start in range(0, hits.count, batch_size):
        expected = min(batch_size, hits.count - start)
        cache_params = {**base, "retstart": str(start), "retmax": str(batch_size), "retmode": "xml"}

        def validate(body: bytes, start=start, expected=expected) -> None:
            got = len(parse_efetch(body, origin=f"efetch batch {start}"))
            if got != expected:
                raise MalformedResponse(f"batch starting at {start} has {got} of {expected} records")

        if not live and client.cache is not None and client.cache.get(client.cache.key("efetch.fcgi", cache_params)) is None:
            # The cached history-server handles have expired: search again.
            fresh, answer = esearch(True)
            if fresh.count != hits.count:
                raise SearchError(f"PubMed now reports {fresh.count} hits instead of the cached {hits.count}; "
                                  "run the search again with --refresh")
            hits, live, date_run = fresh, True, answer.fetched_at
        params = {**base, "query_key": hits.query_key or "", "WebEnv": hits.web_env or "",
                  "retstart": str(start), "retmax": str(batch_size), "retmode": "xml"}
        params.pop("term")
        for key in ("mindate", "maxdate", "datetype"):
            params.pop(key, None)
        batch = client.get("efetch.fcgi", params, cache_params=cache_params, validate=validate, refresh=refresh)
        records.extend(parse_efetch(batch.body, origin=f"PubMed efetch batch {start}"))
    return PubMedSearch(query=query, filters=filters, hit_count=hits.count, date_run=date_run,
                        records=records_frame(records), requests_sent=client.requests_sent - sent_before)


def run_pubmed_search(project, client: EUtilsClient, query: str, **options) -> tuple[int, PubMedSearch]:
    """Search PubMed and store the search log and its records in the project.

    A search with no hits is stored too (PRISMA-S reports every search).
    Returns ``(search_id, search)``.
    """
    search = search_pubmed(client, query, **options)
    search_id = store_records(project, search.records, search.log(), keep_untitled=True)
    return search_id, search
