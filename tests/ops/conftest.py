"""A throwaway PostgreSQL database for the operations tests, from the same local server the service's tests use
(tests/service/conftest.py: service/scripts/ensure-postgres.sh, or CHANGWAT_TEST_PG_URL)."""

from __future__ import annotations

import pytest

from service.conftest import fresh_postgres, postgres_admin_url


@pytest.fixture(scope="session")
def pg_admin_url() -> str:
    return postgres_admin_url()


@pytest.fixture
def pg_url(pg_admin_url):
    """A fresh database at the latest schema, dropped afterwards."""
    with fresh_postgres(pg_admin_url, "changwat_ops") as url:
        yield url
