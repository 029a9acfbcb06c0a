"""A copy's insert checks made whole: each check asked of the loaded tables by one
statement, instead of one trigger call per row.

A copy (`copying.copy_rows`) fills an empty ledger in one transaction, every table in
order and the chain last. On PostgreSQL the tables' owner, inside that transaction,
switches off the insert triggers the migrations made (`guards.insert_triggers`: the
revision check, the chain check, the id check, the chained-by-commit check), drops the
CHECKs that call the ledger's functions, the foreign keys and the indexes that refuse
nothing, loads the rows, builds the indexes once, asks of the loaded tables what each
of those would have asked of each row in the order it came, and puts every one back as
it was, all before the transaction commits: no other session ever sees the ledger
without them (PostgreSQL's DDL is transactional, and ALTER TABLE holds the tables until
the commit), and a refused copy rolls all of it back with its rows. SQLite does the same
with its insert triggers on submissions (the revision check, and the keeping of
first_receipts, filled whole after the load) and its plain indexes.

What the row-by-row checks would refuse is refused here, with their message, for the
first row they would have met: rows are loaded by id and the chain by number into empty
tables, so the latest revision of a deliverable when a row came is the row before it
under the deliverable's key, and the chain's head when an entry came is the entry before
it. Unique indexes, the primary keys, the CHECKs of built-in operators and the
append-only triggers stay on throughout.

Only the tables' owner may switch triggers; anyone else's copy meets the checks row by
row as before (and the id check, which lets the owner alone give ids, refuses it there).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager

from qth_disclosure.errors import LedgerError
from qth_disclosure.ledger.backend import Backend
from qth_disclosure.ledger.chain import ADDED_COLUMNS, CHAINED, GENESIS, UNHASHED_COLUMNS
from qth_disclosure.ledger.guards import insert_triggers
from qth_disclosure.ledger.schema import REVISES, fill_first_receipts


def checked(b: Backend, tables: Sequence[str]) -> AbstractContextManager[None]:
    """Inside, a copy fills the empty `tables` of `b`; its rows are refused where a row
    written by the tool would be, checked one by one or (on leaving) as a whole."""
    if b.dialect == "postgresql":
        return checked_whole(b, tables)
    return checked_whole_sqlite(b)


def owns(b: Backend, tables: Sequence[str]) -> bool:
    """Whether the session may switch the triggers of every one of `tables`: it has the
    privileges of each table's owner, as ALTER TABLE asks (the id check lets any member
    give ids; a member who does not inherit the owner's privileges copies row by row)."""
    return bool(b.execute(
        "SELECT coalesce(bool_and(pg_has_role(relowner, 'USAGE')), false) FROM pg_class "
        "WHERE relnamespace = current_schema()::regnamespace AND relname = ANY(?) "
        "AND relkind = 'r'", (list(tables),)).fetchone()[0])


@contextmanager
def checked_whole(b: Backend, tables: Sequence[str]) -> Iterator[None]:
    """Inside, rows inserted into the empty `tables` meet no insert trigger, no CHECK
    that calls a function, no foreign key and no index that refuses nothing; on leaving,
    the indexes are built, the loaded tables are checked as those would have checked
    each row, and every one is back as it was. A refusal raises, and the caller's
    transaction rolls back."""
    if not owns(b, tables):
        yield  # row by row
        return
    suspended = [(name, table) for name, table in insert_triggers().items() if table in tables]
    for name, table in suspended:
        b.execute(f"ALTER TABLE {table} DISABLE TRIGGER {name}")
    checks = _function_checks(b, tables)
    for table, name, _, _, _ in checks:
        b.execute(f"ALTER TABLE {table} DROP CONSTRAINT {name}")
    # an index that refuses nothing is built once from the loaded rows, by one sort,
    # rather than entry by entry; a unique one stays, and refuses as it would have
    indexes = _plain_indexes(b, tables)
    for name, _ in indexes:
        b.execute(f"DROP INDEX {name}")
    # a foreign key checked by one anti-join when it is added again, with the message a
    # row meeting it gives
    keys = _foreign_keys(b, tables)
    for table, name, _ in keys:
        b.execute(f"ALTER TABLE {table} DROP CONSTRAINT {name}")
    yield
    # each index sorted in memory (the server's default, 64 MB, spills a million rows)
    b.execute(f"SET LOCAL maintenance_work_mem = '{SORT_MEMORY}'")
    for _, definition in indexes:
        b.execute(definition)
    refused = first_refusal(b, tables, checks, keys)
    if refused is not None:
        raise LedgerError("ledger_write_failed", location=b.location, reason=refused)
    for table, name, definition, _, _ in checks:
        b.execute(f"ALTER TABLE {table} ADD CONSTRAINT {name} {definition}")
    for name, table in suspended:
        b.execute(f"ALTER TABLE {table} ENABLE TRIGGER {name}")


def _plain_indexes(b: Backend, tables: Sequence[str]) -> list[tuple[str, str]]:
    """(name, CREATE INDEX statement) of each index of `tables` that is neither unique
    nor a constraint's: the ones that serve reads and checks, and refuse no row."""
    return [(str(n), str(d)) for n, d in b.execute(
        "SELECT quote_ident(c.relname), pg_get_indexdef(i.indexrelid) FROM pg_index i "
        "JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_class r ON r.oid = i.indrelid "
        "WHERE r.relnamespace = current_schema()::regnamespace AND r.relname = ANY(?) "
        "AND NOT i.indisunique AND NOT i.indisprimary AND NOT EXISTS "
        "(SELECT FROM pg_constraint k WHERE k.conindid = i.indexrelid) ORDER BY c.relname",
        (list(tables),)).fetchall()]


def _foreign_keys(b: Backend, tables: Sequence[str]) -> list[tuple[str, str, str]]:
    """(table, name, definition) of each foreign key of `tables`, parents' first."""
    return [(str(t), str(n), str(d)) for t, n, d in b.execute(
        "SELECT r.relname, quote_ident(k.conname), pg_get_constraintdef(k.oid) "
        "FROM pg_constraint k JOIN pg_class r ON r.oid = k.conrelid "
        "WHERE r.relnamespace = current_schema()::regnamespace AND r.relname = ANY(?) "
        "AND k.contype = 'f' ORDER BY array_position(?::text[], r.relname::text), k.conname",
        (list(tables), list(tables))).fetchall()]


# (table, constraint, its definition, its expression, the columns it reads)
Check = tuple[str, str, str, str, list[str]]


def _function_checks(b: Backend, tables: Sequence[str]) -> list[Check]:
    """The CHECK constraints of `tables` that call a function of the database's own
    (migration 10's and later: `ledger_date`, `ledger_strings`...): one call per row, the
    costliest part of a row's insert. Those calling only built-in operators (a kind among
    the kinds, a length) cost little and stay. By table, then by name: the order in which
    PostgreSQL checks a row."""
    return [(str(t), str(n), str(d), str(e), list(c)) for t, n, d, e, c in b.execute(
        "SELECT r.relname, k.conname, pg_get_constraintdef(k.oid), "
        "pg_get_expr(k.conbin, k.conrelid), ARRAY(SELECT quote_ident(a.attname) "
        "FROM pg_attribute a WHERE a.attrelid = k.conrelid AND a.attnum = ANY(k.conkey) "
        "ORDER BY a.attnum) FROM pg_constraint k JOIN pg_class r ON r.oid = k.conrelid "
        "WHERE r.relnamespace = current_schema()::regnamespace AND r.relname = ANY(?) "
        "AND k.contype = 'c' AND EXISTS (SELECT FROM pg_depend d WHERE "
        "d.classid = 'pg_constraint'::regclass AND d.objid = k.oid "
        "AND d.refclassid = 'pg_proc'::regclass) ORDER BY r.relname, k.conname",
        (list(tables),)).fetchall()]


def first_refusal(b: Backend, tables: Sequence[str], checks: Sequence[Check],
                  keys: Sequence[tuple[str, str, str]] = ()) -> str | None:
    """The message of the first check that would have refused a row of the loaded
    `tables`, or None, in the order a row-by-row copy meets them: each row's CHECKs and
    the revision trigger, the foreign keys at the end of each table's statements
    (`keys`, added again here: one that does not hold raises, with the message a row
    gets), the chain's check, the chained-by-commit check. A copy of a source with a
    single fault is refused with the message the row-by-row copy gave; of one with
    several, with one of theirs."""
    for table, name, _, expression, columns in checks:
        if _check_refused(b, table, expression, columns):
            return f'new row for relation "{table}" violates check constraint "{name}"'
    if "submissions" in tables and _revision_refused(b):
        return REVISES
    for table, name, definition in keys:
        b.execute(f"ALTER TABLE {table} ADD CONSTRAINT {name} {definition}")
    if "chain" in tables:
        refused = _chain_refused(b, [t for t in CHAINED if t in tables])
        if refused is not None:
            return refused
    for table in (t for t in CHAINED if t in tables):
        unchained = b.execute(
            f"SELECT min(id) FROM {table} t WHERE NOT EXISTS "
            "(SELECT 1 FROM chain c WHERE c.tbl = ? AND c.row_id = t.id)",
            (table,)).fetchone()[0]
        if unchained is not None:
            return (f"{table} #{unchained} has no chain entry: a ledger row is chained in "
                    "the transaction that writes it")
    return None


def _check_refused(b: Backend, table: str, expression: str, columns: Sequence[str]) -> bool:
    """Whether a row of `table` fails the CHECK `expression` (false, not NULL), asked of
    each distinct combination of the columns it reads: a function of the database's own
    is called once per distinct value (a few thousand days) rather than once per row,
    and gives each row the verdict it would have had (the functions are immutable)."""
    listed = ", ".join(columns)
    return b.execute(f"SELECT EXISTS (SELECT FROM (SELECT DISTINCT {listed} FROM {table}) "
                     f"AS {table} WHERE NOT ({expression}))").fetchone()[0] is True


def _revision_refused(b: Backend) -> bool:
    """A submission whose revision_of is not the largest id before it under its
    deliverable's key (the revision trigger of either database: NULL where there is
    none). PARTITION BY groups NULLs together, as the triggers' IS / IS NOT DISTINCT
    FROM do; read in the order of `submissions_latest`, which the window needs, without
    a sort."""
    differs = "IS NOT" if b.dialect == "sqlite" else "IS DISTINCT FROM"
    return bool(b.execute(
        "SELECT EXISTS (SELECT 1 FROM (SELECT revision_of, lag(id) OVER (PARTITION BY plan, "
        "agency, kind, task, period ORDER BY id) AS latest FROM submissions) s "
        f"WHERE revision_of {differs} latest)").fetchone()[0])


# SQLite's triggers on inserted submissions: the revision check, and the one that keeps
# first_receipts (migration 23), which without the deliverable index would scan the
# table for every new deliverable; the summary is made whole after the load instead
_SQLITE_INSERT_TRIGGERS = ("submissions_revise_latest", "submissions_first_receipt")


@contextmanager
def checked_whole_sqlite(b: Backend) -> Iterator[None]:
    """SQLite's insert triggers on submissions and the indexes that refuse nothing, put
    aside inside the copy's transaction (SQLite's DDL is transactional too) and made again
    from their own statements after the load; the revisions are then checked whole and
    first_receipts filled whole (its own triggers, which refuse any row but the earliest
    receipt, stay on and check every row it gets)."""
    names = ", ".join(f"'{name}'" for name in _SQLITE_INSERT_TRIGGERS)
    put_aside = [(str(kind), str(name), str(sql)) for kind, name, sql in b.execute(
        "SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL AND "
        f"((type = 'trigger' AND name IN ({names})) OR (type = 'index' "
        "AND tbl_name IN (SELECT name FROM sqlite_master WHERE type = 'table') "
        "AND upper(sql) NOT LIKE 'CREATE UNIQUE%')) ORDER BY type DESC, name").fetchall()]
    for kind, name, _ in put_aside:
        b.execute(f'DROP {kind.upper()} "{name}"')
    yield
    for _, _, sql in reversed(put_aside):  # the indexes first: the checks read them
        b.execute(sql)
    if _revision_refused(b):
        raise LedgerError("ledger_write_failed", location=b.location, reason=REVISES)
    if any(name == "submissions_first_receipt" for _, name, _ in put_aside):
        fill_first_receipts(b)


def _chain_refused(b: Backend, tables: Sequence[str]) -> str | None:
    """The first entry, by number, that ledger_chain_checked would refuse, and why: a
    table that is not chained, an entry that does not follow the one before it (numbers
    from 1, each prev_hash the hash before it, GENESIS first), a row that does not exist,
    a hash that is not its row's."""
    found: list[tuple[int, int, str]] = []  # (seq, the check's order, message)
    names = ", ".join(f"'{t}'" for t in CHAINED)
    wrong_table, unfollowed = b.execute(
        f"SELECT min(seq) FILTER (WHERE tbl NOT IN ({names})), "
        "min(seq) FILTER (WHERE seq <> n OR prev_hash <> before) FROM ("
        "SELECT seq, tbl, prev_hash, row_number() OVER w AS n, "
        "lag(hash, 1, ?) OVER w AS before FROM chain WINDOW w AS (ORDER BY seq)) c",
        (GENESIS,)).fetchone()
    if wrong_table is not None:
        found.append((wrong_table, 0, f"chain entry {wrong_table} names no ledger table"))
    if unfollowed is not None:
        found.append((unfollowed, 1,
                      f"chain entry {unfollowed} does not follow the chain's last entry"))
    for table in tables:
        missing, unhashed = b.execute(
            "SELECT min(c.seq) FILTER (WHERE t.id IS NULL), "
            "min(c.seq) FILTER (WHERE t.id IS NOT NULL AND c.hash IS DISTINCT FROM "
            f"encode(sha256(convert_to(c.prev_hash || E'\\n' || {canonical(b, table)}, "
            f"'UTF8')), 'hex')) FROM chain c LEFT JOIN {table} t ON t.id = c.row_id "
            "WHERE c.tbl = ?", (table,)).fetchone()
        if missing is not None:
            found.append((missing, 2, f"chain entry {missing} names a row that does not exist"))
        if unhashed is not None:
            found.append((unhashed, 3, f"chain entry {unhashed} does not hash its row"))
    return min(found)[2] if found else None


SORT_MEMORY = "256MB"
# column types whose to_json text is their to_jsonb text
_AS_JSONB = ("text", "integer", "bigint", "smallint")


def canonical(b: Backend, table: str) -> str:
    """An SQL expression of `t`, a row of `table`: the text chain.row_hash hashes, as the
    chain check makes it (jsonb_each of the row, sorted by key in byte order), written
    out column by column for the columns the table has now, each as the chain check
    renders it (to_jsonb); a column of chain.ADDED_COLUMNS left out where NULL (concat_ws
    skips a NULL), chain.UNHASHED_COLUMNS always."""
    unhashed, added = UNHASHED_COLUMNS.get(table, ()), ADDED_COLUMNS.get(table, ())
    typed = sorted(((str(n), str(t)) for n, t in b.execute(
        "SELECT attname, format_type(atttypid, NULL) FROM pg_attribute "
        "WHERE attrelid = ?::regclass AND attnum > 0 AND NOT attisdropped",
        (table,)).fetchall() if n not in unhashed), key=lambda nt: nt[0].encode())
    members = []
    for name, type_name in typed:
        key, column = _literal(name), '"' + name.replace('"', '""') + '"'
        # to_json renders text and whole numbers as jsonb does, for less
        json = "to_json" if type_name in _AS_JSONB else "to_jsonb"
        value = (f"{json}(t.{column})::text" if name in added
                 else f"coalesce({json}(t.{column})::text, 'null')")
        members.append(f"to_json({key}::text)::text || ':' || {value}")
    return (f"'{{\"row\":{{' || concat_ws(',', {', '.join(members)}) || "
            f"'}},\"table\":' || to_json({_literal(table)}::text)::text || '}}'")


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"
