"""graftline multistate: the command end to end, from an endpoint table and from a cohort store."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from illness_death_table import write_endpoint_table

from graftline.cli import main
from graftline.stats.multistate import illness_death_data, multistate

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


@pytest.fixture
def endpoint_table(tmp_path):
    return write_endpoint_table(tmp_path)


def test_writes_the_tables_of_the_function(endpoint_table, tmp_path, capsys):
    path, table = endpoint_table
    with pytest.raises(SystemExit) as done:
        main(["multistate", str(path), "--model", "illness-death", "--times", "100,365", "--out",
              str(tmp_path / "out")])
    assert done.value.code == 0
    expected = multistate(illness_death_data(table), group="arm")
    at = pd.read_csv(tmp_path / "out" / "multistate_illness_death_at.csv")
    np.testing.assert_allclose(at.probability, expected.probabilities([100.0, 365.0]).probability, rtol=1e-12)
    stay = pd.read_csv(tmp_path / "out" / "multistate_illness_death_time_in_state.csv")
    np.testing.assert_allclose(stay.rmean, expected.sojourn(730.0).rmean, rtol=1e-12)
    # One stacked state-occupation figure, a panel per arm (docs/cli-statistics.md).
    for suffix in ("svg", "png"):
        assert (tmp_path / "out" / f"multistate_illness_death.{suffix}").stat().st_size > 0
    assert "State probabilities" in capsys.readouterr().out


@pytest.mark.parametrize("arguments, message", [
    (["--model", "markov"], "--model 'markov': expected one of illness-death, ebmt6"),
    (["--group", "centre"], "--group centre: no such column"),
    (["--times", "a,b"], "--times 'a,b': expected comma-separated days"),
])
def test_mistakes_are_one_line(endpoint_table, arguments, message, capsys):
    path, _ = endpoint_table
    with pytest.raises(SystemExit) as done:
        main(["multistate", str(path), *arguments])
    assert done.value.code == 1
    assert message in " ".join(capsys.readouterr().err.split())   # rich wraps long lines


def test_needs_exactly_one_source(endpoint_table, capsys):
    path, _ = endpoint_table
    with pytest.raises(SystemExit):
        main(["multistate", str(path), "--db", "cohort.duckdb"])
    assert "or --db cohort.duckdb, not both" in " ".join(capsys.readouterr().err.split())


def test_from_a_cohort_store(tmp_path, capsys):
    """--db derives the endpoint table (examples/cohort, ingested here) and fits by arm."""
    from graftline.cohort import ingest

    ingest(EXAMPLES / "cohort", tmp_path / "cohort.duckdb")
    with pytest.raises(SystemExit) as done:
        main(["multistate", "--db", str(tmp_path / "cohort.duckdb"), "--model", "illness-death",
              "--out", str(tmp_path / "out")])
    assert done.value.code == 0
    data = pd.read_csv(tmp_path / "out" / "multistate_illness_death_data.csv")
    assert set(data.state) <= {"relapse", "death", "censor"} and data.id.nunique() > 1


def test_current_grfs_from_therapy_episodes(endpoint_table, tmp_path, capsys):
    """--model current-grfs reads the GVHD therapy episodes and reports current GRFS as
    occupancy of 'grfs' (Solomon 2017), the same numbers as the function."""
    from graftline.stats.multistate import current_grfs_data

    path, table = endpoint_table
    rng = np.random.default_rng(9)
    treated = table.sample(60, random_state=1)
    start = np.ceil(rng.uniform(5, 60, len(treated)))
    stop = np.where(rng.random(len(treated)) < 0.6, start + np.ceil(rng.uniform(10, 120, len(treated))), np.nan)
    therapy = pd.DataFrame({"patient_id": treated.patient_id, "start_day": start, "stop_day": stop})
    therapy.to_csv(tmp_path / "therapy.csv", index=False)
    with pytest.raises(SystemExit) as done:
        main(["multistate", str(path), "--model", "current-grfs", "--episodes", str(tmp_path / "therapy.csv"),
              "--times", "100,365", "--out", str(tmp_path / "out")])
    assert done.value.code == 0
    expected = multistate(current_grfs_data(table, therapy), group="arm").occupancy(
        ["grfs"], [100.0, 365.0], name="current GRFS")
    got = pd.read_csv(tmp_path / "out" / "multistate_current_grfs_current.csv")
    np.testing.assert_allclose(got.probability, expected.probability, rtol=1e-12)
    np.testing.assert_allclose(got.se, expected.se, rtol=1e-12)
    assert "current GRFS" in capsys.readouterr().out


def test_current_models_need_episodes(endpoint_table, capsys):
    path, _ = endpoint_table
    with pytest.raises(SystemExit) as done:
        main(["multistate", str(path), "--model", "current-lfs"])
    assert done.value.code == 1
    assert "needs --episodes FILE: a CSV of second remissions" in " ".join(capsys.readouterr().err.split())
