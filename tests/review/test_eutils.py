"""E-utilities client and PubMed search against a loopback server (no internet)."""

from __future__ import annotations

import logging

import pytest

from graftline.errors import InputError
from graftline.review.eutils import EUtilsClient, SearchError, TokenBucket
from graftline.review.pubmed import run_pubmed_search, search_pubmed

QUERY = "mesenchymal stromal cells AND hematopoietic stem cell transplantation[MeSH]"
SECRET = "k3y-that-must-never-be-stored-0123456789"


def make_client(server, clock, tmp_path, **options):
    return EUtilsClient(base_url=server.url, cache_dir=tmp_path / "cache", clock=clock, sleep=clock.sleep,
                        **options)


@pytest.mark.parametrize(("api_key", "rate"), [(None, 3), ("abc", 10)])
def test_token_bucket_spaces_requests_at_ncbi_rate(fake_clock, api_key, rate, monkeypatch):
    # 31 requests at r per second need 30/r seconds: the first is immediate,
    # each later one waits 1/r (capacity 1 = no burst).
    monkeypatch.delenv("NCBI_API_KEY", raising=False)
    client = EUtilsClient(api_key=api_key, clock=fake_clock, sleep=fake_clock.sleep)
    assert client.bucket.rate == rate
    for _ in range(31):
        client.bucket.acquire()
    assert fake_clock.now == pytest.approx(30 / rate)
    # No one-second window holds more than `rate` acquisitions.
    times, t = [0.0], 0.0
    for s in fake_clock.sleeps:
        t += s
        times.append(t)
    assert max(sum(1 for u in times if start <= u < start + 1 - 1e-9) for start in times) <= rate


def test_token_bucket_refills_while_idle(fake_clock):
    bucket = TokenBucket(3, clock=fake_clock, sleep=fake_clock.sleep)
    bucket.acquire()
    fake_clock.now += 5  # idle: the bucket is full again, but holds at most one token
    bucket.acquire()
    assert fake_clock.sleeps == []
    bucket.acquire()
    assert fake_clock.sleeps == [pytest.approx(1 / 3)]


def test_search_fetches_all_batches_through_429_500_and_truncation(eutils_server, fake_clock, tmp_path):
    eutils_server.faults = {("efetch.fcgi", "0"): [429, 500], ("efetch.fcgi", "2"): ["truncated"]}
    client = make_client(eutils_server, fake_clock, tmp_path, backoff=1.0)
    result = search_pubmed(client, QUERY, mindate="2000", maxdate="2025", batch_size=2)

    assert result.hit_count == 5
    assert result.records["pmid"].tolist() == ["30000001", "30000002", "30000003", "30000005", "30000008"]
    # 1 esearch + batch 0 (429, 500, ok) + batch 2 (truncated, ok) + batch 4 = 7 requests.
    assert result.requests_sent == 7
    # Retry-After: 2 obeyed for the 429; then exponential back-off 2 s for the 500
    # (second attempt: 1 * 2**1) and 1 s for the truncated batch (first retry).
    # The token bucket's own waits are at most 1/3 s (3 requests per second).
    assert [s for s in fake_clock.sleeps if s > 1 / 3] == [2.0, 2.0, 1.0]
    esearch = [q for e, q in eutils_server.requests if e == "esearch.fcgi"][0]
    assert esearch["usehistory"] == "y" and esearch["datetype"] == "pdat"
    assert (esearch["mindate"], esearch["maxdate"]) == ("2000", "2025")
    efetch = [q for e, q in eutils_server.requests if e == "efetch.fcgi"][-1]
    assert efetch["WebEnv"] == "MCID_65f0a1b2c3d4e5f6a7b8c9d0" and efetch["query_key"] == "1"
    assert result.filters["query_translation"].startswith('("mesenchymal stem cells"[MeSH Terms]')


def test_parsed_fields_follow_the_pubmed_dtd(eutils_server, fake_clock, tmp_path):
    records = search_pubmed(make_client(eutils_server, fake_clock, tmp_path), QUERY, batch_size=2).records
    first = records.iloc[0]
    assert first["doi"] == "10.1016/j.bbmt.2019.01.001" and first["year"] == 2019
    assert first["authors"] == ["Liu, Wei", "Chen, Xiaoming", "Example Transplant Study Group"]
    assert first["abstract"].startswith("BACKGROUND: Graft failure") and "RESULTS: Neutrophil" in first["abstract"]
    assert records.iloc[2]["year"] == 2018  # <MedlineDate>2018 Nov-Dec</MedlineDate>
    assert records.iloc[3]["journal"] == "Stem cell research & therapy"
    assert records.iloc[4]["title"] == "In vitro expansion of cord blood CD34+ cells with mesenchymal stromal cells."


def test_second_run_comes_from_cache(eutils_server, fake_clock, tmp_path):
    search_pubmed(make_client(eutils_server, fake_clock, tmp_path), QUERY, batch_size=2)
    asked = len(eutils_server.requests)
    again = search_pubmed(make_client(eutils_server, fake_clock, tmp_path), QUERY, batch_size=2)
    assert again.requests_sent == 0 and len(eutils_server.requests) == asked
    assert len(again.records) == 5
    fresh = search_pubmed(make_client(eutils_server, fake_clock, tmp_path), QUERY, batch_size=2, refresh=True)
    assert fresh.requests_sent == 4


def test_missing_cached_batch_renews_the_history_server_handles(eutils_server, fake_clock, tmp_path):
    client = make_client(eutils_server, fake_clock, tmp_path)
    search_pubmed(client, QUERY, batch_size=2)
    for path in (tmp_path / "cache").glob("*.json"):
        if '"efetch.fcgi"' in path.read_text() and '"retstart": "4"' in path.read_text():
            path.unlink()
    eutils_server.requests.clear()
    again = search_pubmed(make_client(eutils_server, fake_clock, tmp_path), QUERY, batch_size=2)
    assert [e for e, _ in eutils_server.requests] == ["esearch.fcgi", "efetch.fcgi"]
    assert len(again.records) == 5


def test_api_key_is_sent_but_never_stored_or_logged(eutils_server, fake_clock, tmp_path, monkeypatch, caplog,
                                                     project):
    monkeypatch.setenv("NCBI_API_KEY", SECRET)
    eutils_server.faults = {("efetch.fcgi", "2"): [500]}
    client = make_client(eutils_server, fake_clock, tmp_path)
    assert client.bucket.rate == 10 and SECRET not in repr(client)
    with caplog.at_level(logging.DEBUG, logger="graftline"):
        run_pubmed_search(project, client, QUERY, batch_size=2)
    assert all(q.get("api_key") == SECRET for _, q in eutils_server.requests)
    assert SECRET not in caplog.text
    assert "retry" in caplog.text  # the 500 was logged, without the key
    for path in (tmp_path / "cache").iterdir():
        assert SECRET.encode() not in path.read_bytes()
    project.connection.execute("CHECKPOINT")
    assert SECRET.encode() not in project.path.read_bytes()


def test_search_is_recorded_for_prisma_s(eutils_server, fake_clock, tmp_path, project):
    search_id, _ = run_pubmed_search(project, make_client(eutils_server, fake_clock, tmp_path), QUERY,
                                     mindate="2000/01/01", maxdate="2025/12/31", batch_size=2)
    log = project.query("SELECT * FROM searches WHERE search_id = ?", [search_id]).iloc[0]
    assert (log["database"], log["query"], log["hit_count"], log["records_imported"]) == ("pubmed", QUERY, 5, 5)
    assert '"datetype": "pdat"' in log["filters"] and '"mindate": "2000/01/01"' in log["filters"]
    assert log["date_run"] is not None


def test_empty_search_is_recorded_with_zero_hits_and_loses_nothing(eutils_server, fake_clock, tmp_path, project):
    client = make_client(eutils_server, fake_clock, tmp_path)
    run_pubmed_search(project, client, QUERY, batch_size=2)
    search_id, result = run_pubmed_search(project, client, "xyzzyplugh", batch_size=2)
    assert result.hit_count == 0 and result.records.empty
    assert project.query("SELECT hit_count FROM searches WHERE search_id = ?", [search_id]).iloc[0, 0] == 0
    assert project.query("SELECT count(*) AS n FROM records").iloc[0, 0] == 5


def test_batch_still_truncated_after_retries_is_a_clear_error_and_stores_nothing(eutils_server, fake_clock,
                                                                                 tmp_path, project):
    eutils_server.faults = {("efetch.fcgi", "2"): ["truncated"] * 3}
    client = make_client(eutils_server, fake_clock, tmp_path, max_attempts=3)
    with pytest.raises(SearchError, match=r"efetch.fcgi\?.*retstart=2.*unusable answer.*after 3 attempts"):
        run_pubmed_search(project, client, QUERY, batch_size=2)
    assert project.query("SELECT count(*) AS n FROM searches").iloc[0, 0] == 0


def test_client_errors_are_not_retried(eutils_server, fake_clock, tmp_path):
    eutils_server.faults = {("esearch.fcgi", "0"): [400]}
    client = make_client(eutils_server, fake_clock, tmp_path)
    with pytest.raises(SearchError, match="HTTP 400"):
        search_pubmed(client, QUERY)
    assert client.requests_sent == 1


@pytest.mark.parametrize(("options", "message"), [
    ({"mindate": "2000"}, "give both"),
    ({"mindate": "01/2000", "maxdate": "2025"}, "not a PubMed date"),
])
def test_bad_search_options(options, message, fake_clock):
    with pytest.raises(InputError, match=message):
        search_pubmed(EUtilsClient(base_url="http://127.0.0.1:9/", clock=fake_clock, sleep=fake_clock.sleep),
                      QUERY, **options)


def test_retry_after_seconds_and_http_date():
    import datetime as dt

    from graftline.review.eutils import _retry_after

    now = dt.datetime(2025, 3, 3, 12, 0, 0)
    assert _retry_after("7", now) == 7.0
    assert _retry_after("Mon, 03 Mar 2025 12:00:30 GMT", now) == 30.0
    assert _retry_after("soon", now) is None and _retry_after(None, now) is None


def test_error_after_retries_does_not_show_the_key(eutils_server, fake_clock, tmp_path, monkeypatch):
    monkeypatch.setenv("NCBI_API_KEY", SECRET)
    eutils_server.faults = {("esearch.fcgi", "0"): [503, 503]}
    client = make_client(eutils_server, fake_clock, tmp_path, max_attempts=2)
    with pytest.raises(SearchError) as caught:
        search_pubmed(client, QUERY)
    assert "HTTP 503 after 2 attempts" in str(caught.value) and SECRET not in str(caught.value)
    assert fake_clock.sleeps == [1.0]  # one back-off between the two attempts
