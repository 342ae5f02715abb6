"""The statistics benchmark of the survival and competing-risks issue, in one command.

Runs, one after the other in the same session, ``stats_survival.py``
(Kaplan-Meier, log-rank, Cox against lifelines, scikit-survival,
statsmodels, comprisk and R) and ``stats_cmprsk.py`` (cumulative incidence,
Gray's test and Fine-Gray against comprisk, lifelines, scikit-survival and
R). Arguments are passed to both, e.g.::

    .venv/bin/python benchmarks/stats.py --sizes 10000 100000
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main() -> int:
    status = 0
    for script in ("stats_survival.py", "stats_cmprsk.py"):
        print(f"== {script}", flush=True)
        status |= subprocess.call([sys.executable, str(HERE / script), *sys.argv[1:]])
    return status


if __name__ == "__main__":
    sys.exit(main())
