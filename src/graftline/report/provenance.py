"""What the reader must know about the data before any number: simulated or not,
and which levels the models compare against.

``graftline simulate`` names its patients ``SIM000001``, ``SIM000002``, ...
(:func:`graftline.simulate.tables.simulate_patients`); a cohort whose every
patient has such a name is taken as simulated unless the caller says
otherwise. The report then says so in a banner above everything, in the
title and in Methods, so that a screenshot of a figure cannot be mistaken
for patients' results.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

import pandas as pd

from graftline.errors import InputError

SIMULATED_ID = re.compile(r"SIM\d{6}")

BANNER = ("Simulated data: every patient in this report is a virtual patient made by graftline simulate "
          "(mechanistic blood-count recovery model). These are not results of real patients.")

METHODS = ("Data: virtual patients simulated with graftline simulate (a mechanistic model of blood-count "
           "recovery with the therapy arms' parameters, docs/simulate.md); every estimate describes the "
           "simulation, not patients.")


def looks_simulated(endpoints: pd.DataFrame) -> bool:
    """True when every patient id has the simulator's form ``SIM`` + 6 digits."""
    if "patient_id" not in endpoints.columns or endpoints.empty:
        return False
    ids = endpoints["patient_id"].astype(str)
    return bool(ids.str.fullmatch(SIMULATED_ID.pattern).all())


def apply_reference_levels(endpoints: pd.DataFrame, arms: Sequence[str], reference: Mapping[str, str],
                           adjust: Sequence[str]) -> tuple[pd.DataFrame, tuple[str, ...], dict[str, str]]:
    """Reference levels for the arms (``arm=NAME``) and for categorical adjusters (R's ``relevel``).

    Returns the endpoint table with each named adjuster as a pandas
    ``Categorical`` whose first level is the reference, the arms with the
    reference arm first, and the reference level of every categorical
    adjuster (named or alphabetical, R's default) for the report to state.
    """
    frame = endpoints.copy()
    arms = tuple(arms)
    for column, level in reference.items():
        if column == "arm":
            if level not in arms:
                raise InputError(f"--reference arm={level}: no such arm; the arms are {', '.join(arms)}")
            arms = (level, *[a for a in arms if a != level])
            continue
        if column not in adjust:
            raise InputError(f"--reference {column}={level}: {column} is not among the adjusters "
                             f"({', '.join(adjust) or 'none'}); add it to --adjust")
        values = frame[column]
        if pd.api.types.is_numeric_dtype(values) and not pd.api.types.is_bool_dtype(values):
            raise InputError(f"--reference {column}={level}: {column} is numeric and enters the model as a "
                             "number; a reference level applies to categories")
        levels = sorted(values.dropna().astype(str).unique())
        if level not in levels:
            raise InputError(f"--reference {column}={level}: {column} has no level {level!r}; its levels are "
                             f"{', '.join(levels)}")
        levels.remove(level)
        frame[column] = pd.Categorical(values.where(values.isna(), values.astype(str)),
                                       categories=[level, *levels])
    used = {}
    for column in adjust:
        values = frame[column]
        if isinstance(values.dtype, pd.CategoricalDtype):
            present = [c for c in values.cat.categories if (values == c).any()]
            if present:
                used[column] = str(present[0])
        elif not pd.api.types.is_numeric_dtype(values) and values.notna().any():
            used[column] = str(sorted(values.dropna().astype(str).unique())[0])
    return frame, arms, used
