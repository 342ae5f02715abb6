"""The screening app in real headless Chromium (Debian's, over the DevTools
protocol; nothing is downloaded), started as a user would:
``graftline review serve -p project.duckdb --port 0``.

Two reviewers screen 20 records with the keyboard in blinded dual mode and
disagree on 3; the consensus reviewer resolves them; both screen the full
texts; the PRISMA counts on the page equal those `graftline review prisma`
writes once the server has stopped. One screenshot per view is saved in
``test-artifacts/`` (and, with GRAFTLINE_DOCS_SCREENSHOTS=1, in ``docs/images/``
for the walkthrough); every request any page made went to the server on
127.0.0.1.
"""

from __future__ import annotations

import csv
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from .chromium import Chromium, chromium_path

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"
DOCS_IMAGES = ROOT / "docs" / "images"

TOPICS = ["mesenchymal stromal cell co-infusion", "microtransplantation", "haploidentical transplantation",
          "cord blood transplantation", "post-transplant cyclophosphamide"]
OUTCOMES = ["platelet engraftment", "neutrophil recovery", "acute GVHD", "relapse", "overall survival"]

# Title/abstract plan, by record id. anna and ben agree except on 7, 8, 9.
ANNA_INCLUDES = {1, 2, 9}
BEN_INCLUDES = {1, 2, 7, 8}
CONSENSUS = {7: "include", 8: "exclude", 9: "include"}
FULL_TEXT_INCLUDES = {1, 2}  # the other two passing records (7, 9) are excluded: wrong comparator (reason 3)


def write_records(path: Path) -> None:
    """20 records: 1-9 about MSC/HSCT in patients, 10-20 about mice or other designs."""
    with path.open("w", newline="") as handle:
        out = csv.writer(handle)
        out.writerow(["Title", "Authors", "Abstract", "Published Year", "Journal", "DOI"])
        for k in range(1, 21):
            topic, outcome = TOPICS[k % 5], OUTCOMES[(k // 5) % 5]
            if k <= 9:
                title = f"{topic.capitalize()} and {outcome} in patients with leukaemia: trial {k}"
                abstract = (f"We randomised adults to {topic} or standard transplantation and report {outcome}. "
                            "Mesenchymal cells were given with the graft.")
            else:
                title = f"{topic.capitalize()} in a murine model of {outcome} <script>alert({k})</script> {k}"
                abstract = f"Mice received {topic}; {outcome} was measured in the animals & their controls."
            out.writerow([title, f"Author{k}, A.; Coauthor, B.", abstract, 2015 + k % 10, "Blood",
                          f"10.1182/blood.2020.{k:04d}"])


def run(*args: str) -> subprocess.CompletedProcess:
    graftline = Path(sys.executable).with_name("graftline")
    return subprocess.run([str(graftline), *args], capture_output=True, text=True, timeout=120, check=True)


def shown_record(page) -> int | None:
    value = page.evaluate("document.getElementById('record') ? document.getElementById('record').dataset.recordId "
                          ": null")
    return None if value is None else int(value)


def screen_title_abstract(page, includes: set[int], *, reason_key: str | None) -> list[int]:
    seen = []
    for _ in range(40):
        record = shown_record(page)
        if record is None:
            break
        seen.append(record)
        if record in includes:
            page.press("i")
        else:
            if reason_key:
                page.press(reason_key, navigates=False)
            page.press("e")
    return seen


def save(page, name: str) -> None:
    path = ARTIFACTS / f"screening-{name}.png"
    page.screenshot(path)
    if os.environ.get("GRAFTLINE_DOCS_SCREENSHOTS") == "1":
        DOCS_IMAGES.mkdir(parents=True, exist_ok=True)
        shutil.copy(path, DOCS_IMAGES / path.name)


@pytest.mark.browser
def test_blinded_dual_screening_in_chromium(tmp_path, in_ci):
    executable = chromium_path(in_ci)
    if not in_ci:
        pytest.importorskip("websocket", reason="websocket-client (test extra) drives Chromium's DevTools protocol")
    project = tmp_path / "review.duckdb"
    write_records(tmp_path / "records.csv")
    run("review", "init", str(project))
    run("review", "import", str(tmp_path / "records.csv"), "-p", str(project), "-s", "pubmed")
    run("review", "settings", "-p", str(project), "--highlight-include", "mesenchymal, patients, randomi*",
        "--highlight-exclude", "mice, murine, animal*")
    graftline = Path(sys.executable).with_name("graftline")
    server = subprocess.Popen([str(graftline), "review", "serve", "-p", str(project), "--port", "0"],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    browser = None
    try:
        line = server.stdout.readline()
        assert " at http://127.0.0.1:" in line, line + server.stderr.read()
        url = line.split(" at ")[1].split("/login")[0]
        assert Path(str(project) + ".serve").read_text().strip() == url
        browser = Chromium(executable, tmp_path / "profile")
        anna, ben, consensus = browser.new_page(), browser.new_page(), browser.new_page()

        for page, name in ((anna, "anna"), (ben, "ben")):
            page.navigate(f"{url}/login")
            if name == "anna":
                save(page, "login")
            page.evaluate("document.querySelector('input[name=name]').focus()")
            page.type_text(name)
            page.press("Enter")
            assert page.evaluate("document.getElementById('reviewer').textContent") == name

        # Undo: anna excludes her first record, takes it back, and sees it again.
        first = shown_record(anna)
        save(anna, "title-abstract")
        anna.press("e")
        assert shown_record(anna) != first
        anna.press("u")
        assert shown_record(anna) == first

        seen_by_anna = screen_title_abstract(anna, ANNA_INCLUDES, reason_key="1")
        assert sorted(seen_by_anna) == list(range(1, 21))
        # Blinded: ben cannot open the conflicts view and never sees anna's decisions.
        ben.navigate(f"{url}/conflicts/title_abstract")
        assert "only the consensus reviewer sees" in ben.evaluate("document.body.textContent")
        save(ben, "blinded")
        ben.navigate(f"{url}/screen/title_abstract")
        seen_by_ben = []
        for _ in range(40):
            record = shown_record(ben)
            if record is None:
                break
            assert "anna" not in ben.evaluate("document.body.textContent")
            seen_by_ben.append(record)
            ben.press("i" if record in BEN_INCLUDES else "e")
        assert sorted(seen_by_ben) == list(range(1, 21))
        # Titles are escaped, never run: the <script> in records 10-20 is text.
        assert anna.evaluate("document.scripts.length") == 1

        consensus.navigate(f"{url}/login")
        consensus.evaluate("document.querySelector('input[name=name]').focus()")
        consensus.type_text("consensus")
        consensus.press("Enter")
        listed = consensus.evaluate("Array.from(document.querySelectorAll('li.conflict')).map(e => "
                                    "Number(e.dataset.recordId))")
        assert listed == [7, 8, 9]
        save(consensus, "conflicts")
        for record, decision in CONSENSUS.items():
            consensus.click(f"#resolve-{record} button[value={decision}]")
        assert consensus.evaluate("document.getElementById('no-conflicts') !== null")

        for page in (anna, ben):
            page.navigate(f"{url}/screen/full_text")
            for _ in range(20):
                record = shown_record(page)
                if record is None:
                    break
                if page is anna and record == 1:
                    save(page, "full-text")
                if record in FULL_TEXT_INCLUDES:
                    page.press("i")
                else:
                    page.press("3", navigates=False)
                    page.press("e")
            assert page.evaluate("document.getElementById('done') !== null")

        consensus.navigate(f"{url}/progress")
        save(consensus, "progress")
        on_page = consensus.evaluate("Object.fromEntries(Array.from(document.querySelectorAll('#prisma td'))"
                                     ".map(td => [td.dataset.key, Number(td.textContent)]))")
        requests = [r for page in browser.pages for r in page.requests]
    finally:
        if browser is not None:
            browser.close()
        server.send_signal(signal.SIGINT)
        server.wait(timeout=60)
    assert not Path(str(project) + ".serve").exists()

    assert requests and all(r.startswith(url + "/") or r == "about:blank" for r in requests), requests
    out = tmp_path / "prisma"
    run("review", "prisma", "-p", str(project), "--out", str(out))
    with (out / "prisma_counts.csv").open() as handle:
        counts = {row["key"]: int(row["n"]) for row in csv.DictReader(handle)}
    from_cli = {
        "identified": sum(v for k, v in counts.items() if k.startswith("identified.")),
        "duplicates": counts["removed.duplicates"], "screened": counts["screened"],
        "excluded": counts["screened.excluded"], "sought": counts["reports.sought"],
        "not_retrieved": counts["reports.not_retrieved"], "assessed": counts["reports.assessed"],
        "reports_excluded": sum(v for k, v in counts.items() if k.startswith("reports.excluded.")),
        "included": counts["studies.included"],
    }
    assert {k: on_page[k] for k in from_cli} == from_cli
    # And the numbers the plan implies: 16 excluded at title/abstract (3-6, 8, 10-20), 4 full texts
    # (1, 2, 7, 9), 2 excluded for "wrong comparator", 2 included; nothing left open.
    assert from_cli == {"identified": 20, "duplicates": 0, "screened": 20, "excluded": 16, "sought": 4,
                        "not_retrieved": 0, "assessed": 4, "reports_excluded": 2, "included": 2}
    assert counts["reports.excluded.wrong comparator"] == 2
    assert (on_page["awaiting_ta"], on_page["conflicts_ta"], on_page["awaiting_ft"]) == (0, 0, 0)
    for view in ("login", "title-abstract", "blinded", "conflicts", "full-text", "progress"):
        assert (ARTIFACTS / f"screening-{view}.png").stat().st_size > 5_000, view
