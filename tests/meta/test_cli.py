"""graftline meta: the command end to end on the illustrative sheet."""

from pathlib import Path

import pandas as pd
import pytest
import typer

from graftline.cli import app, main
from graftline.meta import pool
from graftline.meta.sheet import prepare_outcome, read_extraction_sheet

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "meta" / "msc_engraftment_illustrative.csv"


def argv(*args: str) -> list[str]:
    # With a single registered command Typer runs it without its name.
    return (["meta"] if hasattr(typer.main.get_command(app), "commands") else []) + list(args)


def test_pools_converts_and_writes_plots_and_tables(tmp_path, capsys):
    with pytest.raises(SystemExit) as done:
        main(argv(str(EXAMPLE), "--outcome", "neutrophil_engraftment_days", "--by", "msc_source",
                  "--out", str(tmp_path)))
    assert done.value.code == 0
    for name in ["forest_neutrophil_engraftment_days.svg", "forest_neutrophil_engraftment_days.png",
                 "funnel_neutrophil_engraftment_days.svg", "summary_neutrophil_engraftment_days.csv",
                 "studies_neutrophil_engraftment_days.csv"]:
        assert (tmp_path / name).stat().st_size > 0, name
    summary = pd.read_csv(tmp_path / "summary_neutrophil_engraftment_days.csv")
    assert summary["analysis"].tolist() == ["overall", "bone_marrow", "umbilical_cord"]
    # The overall row is pool() on the prepared studies (REML, z).
    prepared = prepare_outcome(read_extraction_sheet(EXAMPLE), "neutrophil_engraftment_days")
    expected = pool(prepared.studies["yi"], prepared.studies["vi"])
    assert summary["estimate"][0] == pytest.approx(expected.estimate, rel=1e-12)
    assert summary["tau2"][0] == pytest.approx(expected.tau2, rel=1e-12)
    err = capsys.readouterr().err
    assert "excluded:" in err and "Illustrative G" in err
    assert "converted:" in err
    studies = pd.read_csv(tmp_path / "studies_neutrophil_engraftment_days.csv")
    assert studies["converted"].sum() == 5
    assert "† mean and/or SD estimated" in (tmp_path / "forest_neutrophil_engraftment_days.svg").read_text()


def test_user_mistake_is_one_line_and_exit_1(tmp_path, capsys):
    with pytest.raises(SystemExit) as done:
        main(argv(str(EXAMPLE), "--outcome", "neutrophil_engraftment_days", "--by", "hospital",
                  "--out", str(tmp_path)))
    assert done.value.code == 1
    err = capsys.readouterr().err
    assert "--by 'hospital': not a free column" in err
    assert "Traceback" not in err
