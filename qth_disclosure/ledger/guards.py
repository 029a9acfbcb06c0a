"""What guards the ledger besides the chain, as `db verify` checks it: the triggers that
refuse UPDATE and DELETE (and on PostgreSQL TRUNCATE, a chain entry that is not the next
link, an id the server did not give, a row left without its chain entry at commit), the
trigger and the unique index that let a submission revise only its deliverable's latest and
only once, PostgreSQL's row-level security, policies, server-given ids and CHECK
constraints, and `schema_migrations`, the record of what built the schema.

Each is compared with what this version's migrations make (`schema.py`, `server_rules.py`),
by name and by what makes it work: on SQLite the whole definition of a trigger or unique
index, which a scratch database built by the same migrations in memory gives; on
PostgreSQL a trigger's table, timing, events and function, that it is enabled and has no
WHEN or column list, and for a constraint trigger that it is deferred to commit; each
function's source, arguments, search_path and that it runs as its caller; each unique
index's table, columns and whether it is partial; each CHECK constraint of migration
strict_writes by name. What this does not compare is the text of a policy's condition, of a
CHECK constraint or of an index's expression or predicate, nor tables and other indexes.
"""

from __future__ import annotations

from typing import Any

from qth_disclosure.ledger import cells
from qth_disclosure.ledger.backend import Backend
from qth_disclosure.ledger.chain import CHAINED, Break
from qth_disclosure.ledger.schema import MIGRATIONS, server_functions
from qth_disclosure.ledger.server_rules import check_constraints, quoted_schema


def problem(b: Backend) -> Break | None:
    """The first guard missing or not as the tool made it; None when all are in place."""
    if b.dialect == "sqlite":
        found = _sqlite_triggers(b)
    else:
        found = (_postgres_triggers(b) or _postgres_unique_index(b) or _postgres_functions(b)
                 or _postgres_security(b) or _postgres_checks(b))
    return found or _migrations(b)


# ------------------------------------------------------------------ SQLite


def _sqlite_triggers(b: Backend) -> Break | None:
    import sqlite3

    from qth_disclosure.ledger.sqlite import SQLiteBackend

    scratch = SQLiteBackend(sqlite3.connect(":memory:", isolation_level=None), ":memory:")
    try:
        for _, _, apply in MIGRATIONS:
            apply(scratch)
        expected = _defined(scratch, "trigger"), _defined(scratch, "index")
    finally:
        scratch.close()
    with b.reading_raw_text():
        found = _defined(b, "trigger"), _defined(b, "index")
    broken = _compare_triggers(expected[0], found[0])
    for name, (table, sql) in expected[1].items():
        if broken is None and " UNIQUE " in f" {sql} " and found[1].get(name) != (table, sql):
            broken = Break("guard_index_changed", {"name": name, "table": table})
    return broken


def _defined(b: Backend, kind: str) -> dict[str, tuple[str, Any]]:
    """name: (table, definition with its white space normalised) of each trigger or index
    made by a statement (not the indexes SQLite makes for a table's own keys)."""
    return {str(name): (str(table), " ".join(sql.split()) if isinstance(sql, str) else sql)
            for name, table, sql in b.execute(
                "SELECT name, tbl_name, sql FROM sqlite_master WHERE type = ? "
                "AND sql IS NOT NULL ORDER BY name", (kind,)).fetchall()}


# ------------------------------------------------------------------ PostgreSQL

_ROW, _BEFORE, _INSERT, _DELETE, _UPDATE, _TRUNCATE = 1, 2, 4, 8, 16, 32


# a plain trigger; a constraint trigger deferrable and deferred to commit by default
_PLAIN = (False, False, False)
_AT_COMMIT = (True, True, True)


def _expected_postgres_triggers() -> dict[str, tuple[str, Any]]:
    """name: (table, (function, pg_trigger.tgtype, (constraint trigger, deferrable,
    initially deferred))) of every trigger the migrations make."""
    made: dict[str, tuple[str, Any]] = {}
    for table in (*CHAINED, "chain"):
        for action, tgtype in (("update", _ROW | _BEFORE | _UPDATE),
                               ("delete", _ROW | _BEFORE | _DELETE),
                               ("truncate", _BEFORE | _TRUNCATE)):
            made[f"{table}_no_{action}"] = (table, ("ledger_append_only", tgtype, _PLAIN))
    made["submissions_revise_latest"] = (
        "submissions", ("ledger_revision_checked", _ROW | _BEFORE | _INSERT, _PLAIN))
    made["chain_checked"] = ("chain",
                             ("ledger_chain_checked", _ROW | _BEFORE | _INSERT, _PLAIN))
    # strict_writes: ids the server's, each row chained by commit
    for table in CHAINED:
        made[f"{table}_id_checked"] = (table,
                                       ("ledger_id_checked", _ROW | _BEFORE | _INSERT, _PLAIN))
        made[f"{table}_chained"] = (table, ("ledger_row_chained", _ROW | _INSERT, _AT_COMMIT))
    return made


def insert_triggers() -> dict[str, str]:
    """name: table of each trigger the migrations make that checks a row as it is
    inserted (the ones a copy's owner switches off while it checks the copy whole:
    copy_checks)."""
    return {name: table for name, (table, (_, tgtype, _)) in
            _expected_postgres_triggers().items() if tgtype & _ROW and tgtype & _INSERT}


def _postgres_triggers(b: Backend) -> Break | None:
    found: dict[str, tuple[str, Any]] = {}
    disabled: set[str] = set()
    for name, table, function, own_schema, tgtype, enabled, plain, deferral in b.execute(
            "SELECT t.tgname, c.relname, p.proname, pn.nspname = current_schema(), "
            "t.tgtype, t.tgenabled, t.tgqual IS NULL AND t.tgattr::text = '', "
            "ARRAY[t.tgconstraint <> 0, t.tgdeferrable, t.tginitdeferred] "
            "FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
            "JOIN pg_proc p ON p.oid = t.tgfoid "
            "JOIN pg_namespace pn ON pn.oid = p.pronamespace "
            "WHERE c.relnamespace = current_schema()::regnamespace AND NOT t.tgisinternal "
            "ORDER BY t.tgname").fetchall():
        # a trigger on a WHEN condition or a column list fires for less than it should;
        # one calling a function of another schema is not the tool's function
        shape = ((function, int(tgtype), tuple(bool(d) for d in deferral))
                 if own_schema and plain else None)
        found[str(name)] = (str(table), shape)
        if enabled not in ("O", "A"):  # D: disabled; R: fires only on a replica
            disabled.add(str(name))
    expected = _expected_postgres_triggers()
    broken = _compare_triggers(expected, found)
    if broken is not None:
        return broken
    for name in expected:
        if name in disabled:
            return Break("guard_trigger_disabled", {"name": name, "table": expected[name][0]})
    return None


# The unique indexes the migrations make (beside the tables' own keys): name: table, its
# keys (None for an expression: its text is the server's to render) and whether it is
# partial. one_revision: a submission is revised at most once; voids: a receipt is voided
# once; migration 20: one letter per application event.
_UNIQUE_INDEXES: dict[str, tuple[str, tuple[str | None, ...], bool]] = {
    "submissions_one_revision": ("submissions", ("revision_of",), False),
    "voids_once": ("voids", ("submission",), False),
    "documents_one_letter_per_event": ("documents", ("plan", "about", None), True),
}


def _postgres_unique_index(b: Backend) -> Break | None:
    """Each unique index the migrations make, on its table, unique, over its keys, partial
    where it should be (the text of an expression or a predicate is not compared)."""
    found = {str(name): (str(table), bool(unique), tuple(keys), bool(partial))
             for name, table, unique, keys, partial in b.execute(
                 "SELECT c.relname, t.relname, i.indisunique, ARRAY(SELECT "
                 "CASE WHEN i.indkey[k - 1] = 0 THEN NULL "
                 "ELSE pg_get_indexdef(i.indexrelid, k, true) END "
                 "FROM generate_series(1, i.indnatts) AS k ORDER BY k), i.indpred IS NOT NULL "
                 "FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid "
                 "JOIN pg_class t ON t.oid = i.indrelid WHERE c.relname = ANY(?) "
                 "AND c.relnamespace = current_schema()::regnamespace",
                 (list(_UNIQUE_INDEXES),)).fetchall()}
    for name, (table, keys, partial) in _UNIQUE_INDEXES.items():
        if found.get(name) != (table, True, keys, partial):
            return Break("guard_index_changed", {"name": name, "table": table})
    return None


def _postgres_functions(b: Backend) -> Break | None:
    """Each function as the last migration to define it left it: its source, arguments and
    result, its own search_path, and that it runs with its caller's rights."""
    schema = quoted_schema(b)
    expected = {signature.split("(")[0]: (signature.split("(")[1][:-1], returns, source)
                for signature, returns, source in server_functions(schema)}
    found: dict[str, list[Any]] = {}
    for name, arguments, returns, source, pinned in b.execute(
            "SELECT proname, pg_get_function_identity_arguments(oid), "
            "prorettype::regtype::text, prosrc, NOT prosecdef AND proconfig = ARRAY["
            "'search_path=' || quote_ident(current_schema()) || ', pg_catalog, pg_temp'] "
            "FROM pg_proc "
            "WHERE pronamespace = current_schema()::regnamespace AND proname::text = ANY(?)",
            (list(expected),)).fetchall():
        found.setdefault(str(name), []).append(
            (str(arguments), str(returns), source) if pinned else None)
    for name, made in expected.items():
        if found.get(name) != [made]:  # missing, changed, unpinned, or overloaded
            return Break("guard_function_changed", {"name": name})
    return None


def _postgres_checks(b: Backend) -> Break | None:
    """The CHECK constraints of strict_writes, by name, on their tables (not their text)."""
    found = {(str(table), str(name)) for table, name in b.execute(
        "SELECT c.relname, k.conname FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid "
        "WHERE c.relnamespace = current_schema()::regnamespace AND k.contype = 'c'").fetchall()}
    for table, name in check_constraints():
        if (table, name) not in found:
            return Break("guard_check_missing", {"name": name, "table": table})
    return None


def _postgres_security(b: Backend) -> Break | None:
    from qth_disclosure.ledger.server_rules import PROTECTED, policies

    protected = dict(b.execute(
        "SELECT relname, relrowsecurity FROM pg_class "
        "WHERE relnamespace = current_schema()::regnamespace AND relname::text = ANY(?)",
        (list(PROTECTED),)).fetchall())
    for table in PROTECTED:
        if not protected.get(table):
            return Break("guard_rls_off", {"table": table})
    expected = {(table, name): (command, [role]) for table, name, command, role, _ in policies()}
    found = {(str(table), str(name)): (str(command), sorted(roles)) if permissive == "PERMISSIVE"
             else None
             for table, name, command, roles, permissive in b.execute(
                 "SELECT tablename, policyname, cmd, roles::text[], permissive FROM pg_policies "
                 "WHERE schemaname = current_schema() ORDER BY tablename, policyname").fetchall()}
    for (table, name), shape in expected.items():
        if (table, name) not in found:
            return Break("guard_policy_missing", {"name": name, "table": table})
        if found[(table, name)] != shape:
            return Break("guard_policy_changed", {"name": name, "table": table})
    for table, name in found:
        if (table, name) not in expected:
            return Break("guard_policy_foreign", {"name": name, "table": table})
    identities = dict(b.execute(
        "SELECT c.relname, a.attidentity FROM pg_attribute a "
        "JOIN pg_class c ON c.oid = a.attrelid "
        "WHERE c.relnamespace = current_schema()::regnamespace AND a.attname = 'id' "
        "AND c.relname::text = ANY(?)", (list(CHAINED),)).fetchall())
    for table in CHAINED:
        if identities.get(table) != "a":  # a: GENERATED ALWAYS
            return Break("guard_ids_open", {"table": table})
    return None


# ------------------------------------------------------------------ both


def _compare_triggers(expected: dict[str, tuple[str, Any]],
                      found: dict[str, tuple[str, Any]]) -> Break | None:
    """Every trigger expected, on its table and as made; no other trigger."""
    for name, (table, made) in expected.items():
        if name not in found:
            return Break("guard_trigger_missing", {"name": name, "table": table})
        kept_table, kept = found[name]
        if (kept_table, kept) != (table, made):
            return Break("guard_trigger_changed", {"name": name, "table": table})
    for name, (table, _) in found.items():
        if name not in expected:
            return Break("guard_trigger_foreign", {"name": name, "table": table})
    return None


def _migrations(b: Backend) -> Break | None:
    """`schema_migrations` holds exactly this version's migrations, by number and name."""
    expected = {number: name for number, name, _ in MIGRATIONS}
    with b.reading_raw_text():
        recorded = dict(b.execute(
            "SELECT version, name FROM schema_migrations ORDER BY version").fetchall())
    for number in sorted({*expected, *recorded}):
        if number not in recorded:
            return Break("migration_unrecorded", {"version": number, "name": expected[number]})
        if number not in expected:
            return Break("migration_foreign", {"version": number,
                                               "name": cells.shown(recorded[number])})
        if recorded[number] != expected[number]:
            return Break("migration_renamed", {"version": number,
                                               "name": cells.shown(recorded[number]),
                                               "expected": expected[number]})
    return None
