"""R reference values for graftline.meta tests (written by tests/reference/meta_*.R)."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
from tolerances import TOLERANCE

FIXTURES = Path(__file__).resolve().parents[1] / "reference" / "fixtures"


def load(name: str) -> dict:
    return json.loads((FIXTURES / name).read_text())


#: metafor rma.uni / regtest / trimfill / leave1out results (meta_rma.R).
RMA = load("meta_rma.json")


#: metafor escalc results (meta_escalc.R).
ESCALC = load("meta_escalc.json")


#: metafor rma.mh, rma.peto and rma.glmm results (meta_sparse.R).
SPARSE = load("meta_sparse.json")


#: metafor influence, cumul, baujat and gosh on dat.bcg (meta_diagnostics.R).
DIAGNOSTICS = load("meta_diagnostics.json")


#: survival's coxph, survdiff and survfit(rmean) on KMsurv bmt (meta_reconstruct.R).
RECONSTRUCT = load("meta_reconstruct.json")


#: R implementation of the Wan/Luo/Shi formulas (meta_conversion.R).
CONVERSION = load("meta_conversion.json")


def assert_close(actual, expected, kind: str = "closed_form", what: str = "") -> None:
    """Compare to a reference with the central tolerance for this kind of quantity."""
    tol = TOLERANCE[kind]
    np.testing.assert_allclose(np.atleast_1d(np.asarray(actual, dtype=float)),
                               np.atleast_1d(np.asarray(expected, dtype=float)),
                               rtol=tol["rtol"], atol=tol["atol"], err_msg=what)
