"""Fixtures for the review tests: sample exports, a fresh project, and a
loopback E-utilities server that replays recorded-format answers."""

from __future__ import annotations

import threading
import urllib.parse
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data"


@pytest.fixture
def data_dir() -> Path:
    return DATA


@pytest.fixture
def project(tmp_path):
    from graftline.review.project import ReviewProject

    review = ReviewProject.create(tmp_path / "review.duckdb")
    yield review
    review.close()


@dataclass
class FakeEUtils:
    """What the loopback server answers and what it was asked.

    ``faults`` maps ``(endpoint, retstart)`` to a list of faults served (and
    consumed) before the real answer: an int is an HTTP status (429 comes
    with ``Retry-After: 2``), ``"truncated"`` is the answer cut in half.
    """

    url: str = ""
    faults: dict = field(default_factory=dict)
    requests: list = field(default_factory=list)
    empty_terms: set = field(default_factory=lambda: {"xyzzyplugh"})

    def answer(self, path: str, query: dict) -> tuple[int, dict, bytes]:
        endpoint = path.rsplit("/", 1)[-1]
        self.requests.append((endpoint, query))
        key = (endpoint, query.get("retstart", "0"))
        pending = self.faults.get(key, [])
        if pending:
            fault = pending.pop(0)
            if fault == "truncated":
                body = self._body(endpoint, query)
                return 200, {}, body[: len(body) // 2]
            headers = {"Retry-After": "2"} if fault == 429 else {}
            return fault, headers, b"<html>error</html>"
        return 200, {}, self._body(endpoint, query)

    def _body(self, endpoint: str, query: dict) -> bytes:
        if endpoint == "esearch.fcgi":
            name = "esearch_empty.xml" if query.get("term") in self.empty_terms else "esearch.xml"
            return (DATA / "eutils" / name).read_bytes()
        if endpoint == "efetch.fcgi":
            return (DATA / "eutils" / f"efetch_{query['retstart']}.xml").read_bytes()
        return b""


@pytest.fixture
def eutils_server():
    fake = FakeEUtils()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 (http.server's name)
            parsed = urllib.parse.urlparse(self.path)
            query = dict(urllib.parse.parse_qsl(parsed.query))
            status, headers, body = fake.answer(parsed.path, query)
            self.send_response(status)
            self.send_header("Content-Type", "text/xml")
            self.send_header("Content-Length", str(len(body)))
            for name, value in headers.items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):  # keep test output quiet
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)
    thread.start()
    fake.url = f"http://127.0.0.1:{server.server_address[1]}/entrez/eutils/"
    yield fake
    server.shutdown()
    server.server_close()


class FakeClock:
    """A clock that only moves when something sleeps."""

    def __init__(self) -> None:
        self.now = 0.0
        self.sleeps: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds


@pytest.fixture
def fake_clock() -> FakeClock:
    return FakeClock()


EXPORTS = [("pubmed.nbib", "pubmed"), ("embase.ris", "embase"), ("scopus.ris", "scopus"), ("wos.ris", "wos"),
           ("cochrane.ris", "cochrane"), ("registers.csv", "clinicaltrials.gov")]


@pytest.fixture
def finished_project(project):
    """The sample exports imported, de-duplicated and screened to the end.

    Records after de-duplication (see data/README.md): 1 Liu 2019 (A1),
    2 Ai 2020 (A2), 3 García-López 2018 (A3), 4 Müller 2021 (A5),
    7 erratum (A4), 8 conference abstract (A6), 15 register record.
    Title/abstract: 7, 8 and 15 excluded; 1-4 go on. Record 4 is a conflict
    (anna include, ben exclude) resolved by consensus: include.
    Full text: 3 not retrieved; 1 and 2 included; 4 excluded (wrong comparator).
    """
    from graftline.review.duplicates import deduplicate_project
    from graftline.review.imports import import_export
    from graftline.review.screening import mark_not_retrieved, record_decisions

    for file, source in EXPORTS:
        import_export(project, DATA / file, source=source)
    deduplicate_project(project)
    rows = [(7, "title_abstract", "exclude", "anna", "not primary research"),
            (8, "title_abstract", "exclude", "anna", "not primary research"),
            (15, "title_abstract", "exclude", "anna", "wrong study design"),
            *[(r, "title_abstract", "include", "anna", None) for r in (1, 2, 3, 4)],
            *[(r, "title_abstract", "include", "ben", None) for r in (1, 2, 3)],
            (4, "title_abstract", "exclude", "ben", "wrong outcome"),
            (4, "title_abstract", "include", "consensus", None)]
    import pandas as pd

    columns = ["record_id", "stage", "decision", "reviewer", "reason"]
    record_decisions(project, pd.DataFrame(rows, columns=columns))
    mark_not_retrieved(project, [3], note="not held by the library")
    record_decisions(project, pd.DataFrame([(1, "full_text", "include", "anna", None),
                                            (2, "full_text", "include", "anna", None),
                                            (4, "full_text", "exclude", "anna", "wrong comparator")],
                                           columns=columns))
    return project
