"""The Methods section names the preset and every deviation from it."""

from __future__ import annotations

import pandas as pd

from graftline.endpoints import EndpointDefinitions
from graftline.report.html import Definitions, Paragraph, TableBlock, render_html
from graftline.report.inputs import ReportInputs
from graftline.report.methods import methods_section


def _inputs(definitions):
    return ReportInputs(pd.DataFrame({"patient_id": [], "arm": []}), None, "cohort store", definitions)


def test_every_deviation_is_listed():
    definitions = EndpointDefinitions.preset("astct2021").replace(engraftment_max_gap_days=3, platelet_threshold=30.0)
    section = methods_section(_inputs(definitions), ("age",), "2026-01-02")
    texts = [b.text for b in section.blocks if isinstance(b, Paragraph)]
    assert "Endpoint definitions: preset 'astct2021' with 2 deviation(s):" in texts
    deviations = next(b.frame for b in section.blocks if isinstance(b, TableBlock) and b.caption.startswith("Deviations"))
    assert deviations.set_index("option").loc["engraftment_max_gap_days", "value used"] == "3"
    assert deviations.set_index("option").loc["platelet_threshold", "value used"] == "30.0"
    versions = dict(next(b for b in section.blocks if isinstance(b, Definitions)).items)
    assert versions["report date"] == "2026-01-02" and "numpy" in versions and "python" in versions
    assert "adjusted for age" in " ".join(texts)
    html = render_html("t", "s", [section])
    assert "engraftment_max_gap_days" in html


def test_user_supplied_endpoint_table_says_so():
    section = methods_section(_inputs(None), (), "2026-01-02")
    texts = " ".join(b.text for b in section.blocks if isinstance(b, Paragraph))
    assert "graftline did not derive it" in texts
