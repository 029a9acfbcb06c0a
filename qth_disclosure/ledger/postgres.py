"""The PostgreSQL backend: one ledger for liaisons on many machines, through psycopg 3.

Writers are serialised by the server, not by the clients: each write transaction first
takes a transaction-scoped advisory lock named after the ledger's schema, so the chain's
head and the revision numbering are read and extended by one writer at a time; the
primary and unique keys (`chain.seq`, `chain (tbl, row_id)`, `submissions.revision_of`)
refuse whatever a writer without the lock would get wrong. Roles and row-level security
(migration `server_roles`) decide on the server who may insert what.

psycopg is imported only here, when a URL asks for PostgreSQL: it takes longer to import
than the rest of a `status` run.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from qth_disclosure.errors import LedgerError
from qth_disclosure.ledger.location import secrets, shown

if TYPE_CHECKING:
    import psycopg

# How long a writer waits for another's transaction before "ledger busy": the turn a
# writer of an SQLite ledger is given (sqlite.TURN_SECONDS). Measured, 64 liaisons
# submitting at once on two cores left the last waiting 12 s, past the 10 s this was.
LOCK_TIMEOUT_MS = 120_000
CONNECT_TIMEOUT_S = 10


class PostgresBackend:
    dialect = "postgresql"

    def __init__(self, conn: psycopg.Connection[Any], location: str) -> None:
        self.conn = conn
        self.location = location

    @classmethod
    def connect(cls, url: str) -> PostgresBackend:
        try:
            import psycopg
        except ImportError as exc:  # pragma: no cover - psycopg is a dependency
            raise LedgerError("ledger_unopenable", location=shown(url),
                              reason="the psycopg package is not installed") from exc
        try:
            # autocommit: reads see the latest committed rows and never hold a transaction
            # open; writes open theirs explicitly (`write`)
            conn = psycopg.connect(url, autocommit=True, connect_timeout=CONNECT_TIMEOUT_S,
                                   application_name="disclose")
            # one round trip: the setting, and the schema the ledger is in (none when the
            # search_path names no schema this role may use)
            _, schema = _one(conn.execute("SELECT set_config('lock_timeout', %s, false), "
                                          "current_schema()", [str(LOCK_TIMEOUT_MS)]))
            if schema is None:
                _refuse_unusable_schema(conn, shown(url))
        except psycopg.ProgrammingError as exc:  # libpq could not parse the URL
            reason = _secretless(_first_line(exc).split(' in URI: "')[0], url)
            raise LedgerError("ledger_bad_url", location=shown(url), reason=reason) from exc
        except psycopg.Error as exc:
            raise LedgerError("ledger_unreachable", location=shown(url),
                              reason=_secretless(_first_line(exc), url)) from exc
        return cls(conn, shown(url))

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        import psycopg

        try:
            if params:
                # the ledger's SQL never holds a literal ? or % (values are always
                # parameters), so the placeholders translate by plain replacement
                return self.conn.execute(sql.replace("?", "%s"), list(params))
            return self.conn.execute(sql)
        except psycopg.Error as exc:
            raise ledger_error(exc, self.location) from exc

    def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        import psycopg

        try:
            with self.conn.cursor() as cur:
                cur.executemany(sql.replace("?", "%s"), rows)
        except psycopg.Error as exc:
            raise ledger_error(exc, self.location) from exc

    def insert_copied(self, table: str, names: Sequence[str],
                      rows: Sequence[Sequence[Any]]) -> None:
        """By COPY, one stream for all of `rows`: each row still meets every trigger and
        CHECK an INSERT meets, without a statement (parsed, sent and answered) per row.
        COPY writes the ids it is given, as INSERT ... OVERRIDING SYSTEM VALUE does, into
        columns GENERATED ALWAYS (migration 7); the id check lets the owner do so."""
        import psycopg

        try:
            with self.conn.cursor() as cur, cur.copy(
                    f"COPY {table} ({', '.join(names)}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        except psycopg.Error as exc:
            raise ledger_error(exc, self.location) from exc

    def insert(self, table: str, row: dict[str, Any]) -> int:
        cur = self.execute(f"INSERT INTO {table} ({', '.join(row)}) "
                           f"VALUES ({', '.join('?' * len(row))}) RETURNING id",
                           list(row.values()))
        return int(cur.fetchone()[0])

    @contextmanager
    def write(self) -> Iterator[None]:
        """One transaction, after every earlier writer's: all of it is written, or none."""
        import psycopg

        try:
            with self.conn.transaction():
                # whatever the server's default: each statement after the lock must see
                # what the writer before committed (the chain's head, the latest revision)
                self.conn.execute("SET TRANSACTION ISOLATION LEVEL READ COMMITTED")
                self.conn.execute(
                    "SELECT pg_advisory_xact_lock(hashtext('qth-disclosure ledger ' "
                    "|| current_schema()))")
                yield
        except psycopg.Error as exc:
            raise ledger_error(exc, self.location) from exc

    @contextmanager
    def snapshot(self) -> Iterator[None]:
        import psycopg

        try:
            with self.conn.transaction():
                self.conn.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
                yield
        except psycopg.Error as exc:
            raise ledger_error(exc, self.location) from exc

    def ids_inserted(self, table: str) -> None:
        # an identity column's sequence does not see ids given explicitly
        self.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), max(id)) "
                     f"FROM {table} HAVING max(id) IS NOT NULL")

    def grown(self, tables: Sequence[str]) -> None:
        # The server's checks keep the plans they made for a table's size when a session
        # first ran them; a copy into a new ledger makes them when its tables are empty,
        # and a scan of a table thought empty, run for every row, makes the copy
        # quadratic. ANALYZE gives the tables their size, and invalidates those plans.
        self.execute(f"ANALYZE {', '.join(tables)}")

    def table_exists(self, table: str) -> bool:
        # a query of the catalog, not to_regclass(): that reads caches a transaction which
        # waited for a migrating writer may not have refreshed yet
        return self.execute(
            "SELECT 1 FROM pg_tables WHERE schemaname = current_schema() AND tablename = ?",
            [table]).fetchone() is not None

    def tables(self) -> list[str]:
        """The tables and views in the ledger's schema (the first of the search_path that
        exists), whoever may read them."""
        found = [r[0] for r in self.execute(
            "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p', 'v', 'm', 'f') "
            "ORDER BY c.relname")]
        if not found:
            schema, path = self.execute(
                "SELECT current_schema(), current_setting('search_path')").fetchone()
            if schema is None:  # not "no ledger": nowhere to make one either
                raise LedgerError("ledger_no_schema", location=self.location,
                                  reason=f"search_path = {path}")
        return found

    @contextmanager
    def reading_raw_text(self) -> Iterator[None]:
        """Nothing to do: the server keeps only valid text in a text column."""
        yield

    def integrity_problem(self) -> str | None:
        """PostgreSQL checks its pages as it reads them (and with data checksums, if the
        cluster has them); a full read of every ledger table is what verify adds."""
        return None

    def backup(self, target: Path, progress: Callable[[int, int], None] | None) -> None:
        raise LedgerError("backup_postgresql", location=self.location, target=str(target))

    def size_bytes(self) -> int:
        from qth_disclosure.ledger.chain import CHAINED

        tables = [*CHAINED, "chain", "schema_migrations"]
        found = self.execute(
            "SELECT coalesce(sum(pg_total_relation_size(to_regclass(t))), 0) "
            "FROM unnest(?::text[]) AS t", [tables]).fetchone()
        return int(found[0]) if found else 0

    def close(self) -> None:
        self.conn.close()


def _refuse_unusable_schema(conn: psycopg.Connection[Any], location: str) -> None:
    """The search_path names a schema that exists but that this role has no USAGE of: say
    so, rather than let the first write ask for a schema to be created. (A schema that does
    not exist is the first write's to report: `ledger_no_schema`.)"""
    setting, role = _one(conn.execute("SELECT current_setting('search_path'), current_user"))
    names = [role if name == "$user" else name for name in _search_path(setting)]
    found = conn.execute(
        "SELECT nspname FROM pg_namespace WHERE nspname = ANY(%s) "
        "AND NOT has_schema_privilege(oid, 'USAGE') ORDER BY array_position(%s, nspname) "
        "LIMIT 1", [names, names]).fetchone()
    if found is not None:
        conn.close()
        raise LedgerError("ledger_no_usage", location=location, schema=found[0], role=role)


def _one(cur: psycopg.Cursor[Any]) -> Any:
    """The one row a query of no table gives."""
    row = cur.fetchone()
    assert row is not None
    return row


def _search_path(setting: str) -> list[str]:
    """The schema names of a search_path setting: "quoted" as written, bare ones folded
    to lower case, as the server reads them."""
    import re

    return [m[1].replace('""', '"') if m[1] is not None else m[2].lower()
            for m in re.finditer(r'\s*(?:"((?:[^"]|"")*)"|([^,\s]+))\s*(?:,|$)', setting)]


def _first_line(exc: BaseException) -> str:
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0]


def _secretless(reason: str, url: str) -> str:
    """libpq's message with any password from `url` taken out: it quotes the token it
    could not read, and that may be the password, or a piece of one it cut at an `@` or
    a `/` written without percent-encoding."""
    import re

    for secret in secrets(url):
        if len(secret) >= 4:
            reason = reason.replace(secret, "***")
        else:  # a short piece is hidden where it stands whole, not inside every word
            reason = re.sub(rf"(?<![\w%.~-]){re.escape(secret)}(?![\w%.~-])", "***", reason)
    return reason


def ledger_error(exc: Exception, location: str) -> LedgerError:
    """A server error in the tool's words, by its SQLSTATE."""
    state = getattr(exc, "sqlstate", None) or ""
    diag = getattr(exc, "diag", None)
    reason = (diag.message_primary if diag is not None and diag.message_primary
              else _first_line(exc))
    if state in ("55P03", "40P01"):  # lock_not_available (lock_timeout), deadlock
        return LedgerError("ledger_busy", location=location)
    if state == "42501":  # insufficient_privilege, row-level security included
        return LedgerError("ledger_denied", location=location, reason=reason)
    if state == "P0001" and "append-only" in reason:
        return LedgerError("ledger_append_only", location=location)
    if state == "25006":  # read_only_sql_transaction (a standby, a read-only default)
        return LedgerError("ledger_readonly", location=location)
    if state.startswith("53"):  # insufficient_resources: disk full, out of memory
        return LedgerError("ledger_full", location=location)
    if state == "3F000":  # invalid_schema_name: the URL's search_path names none
        return LedgerError("ledger_no_schema", location=location, reason=reason)
    # connection exceptions, and the server shutting down or ending the session
    if state.startswith(("08", "57P")) or not state:
        return LedgerError("ledger_unreachable", location=location, reason=reason)
    return LedgerError("ledger_write_failed", location=location, reason=reason)
