"""The extraction sheet handed to graftline meta."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from tolerances import TOLERANCE

from graftline.errors import InputError
from graftline.review.extraction import META_COLUMNS, study_labels, write_extraction_sheet


def test_sheet_columns_and_prefilled_studies(finished_project, tmp_path):
    sheet = write_extraction_sheet(finished_project, tmp_path / "sheet.csv")
    read = pd.read_csv(tmp_path / "sheet.csv", dtype=str)
    # meta's extraction-sheet columns, in order, then the trace columns.
    assert list(read.columns) == [*META_COLUMNS, "pmid", "doi", "record_id", "title"]
    # Included at full text: records 1 (Liu 2019) and 2 (Ai 2020), sorted by label.
    assert read[["study", "year", "pmid", "doi"]].values.tolist() == [
        ["Ai 2020", "2020", "30000002", "10.1182/bloodadvances.2020000002"],
        ["Liu 2019", "2019", "30000001", "10.1016/j.bbmt.2019.01.001"]]
    assert read[["n", "mean", "sd", "events"]].isna().all().all()
    assert len(sheet) == 2


def test_one_row_per_outcome_and_arm(finished_project, tmp_path):
    sheet = write_extraction_sheet(finished_project, tmp_path / "s.csv",
                                   outcomes=("neutrophil_engraftment_days", "platelet_engraftment_days"),
                                   arms=("msc", "control"))
    assert sheet[["study", "outcome", "arm"]].values.tolist() == [
        ["Ai 2020", "neutrophil_engraftment_days", "msc"], ["Ai 2020", "neutrophil_engraftment_days", "control"],
        ["Ai 2020", "platelet_engraftment_days", "msc"], ["Ai 2020", "platelet_engraftment_days", "control"],
        ["Liu 2019", "neutrophil_engraftment_days", "msc"], ["Liu 2019", "neutrophil_engraftment_days", "control"],
        ["Liu 2019", "platelet_engraftment_days", "msc"], ["Liu 2019", "platelet_engraftment_days", "control"]]


def test_outcome_names_follow_meta_convention(finished_project, tmp_path):
    with pytest.raises(InputError, match="outcome 'Neutrophil engraftment' must be lower case with underscores"):
        write_extraction_sheet(finished_project, tmp_path / "s.csv", outcomes=("Neutrophil engraftment",))


def test_meta_reads_the_filled_sheet(finished_project, tmp_path):
    # The sheet written here, filled in as a reviewer would, is read by the
    # meta package (branch meta, docs/extraction-sheet.md) without change.
    from graftline.meta.sheet import prepare_outcome, read_extraction_sheet, subgroup_columns

    path = tmp_path / "sheet.csv"
    write_extraction_sheet(finished_project, path, outcomes=("neutrophil_engraftment_days",), arms=("msc", "control"))
    sheet = pd.read_csv(path, dtype=str, keep_default_na=False)
    sheet["design"] = "nrsi"
    sheet["n"] = ["20", "22", "15", "15"]
    sheet["median"] = ["12", "15", "13", "16"]
    sheet["q1"] = ["10", "12", "11", "13"]
    sheet["q3"] = ["14", "18", "15", "19"]
    sheet.to_csv(path, index=False)
    read = read_extraction_sheet(path)
    assert {"pmid", "doi", "record_id", "title"} <= set(subgroup_columns(read))
    prepared = prepare_outcome(read, "neutrophil_engraftment_days", compare=("msc", "control"), measure="MD",
                               source=str(path))
    assert prepared.studies["study"].tolist() == ["Ai 2020", "Liu 2019"]
    # The numbers arrive too: each yi is the MSC minus control difference of the
    # means estimated from median and IQR (meta's own estimator, checked against R).
    from graftline.meta import estimate_mean_sd

    means = estimate_mean_sd([20, 22, 15, 15], median=[12, 15, 13, 16], q1=[10, 12, 11, 13],
                             q3=[14, 18, 15, 19])["mean"].to_numpy()
    np.testing.assert_allclose(prepared.studies["yi"], [means[0] - means[1], means[2] - means[3]],
                               **TOLERANCE["closed_form"])


def test_never_overwrites_a_sheet(finished_project, tmp_path):
    path = tmp_path / "sheet.csv"
    path.write_text("study\nextracted by hand\n")
    with pytest.raises(InputError, match="already exists and may hold extracted data"):
        write_extraction_sheet(finished_project, path)
    assert path.read_text() == "study\nextracted by hand\n"


def test_nothing_included_yet(project, tmp_path):
    with pytest.raises(InputError, match="no study is included"):
        write_extraction_sheet(project, tmp_path / "s.csv")


def test_labels_disambiguate_same_author_and_year():
    assert study_labels([["García-López, M."], ["Smith JA"], ["Smith, K"], []], [2018, 2020, 2020, None]) == [
        "García-López 2018", "Smith 2020a", "Smith 2020b", "Anonymous n.d."]
