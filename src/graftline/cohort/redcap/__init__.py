"""REDCap in and out: graftline's data dictionary, and ingest of REDCap exports.

Public API::

    graftline_dictionary() -> (fields, maps)    the data dictionary, derived from the schema
    write_dictionary(path), write_mapping(path) the dictionary REDCap imports, its mapping
    write_repeating(path)                       which instruments repeat (REDCap's import format)
    validate_redcap(export, dictionary=...)     every problem, located by record/instrument/instance/field
    ingest_redcap(export, db, dictionary=...)   all or nothing, through graftline.cohort.ingest
    convert_redcap(export, out, dictionary=...) the canonical tables, for inspection

See docs/redcap.md ("From REDCap to a report").
"""

from graftline.cohort.redcap.dictionary import (
    graftline_dictionary,
    repeating_instruments,
    write_dictionary,
    write_mapping,
    write_repeating,
)
from graftline.cohort.redcap.format import DictionaryField, check_dictionary, read_dictionary
from graftline.cohort.redcap.ingest import (
    ROWS_TABLE,
    RedcapIngestResult,
    RedcapSource,
    convert_redcap,
    find_source,
    ingest_redcap,
    validate_redcap,
)
from graftline.cohort.redcap.mapping import FieldMap, read_mapping
from graftline.cohort.redcap.problems import RedcapProblem, RedcapReport, RedcapValidationError

__all__ = [
    "ROWS_TABLE",
    "DictionaryField",
    "FieldMap",
    "RedcapIngestResult",
    "RedcapProblem",
    "RedcapReport",
    "RedcapSource",
    "RedcapValidationError",
    "check_dictionary",
    "convert_redcap",
    "find_source",
    "graftline_dictionary",
    "ingest_redcap",
    "read_dictionary",
    "read_mapping",
    "repeating_instruments",
    "validate_redcap",
    "write_dictionary",
    "write_mapping",
    "write_repeating",
]
