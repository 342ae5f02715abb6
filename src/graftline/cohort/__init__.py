"""Canonical cohort tables, readers, unit normalisation, validation and the store."""

from graftline.cohort.schema import TABLES, Column, Table, TimeField

__all__ = ["TABLES", "Column", "Table", "TimeField"]
