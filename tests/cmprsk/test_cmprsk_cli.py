"""graftline cuminc / fine-gray: the commands end to end on a small endpoint table."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from graftline.cli import main
from graftline.stats import cumulative_incidence, fine_gray


@pytest.fixture
def endpoint_table(tmp_path):
    rng = np.random.default_rng(5)
    n = 120
    table = pd.DataFrame({
        "relapse_day": rng.integers(1, 400, n),
        "relapse_status": rng.choice([0, 1, 2], n, p=[0.4, 0.35, 0.25]),
        "arm": rng.choice(["chemo", "mst"], n),
        "age": rng.normal(45, 12, n).round(1),
    })
    path = tmp_path / "endpoints.csv"
    table.to_csv(path, index=False)
    return path, table


def test_cuminc_writes_tables_equal_to_the_function(endpoint_table, tmp_path, capsys):
    path, table = endpoint_table
    with pytest.raises(SystemExit) as done:
        main(["cuminc", str(path), "--endpoint", "relapse", "--group", "arm", "--times", "100,365",
              "--out", str(tmp_path / "out")])
    assert done.value.code == 0
    expected = cumulative_incidence(table.relapse_day, table.relapse_status, table.arm)
    at = pd.read_csv(tmp_path / "out" / "cuminc_relapse_at.csv")
    np.testing.assert_allclose(at.estimate, expected.at([100.0, 365.0]).estimate, rtol=1e-12)
    gray = pd.read_csv(tmp_path / "out" / "cuminc_relapse_gray.csv")
    np.testing.assert_allclose(gray.statistic, expected.gray_test().statistic, rtol=1e-12)
    assert (tmp_path / "out" / "cuminc_relapse.png").stat().st_size > 0
    assert "Gray's test, cause 1" in capsys.readouterr().out


def test_fine_gray_writes_the_coefficient_table(endpoint_table, tmp_path):
    path, table = endpoint_table
    with pytest.raises(SystemExit) as done:
        main(["fine-gray", str(path), "--endpoint", "relapse", "--covariates", "age,arm",
              "--out", str(tmp_path / "fg")])
    assert done.value.code == 0
    written = pd.read_csv(tmp_path / "fg" / "fine_gray_relapse_coefficients.csv")
    expected = fine_gray(table.relapse_day, table.relapse_status, table[["age", "arm"]]).to_frame()
    assert written.term.tolist() == ["age", "armmst"]
    np.testing.assert_allclose(written.coef, expected.coef, rtol=1e-12)


def test_user_mistakes_are_one_line_errors(endpoint_table, capsys):
    path, _ = endpoint_table
    with pytest.raises(SystemExit) as done:
        main(["cuminc", str(path), "--endpoint", "nrm"])
    assert done.value.code == 1
    # rich wraps long lines on the console; compare with whitespace collapsed
    err = " ".join(capsys.readouterr().err.split())
    assert "no column ['nrm_day', 'nrm_status']; endpoints present: ['relapse']" in err
    with pytest.raises(SystemExit) as done:
        main(["fine-gray", str(path), "--endpoint", "relapse", "--covariates", "age,donor"])
    assert done.value.code == 1
    assert "no column ['donor']" in " ".join(capsys.readouterr().err.split())
