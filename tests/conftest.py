"""Shared test configuration."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "reference" / "fixtures"
EXAMPLES = ROOT / "examples"


# Property-based tests (hypothesis): a fixed seed (the same examples on every run, no example
# database written) and few examples under CI=true, more on a developer's machine; setting
# GRAFTLINE_FUZZ_EXAMPLES=500 explores with that many fresh random examples per test. A test's
# own @settings(max_examples=...) still wins over the profile.
_COMMON = {"deadline": None, "database": None, "suppress_health_check": [HealthCheck.too_slow]}
settings.register_profile("ci", max_examples=10, derandomize=True, **_COMMON)
settings.register_profile("dev", max_examples=25, derandomize=True, **_COMMON)
settings.register_profile("explore", max_examples=int(os.environ.get("GRAFTLINE_FUZZ_EXAMPLES") or 500),
                          derandomize=False, **_COMMON)
settings.load_profile("explore" if os.environ.get("GRAFTLINE_FUZZ_EXAMPLES")
                      else "ci" if os.environ.get("CI", "").lower() in {"1", "true", "yes"} else "dev")


@pytest.fixture(scope="session")
def fixtures_dir() -> Path:
    """R-generated reference fixtures (see tests/reference/README.md)."""
    return FIXTURES


@pytest.fixture(scope="session")
def in_ci() -> bool:
    return os.environ.get("CI", "").lower() in {"1", "true", "yes"}


#: Settings for a test session: the data are small, so one shuffle partition and interpreted
#: plans (no whole-stage code generation) beat compiling code; a JVM that only runs for a
#: minute starts faster with the C1 compiler alone.
SPARK_TEST_CONFIG = {
    "spark.sql.shuffle.partitions": "1",
    "spark.sql.codegen.wholeStage": "false",
    "spark.driver.memory": "1g",
    "spark.driver.extraJavaOptions": "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC",
}


@pytest.fixture(scope="session")
def spark(in_ci):
    """One local Spark session (loopback, 2 cores, 1 GB) shared by every Spark test of the run.

    Skipped with the reason when PySpark or Java is missing outside CI; under
    ``CI=true`` a missing Spark fails the test (``.ci/run`` installs Java and
    ``make test`` installs PySpark).
    """
    import shutil

    missing = []
    try:
        import pyspark  # noqa: F401
    except ImportError:
        missing.append("PySpark (pip install 'graftline[spark]')")
    if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
        missing.append("Java 17 (apt-get install openjdk-17-jre-headless)")
    if missing:
        reason = "Spark tests need " + " and ".join(missing)
        if in_ci:
            pytest.fail(f"CI=true but {reason}")
        pytest.skip(reason)
    from graftline.cohort.spark import connect_spark

    con = connect_spark("spark://local[2]", config=SPARK_TEST_CONFIG)
    yield con
    con._session.stop()


@pytest.fixture(scope="session")
def postgres_schema(in_ci):
    """Factory: ``postgres_schema(name)`` -> an Ibis connection to a fresh PostgreSQL schema.

    Needs ``GRAFTLINE_PG_URL``; skipped with the reason outside CI when it is
    unset or unreachable, a failure under ``CI=true``. The schemas are
    dropped at the end of the run.
    """
    from urllib.parse import urlparse

    import ibis

    url = os.environ.get("GRAFTLINE_PG_URL")
    if not url:
        if in_ci:
            pytest.fail("CI=true but GRAFTLINE_PG_URL is not set: the PostgreSQL tests must run in CI")
        pytest.skip("GRAFTLINE_PG_URL is not set (start PostgreSQL and set it to run the PostgreSQL tests)")
    parts = urlparse(url)
    options = dict(host=parts.hostname, port=parts.port or 5432, user=parts.username, password=parts.password,
                   database=parts.path.lstrip("/"))
    try:
        admin = ibis.postgres.connect(**options)
    except Exception as error:  # noqa: BLE001 - any connection failure means "no server"
        if in_ci:
            raise
        pytest.skip(f"no PostgreSQL server reachable at {parts.hostname}:{parts.port}: {error}")
    created = []

    def make(name: str):
        admin.raw_sql(f"DROP SCHEMA IF EXISTS {name} CASCADE; CREATE SCHEMA {name}")
        created.append(name)
        return ibis.postgres.connect(**options, schema=name)

    yield make
    for name in created:
        admin.raw_sql(f"DROP SCHEMA IF EXISTS {name} CASCADE")
