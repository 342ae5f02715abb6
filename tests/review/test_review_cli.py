"""`graftline review ...` end to end, in process."""

from __future__ import annotations

import pytest

from graftline.cli import main

from .conftest import DATA, EXPORTS


def run(capsys, *argv: str) -> tuple[int, str, str]:
    try:
        main(list(argv))
        code = 0
    except SystemExit as stop:
        code = stop.code or 0
    out, err = capsys.readouterr()
    return code, out, " ".join(err.split())  # messages for people: Rich wraps long lines


def test_workflow_from_exports_to_extraction_sheet(tmp_path, capsys, eutils_server):
    project = str(tmp_path / "review.duckdb")
    assert run(capsys, "review", "init", project)[0] == 0
    code, _, err = run(capsys, "review", "search-pubmed", "-p", project, "--query", "msc AND hsct",
                       "--mindate", "2000", "--maxdate", "2025", "--batch-size", "2", "--base-url", eutils_server.url)
    assert code == 0 and "5 hits, 5 records stored" in err
    for file, source in EXPORTS[1:]:
        code, _, err = run(capsys, "review", "import", str(DATA / file), "-p", project, "--source", source)
        assert code == 0, err
    code, _, err = run(capsys, "review", "dedupe", "-p", project)
    assert code == 0 and "merged among" in err
    code, out, _ = run(capsys, "review", "duplicates", "-p", project, "--csv")
    assert out.splitlines()[0].startswith("merge_id,duplicate_id,duplicate_source,kept_id")
    code, out, _ = run(capsys, "review", "searches", "-p", project, "--csv")
    assert "pubmed,NCBI E-utilities" in out and "msc AND hsct" in out

    code, out, _ = run(capsys, "review", "records", "-p", project, "--unscreened", "title_abstract", "--csv")
    ids = [int(line.split(",")[0]) for line in out.splitlines()[1:]]
    assert len(ids) == 8  # 5 PubMed records + erratum, conference abstract, register record
    pubmed_ids, others = ids[:5], ids[5:]
    assert run(capsys, "review", "screen", *map(str, others), "-p", project, "--stage", "title_abstract",
               "--decision", "exclude", "--reason", "not primary research", "--reviewer", "anna")[0] == 0
    code, out, err = run(capsys, "review", "prioritise", "-p", project, "--csv")
    assert code == 1 and "at least one include" in err
    assert run(capsys, "review", "screen", *map(str, pubmed_ids[:2]), "-p", project, "--stage", "title_abstract",
               "--decision", "include", "--reviewer", "anna")[0] == 0
    code, out, err = run(capsys, "review", "prioritise", "-p", project, "--csv")
    assert code == 0 and "it never decides" in err and len(out.splitlines()) == 4
    decisions = tmp_path / "decisions.csv"
    decisions.write_text("record_id,stage,decision,reason,reviewer\n"
                         + "".join(f"{r},title_abstract,exclude,wrong outcome,anna\n" for r in pubmed_ids[2:])
                         + "".join(f"{r},full_text,include,,anna\n" for r in pubmed_ids[:2]))
    assert run(capsys, "review", "import-decisions", str(decisions), "-p", project)[0] == 0
    code, _, err = run(capsys, "review", "prisma", "-p", project, "--out", str(tmp_path / "prisma"))
    assert code == 0, err
    assert (tmp_path / "prisma" / "prisma.svg").exists() and (tmp_path / "prisma" / "prisma.png").exists()
    code, _, err = run(capsys, "review", "extraction-sheet", "-p", project, "--out", str(tmp_path / "sheet.csv"))
    assert code == 0 and "2 included studies" in err
    assert (tmp_path / "sheet.csv").read_text().startswith(
        "study,year,design,arm,n,mean,sd,median,q1,q3,min,max,events,outcome,pmid,doi")


@pytest.mark.parametrize(("argv", "message"), [
    (["review", "screen", "99", "--stage", "title_abstract", "--decision", "include", "--reviewer", "anna"],
     "record 99 is not a record of this project"),
    (["review", "import", str(DATA / "malformed_unclosed.ris"), "--source", "embase"],
     "malformed_unclosed.ris line 10"),
    (["review", "undo-merge", "5"], "merge 5 does not exist"),
    (["review", "screen", "1", "--stage", "final", "--decision", "include", "--reviewer", "anna"],
     "stage 'final' is not one of"),
])
def test_user_mistakes_exit_1_without_traceback(tmp_path, capsys, argv, message):
    project = str(tmp_path / "review.duckdb")
    run(capsys, "review", "init", project)
    code, _, err = run(capsys, *argv, "-p", project)
    assert code == 1
    assert message in err
    assert "Traceback" not in err


def test_missing_project_is_explained(tmp_path, capsys):
    code, _, err = run(capsys, "review", "records", "-p", str(tmp_path / "nope.duckdb"))
    assert code == 1 and "no review project here; create one with `graftline review init" in err
