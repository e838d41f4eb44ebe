"""Fixtures of the spaces tests: PostgreSQL and Redis for the real beat and worker of scheduled publishing."""

from tests.sync.conftest import real_database, real_services  # noqa: F401
