"""How graftline compiles its large Ibis expressions to SQL."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import ibis


@contextmanager
def separate_selects() -> Iterator[None]:
    """Compile Ibis expressions without merging consecutive SELECTs (``ibis.options.sql.fuse_selects``).

    The endpoint table and the staged tables of the checks are deep
    expressions; Ibis's merging of each SELECT into the one below it tests
    every candidate merge against the whole tree, which made compiling take
    longer than running on a small cohort (3.5 s against 2.0 s for the whole
    ``graftline endpoints`` on 36 patients). The engines flatten the nested
    SELECTs themselves, so the rows are the same (the DuckDB, PostgreSQL and
    Spark equivalence tests run under this setting). The previous setting is
    restored on exit. Ibis options are process-wide: do not compile other
    expressions in other threads meanwhile.
    """
    previous = ibis.options.sql.fuse_selects
    ibis.options.sql.fuse_selects = False
    try:
        yield
    finally:
        ibis.options.sql.fuse_selects = previous
