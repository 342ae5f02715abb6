"""The CLI's error boundary (issue 18): one located message, never a traceback.

- a user's mistake (InputError): one message, exit 1;
- Ctrl-C: "interrupted; nothing was written", exit 130 (SIGTERM: 143);
- anything else is a bug: a short message asking to report it, exit 70
  (sysexits EX_SOFTWARE), the traceback only with ``graftline --debug``.
"""

from __future__ import annotations

import pytest

import graftline.stats
from graftline.errors import InputError


@pytest.fixture
def endpoint_table(tmp_path):
    path = tmp_path / "endpoints.csv"
    path.write_text("patient_id,arm,os_day,os_status\nP1,a,10,1\nP2,a,20,0\nP3,b,15,1\nP4,b,30,1\n")
    return path


def _raise(error):
    def broken(*args, **kwargs):
        raise error
    return broken


def test_input_error_is_one_message_exit_1(graftline, endpoint_table, monkeypatch):
    monkeypatch.setattr(graftline_stats(), "kaplan_meier", _raise(InputError("endpoints.csv row 3, column os_day: '-' is not a day")))
    run = graftline("km", endpoint_table, "--time", "os_day", "--event", "os_status")
    assert run.code == 1
    assert run.stderr.strip().splitlines() == ["error: endpoints.csv: endpoints.csv row 3, column os_day: '-' is not a day"]


def test_a_bug_asks_to_be_reported_without_a_traceback(graftline, endpoint_table, monkeypatch):
    monkeypatch.setattr(graftline_stats(), "kaplan_meier", _raise(ZeroDivisionError("float division by zero")))
    run = graftline("km", endpoint_table, "--time", "os_day", "--event", "os_status")
    assert run.code == 70
    assert "Traceback" not in run.stderr
    assert "unexpected error (ZeroDivisionError: float division by zero)" in run.output
    assert "please report it" in run.output and "graftline --debug" in run.output


def test_debug_shows_the_traceback(graftline, endpoint_table, monkeypatch):
    monkeypatch.setattr(graftline_stats(), "kaplan_meier", _raise(ZeroDivisionError("float division by zero")))
    run = graftline("--debug", "km", endpoint_table, "--time", "os_day", "--event", "os_status")
    assert run.code == 70
    assert "Traceback (most recent call last)" in run.stderr and "ZeroDivisionError" in run.stderr


def test_a_bug_message_never_shows_a_password(graftline, endpoint_table, monkeypatch):
    secret = RuntimeError("lost connection to postgresql://ana:s3cr3tPW@db/x")
    monkeypatch.setattr(graftline_stats(), "kaplan_meier", _raise(secret))
    for args in (("km",), ("--debug", "km")):
        run = graftline(*args, endpoint_table, "--time", "os_day", "--event", "os_status")
        assert run.code == 70 and "s3cr3tPW" not in run.stdout + run.stderr
        assert "postgresql://ana:***@db/x" in run.output


def test_ctrl_c_says_nothing_was_written(graftline, endpoint_table, monkeypatch):
    monkeypatch.setattr(graftline_stats(), "kaplan_meier", _raise(KeyboardInterrupt()))
    run = graftline("km", endpoint_table, "--time", "os_day", "--event", "os_status")
    assert run.code == 130
    assert run.stderr.strip() == "interrupted; nothing was written"


def test_markup_in_a_message_is_printed_as_it_is(graftline, tmp_path):
    # A value such as "[/]" in a message must not be taken for Rich markup (a MarkupError traceback).
    run = graftline("validate", tmp_path / "[/]missing[bold]")
    assert run.code == 1
    assert "[/]missing[bold]" in run.output and "Traceback" not in run.output


def test_usage_errors_keep_exit_2(graftline):
    run = graftline("km")
    assert run.code == 2 and "Traceback" not in run.output


def graftline_stats():
    return graftline.stats


def test_a_value_that_looks_like_markup_is_shown_as_written_in_a_terminal(graftline, example_cohort, monkeypatch):
    # In a terminal, validate prints a table; a cell value such as "[/]" must not be taken for Rich markup.
    import csv
    import importlib

    console = importlib.import_module("graftline.cli.app").console
    monkeypatch.setattr(console, "_force_terminal", True)
    path = example_cohort / "labs.csv"
    with path.open(newline="") as handle:
        rows = list(csv.reader(handle))
    rows[1][rows[0].index("unit")] = "[/]mg[bold]"
    with path.open("w", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(rows)
    run = graftline("validate", example_cohort)
    assert run.code == 1 and "Traceback" not in run.output
    assert "[/]mg[bold]" in run.output


def test_a_full_disk_is_one_message_naming_the_file_and_the_old_file_stays(graftline, tmp_path, monkeypatch):
    """The file system refusing a write is the user's environment, not a bug: exit 1, the target named."""
    import errno
    import os

    from graftline import export

    target = tmp_path / "dictionary.csv"
    target.write_text("the previous file\n")
    real_replace = os.replace

    def disk_full(source, destination):
        if str(destination) == str(target):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(source))
        return real_replace(source, destination)

    monkeypatch.setattr(export.os, "replace", disk_full)
    run = graftline("redcap", "dictionary", "--out", target)
    assert run.code == 1, run.output
    assert run.stderr.strip().splitlines() == [f"error: cannot read or write {target}: No space left on device"]
    assert target.read_text() == "the previous file\n"
    assert [p.name for p in tmp_path.iterdir()] == ["dictionary.csv"]


def test_a_folder_where_a_file_goes_is_a_located_message(graftline, tmp_path):
    run = graftline("redcap", "mapping", "--out", tmp_path)
    assert run.code == 1
    assert run.stderr.strip().splitlines() == [
        f"error: {tmp_path} is a folder; give a file name to write, such as {tmp_path / 'table.csv'}"]


def test_running_out_of_memory_is_one_message_not_a_bug(graftline, endpoint_table, monkeypatch):
    """Asking for more than the machine holds (e.g. predict --replicates 100000000) is not a bug in graftline."""
    monkeypatch.setattr(graftline_stats(), "kaplan_meier",
                        _raise(MemoryError("Unable to allocate 763. MiB for an array with shape (100000000,)")))
    run = graftline("km", endpoint_table, "--time", "os_day", "--event", "os_status")
    assert run.code == 1, run.output
    assert run.stderr.strip().startswith("error: not enough memory for this command (Unable to allocate 763. MiB")
    assert "Nothing was written" in run.output and "please report" not in run.output
