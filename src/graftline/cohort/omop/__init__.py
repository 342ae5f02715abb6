"""OMOP CDM v5.4 as a graftline source: lazy Ibis views onto the canonical tables.

Public API::

    omop_tables(con, concepts=None, database=None) -> {table: Ibis expression}
    load_concept_sets(folder=None) -> ConceptSets     shipped sets, a site's folder overriding
    NOT_MAPPED                                         what OMOP cannot give, with the reason
    cohort_to_omop(tables) -> (CDM frames, person ids) a cohort written as a CDM (tests, benchmarks)
    write_omop(con, frames)                            those frames into any Ibis backend
"""

from graftline.cohort.omop.concepts import ConceptSets, load_concept_sets
from graftline.cohort.omop.views import NOT_MAPPED, omop_tables
from graftline.cohort.omop.writer import cohort_to_omop, write_omop

__all__ = ["NOT_MAPPED", "ConceptSets", "cohort_to_omop", "load_concept_sets", "omop_tables", "write_omop"]
