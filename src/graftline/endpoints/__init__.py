"""Endpoints: the cohort tables turned into one row per patient, as Ibis expressions.

Public API
----------
EndpointDefinitions, PRESETS, DEFAULT_PRESET
    Rule options and the named presets (``harmonized2024`` default,
    ``astct2021``, ``cibmtr``).
endpoint_table(source, definitions)
    The one-row-per-patient endpoint table (an Ibis expression).
endpoint_frame(source, definitions)
    The same, executed, as a pandas DataFrame with stable dtypes.
separate_selects()
    Context manager: compile an endpoint expression you execute yourself as
    ``endpoint_frame`` does (without Ibis's SELECT merging, which is slow on it).
ENDPOINT_COLUMNS, TIME_TO_EVENT_ENDPOINTS, ENGRAFTMENT_ENDPOINTS
    Its column names and endpoint families.
competing(frame, endpoint)
    ``(time, status)`` NumPy arrays for ``graftline.stats``.
explain(source, patient_id, endpoint, definitions)
    The rule applied and the source rows that decided one patient's endpoint.
skin_stage, liver_stage, upper_gi_stage, lower_gi_stage, agvhd_grade, nih_global_severity
    MAGIC / NIH rules for one assessment, in plain Python.
load_tables, CohortTables
    The canonical tables of a store as Ibis expressions.
write_endpoint_table, read_endpoint_table, read_endpoint_definitions, StoredDefinitions
    An endpoint table on disk with the definitions it was derived with.
"""

from graftline.endpoints.competing import competing
from graftline.endpoints.definitions import DEFAULT_PRESET, PRESETS, EndpointDefinitions
from graftline.endpoints.explain import Explanation, explain
from graftline.endpoints.gvhd import (
    agvhd_grade,
    liver_stage,
    lower_gi_stage,
    nih_global_severity,
    skin_stage,
    upper_gi_stage,
)
from graftline.endpoints.stored import (
    StoredDefinitions,
    read_endpoint_definitions,
    read_endpoint_table,
    write_endpoint_table,
)
from graftline.endpoints.table import (
    ENDPOINT_COLUMNS,
    ENGRAFTMENT_ENDPOINTS,
    TIME_TO_EVENT_ENDPOINTS,
    endpoint_frame,
    endpoint_table,
    separate_selects,
)
from graftline.endpoints.tables import CohortTables, load_tables

__all__ = [
    "DEFAULT_PRESET",
    "ENDPOINT_COLUMNS",
    "ENGRAFTMENT_ENDPOINTS",
    "PRESETS",
    "TIME_TO_EVENT_ENDPOINTS",
    "CohortTables",
    "EndpointDefinitions",
    "Explanation",
    "StoredDefinitions",
    "agvhd_grade",
    "competing",
    "endpoint_frame",
    "endpoint_table",
    "explain",
    "liver_stage",
    "load_tables",
    "lower_gi_stage",
    "nih_global_severity",
    "read_endpoint_definitions",
    "read_endpoint_table",
    "separate_selects",
    "skin_stage",
    "upper_gi_stage",
    "write_endpoint_table",
]
