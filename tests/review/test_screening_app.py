"""The screening app over HTTP on loopback (scripted clients, no browser):
sessions, CSRF, tokens, blinding, escaping, undo, one transaction per
decision, the desk's counts equal to the file's, the lock message the CLI
gives while the server runs."""

from __future__ import annotations

import threading
import time

import pandas as pd
import pytest

from graftline.errors import InputError
from graftline.review.prisma import screening_tally
from graftline.review.project import ReviewProject
from graftline.review.web.client import ScreeningClient
from graftline.review.web.serve import start_server

TITLES = ["Mesenchymal stromal cells in <b>bold</b> & patients", "Murine model of GVHD", "Cord blood trial",
          "Microtransplantation in AML", "Mice given MSC", "Haploidentical transplantation outcomes"]


@pytest.fixture
def served(tmp_path):
    """A project with six records served on a free loopback port; yields (path, port, running server)."""
    from graftline.review.records import SearchLog, make_record, records_frame, store_records

    path = tmp_path / "review.duckdb"
    with ReviewProject.create(path) as project:
        frame = records_frame([make_record(source="pubmed", origin=f"row {k}", title=t, abstract=f"Abstract {k}.",
                                           pmid=str(30000100 + k)) for k, t in enumerate(TITLES, start=1)])
        store_records(project, frame[[c for c in frame.columns if c != "database"]],
                      SearchLog(database="pubmed", query=None, date_run=pd.Timestamp("2025-01-01"), hit_count=6))
        project.set_setting("highlight_include", "mesenchymal")
    running = start_server(path, port=0, announce=lambda text: None)
    thread = threading.Thread(target=running.run, daemon=True)
    thread.start()
    port = int(running.url.rsplit(":", 1)[1])
    deadline = time.monotonic() + 10
    while not running.server.started and time.monotonic() < deadline:
        time.sleep(0.02)
    yield path, port, running
    running.server.should_exit = True
    thread.join(timeout=10)
    running.socket.close()
    running.app_state.project.close()


def client(port: int, name: str) -> ScreeningClient:
    reviewer = ScreeningClient("127.0.0.1", port)
    reviewer.login(name=name)
    return reviewer


def test_decision_is_stored_at_once_and_counts_match_the_file(served):
    path, port, running = served
    anna, ben = client(port, "anna"), client(port, "ben")
    for reviewer, plan in ((anna, {1: "include", 4: "include"}), (ben, {1: "exclude", 4: "include"})):
        record = reviewer.current()
        while record is not None:
            record, _ = reviewer.decide(record, plan.get(record, "exclude"))
    reader = running.app_state.reader()
    stored = reader.query("SELECT record_id, reviewer, decision FROM decisions ORDER BY decision_id")
    assert len(stored) == 12  # each decision committed when it was answered
    memory, from_file = running.app_state.desk.tally(fresh=True), screening_tally(reader)
    assert memory == from_file
    assert (from_file.conflicts_title_abstract, from_file.screened_excluded, from_file.reports_sought) == (1, 4, 1)


def test_csrf_token_and_foreign_origin_are_refused(served):
    _, port, _ = served
    anna = client(port, "anna")
    record = anna.current()
    status, _, text = anna.request("POST", "/decide", {"csrf": "forged", "record_id": record,
                                                        "stage": "title_abstract", "decision": "include"})
    assert status == 403 and "security token does not match" in text
    anna.connection.request("POST", "/decide", body=f"csrf={anna.csrf}&record_id={record}&stage=title_abstract"
                            "&decision=include", headers={"Host": f"127.0.0.1:{port}", "Cookie": anna.cookie,
                                                          "Origin": "http://evil.example",
                                                          "Content-Type": "application/x-www-form-urlencoded"})
    response = anna.connection.getresponse()
    response.read()
    assert response.status == 403
    assert anna.current() == record  # nothing was recorded


def test_foreign_host_header_is_refused(served):
    _, port, _ = served
    anna = ScreeningClient("127.0.0.1", port)
    anna.connection.request("GET", "/login", headers={"Host": "attacker.example"})
    response = anna.connection.getresponse()
    response.read()
    assert response.status == 400  # DNS rebinding: only loopback names are served


def test_blinding_and_escaping(served):
    _, port, _ = served
    anna, ben = client(port, "anna"), client(port, "ben")
    record = anna.current()
    anna.decide(record, "exclude", reason="wrong population")
    status, _, text = ben.request("GET", "/conflicts/title_abstract")
    assert status == 403 and "only the consensus reviewer" in text
    _, text = ben.follow("GET", "/screen/title_abstract")
    assert "anna" not in text and "wrong population</span>" not in text
    assert "&lt;b&gt;bold&lt;/b&gt; &amp; patients" in text and "<b>bold</b>" not in text
    assert '<mark class="inc">Mesenchymal</mark>' in text
    status, headers, _ = ben.request("GET", "/screen/title_abstract")
    assert "script-src 'self'" in headers["content-security-policy"]


def test_undo_withdraws_the_last_decision_and_shows_the_record_again(served):
    path, port, running = served
    anna = client(port, "anna")
    first = anna.current()
    second, _ = anna.decide(first, "exclude")
    assert second != first
    status, text = anna.follow("POST", "/undo", {"csrf": anna.csrf, "stage": "title_abstract"})
    assert status == 200 and f'data-record-id="{first}"' in text
    reader = running.app_state.reader()
    assert reader.query("SELECT count(*) AS n FROM withdrawn")["n"].iloc[0] == 1
    assert reader.query("SELECT count(*) AS n FROM decisions")["n"].iloc[0] == 1  # kept for the audit trail
    assert screening_tally(reader).awaiting_title_abstract == 6


def test_full_text_exclusion_without_reason_is_refused_with_a_message(served):
    _, port, _ = served
    anna = client(port, "anna")
    record = anna.current()
    anna.decide(record, "include")
    _, text = anna.decide(record, "exclude", stage="full_text")
    assert "a full-text exclusion needs a reason" in text


def test_cli_is_told_where_the_project_is_served(served):
    # Another process (DuckDB lets this one open the file again): the lock names the server.
    import subprocess
    import sys
    from pathlib import Path

    path, _, running = served
    graftline = Path(sys.executable).with_name("graftline")
    result = subprocess.run([str(graftline), "review", "conflicts", "-p", str(path)], capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 1
    assert f"being served by `graftline review serve` at {running.url}" in " ".join(result.stderr.split())


def test_tokens_are_required_off_loopback(tmp_path):
    path = tmp_path / "review.duckdb"
    ReviewProject.create(path).close()
    with pytest.raises(InputError, match="not a loopback address: name the reviewers"):
        start_server(path, host="0.0.0.0", port=0, announce=lambda text: None)


def test_token_login(tmp_path):
    path = tmp_path / "review.duckdb"
    ReviewProject.create(path).close()
    lines: list[str] = []
    running = start_server(path, port=0, reviewers=["anna", "consensus"], announce=lines.append)
    thread = threading.Thread(target=running.run, daemon=True)
    thread.start()
    try:
        port = int(running.url.rsplit(":", 1)[1])
        tokens = {line.split(":")[0].strip(): line.split(":")[1].strip() for line in lines if line.startswith("  ")}
        assert set(tokens) == {"anna", "consensus"}
        stranger = ScreeningClient("127.0.0.1", port)
        with pytest.raises(RuntimeError, match="login failed"):
            stranger.login(token="not-a-token")
        anna = ScreeningClient("127.0.0.1", port)
        assert 'id="reviewer">anna<' in anna.login(token=tokens["anna"])
    finally:
        running.server.should_exit = True
        thread.join(timeout=10)
        running.socket.close()
        running.app_state.project.close()
