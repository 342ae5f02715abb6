"""The self-contained HTML report of a cohort: figures, Table 1, estimates, methods.

Public API
----------
build_report(con_or_endpoints, out_dir, *, adjust=(), include_ids=False, definitions=None, store=None)
    Write ``index.html`` (one self-contained file), ``figures/*.svg|png`` and
    ``tables/*.csv``; returns a :class:`Report`.
table1(patients, arms)
    Table 1 by arm with tests between arms.
plot_step_curves, plot_category_bars, numbers_at_risk, save_figure
    The journal-style figures.
make_palette, arm_order
    Arm order and colours shared by every figure of a report.

See ``docs/report.md``.
"""

from graftline.report.build import Report, build_report
from graftline.report.figures import (
    StepCurve,
    TimeAxis,
    numbers_at_risk,
    plot_category_bars,
    plot_step_curves,
    save_figure,
    time_axis,
)
from graftline.report.palette import Palette, arm_order, make_palette
from graftline.report.table1 import Table1, table1

__all__ = [
    "Palette",
    "Report",
    "StepCurve",
    "Table1",
    "TimeAxis",
    "arm_order",
    "build_report",
    "make_palette",
    "numbers_at_risk",
    "plot_category_bars",
    "plot_step_curves",
    "save_figure",
    "table1",
    "time_axis",
]
