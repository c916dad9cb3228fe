"""A throwaway PostgreSQL database for the operations tests, from the same local server the service's tests use
(service/scripts/ensure-postgres.sh; CHANGWAT_TEST_PG_URL overrides it, as in tests/service/conftest.py)."""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SERVICE = ROOT / "service"
if str(SERVICE) not in sys.path:
    sys.path.insert(0, str(SERVICE))

from sqlalchemy import create_engine, text  # noqa: E402

from changwat_service.db import migrate  # noqa: E402


@pytest.fixture(scope="session")
def pg_admin_url() -> str:
    if os.environ.get("CHANGWAT_TEST_PG_URL"):
        return os.environ["CHANGWAT_TEST_PG_URL"]
    script = SERVICE / "scripts" / "ensure-postgres.sh"
    result = subprocess.run(["bash", str(script)], capture_output=True, text=True, timeout=600)
    if result.returncode != 0:
        pytest.fail(f"PostgreSQL could not be started by {script}:\n{result.stdout}\n{result.stderr}", pytrace=False)
    return result.stdout.strip().splitlines()[-1]


@pytest.fixture
def pg_url(pg_admin_url):
    """A fresh database at the latest schema, dropped afterwards."""
    name = f"changwat_ops_{uuid.uuid4().hex[:10]}"
    admin = create_engine(pg_admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    url = pg_admin_url.rsplit("/", 1)[0] + f"/{name}"
    try:
        migrate(url)
        yield url
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()
