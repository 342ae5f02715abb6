"""Shared test configuration."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "reference" / "fixtures"
EXAMPLES = ROOT / "examples"


@pytest.fixture(scope="session")
def fixtures_dir() -> Path:
    """R-generated reference fixtures (see tests/reference/README.md)."""
    return FIXTURES


@pytest.fixture(scope="session")
def in_ci() -> bool:
    return os.environ.get("CI", "").lower() in {"1", "true", "yes"}
