"""No password graftline is given ever appears in what it prints (issue 18).

Every command that takes ``--db`` is run with a URL holding a password in
its user information and in a ``password=`` query parameter; the password
must not appear on stdout or stderr, the message must still say which
database was meant (user and host), and the URL must be recognised as a
URL before any file handling (``pathlib`` would fold ``//`` into ``/``).
"""

from __future__ import annotations

import pytest

from graftline.credentials import is_url, mask_credentials, mask_url

SECRET = "s3cr3tPW"
# Port 1 on loopback refuses at once: the connection fails fast and for sure.
URLS = [
    f"postgresql://ana:{SECRET}@127.0.0.1:1/cohort",
    f"postgresql://ana@127.0.0.1:1/cohort?sslmode=disable&password={SECRET}",
    f"postgres://ana:{SECRET}@127.0.0.1:1/cohort",
]


@pytest.mark.parametrize("url", URLS)
def test_mask_url_hides_the_password_keeps_user_and_host(url):
    masked = mask_url(url)
    assert SECRET not in masked
    assert "ana" in masked and "127.0.0.1:1/cohort" in masked


@pytest.mark.parametrize("text, expected", [
    ("postgresql://ana:pa@ss/wo:rd@db/x", "postgresql://ana:***@db/x"),
    ("postgresql:/ana:pw@db/x", "postgresql:/ana:***@db/x"),  # as pathlib folds it
    ("mysql://u:pw@h/db?pass=pw&ssl=1", "mysql://u:***@h/db?pass=***&ssl=1"),
    ("https://eutils.example/efetch?db=pubmed&api_key=abc123", "https://eutils.example/efetch?db=pubmed&api_key=***"),
    ("postgresql://ana@db/x", "postgresql://ana@db/x"),  # no password: nothing to hide
    ("sc://spark.example.org:443/;token=dapi123;use_ssl=true", "sc://spark.example.org:443/;token=***;use_ssl=true"),
])
def test_mask_url_cases(text, expected):
    assert mask_url(text) == expected


def test_mask_credentials_in_free_text():
    text = (f"cannot open 'postgresql:/ana:{SECRET}@db/x' (host=db user=ana password={SECRET} "
            f"dbname=x); also PASSWORD = '{SECRET}'")
    masked = mask_credentials(text)
    assert SECRET not in masked
    assert "user=ana" in masked and "postgresql:/ana:***@db/x" in masked


@pytest.mark.parametrize("value, url", [
    ("postgresql://h/db", True), ("duckdb:///tmp/x.duckdb", True), ("postgresql:/u:p@h/db", True),
    ("cohort.duckdb", False), ("C:/data/cohort.duckdb", False), ("/tmp/a://b", False), ("", False),
])
def test_is_url(value, url):
    assert is_url(value) is url


def _endpoint_table(tmp_path):
    path = tmp_path / "endpoints.csv"
    path.write_text("patient_id,arm,os_day,os_status\nP1,a,10,1\nP2,b,20,0\n")
    return path


def _commands(url: str, tmp_path, example_cohort) -> dict[str, list[str]]:
    return {
        "ingest": ["ingest", str(example_cohort), "--db", url],
        "validate": ["validate", "--db", url],
        "multistate": ["multistate", "--db", url, "--out", str(tmp_path / "ms")],
        "endpoints": ["endpoints", "--db", url, "--out", str(tmp_path / "e.csv")],
        "explain": ["explain", "EX01", "--db", url, "--endpoint", "neutrophil_engraftment"],
        "report": ["report", "--db", url, "--out", str(tmp_path / "report")],
        "report --endpoints": ["report", "--endpoints", str(_endpoint_table(tmp_path)), "--db", url,
                               "--out", str(tmp_path / "report")],
        "simulate": ["simulate", "--arm", "chemo", "--n", "2", "--seed", "1", "--out", url],
    }


def _commands_taking(option: str) -> set[str]:
    """Every subcommand of the application that has ``option`` (read from the app itself)."""
    import typer

    from graftline.cli import app

    names = set()

    def walk(command, prefix=()):
        for name, sub in command.commands.items():
            if hasattr(sub, "commands"):
                walk(sub, (*prefix, name))
            elif any(option in p.opts for p in sub.params):
                names.add(" ".join((*prefix, name)))

    walk(typer.main.get_command(app))
    return names


COMMANDS = ["ingest", "validate", "multistate", "endpoints", "explain", "report", "report --endpoints", "simulate"]


def test_every_command_taking_a_database_url_is_covered(tmp_path):
    """A new command with --db (or --out, which simulate treats as a database) fails until it has a case here."""
    covered = {name.split(" --")[0] for name in COMMANDS}
    assert {"ingest", "endpoints", "explain", "report"} <= _commands_taking("--db")
    assert _commands_taking("--db") <= covered, sorted(_commands_taking("--db") - covered)


@pytest.mark.parametrize("url", URLS)
@pytest.mark.parametrize("command", COMMANDS)
def test_no_command_prints_a_password(graftline, tmp_path, example_cohort, url, command, monkeypatch):
    # Run where a URL taken for a relative path would land: nothing may be created there.
    workdir = tmp_path / "cwd"
    workdir.mkdir()
    monkeypatch.chdir(workdir)
    run = graftline(*_commands(url, tmp_path, example_cohort)[command])
    assert list(workdir.iterdir()) == []
    assert run.code == 1, run.output
    assert SECRET not in run.stdout + run.stderr
    assert "Traceback" not in run.stderr
    # The message still says which database was meant.
    assert "127.0.0.1:1/cohort" in run.output, run.output


def test_ingest_refuses_a_url_before_any_file_handling(graftline, tmp_path, example_cohort):
    run = graftline("ingest", str(example_cohort), "--db", URLS[0])
    assert "ingest writes a DuckDB file" in run.output
    # Nothing was created where pathlib would have put the folded path.
    assert not (tmp_path / "postgresql:").exists()


def test_connect_error_masks_the_password():
    from graftline.cohort import connect
    from graftline.errors import InputError

    for url in URLS + [f"mysql://ana:{SECRET}@127.0.0.1:1/cohort"]:
        with pytest.raises(InputError) as caught:
            connect(url, read_only=True)
        assert SECRET not in str(caught.value)


@pytest.mark.postgres
def test_the_password_can_stay_out_of_the_url(in_ci, monkeypatch):
    """docs/security.md: leave the password out of --db and let libpq read PGPASSWORD."""
    import os
    from urllib.parse import urlsplit

    from graftline.cohort import connect

    url = os.environ.get("GRAFTLINE_PG_URL")
    if not url:
        if in_ci:
            pytest.fail("CI=true but GRAFTLINE_PG_URL is not set")
        pytest.skip("GRAFTLINE_PG_URL is not set")
    parts = urlsplit(url)
    bare = f"{parts.scheme}://{parts.username}@{parts.hostname}:{parts.port or 5432}{parts.path}"
    monkeypatch.setenv("PGPASSWORD", parts.password or "")
    con = connect(bare)
    try:
        assert con.raw_sql("SELECT 1").fetchone()[0] == 1
    finally:
        con.disconnect()


def test_eutils_errors_mask_a_password_in_the_base_url(caplog):
    from graftline.review.eutils import EUtilsClient, SearchError

    client = EUtilsClient(base_url=f"http://ana:{SECRET}@127.0.0.1:1/eutils/", api_key="k3y" + SECRET,
                          max_attempts=2, backoff=0.0, sleep=lambda seconds: None)
    with caplog.at_level("INFO"), pytest.raises(SearchError) as caught:
        client.get("esearch.fcgi", {"db": "pubmed", "term": "msc"})
    assert SECRET not in str(caught.value) and SECRET not in caplog.text
    assert "http://ana:***@127.0.0.1:1/eutils/esearch.fcgi" in str(caught.value)
