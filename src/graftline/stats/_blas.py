"""Run an estimator with one BLAS thread.

The estimators over a cohort multiply tall, narrow matrices (n patients x a
few model terms). For these, a multi-threaded BLAS is no faster on the
clock, but its idle threads spin between calls: on a 2-core machine
``adjusted_risks`` at 1 M patients took 1.5 s on the clock either way and
2.3 s of CPU with OpenBLAS's threads against 1.5 s with one
(benchmarks/adjusted_ate.py). The limit holds only during the call; the
caller's BLAS settings are restored after it.
"""

from __future__ import annotations

import functools

from threadpoolctl import threadpool_limits


def single_blas_thread(function):
    """Decorate ``function`` so that BLAS uses one thread while it runs."""

    @functools.wraps(function)
    def limited(*args, **kwargs):
        with threadpool_limits(limits=1, user_api="blas"):
            return function(*args, **kwargs)

    return limited
