"""The PostgreSQL half of the suite: a real server, a fresh schema per test session.

The server is the one at DISCLOSE_TEST_PG (default: the local one, trust authentication,
database `test`). Without one, the PostgreSQL variants are skipped with a message saying
how to run them, unless DISCLOSE_TEST_REQUIRE_PG=1 (set by .ci/run): then a missing server
fails the run, so CI can never pass by skipping them.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any
from urllib.parse import quote

import pytest

SERVER = os.environ.get("DISCLOSE_TEST_PG", "postgresql://postgres@127.0.0.1:5432/test")
REQUIRED = os.environ.get("DISCLOSE_TEST_REQUIRE_PG") == "1"
HOW = ("start PostgreSQL on 127.0.0.1:5432 (trust authentication, database `test`) or "
       "point DISCLOSE_TEST_PG at a server where the connecting role may create schemas "
       "and roles")


def admin() -> Any:
    """A superuser connection to the test server, or the skip (or failure) that says why
    there is none."""
    try:
        import psycopg

        return psycopg.connect(SERVER, autocommit=True, connect_timeout=3)
    except Exception as exc:
        message = f"no PostgreSQL server at {SERVER} ({str(exc).strip().splitlines()[0]}): {HOW}"
        if REQUIRED:
            pytest.fail(f"DISCLOSE_TEST_REQUIRE_PG=1 but {message}", pytrace=False)
        pytest.skip(message)


def url_for(schema: str, server: str = SERVER, user: str | None = None) -> str:
    """A ledger URL whose connections work in `schema` (libpq's `options`), optionally as
    another login role."""
    if user is not None:
        scheme, rest = server.split("://", 1)
        server = f"{scheme}://{user}@{rest.split('@', 1)[-1]}"
    glue = "&" if "?" in server else "?"
    return f"{server}{glue}options={quote(f'-csearch_path={schema}')}"


class Server:
    """One schema for the whole session, emptied between tests."""

    def __init__(self) -> None:
        self.conn = admin()
        self.schema = f"disclose_test_{os.getpid()}_{secrets.token_hex(3)}"
        self.conn.execute(f"CREATE SCHEMA {self.schema}")
        self.url = url_for(self.schema)

    def empty(self) -> None:
        """Every ledger table emptied and its ids restarted at 1, in one round trip. The
        append-only triggers refuse DELETE, so they are switched off for this transaction
        (superuser only); DELETE, not TRUNCATE, which costs a new file per table."""
        tables = [t for t in self.tables() if t != "schema_migrations"]
        if not tables:
            return
        statements = ["SET LOCAL session_replication_role = replica"]
        # children before the rows they refer to
        for table in sorted(tables, key=lambda t: t not in ("application_events", "reviews")):
            statements.append(f"DELETE FROM {self.schema}.{table}")
            if table not in ("chain", "liaisons"):
                statements.append(f"SELECT setval(pg_get_serial_sequence("
                                  f"'{self.schema}.{table}', 'id'), 1, false)")
        with self.conn.transaction():
            self.conn.execute("; ".join(statements))

    def tables(self) -> list[str]:
        return [r[0] for r in self.conn.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = %s", [self.schema])]

    def counts(self) -> dict[str, int]:
        return {t: self.conn.execute(f"SELECT count(*) FROM {self.schema}.{t}").fetchone()[0]
                for t in self.tables()}

    @contextmanager
    def login_role(self, name: str, group: str | None,
                   agencies: tuple[str, ...] = ()) -> Iterator[str]:
        """A login role in `group` (or in none), reporting for `agencies`; its ledger URL.
        Roles are the whole server's, so each is dropped again afterwards."""
        role = f"{name}_{secrets.token_hex(2)}"
        self.conn.execute(f"CREATE ROLE {role} LOGIN" + (f" IN ROLE {group}" if group else ""))
        try:
            for agency in agencies:
                self.conn.execute(f"INSERT INTO {self.schema}.liaisons (login, agency) "
                                  "VALUES (%s, %s)", [role, agency])
            yield url_for(self.schema, user=role)
        finally:
            self.conn.execute(f"DELETE FROM {self.schema}.liaisons WHERE login = %s", [role])
            self.conn.execute(f"DROP OWNED BY {role}")
            self.conn.execute(f"DROP ROLE {role}")

    @contextmanager
    def connect_as(self, group: str, agencies: tuple[str, ...] = ()) -> Iterator[Any]:
        """A connection of a new login role in `group`, going around the tool as any
        client of the server could (autocommit, like psql)."""
        import psycopg

        with self.login_role("client", group, agencies) as url, \
                psycopg.connect(url, autocommit=True) as conn:
            yield conn

    @contextmanager
    def fresh_schema(self) -> Iterator[str]:
        """Another, empty schema for a test that must start from nothing; its URL."""
        schema = f"{self.schema}_{secrets.token_hex(2)}"
        self.conn.execute(f"CREATE SCHEMA {schema}")
        try:
            yield url_for(schema)
        finally:
            self.conn.execute(f"DROP SCHEMA {schema} CASCADE")

    def execute(self, statement: str) -> list[tuple[Any, ...]]:
        """One statement in the session schema, as the superuser, in its own transaction."""
        with self.conn.transaction():
            self.conn.execute(f"SET LOCAL search_path TO {self.schema}")
            cur = self.conn.execute(statement)
            return list(cur.fetchall()) if cur.description else []

    def close(self) -> None:
        self.conn.execute(f"DROP SCHEMA {self.schema} CASCADE")
        self.conn.close()


# a monthly report of czj's as a client going around the tool would insert it
SUBMISSION = {"plan": "qth-2015", "kind": "monthly", "agency": "czj", "task": "K2-1",
              "period": "2015-08", "received_on": "2015-08-28", "summary": "公开了预算",
              "links": "[]", "recorded_at": "2015-08-28T09:30:00+08:00", "recorded_by": "wang"}


def insert(conn: Any, table: str, values: dict[str, Any], given_ids: str = "") -> int:
    """One row inserted over `conn`, as written; its id."""
    return int(conn.execute(
        f"INSERT INTO {table} ({', '.join(values)}) {given_ids} "
        f"VALUES ({', '.join(['%s'] * len(values))}) RETURNING id",
        list(values.values())).fetchone()[0])


def next_entry(conn: Any, table: str, row_id: int) -> list[Any]:
    """The chain entry the tool would write next for a row, as the session sees the chain
    and the row: seq, table, row id, previous hash, hash."""
    from qth_disclosure.ledger import chain
    from qth_disclosure.ledger.postgres import PostgresBackend

    backend = PostgresBackend(conn, "the test's connection")
    seq, previous = chain.head(backend)
    row = chain.read_rows(backend, table, [row_id])[row_id]
    return [seq + 1, table, row_id, previous, chain.row_hash(previous, table, row)]
