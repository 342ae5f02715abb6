"""PRISMA 2020 counts: taken from the project, adding up, drawn."""

from __future__ import annotations

import dataclasses

import pytest

from graftline.errors import InputError
from graftline.review.flow_diagram import write_flow_diagram
from graftline.review.prisma import PrismaCounts, counts_from_project, counts_from_table


def test_counts_from_finished_project(finished_project):
    # Expected values follow from the fixture's docstring and data/README.md:
    # 15 records identified (14 from 5 databases + 1 register), 8 duplicates,
    # 7 screened, 3 excluded, 4 sought, 1 not retrieved, 3 assessed,
    # 1 excluded (wrong comparator), 2 included.
    counts = counts_from_project(finished_project)
    assert counts.databases == {"cochrane": 1, "embase": 4, "pubmed": 4, "scopus": 3, "wos": 2}
    assert counts.registers == {"clinicaltrials.gov": 1}
    assert (counts.identified, counts.duplicates_removed, counts.screened, counts.screened_excluded,
            counts.reports_sought, counts.reports_not_retrieved, counts.reports_assessed,
            counts.studies_included, counts.reports_included) == (15, 8, 7, 3, 4, 1, 3, 2, 2)
    assert counts.reports_excluded == {"wrong comparator": 1}


def test_identities_hold(finished_project):
    c = counts_from_project(finished_project)
    assert c.identified - c.duplicates_removed - c.automation_removed - c.other_removed == c.screened
    assert c.screened - c.screened_excluded == c.reports_sought
    assert c.reports_sought - c.reports_not_retrieved == c.reports_assessed
    assert c.reports_assessed - sum(c.reports_excluded.values()) == c.reports_included


@pytest.mark.parametrize(("change", "message"), [
    ({"duplicates_removed": 7}, "records identified - removed before screening = 8 but records screened = 7"),
    ({"screened_excluded": 4}, "records screened - records excluded = 3 but reports sought for retrieval = 4"),
    ({"reports_not_retrieved": 0}, "reports sought - reports not retrieved = 4 but reports assessed"),
    ({"reports_excluded": {"wrong comparator": 2}}, "reports assessed - reports excluded = 1 but reports of "
                                                    "included studies = 2"),
    ({"studies_included": 3}, r"studies included \(3\) exceed reports"),
    ({"other_removed": -1}, "other removed is negative"),
])
def test_mismatch_is_a_clear_error(finished_project, change, message):
    counts = dataclasses.replace(counts_from_project(finished_project), **change)
    with pytest.raises(InputError, match=f"PRISMA counts do not add up: .*{message}"):
        counts.check()


def test_unfinished_screening_is_an_error(project, data_dir):
    from graftline.review.imports import import_export

    import_export(project, data_dir / "pubmed.nbib", source="pubmed")
    with pytest.raises(InputError, match="screening is not finished.*4 record\\(s\\) have no title/abstract decision"):
        counts_from_project(project)


def test_counts_table_round_trip_and_edited_mismatch(finished_project, tmp_path):
    counts = counts_from_project(finished_project)
    path = tmp_path / "counts.csv"
    counts.to_frame().to_csv(path, index=False)
    assert counts_from_table(path) == counts
    text = path.read_text().replace("Records screened,7", "Records screened,9")
    path.write_text(text)
    with pytest.raises(InputError, match="records identified - removed before screening = 7 but records screened = 9"):
        counts_from_table(path)
    path.write_text("key,label,n\nscreened,Records screened,seven\n")
    with pytest.raises(InputError, match="counts.csv row 2, column n: 'seven' is not a whole number"):
        counts_from_table(path)


def test_diagram_files(finished_project, tmp_path):
    counts = counts_from_project(finished_project)
    svg, png, table = write_flow_diagram(counts, tmp_path / "a")
    text = svg.read_text()
    for label in ["Records identified from:", "Databases (n = 14)", "embase (n = 4)", "Registers (n = 1)",
                  "Duplicate records removed (n = 8)", "Records screened (n = 7)", "Records excluded (n = 3)",
                  "Reports sought for retrieval (n = 4)", "Reports not retrieved (n = 1)",
                  "Reports assessed for eligibility (n = 3)", "wrong comparator (n = 1)",
                  "Studies included in review (n = 2)", "Identification", "Screening", "Included"]:
        assert label in text, label
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert table.read_text().splitlines()[0] == "key,label,n"
    # Same counts, same bytes.
    again = write_flow_diagram(counts, tmp_path / "b")
    assert [p.read_bytes() for p in again] == [svg.read_bytes(), png.read_bytes(), table.read_bytes()]


def test_diagram_refuses_counts_that_do_not_add_up(tmp_path):
    bad = PrismaCounts(databases={"pubmed": 10}, registers={}, duplicates_removed=2, screened=9, screened_excluded=5,
                       reports_sought=4, reports_not_retrieved=0, reports_assessed=4, reports_excluded={},
                       studies_included=4, reports_included=4)
    with pytest.raises(InputError, match="= 8 but records screened = 9"):
        write_flow_diagram(bad, tmp_path)
    assert not list(tmp_path.iterdir())
