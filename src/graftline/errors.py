"""Errors that describe a user's mistake rather than a bug in graftline.

The command line prints these as plain messages (no traceback) and exits
with status 1; library callers can catch :class:`GraftlineError`.
"""

from __future__ import annotations


class GraftlineError(Exception):
    """Base class for every error caused by input a user can fix."""


class InputError(GraftlineError, ValueError):
    """Input data or arguments are not what graftline expects.

    The message names what is wrong and what was expected, e.g.
    ``labs.csv row 812, column unit: 'mg' is not a cell-count unit for analyte anc``.
    """
