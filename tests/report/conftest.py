"""A simulated three-arm trial and its report, built once per test session (figures are slow)."""

from __future__ import annotations

import pytest

TRIAL_ARMS = ["chemo", "mst", "allo_pbsc_msc"]


@pytest.fixture(scope="session")
def simulated_trial(tmp_path_factory):
    """simulate -> ingest -> report from the store; returns (root folder, Report, endpoint table)."""
    from graftline.cohort import connect, ingest
    from graftline.endpoints import EndpointDefinitions, endpoint_frame
    from graftline.report import build_report
    from graftline.simulate import simulate_cohort

    root = tmp_path_factory.mktemp("trial")
    (root / "cohort").mkdir()
    for name, frame in simulate_cohort(TRIAL_ARMS, n=40, seed=3).items():
        frame.to_parquet(root / "cohort" / f"{name}.parquet", index=False)
    ingest(root / "cohort", root / "cohort.duckdb")
    definitions = EndpointDefinitions.preset("cibmtr")
    report = build_report(root / "cohort.duckdb", root / "report", adjust=("age", "disease_risk"),
                          definitions=definitions)
    endpoints = endpoint_frame(connect(str(root / "cohort.duckdb"), read_only=True), definitions)
    return root, report, endpoints
