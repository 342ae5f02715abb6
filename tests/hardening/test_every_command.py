"""Every ``graftline`` subcommand, given empty, binary, truncated or folder input, ends in a message, never a traceback.

For each subcommand the input it reads (a cohort folder, a store, an
endpoint table, a review project, an export, a sheet, a counts table - or,
for the commands that read no file, their option values) is replaced by an
empty file, random bytes, a real file cut in half, and a folder holding the
real file as its one part (a partitioned export: refused with a message,
except by ``--redcap``, which reads a folder holding the export). The run must end with
exit status 1 (a located message) or 2 (a usage message) - never the
"please report" status 70 of an unexpected error, never a traceback. Only a
truncated file may succeed (status 0): a CSV or MEDLINE file cut after a
complete row is a valid, shorter file; an empty file never is. The
list of subcommands is read from the application, so a new command without
a case here fails the test.
"""

from __future__ import annotations

import importlib.util
import random
import shutil
import sys
from pathlib import Path

import pandas as pd
import pytest
import typer

from graftline.cli import EXIT_BUG, app

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "cohort"
KINDS = ("empty", "binary", "truncated", "folder")


def _spoil(real: Path, target: Path, kind: str) -> Path:
    """``target`` as an empty file, random bytes, the first half of ``real``, or a folder holding ``real`` as a part."""
    if kind == "folder":  # a partitioned export given where one file is expected
        target.mkdir(exist_ok=True)
        shutil.copyfile(real, target / f"part-00000{real.suffix}")
    elif kind == "empty":
        target.write_bytes(b"")
    elif kind == "binary":
        target.write_bytes(random.Random(18).randbytes(2048))
    else:
        data = real.read_bytes()
        target.write_bytes(data[: len(data) // 2])
    return target


@pytest.fixture(scope="module")
def originals(tmp_path_factory) -> dict[str, Path]:
    """One real file of every kind a command reads."""
    from graftline.cohort import ingest
    from graftline.review.project import ReviewProject

    base = tmp_path_factory.mktemp("originals")
    store = base / "cohort.duckdb"
    ingest(EXAMPLE, store)
    ReviewProject.create(base / "review.duckdb").close()
    dictionary, export = _redcap_export(base)
    endpoints = pd.DataFrame({"patient_id": [f"P{i}" for i in range(12)], "arm": ["a", "b"] * 6,
                              "age": range(40, 52), "os_day": range(10, 130, 10), "os_status": [1, 0, 1] * 4,
                              "relapse_day": range(5, 125, 10), "relapse_status": [1, 2, 0] * 4})
    endpoints.to_csv(base / "endpoints.csv", index=False)
    (base / "decisions.csv").write_text("record_id,stage,decision,reason,reviewer\n1,title_abstract,include,,anna\n"
                                        "2,title_abstract,exclude,wrong population,anna\n")
    (base / "counts.csv").write_text("key,label,n\nidentified.database.pubmed,PubMed,10\nremoved.duplicates,"
                                     "Duplicates,2\nscreened,Screened,8\nscreened.excluded,Excluded,4\n")
    return {"store": store, "project": base / "review.duckdb", "endpoints": base / "endpoints.csv",
            "ris": ROOT / "tests" / "review" / "data" / "embase.ris",
            "nbib": ROOT / "tests" / "review" / "data" / "pubmed.nbib",
            "sheet": ROOT / "examples" / "meta" / "msc_engraftment_illustrative.csv",
            "decisions": base / "decisions.csv", "counts": base / "counts.csv",
            "redcap": export, "dictionary": dictionary}


def _redcap_export(base: Path) -> tuple[Path, Path]:
    """The example cohort as a REDCap raw export, with graftline's dictionary (tests/cohort/redcap_export.py)."""
    from graftline.cli.report import DEMO_ARMS
    from graftline.cohort.redcap import write_dictionary, write_mapping
    from graftline.simulate import simulate_cohort

    spec = importlib.util.spec_from_file_location("redcap_export", ROOT / "tests" / "cohort" / "redcap_export.py")
    helper = sys.modules.setdefault("redcap_export", importlib.util.module_from_spec(spec))
    spec.loader.exec_module(helper)
    tables = simulate_cohort(list(DEMO_ARMS), n=4, seed=18)
    dictionary = write_dictionary(base / "dictionary.csv")
    return dictionary, helper.redcap_export(tables, dictionary, write_mapping(base / "mapping.csv"),
                                            base / "export.csv")


def _cohort(tmp: Path, kind: str) -> Path:
    folder = tmp / f"cohort_{kind}"
    folder.mkdir()
    for table in EXAMPLE.glob("*.csv"):
        _spoil(table, folder / table.name, kind)
    return folder


def _cases(tmp: Path, kind: str, real: dict[str, Path]) -> dict[str, list]:
    def spoilt(name: str, suffix: str) -> Path:
        return _spoil(real[name], tmp / f"{name}_{kind}{suffix}", kind)

    store, project = spoilt("store", ".duckdb"), spoilt("project", ".duckdb")
    table = spoilt("endpoints", ".csv")
    out = tmp / f"out_{kind}"
    bad_option = {"empty": "", "binary": "\x01\x7f\u00ff\ufffd", "truncated": "allo_pb", "folder": "."}[kind]
    return {
        "validate": ["validate", _cohort(tmp, kind)],
        "validate --db": ["validate", "--db", store],
        "ingest": ["ingest", tmp / f"cohort_{kind}", "--db", tmp / f"new_{kind}.duckdb"],
        "ingest --redcap": ["ingest", "--redcap", spoilt("redcap", ".csv"), "--dictionary", real["dictionary"],
                            "--db", tmp / f"redcap_{kind}.duckdb"],
        "ingest --redcap --dictionary": ["ingest", "--redcap", real["redcap"], "--dictionary",
                                         spoilt("dictionary", ".csv"), "--db", tmp / f"redcap_{kind}.duckdb"],
        "redcap convert": ["redcap", "convert", spoilt("redcap", ".csv"), "--dictionary", real["dictionary"],
                           "--out", out / "redcap"],
        "redcap convert --dictionary": ["redcap", "convert", real["redcap"], "--dictionary",
                                        spoilt("dictionary", ".csv"), "--out", out / "redcap"],
        # The commands that read nothing write one file: given a folder where it goes.
        "redcap dictionary": ["redcap", "dictionary", "--out", tmp],
        "redcap mapping": ["redcap", "mapping", "--out", tmp],
        "redcap repeating": ["redcap", "repeating", "--out", tmp],
        "endpoints": ["endpoints", "--db", store, "--out", out / "e.csv"],
        "explain": ["explain", "EX01", "--db", store, "--endpoint", "neutrophil_engraftment"],
        "km": ["km", table, "--time", "os_day", "--event", "os_status", "--group", "arm"],
        "cox": ["cox", table, "--time", "os_day", "--event", "os_status", "-x", "age"],
        "multistate": ["multistate", table, "--out", out / "ms"],
        "rmst": ["rmst", table, "--tau", "100", "--time", "os_day", "--event", "os_status", "--group", "arm"],
        "landmark": ["landmark", table, "--outcome", "os", "--at", "30"],
        "time-dependent": ["time-dependent", table, "--outcome", "os", "-x", "relapse=relapse",
                           "--out", out / "td.csv"],
        "cuminc": ["cuminc", table, "--endpoint", "relapse", "--group", "arm", "--out", out],
        "fine-gray": ["fine-gray", table, "--endpoint", "relapse", "--covariates", "age"],
        "balance": ["balance", table, "--treatment", "arm", "--adjust", "age"],
        "adjusted-curves": ["adjusted-curves", table, "--endpoint", "os", "--treatment", "arm", "--adjust", "age",
                            "--times", "50"],
        "meta": ["meta", spoilt("sheet", ".csv"), "--outcome", "neutrophil_engraftment_days", "--out", out],
        "report": ["report", "--db", store, "--out", out],
        "report --endpoints": ["report", "--endpoints", table, "--out", out],
        "simulate": ["simulate", "--arm", bad_option, "--n", "2", "--seed", "1", "--out", out],
        "predict": ["predict", "--modality", bad_option],
        "power": ["power", "--arm", "chemo", "--arm", bad_option, "--n", "5", "--trials", "2"],
        "demo": ["demo", "--out", spoilt("endpoints", ".demo")],  # a file where the demo folder goes
        "review init": ["review", "init", project],
        "review search-pubmed": ["review", "search-pubmed", "--project", project, "--query", "msc",
                                 "--base-url", "http://127.0.0.1:1/"],
        "review import": ["review", "import", spoilt("ris", ".ris"), "--project", real["project"], "--source", "embase"],
        "review import nbib": ["review", "import", spoilt("nbib", ".nbib"), "--project", real["project"],
                               "--source", "pubmed"],
        "review settings": ["review", "settings", "--project", project, "--reviewers-per-record", "2"],
        "review serve": ["review", "serve", "--project", project, "--port", "0"],
        "review searches": ["review", "searches", "--project", project],
        "review records": ["review", "records", "--project", project],
        "review dedupe": ["review", "dedupe", "--project", project],
        "review duplicates": ["review", "duplicates", "--project", project],
        "review undo-merge": ["review", "undo-merge", "1", "--project", project],
        "review reasons": ["review", "reasons", "--project", project],
        "review screen": ["review", "screen", "1", "--project", project, "--stage", "title_abstract",
                          "--decision", "include", "--reviewer", "anna"],
        "review import-decisions": ["review", "import-decisions", spoilt("decisions", ".csv"), "--project", project],
        "review conflicts": ["review", "conflicts", "--project", project],
        "review not-retrieved": ["review", "not-retrieved", "1", "--project", project],
        "review prioritise": ["review", "prioritise", "--project", project],
        "review prisma": ["review", "prisma", "--from-counts", spoilt("counts", ".csv"), "--out", out],
        "review extraction-sheet": ["review", "extraction-sheet", "--project", project, "--out", out / "s.csv"],
    }


def _command_names() -> set[str]:
    names = set()

    def walk(command, prefix=()):
        for name, sub in command.commands.items():
            if hasattr(sub, "commands"):
                walk(sub, (*prefix, name))
            else:
                names.add(" ".join((*prefix, name)))

    walk(typer.main.get_command(app))
    return names


def test_every_command_has_a_case(tmp_path):
    covered = {case.split(" --")[0].removesuffix(" nbib") for case in _cases(tmp_path, "empty", _fake())}
    assert _command_names() <= covered, sorted(_command_names() - covered)


def _fake() -> dict[str, Path]:
    real = EXAMPLE / "labs.csv"
    return dict.fromkeys(["store", "project", "endpoints", "ris", "nbib", "sheet", "decisions", "counts", "redcap",
                          "dictionary"], real)


@pytest.mark.parametrize("kind", KINDS)
def test_no_command_gives_a_traceback(graftline, tmp_path, originals, kind, monkeypatch):
    monkeypatch.setenv("NCBI_API_KEY", "")
    project_before = originals["project"].read_bytes()
    failures = []
    for name, argv in _cases(tmp_path, kind, originals).items():
        if kind == "folder" and name == "demo":
            continue  # a folder is what demo --out expects
        run = graftline(*argv)
        # --redcap takes a folder holding the export (and its dictionary): one is valid input.
        accepted = kind == "truncated" or (kind == "folder" and name in ("ingest --redcap", "redcap convert"))
        allowed = (0, 1, 2) if accepted else (1, 2)
        if run.code == EXIT_BUG or "Traceback" in run.output or run.code not in allowed:
            failures.append(f"{name} ({kind}): exit {run.code}: {run.output[:400]}")
    assert not failures, "\n".join(failures)
    if kind != "truncated":  # (a truncated export may be a valid shorter one, and is imported)
        # A refused import changes nothing in the project.
        assert originals["project"].read_bytes() == project_before
    shutil.rmtree(tmp_path, ignore_errors=True)
