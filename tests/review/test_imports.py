"""Reading database exports into the record table; refusing bad files without loss."""

from __future__ import annotations

import pytest

from graftline.errors import InputError
from graftline.review.imports import import_export, read_export
from graftline.review.medline import read_medline


def count(project, table: str) -> int:
    return int(project.query(f"SELECT count(*) AS n FROM {table}").iloc[0, 0])


def test_medline_export(data_dir):
    records = read_medline(data_dir / "pubmed.nbib")
    assert records["pmid"].tolist() == ["30000001", "30000002", "30000003", "30000005"]
    first = records.iloc[0]
    # TI continues on an indented line; the two lines are joined with one space.
    assert first["title"] == ("Co-transplantation of mesenchymal stromal cells and haploidentical hematopoietic "
                              "stem cells in children with severe aplastic anemia: a prospective study.")
    assert first["authors"] == ["Liu, Wei", "Chen, Xiaoming", "Zhang, Li"]  # FAU preferred over AU
    assert first["doi"] == "10.1016/j.bbmt.2019.01.001"  # from "AID - ... [doi]"
    assert first["year"] == 2019  # DP 2019 Apr
    assert first["journal"].startswith("Biology of blood and marrow transplantation : journal")
    assert first["origin"] == "pubmed.nbib record 1 (line 1)"
    assert records.iloc[3]["doi"] == "10.1186/s13287-021-00005-x"


@pytest.mark.parametrize(("file", "source", "expected"), [
    ("embase.ris", "embase", [("2001234567", None, None, 2019, "Biology of Blood and Marrow Transplantation"),
                              ("2004000002", None, "10.1182/bloodadvances.2020000002", 2020, "Blood Advances"),
                              ("2004000099", None, "10.1182/bloodadvances.2020000099", 2020, "Blood Advances"),
                              ("6300000006", None, "10.1182/blood-2019-000006", 2019, "Blood")]),
    # Scopus writes DOIs in any case; normalised to lower case.
    ("scopus.ris", "scopus", [(None, None, "10.1016/j.bbmt.2019.01.001", 2019,
                               "Biology of Blood and Marrow Transplantation"),
                              (None, None, None, 2018, "Haematologica"),
                              (None, None, "10.1186/s13287-021-00005-x", 2021, "Stem Cell Research and Therapy")]),
    ("wos.ris", "wos", [("WOS:000520000000002", None, None, 2020, "BLOOD ADVANCES"),
                        ("WOS:000650000000005", None, "10.1186/s13287-021-00005-x", 2021,
                         "STEM CELL RESEARCH & THERAPY")]),
    # Cochrane CENTRAL puts the PubMed id in AN as "PUBMED n"; ID is the CN accession.
    ("cochrane.ris", "cochrane", [("CN-02250005", "30000005", "10.1186/s13287-021-00005-x", 2021,
                                   "Stem cell research & therapy")]),
])
def test_ris_exports(data_dir, file, source, expected):
    records = read_export(data_dir / file, source=source)
    got = list(zip(records["source_id"], records["pmid"], records["doi"], records["year"], records["journal"],
                   strict=True))
    assert got == expected
    assert records["title"].notna().all() and (records["source"] == source).all()


def test_ris_multiline_abstract_and_authors(data_dir):
    embase = read_export(data_dir / "embase.ris", source="embase")
    assert embase.iloc[0]["authors"] == ["Liu W.", "Chen X.", "Zhang L."]  # A1 when AU is absent
    assert embase.iloc[0]["abstract"] == ("Background: Graft failure remains a major obstacle after "
                                          "haploidentical transplantation for severe aplastic anaemia.")


def test_register_csv(data_dir):
    records = read_export(data_dir / "registers.csv", source="clinicaltrials.gov")
    assert records.iloc[0][["source_id", "year"]].tolist() == ["NCT04000007", 2019]
    assert records.iloc[0]["title"].startswith("Mesenchymal Stromal Cell Co-infusion")


@pytest.mark.parametrize(("file", "message"), [
    ("malformed_unclosed.ris", r"malformed_unclosed.ris line 10: a new record starts but the record from line 6 "
                               r"was not closed"),
    ("malformed_tag.ris", r"malformed_tag.ris line 3: 'AU - Smith, J' looks like a tag"),
])
def test_malformed_ris_names_file_and_line_and_changes_nothing(project, data_dir, file, message):
    import_export(project, data_dir / "pubmed.nbib", source="pubmed")
    with pytest.raises(InputError, match=message):
        import_export(project, data_dir / file, source="embase")
    assert count(project, "records") == 4 and count(project, "searches") == 1


def test_ris_without_final_er_is_an_error(tmp_path):
    path = tmp_path / "cut.ris"
    path.write_text("TY  - JOUR\nTI  - Complete\nER  - \n\nTY  - JOUR\nTI  - Cut off by the download\n")
    with pytest.raises(InputError, match="cut.ris line 5: record is not closed"):
        read_export(path, source="scopus")


def test_text_outside_records_is_warned_and_skipped(tmp_path):
    from graftline.review.imports import load_export

    path = tmp_path / "junk.ris"
    path.write_text("Exported from somewhere\nTY  - JOUR\nTI  - T\nER  - \n")
    reading = load_export(path, source="scopus")
    assert reading.warnings == ("junk.ris line 1: 'Exported from somewhere' is outside a record; skipped",)
    assert reading.records["title"].tolist() == ["T"]


def test_record_without_title_is_reported_not_dropped(project, data_dir):
    with pytest.raises(InputError, match=r"1 record\(s\) have no title: untitled.ris record 2 \(line 7\)"):
        import_export(project, data_dir / "untitled.ris", source="embase")
    assert count(project, "records") == 0
    _, frame = import_export(project, data_dir / "untitled.ris", source="embase", keep_untitled=True)
    assert count(project, "records") == 2
    stored = project.query("SELECT title, abstract FROM records ORDER BY record_id")
    assert stored["title"].isna().tolist() == [False, True]
    assert stored.iloc[1]["abstract"].startswith("An abstract whose record lost its title")


def test_medline_bad_line(tmp_path):
    path = tmp_path / "bad.nbib"
    path.write_text("PMID- 1\nTI  - A title\nthis line is neither a field nor a continuation\n")
    with pytest.raises(InputError, match="bad.nbib line 3: .* is not a MEDLINE field"):
        read_export(path, source="pubmed")


def test_csv_errors_name_row_and_column(tmp_path):
    no_title = tmp_path / "no_title.csv"
    no_title.write_text("Authors,Year\nSmith J,2020\n")
    with pytest.raises(InputError, match="no_title.csv: no title column"):
        read_export(no_title, source="scopus")
    bad_year = tmp_path / "bad_year.csv"
    bad_year.write_text("Title,Year\nA,2020\nB,last spring\n")
    with pytest.raises(InputError, match=r"bad_year.csv row 3, column Year: 'last spring' is not a year"):
        read_export(bad_year, source="scopus")


def test_not_utf8_is_located(tmp_path):
    path = tmp_path / "latin1.ris"
    path.write_bytes("TY  - JOUR\nTI  - Müller\nER  - \n".encode("latin-1"))
    with pytest.raises(InputError, match="latin1.ris line 2: not UTF-8"):
        read_export(path, source="embase")


def test_import_records_search_log(project, data_dir):
    search_id, _ = import_export(project, data_dir / "embase.ris", source="Embase", query="'mesenchymal stem cell'/exp",
                                 hit_count=412)
    log = project.query("SELECT * FROM searches").iloc[0]
    assert (log["search_id"], log["database"], log["kind"], log["query"], log["hit_count"],
            log["records_imported"], log["file"]) == (search_id, "embase", "database", "'mesenchymal stem cell'/exp",
                                                      412, 4, "embase.ris")


def test_windows_line_endings_and_byte_order_mark(tmp_path, data_dir):
    # Reference managers on Windows write CRLF and a UTF-8 BOM; the records
    # must read exactly as from the LF file.
    text = (data_dir / "scopus.ris").read_text(encoding="utf-8")
    path = tmp_path / "scopus_windows.ris"
    path.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"))
    windows = read_export(path, source="scopus").drop(columns="origin")
    plain = read_export(data_dir / "scopus.ris", source="scopus").drop(columns="origin")
    assert windows.to_dict("records") == plain.to_dict("records")
