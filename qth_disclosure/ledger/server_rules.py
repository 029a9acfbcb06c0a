"""What only PostgreSQL's server enforces for the ledger: who may write (roles, row-level
security; migration `server_roles`) and what a write must be (checks; `checked_writes`).

Two group roles, made once per server (kept if they exist already, so a DBA may create them
ahead of a migrating owner who may not create roles):

- `disclose_office`: reads everything; inserts any ledger row (submissions on a unit's
  behalf, reviews, inspections, bulletins, applications and their events); maintains
  `liaisons`, the table saying which login reports for which unit.
- `disclose_liaison`: reads everything; inserts submissions, applications and application
  events only for the units `liaisons` lists against its login, and only the chain
  entries of those rows.

Neither may update, delete or truncate anything: no privilege grants it, and the
append-only triggers refuse it to the owner too. Row-level security is enabled on every
ledger table, so an INSERT that no policy allows is refused by the server whatever client
sends it. The tool's own role checks (agencies.yaml) still run first and explain refusals
in the tool's words; these are what holds when someone talks to the server directly.

The checks are triggers every client meets, the owner included: a chain entry must be the
next link with the right hash, a submission may revise only its deliverable's latest, and
ids are the server's to give.

Migration `strict_writes` closes what a client going around the tool could still do with
them (`create_strict_writes`): every function is pinned to the ledger's schema, so objects
of a session's own (a temporary table named `chain`, a search_path of its choosing) cannot
stand in for the ledger's; every row must have its chain entry by the end of its
transaction; only the tables' owner may give ids (`db copy`); and values the tool could not
read back (dates, months, links, event details) or of a size no report needs are refused.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from qth_disclosure.ledger.backend import Backend

OFFICE = "disclose_office"
LIAISON = "disclose_liaison"
TABLES = ("submissions", "reviews", "inspections", "bulletins", "applications",
          "application_events", "chain", "documents")
LIAISON_TABLES = ("submissions", "applications", "application_events", "chain", "documents")
# the tables of later migrations (rosters, 11; reminders, 16; proactive_figures, 18): the
# office's alone to write
OFFICE_TABLES = ("rosters", "reminders", "proactive_figures")
# migration 14 (year): voids and clearances are the office's to write; a liaison writes
# the items of its own unit's plan with the plan
YEAR_TABLES = ("voids", "clearances", "plan_items")
YEAR_LIAISON_TABLES = ("plan_items",)
# migration 19: the fees of applications, written as their events are (a liaison for its
# own unit's applications)
FEE_TABLES = ("application_fees",)
# migration 21: a liaison attaches files to its own unit's submissions, as it writes them
ATTACHMENT_TABLES = ("attachments",)
# every table row-level security guards
PROTECTED = (*TABLES, *OFFICE_TABLES, *YEAR_TABLES, *FEE_TABLES,
             *ATTACHMENT_TABLES)
# the units the connected login reports for
_MINE = "(SELECT agency FROM liaisons WHERE login = current_user)"
# what a liaison may insert, per table
_LIAISON_CHECK = {
    "submissions": f"agency IN {_MINE}",
    "applications": f"agency IN {_MINE}",
    "application_events": f"application IN (SELECT id FROM applications WHERE agency IN {_MINE})",
    "chain": (
        f"(tbl = 'submissions' AND row_id IN (SELECT id FROM submissions WHERE agency IN {_MINE}))"
        f" OR (tbl = 'applications' AND row_id IN "
        f"(SELECT id FROM applications WHERE agency IN {_MINE}))"
        f" OR (tbl = 'application_events' AND row_id IN (SELECT e.id FROM application_events e "
        f"JOIN applications a ON a.id = e.application WHERE a.agency IN {_MINE}))"
    ),
}
# Migration 13 (documents): a liaison issues its own unit's answer letters, and chains them


def create_server_roles(b: Backend) -> None:
    # Roles belong to the whole server, not to a schema: two ledgers migrating at once both
    # see a role missing, and the slower CREATE fails on the catalogue's unique index rather
    # than with duplicate_object. Either way the role now exists, which is all we need.
    for role in (OFFICE, LIAISON):
        b.execute(f"""
            DO $$ BEGIN
                IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{role}') THEN
                    CREATE ROLE {role} NOLOGIN;
                END IF;
            EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
            END $$""")
    b.execute("CREATE TABLE liaisons (login TEXT NOT NULL, agency TEXT NOT NULL, "
              "PRIMARY KEY (login, agency))")
    schema = _quoted(str(b.execute("SELECT current_schema()").fetchone()[0]))
    everyone = f"{OFFICE}, {LIAISON}"
    b.execute(f"GRANT USAGE ON SCHEMA {schema} TO {everyone}")
    # the tables there are now: a later migration's table gets its grants from that one
    tables = [t for t in TABLES if b.table_exists(t)]
    b.execute(f"GRANT SELECT ON {', '.join(tables)}, schema_migrations, liaisons TO {everyone}")
    b.execute(f"GRANT INSERT ON {', '.join(tables)} TO {OFFICE}")
    b.execute(f"GRANT INSERT, DELETE ON liaisons TO {OFFICE}")
    b.execute(f"GRANT INSERT ON {', '.join(t for t in LIAISON_TABLES if t in tables)} "
              f"TO {LIAISON}")
    for table in tables:
        b.execute(f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY")
    for policy in policies(_LIAISON_CHECK):
        if policy[0] in tables:
            _create_policy(b, *policy)


def _create_policy(b: Backend, table: str, name: str, command: str, role: str,
                   check: str) -> None:
    b.execute(f"CREATE POLICY {name} ON {table} FOR {command}"
              + (f" TO {role} WITH CHECK ({check})" if command == "INSERT"
                 else f" USING ({check})"))


def policies(liaison_checks: dict[str, str] | None = None
             ) -> list[tuple[str, str, str, str, str]]:
    """(table, name, command, role, condition) of every policy: what `server_roles` (and
    migration 13 for `documents`, 14 for the year's tables) creates and `db verify` looks
    for."""
    checks = liaison_checks or {**_LIAISON_CHECK, **_LIAISON_CHECK_AT_12,
                                **_LIAISON_CHECK_AT_13, **_LIAISON_CHECK_AT_14,
                                **_LIAISON_CHECK_AT_19, **_LIAISON_CHECK_AT_21}
    made: list[tuple[str, str, str, str, str]] = []
    for table in PROTECTED:
        made += [(table, "everyone_reads", "SELECT", "public", "true"),
                 (table, "office_inserts", "INSERT", OFFICE, "true")]
    made += [(table, "liaison_inserts_own", "INSERT", LIAISON, check)
             for table, check in checks.items()]
    return made


def _quoted(identifier: str) -> str:
    return '"' + identifier.replace('"', '""') + '"'


def create_server_checks(b: Backend, revises: str) -> None:
    """Triggers that hold for every client, the owner's included (see migration 7)."""
    from qth_disclosure.ledger.chain import CHAINED

    b.execute(_function("ledger_revision_checked", _revision_body(revises)))
    b.execute("CREATE TRIGGER submissions_revise_latest BEFORE INSERT ON submissions "
              "FOR EACH ROW EXECUTE FUNCTION ledger_revision_checked()")
    replace_chain_check(b)
    b.execute("CREATE TRIGGER chain_checked BEFORE INSERT ON chain "
              "FOR EACH ROW EXECUTE FUNCTION ledger_chain_checked()")
    # ids come from the server alone (a copy says OVERRIDING SYSTEM VALUE, as the owner)
    for table in (t for t in CHAINED if b.table_exists(t)):
        b.execute(f"ALTER TABLE {table} ALTER COLUMN id SET GENERATED ALWAYS")


def replace_chain_check(b: Backend) -> None:
    """(Re)define the server's chain check as migration 9 left it: hashing rows as
    chain.row_hash does, a NULL column of chain.ADDED_COLUMNS left out. Migration 10
    defines it once more, pinned to the ledger's schema (`strict_functions`)."""
    from qth_disclosure.ledger.chain import CHAINED

    chained = [t for t in CHAINED if b.table_exists(t)]
    b.execute(_function("ledger_chain_checked", _chain_body(chained)))


def _function(name: str, body: str) -> str:
    return f"CREATE OR REPLACE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $${body}$$"


def _revision_body(revises: str) -> str:
    return f"""
        BEGIN
            IF NEW.revision_of IS DISTINCT FROM (
                SELECT max(id) FROM submissions WHERE plan = NEW.plan
                AND agency = NEW.agency AND kind = NEW.kind
                AND task IS NOT DISTINCT FROM NEW.task
                AND period IS NOT DISTINCT FROM NEW.period) THEN
                RAISE EXCEPTION '{revises}';
            END IF;
            RETURN NEW;
        END """


def _unadded() -> str:
    """The condition leaving out of a row's canonical JSON each column chain.ADDED_COLUMNS
    names where it is NULL (`stored` being the row's jsonb, NEW.tbl its table), so a row
    chained before the column existed keeps its hash."""
    from qth_disclosure.ledger.chain import ADDED_COLUMNS

    added = [f"('{t}', '{c}')" for t, cs in ADDED_COLUMNS.items() for c in cs]
    if not added:
        return "true"
    return f"NOT (value = 'null'::jsonb AND (NEW.tbl, key) IN ({', '.join(added)}))"


def _unhashed() -> str:
    """The condition leaving out of a row's canonical JSON each column
    chain.UNHASHED_COLUMNS names (an attachment's bytes, which its sha256 stands for)."""
    from qth_disclosure.ledger.chain import UNHASHED_COLUMNS

    left_out = [f"('{t}', '{c}')" for t, cs in UNHASHED_COLUMNS.items() for c in cs]
    return f"(NEW.tbl, key) NOT IN ({', '.join(left_out)})"


def _chain_body(tables: Sequence[str], schema: str | None = None, lock: str = "") -> str:
    """The server's chain check: the entry must be the chain's next link and its hash the
    one chain.row_hash gives: SHA-256 of the previous hash, a newline, and the row as
    canonical JSON (keys sorted, no spaces, non-ASCII as is), which PostgreSQL's JSON output
    spells the same way; a column chain.ADDED_COLUMNS names is left out where it is NULL.

    Migration 9 defines it naming tables through the search_path; migration 10 with the
    ledger's `schema` (quoted) and the writers' `lock` taken first."""
    from qth_disclosure.ledger.chain import GENESIS

    names = ", ".join(f"'{t}'" for t in tables)
    chain = f"{schema}.chain" if schema else "chain"
    row = (f"format('SELECT to_jsonb(t) FROM %I.%I t WHERE id = $1',\n"
           f"                           {_literal(schema)}, NEW.tbl)" if schema
           else "format('SELECT to_jsonb(t) FROM %I t WHERE id = $1', NEW.tbl)")
    return f"""
        DECLARE
            head_seq integer;
            head_hash text;
            stored jsonb;
            canonical text;
        BEGIN
            IF NEW.tbl NOT IN ({names}) THEN
                RAISE EXCEPTION 'chain entry % names no ledger table', NEW.seq;
            END IF;{lock}
            SELECT seq, hash INTO head_seq, head_hash FROM {chain} ORDER BY seq DESC LIMIT 1;
            IF NEW.seq IS DISTINCT FROM coalesce(head_seq, 0) + 1
               OR NEW.prev_hash IS DISTINCT FROM coalesce(head_hash, '{GENESIS}') THEN
                RAISE EXCEPTION 'chain entry % does not follow the chain''s last entry',
                    NEW.seq;
            END IF;
            EXECUTE {row}
                INTO stored USING NEW.row_id;
            IF stored IS NULL THEN
                RAISE EXCEPTION 'chain entry % names a row that does not exist', NEW.seq;
            END IF;
            SELECT '{{"row":{{' || string_agg(to_json(key)::text || ':' || value::text, ','
                                          ORDER BY key COLLATE "C")
                   || '}},"table":' || to_json(NEW.tbl)::text || '}}'
                INTO canonical FROM jsonb_each(stored)
                WHERE {_unadded()} AND {_unhashed()};
            IF NEW.hash IS DISTINCT FROM encode(sha256(convert_to(
                    NEW.prev_hash || E'\\n' || canonical, 'UTF8')), 'hex') THEN
                RAISE EXCEPTION 'chain entry % does not hash its row', NEW.seq;
            END IF;
            RETURN NEW;
        END"""


# the tables a liaison writes, and their text columns: five times the longest text the
# tool accepts (core.intake.MAX_TEXT_CHARS) is plenty; a value of many megabytes would
# only slow every reader of the ledger down, and nothing deletes it again
_MAX_CHARS_AT_10 = 100_000
_LIAISON_TEXT_AT_10 = {
    "submissions": ("plan", "kind", "agency", "task", "period", "received_on", "summary",
                    "links", "recorded_at", "recorded_by", "login"),
    "applications": ("plan", "agency", "received_on", "subject", "applicant",
                     "applicant_kind", "channel", "law_profile", "recorded_at", "recorded_by",
                     "login"),
    "application_events": ("kind", "on_date", "details", "recorded_at", "recorded_by",
                           "login"),
}
# the values the tool reads back, by table: (constraint name, what must hold)
_READABLE_AT_10 = {
    "submissions": [("received_on_is_a_date", "{s}.ledger_date(received_on)"),
                    ("period_is_a_month", "kind <> 'monthly' OR {s}.ledger_month(period)"),
                    ("links_are_strings", "{s}.ledger_strings(links)")],
    "reviews": [("reviewed_on_is_a_date", "{s}.ledger_date(reviewed_on)")],
    "inspections": [("inspected_on_is_a_date", "{s}.ledger_date(inspected_on)")],
    "bulletins": [("as_of_is_a_date", "{s}.ledger_date(as_of)")],
    "applications": [("received_on_is_a_date", "{s}.ledger_date(received_on)")],
    "application_events": [("on_date_is_a_date", "{s}.ledger_date(on_date)"),
                           ("details_are_readable", "{s}.ledger_details(kind, details)")],
}


def create_strict_writes(b: Backend, revises: str) -> None:
    """Migration 10 on PostgreSQL: the checks of migrations 1 and 7 made proof against a
    client's own session, and the checks they lacked."""
    from qth_disclosure.ledger.chain import CHAINED

    s = quoted_schema(b)
    # The chained tables there are when this runs, on a new ledger as on an upgraded one;
    # a table a later migration adds gets these checks from that migration.
    chained = [t for t in CHAINED if b.table_exists(t)]
    for signature, returns, body in strict_functions(s, revises, chained):
        b.execute(function_definition(s, signature, returns, body))
    for table in chained:
        _strict_table(b, s, table)
    _create_readable_checks(b, s, _READABLE_AT_10, _LIAISON_TEXT_AT_10)


def _strict_table(b: Backend, s: str, table: str) -> None:
    """A chained table's ids checked, and its rows chained by commit (strict_writes)."""
    sequence = b.execute("SELECT pg_get_serial_sequence(?, 'id')",
                         [f"{s}.{table}"]).fetchone()[0]
    if sequence is not None:  # ids of the server's own (GENERATED ALWAYS)
        # currval() of the sequence, for the id check, is all SELECT allows on it
        b.execute(f"GRANT SELECT ON SEQUENCE {sequence} TO {OFFICE}, {LIAISON}")
        b.execute(f"CREATE TRIGGER {table}_id_checked BEFORE INSERT ON {s}.{table} "
                  f"FOR EACH ROW EXECUTE FUNCTION {s}.ledger_id_checked()")
    # at commit, whatever the client did in between: SET CONSTRAINTS ... IMMEDIATE
    # only makes the check come before the chain entry can
    b.execute(f"CREATE CONSTRAINT TRIGGER {table}_chained AFTER INSERT ON {s}.{table} "
              "DEFERRABLE INITIALLY DEFERRED "
              f"FOR EACH ROW EXECUTE FUNCTION {s}.ledger_row_chained()")


# Migration 13's table, checked as migration 10 checks the others
_READABLE_AT_13 = {"documents": [("issued_on_is_a_date", "{s}.ledger_date(issued_on)")]}
_LIAISON_TEXT_AT_13 = {
    "documents": ("plan", "kind", "issuer", "series", "reference", "issued_on", "content",
                  "recorded_at", "recorded_by", "login"),
}


def create_documents_rules(b: Backend, revises: str) -> None:
    """Migration 13 on PostgreSQL: `documents` gets what migrations 6, 7 and 10 gave the
    other chained tables: grants, row-level security and policies (a liaison issues its
    own unit's letters), server-given ids, the chain check naming it, its rows chained by
    commit, and CHECK constraints on what the tool reads back."""
    from qth_disclosure.ledger.chain import CHAINED

    s = quoted_schema(b)
    b.execute(f"GRANT SELECT ON documents TO {OFFICE}, {LIAISON}")
    b.execute(f"GRANT INSERT ON documents TO {OFFICE}, {LIAISON}")
    b.execute("ALTER TABLE documents ENABLE ROW LEVEL SECURITY")
    b.execute("DROP POLICY liaison_inserts_own ON chain")
    # the policies as migration 13 made them: a later migration's tables do not exist yet
    for policy in policies({**_LIAISON_CHECK, **_LIAISON_CHECK_AT_12, **_LIAISON_CHECK_AT_13}):
        if policy[0] == "documents" or (policy[0], policy[1]) == ("chain",
                                                                  "liaison_inserts_own"):
            _create_policy(b, *policy)
    b.execute("ALTER TABLE documents ALTER COLUMN id SET GENERATED ALWAYS")
    for signature, returns, body in strict_functions(s, revises, CHAINED):
        if signature == "ledger_chain_checked()":  # now naming `documents` too
            b.execute(function_definition(s, signature, returns, body))
    _strict_table(b, s, "documents")
    _create_readable_checks(b, s, _READABLE_AT_13, _LIAISON_TEXT_AT_13)


def protect_year(b: Backend, revises: str) -> None:
    """Migration 14 on PostgreSQL: voids, clearances and plan items guarded as every
    chained table is (ids the server's, chained by commit, row-level security, readable
    dates and bounded texts); voids and clearances written by the office's role alone,
    plan items by a liaison too for its own unit's plans, whose chain entries the chain's
    liaison policy now allows; the chain check learns their names."""
    from qth_disclosure.ledger.chain import CHAINED

    s = quoted_schema(b)
    for table in YEAR_TABLES:
        b.execute(f"ALTER TABLE {s}.{table} ALTER COLUMN id SET GENERATED ALWAYS")
        b.execute(f"GRANT SELECT ON {s}.{table} TO {OFFICE}, {LIAISON}")
        b.execute(f"GRANT INSERT ON {s}.{table} TO {OFFICE}")
        b.execute(f"ALTER TABLE {s}.{table} ENABLE ROW LEVEL SECURITY")
    b.execute(f"GRANT INSERT ON {', '.join(f'{s}.{t}' for t in YEAR_LIAISON_TABLES)} "
              f"TO {LIAISON}")
    b.execute(f"DROP POLICY liaison_inserts_own ON {s}.chain")
    # the policies as migration 14 made them: a later migration's tables do not exist yet
    for table, name, command, role, check in policies(
            {**_LIAISON_CHECK, **_LIAISON_CHECK_AT_12, **_LIAISON_CHECK_AT_13,
             **_LIAISON_CHECK_AT_14}):
        if table in YEAR_TABLES or (table, name) == ("chain", "liaison_inserts_own"):
            _create_policy(b, f"{s}.{table}", name, command, role, check)
    for table in YEAR_TABLES:
        _strict_table(b, s, table)
    _create_readable_checks(b, s, _READABLE_AT_14, _TEXT_AT_14)
    for signature, returns, body in strict_functions(s, revises, CHAINED):
        if signature == "ledger_chain_checked()":  # now naming the year's tables too
            b.execute(function_definition(s, signature, returns, body))


# Migration 16's table, checked as migration 10 checks the others: the result is an object
# of plain members (address -> "sent" or the refusal), as ledger_details reads one
_READABLE_AT_16 = {
    "reminders": [("as_of_is_a_date", "{s}.ledger_date(as_of)"),
                  ("sent_on_is_a_date", "{s}.ledger_date(sent_on)"),
                  ("items_are_strings", "{s}.ledger_strings(items)"),
                  ("recipients_are_strings", "{s}.ledger_strings(recipients)"),
                  ("result_is_readable", "{s}.ledger_details('reminder', result)")],
}
_OFFICE_TEXT_AT_16 = {
    "reminders": ("plan", "agency", "as_of", "sent_on", "items", "recipients", "subject",
                  "body_sha256", "sent_at", "result", "recorded_at", "recorded_by", "login"),
}


def create_reminders_rules(b: Backend, revises: str) -> None:
    """Migration 16 on PostgreSQL: `reminders` gets what migration 11 gave `rosters`:
    read by everyone, written by the office's role alone, row-level security and its
    policies, server-given ids, the chain check naming it, its rows chained by commit,
    and CHECK constraints on what the tool reads back."""
    from qth_disclosure.ledger.chain import CHAINED

    s = quoted_schema(b)
    b.execute(f"ALTER TABLE {s}.reminders ALTER COLUMN id SET GENERATED ALWAYS")
    b.execute(f"GRANT SELECT ON {s}.reminders TO {OFFICE}, {LIAISON}")
    b.execute(f"GRANT INSERT ON {s}.reminders TO {OFFICE}")
    b.execute(f"ALTER TABLE {s}.reminders ENABLE ROW LEVEL SECURITY")
    for policy in policies():
        if policy[0] == "reminders":
            _create_policy(b, *policy)
    chained = [t for t in CHAINED if b.table_exists(t)]
    for signature, returns, body in strict_functions(s, revises, chained):
        if signature == "ledger_chain_checked()":  # now naming `reminders` too
            b.execute(function_definition(s, signature, returns, body))
    _strict_table(b, s, "reminders")
    _create_readable_checks(b, s, _READABLE_AT_16, _OFFICE_TEXT_AT_16)


def create_application_rules(b: Backend, revises: str) -> None:
    """Migration 18 on PostgreSQL: the chain check learns to leave out a NULL
    `receipt_basis` (chain.ADDED_COLUMNS) and to name `proactive_figures`, `ledger_details`
    reads `close` events, the new column is bounded as migration 10 bounds a liaison's
    text, and `proactive_figures` is guarded as `rosters` is (migration 11): ids the
    server's, chained by commit, row-level security, written by the office's role alone."""
    from qth_disclosure.ledger.chain import CHAINED

    s = quoted_schema(b)
    b.execute(f"ALTER TABLE {s}.proactive_figures ALTER COLUMN id SET GENERATED ALWAYS")
    b.execute(f"GRANT SELECT ON {s}.proactive_figures TO {OFFICE}, {LIAISON}")
    b.execute(f"GRANT INSERT ON {s}.proactive_figures TO {OFFICE}")
    b.execute(f"ALTER TABLE {s}.proactive_figures ENABLE ROW LEVEL SECURITY")
    for policy in policies():
        if policy[0] == "proactive_figures":
            _create_policy(b, *policy)
    _strict_table(b, s, "proactive_figures")
    for signature, returns, body in strict_functions(s, revises, CHAINED):
        if signature in ("ledger_chain_checked()", "ledger_details(kind text, value text)"):
            b.execute(function_definition(s, signature, returns, body))
    b.execute(f"ALTER TABLE {s}.applications ADD CONSTRAINT applications_receipt_basis_fits "
              f"CHECK (length(receipt_basis) <= {_MAX_CHARS_AT_10}) NOT VALID")


def protect_rosters(b: Backend, revises: str) -> None:
    """Migration 11 on PostgreSQL: `rosters` guarded as every chained table is (ids the
    server's, chained by commit, row-level security) and written by the office's role
    alone; the chain check learns its name."""
    from qth_disclosure.ledger.chain import CHAINED

    s = quoted_schema(b)
    b.execute(f"ALTER TABLE {s}.rosters ALTER COLUMN id SET GENERATED ALWAYS")
    b.execute(f"GRANT SELECT ON {s}.rosters TO {OFFICE}, {LIAISON}")
    b.execute(f"GRANT INSERT ON {s}.rosters TO {OFFICE}")
    b.execute(f"ALTER TABLE {s}.rosters ENABLE ROW LEVEL SECURITY")
    for policy in policies():
        if policy[0] == "rosters":
            _create_policy(b, *policy)
    _strict_table(b, s, "rosters")
    chained = [t for t in CHAINED if b.table_exists(t)]
    for signature, returns, body in strict_functions(s, revises, chained):
        if signature == "ledger_chain_checked()":
            b.execute(function_definition(s, signature, returns, body))


def strict_functions(s: str, revises: str,
                     chained: Sequence[str]) -> list[tuple[str, str, str]]:
    """(signature, result type, source) of every function migration 10 defines in the
    ledger's schema `s` (quoted), in the order it defines them, for the chained tables
    `chained`: what the migration creates them with and, the source exactly as the server
    keeps it (`pg_proc.prosrc`), what `db verify` expects to find."""

    # Every function names the ledger's tables by schema and runs with a search_path of
    # its own (`function_definition`). None runs as its owner (SECURITY DEFINER): each
    # needs only what its caller already may.
    made = [("ledger_append_only()", "trigger", """
        BEGIN RAISE EXCEPTION 'ledger rows are append-only'; END""")]
    # Writers queue on the lock the tool takes (postgres.write); a client going around
    # the tool queues there too, so it reads the same chain head and latest revision as
    # everyone else. Its statement snapshot must then be fresh: a repeatable-read
    # transaction would read the latest revision as it was before the wait.
    lock = _writers_lock(s)
    # A monthly report's deliverable by equality, which the deliverable index answers (IS
    # NOT DISTINCT FROM cannot use it: every insert would read all of a unit's reports).
    made.append(("ledger_revision_checked()", "trigger", f"""
        DECLARE
            latest integer;
        BEGIN
            {lock}
            IF NEW.task IS NOT NULL AND NEW.period IS NOT NULL THEN
                SELECT max(id) INTO latest FROM {s}.submissions WHERE plan = NEW.plan
                    AND agency = NEW.agency AND kind = NEW.kind AND task = NEW.task
                    AND period = NEW.period;
            ELSE
                SELECT max(id) INTO latest FROM {s}.submissions WHERE plan = NEW.plan
                    AND agency = NEW.agency AND kind = NEW.kind
                    AND task IS NOT DISTINCT FROM NEW.task
                    AND period IS NOT DISTINCT FROM NEW.period;
            END IF;
            IF NEW.revision_of IS DISTINCT FROM latest THEN
                RAISE EXCEPTION '{revises}';
            END IF;
            RETURN NEW;
        END"""))
    # The chain check of migrations 7 and 9 (`_chain_body`), pinned to the ledger's
    # schema and under the writers' lock; a NULL column chain.ADDED_COLUMNS names is still
    # left out of the row, so a bulletin chained before migration 9 keeps its hash (and
    # `db copy` of a ledger holding one still passes this check).
    made.append(("ledger_chain_checked()", "trigger", _chain_body(chained, s, lock)))
    # An id is the one the table's sequence gave this very insert, unless the tables'
    # owner writes it (`db copy` keeps the source's ids): an id chosen ahead of the
    # sequence would make the writer it reaches fail.
    made.append(("ledger_id_checked()", "trigger", f"""
        DECLARE
            given bigint;
        BEGIN
            {lock}
            IF pg_has_role((SELECT relowner FROM pg_class WHERE oid = TG_RELID), 'MEMBER') THEN
                RETURN NEW;
            END IF;
            BEGIN
                given := currval(pg_get_serial_sequence(
                    format('%I.%I', TG_TABLE_SCHEMA, TG_TABLE_NAME), 'id'));
            EXCEPTION WHEN object_not_in_prerequisite_state THEN  -- no id given yet
                given := NULL;
            END;
            IF NEW.id IS DISTINCT FROM given THEN
                RAISE EXCEPTION '% #% was not numbered by the server: ids are the server''s '
                    'to give', TG_TABLE_NAME, NEW.id;
            END IF;
            RETURN NEW;
        END"""))
    made.append(("ledger_row_chained()", "trigger", f"""
        BEGIN
            IF NOT EXISTS (SELECT FROM {s}.chain WHERE tbl = TG_TABLE_NAME
                           AND row_id = NEW.id) THEN
                RAISE EXCEPTION '% #% has no chain entry: a ledger row is chained in the '
                    'transaction that writes it', TG_TABLE_NAME, NEW.id;
            END IF;
            RETURN NULL;
        END"""))
    return made + _readable_functions()


def _writers_lock(s: str) -> str:
    """The statements queueing a server-side check behind the writers' lock (see
    `strict_functions`)."""
    return f"""
        IF current_setting('transaction_isolation') <> 'read committed' THEN
            RAISE EXCEPTION 'ledger rows are written in READ COMMITTED transactions, '
                'not %', current_setting('transaction_isolation');
        END IF;
        PERFORM pg_advisory_xact_lock(hashtext('qth-disclosure ledger ' || {_literal(s)}));"""


# ---- migration 12 (indexed_revisions) ---------------------------------------------------


def _indexed_revision_function(s: str, revises: str) -> tuple[str, str, str]:
    """Migration 12's revision check: the deliverable's largest id asked so that an index
    answers it in one descent, by equality where a task and a period are given and by IS
    NULL (the partial index `submissions_latest_unperiodic`) where neither is; only a row
    the tool never writes (one of the two without the other) is looked for by IS NOT
    DISTINCT FROM."""
    return ("ledger_revision_checked()", "trigger", f"""
        DECLARE
            latest integer;
        BEGIN
            {_writers_lock(s)}
            IF NEW.task IS NOT NULL AND NEW.period IS NOT NULL THEN
                SELECT max(id) INTO latest FROM {s}.submissions WHERE plan = NEW.plan
                    AND agency = NEW.agency AND kind = NEW.kind AND task = NEW.task
                    AND period = NEW.period;
            ELSIF NEW.task IS NULL AND NEW.period IS NULL THEN
                SELECT max(id) INTO latest FROM {s}.submissions WHERE plan = NEW.plan
                    AND agency = NEW.agency AND kind = NEW.kind
                    AND task IS NULL AND period IS NULL;
            ELSE
                SELECT max(id) INTO latest FROM {s}.submissions WHERE plan = NEW.plan
                    AND agency = NEW.agency AND kind = NEW.kind
                    AND task IS NOT DISTINCT FROM NEW.task
                    AND period IS NOT DISTINCT FROM NEW.period;
            END IF;
            IF NEW.revision_of IS DISTINCT FROM latest THEN
                RAISE EXCEPTION '{revises}';
            END IF;
            RETURN NEW;
        END""")


def _indexed_chained_function(s: str) -> tuple[str, str, str]:
    """Migration 12's check that a row has its chain entry by commit. TG_TABLE_NAME is of
    type `name`, whose collation is "C", and the chain's (tbl, row_id) key cannot answer
    `tbl = TG_TABLE_NAME` in a collation not its own: migration 10's check read the whole
    key for every row, so a transaction of many rows (`db copy`) took time quadratic in
    their number. As text of the key's collation, the key answers it in one descent."""
    return ("ledger_row_chained()", "trigger", f"""
        BEGIN
            IF NOT EXISTS (SELECT FROM {s}.chain WHERE
                           tbl = TG_TABLE_NAME::text COLLATE "default" AND row_id = NEW.id) THEN
                RAISE EXCEPTION '% #% has no chain entry: a ledger row is chained in the '
                    'transaction that writes it', TG_TABLE_NAME, NEW.id;
            END IF;
            RETURN NULL;
        END""")


def _indexed_functions(s: str, revises: str) -> list[tuple[str, str, str]]:
    return [_indexed_revision_function(s, revises), _indexed_chained_function(s)]


def indexed_checks(b: Backend, revises: str) -> None:
    """Migration 12 on PostgreSQL: the revision check and the chained-by-commit check
    redefined so that an index answers each (`_indexed_functions`)."""
    s = quoted_schema(b)
    for made in _indexed_functions(s, revises):
        b.execute(function_definition(s, *made))


# What a liaison may insert, as migration 12 asks it: each row's parent found by its key.
# Migration 6's `row_id IN (SELECT id FROM submissions WHERE agency IN ...)` is planned
# as a join reading every submission of the liaison's units (measured: a sequential scan
# of all of them) for every chain entry a liaison writes.
_LIAISON_CHECK_AT_12 = {
    "application_events": ("EXISTS (SELECT FROM applications a WHERE a.id = "
                           f"application_events.application AND a.agency IN {_MINE})"),
    "chain": (
        "(tbl = 'submissions' AND EXISTS (SELECT FROM submissions s "
        f"WHERE s.id = chain.row_id AND s.agency IN {_MINE}))"
        " OR (tbl = 'applications' AND EXISTS (SELECT FROM applications a "
        f"WHERE a.id = chain.row_id AND a.agency IN {_MINE}))"
        " OR (tbl = 'application_events' AND EXISTS (SELECT FROM application_events e "
        "JOIN applications a ON a.id = e.application "
        f"WHERE e.id = chain.row_id AND a.agency IN {_MINE}))"
    ),
}


# Migration 13's: a liaison issues its own unit's letters, and chains them; the chain's
# check as migration 12 asks it (each row's parent by its key), `documents` added
_LIAISON_CHECK_AT_13 = {
    "documents": f"kind = 'letter' AND issuer IN {_MINE}",
    "chain": _LIAISON_CHECK_AT_12["chain"] + (
        " OR (tbl = 'documents' AND EXISTS (SELECT FROM documents d "
        f"WHERE d.id = chain.row_id AND d.kind = 'letter' AND d.issuer IN {_MINE}))"),
}


# Migration 14's: a liaison's plan items, found by their submission's key, and their
# chain entries beside the others'
_LIAISON_CHECK_AT_14 = {
    "plan_items": ("EXISTS (SELECT FROM submissions s WHERE s.id = plan_items.submission "
                   f"AND s.agency IN {_MINE})"),
    "chain": _LIAISON_CHECK_AT_13["chain"] + (
        " OR (tbl = 'plan_items' AND EXISTS (SELECT FROM plan_items i "
        "JOIN submissions s ON s.id = i.submission "
        f"WHERE i.id = chain.row_id AND s.agency IN {_MINE}))"),
}


# Migration 19's: a liaison records the fees of its own unit's applications, found by the
# application's key as migration 12 finds an event's, and chains them
_LIAISON_CHECK_AT_19 = {
    "application_fees": ("EXISTS (SELECT FROM applications a WHERE a.id = "
                         f"application_fees.application AND a.agency IN {_MINE})"),
    "chain": _LIAISON_CHECK_AT_14["chain"] + (
        " OR (tbl = 'application_fees' AND EXISTS (SELECT FROM application_fees f "
        "JOIN applications a ON a.id = f.application "
        f"WHERE f.id = chain.row_id AND a.agency IN {_MINE}))"),
}
_READABLE_AT_19 = {
    "application_fees": [("on_date_is_a_date", "{s}.ledger_date(on_date)"),
                         ("items_are_strings", "{s}.ledger_strings(items)"),
                         # 元 with at most two places, as core.fees writes them
                         ("amount_is_yuan", "amount ~ '^[0-9]{{1,12}}(\\.[0-9]{{1,2}})?$'")],
}
_TEXT_AT_19 = {
    "application_fees": ("kind", "on_date", "amount", "items", "recorded_at", "recorded_by",
                         "login"),
}


def create_fee_rules(b: Backend, revises: str) -> None:
    """Migration 19 on PostgreSQL: `application_fees` guarded as `application_events` is:
    read by everyone, written by the office and by a liaison for its own unit's
    applications (their chain entries too), row-level security, server-given ids, the
    chain check naming it, its rows chained by commit, and CHECK constraints on what the
    tool reads back."""
    from qth_disclosure.ledger.chain import CHAINED

    s = quoted_schema(b)
    b.execute(f"ALTER TABLE {s}.application_fees ALTER COLUMN id SET GENERATED ALWAYS")
    b.execute(f"GRANT SELECT ON {s}.application_fees TO {OFFICE}, {LIAISON}")
    b.execute(f"GRANT INSERT ON {s}.application_fees TO {OFFICE}, {LIAISON}")
    b.execute(f"ALTER TABLE {s}.application_fees ENABLE ROW LEVEL SECURITY")
    b.execute(f"DROP POLICY liaison_inserts_own ON {s}.chain")
    # the policies as they stand at migration 19: later ones name tables not made yet
    at_19 = {**_LIAISON_CHECK, **_LIAISON_CHECK_AT_12, **_LIAISON_CHECK_AT_13,
             **_LIAISON_CHECK_AT_14, **_LIAISON_CHECK_AT_19}
    for table, name, command, role, check in policies(at_19):
        if table in FEE_TABLES or (table, name) == ("chain", "liaison_inserts_own"):
            _create_policy(b, f"{s}.{table}", name, command, role, check)
    _strict_table(b, s, "application_fees")
    for signature, returns, body in strict_functions(s, revises, CHAINED):
        if signature == "ledger_chain_checked()":  # now naming `application_fees` too
            b.execute(function_definition(s, signature, returns, body))
    _create_readable_checks(b, s, _READABLE_AT_19, _TEXT_AT_19)


def indexed_policies(b: Backend) -> None:
    """Migration 12 on PostgreSQL: the liaisons' policies that read a parent row, asked by
    its key (`_LIAISON_CHECK_AT_12`); who may insert what is unchanged."""
    for table, check in _LIAISON_CHECK_AT_12.items():
        b.execute(f"ALTER POLICY liaison_inserts_own ON {table} WITH CHECK ({check})")


def latest_functions(s: str, revises: str,
                     chained: Sequence[str]) -> list[tuple[str, str, str]]:
    """`strict_functions` as the latest migration leaves them: migration 12's revision
    and chained-by-commit checks and migration 22's CHECK functions in place of
    migration 10's."""
    replaced = {made[0]: made for made in [*_indexed_functions(s, revises),
                                           *_unexcepted_functions(s, chained)]}
    return [replaced.get(made[0], made) for made in strict_functions(s, revises, chained)]


# ---- end of migration 12 -------------------------------------------------------------


def _readable_functions() -> list[tuple[str, str, str]]:
    """The functions the CHECK constraints of `_create_readable_checks` call."""
    # YYYY-MM-DD of the years 1900 to 2999, a day the month has
    made = [("ledger_date(value text)", "boolean", """
        BEGIN
            IF value !~ '^(19|2[0-9])[0-9]{2}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$' THEN
                RETURN false;
            END IF;
            PERFORM value::date;
            RETURN true;
        EXCEPTION WHEN datetime_field_overflow THEN  -- 2015-02-30
            RETURN false;
        END""")]
    made.append(("ledger_month(value text)", "boolean", """
        BEGIN
            RETURN coalesce(value ~ '^(19|2[0-9])[0-9]{2}-(0[1-9]|1[0-2])$', false);
        END"""))
    made.append(("ledger_strings(value text)", "boolean", """
        DECLARE
            parsed jsonb;
        BEGIN
            IF value = '[]' THEN  -- most reports have no links
                RETURN true;
            END IF;
            parsed := value::jsonb;
            RETURN jsonb_typeof(parsed) = 'array' AND NOT EXISTS (
                SELECT FROM jsonb_array_elements(parsed) e WHERE jsonb_typeof(e) <> 'string');
        EXCEPTION WHEN invalid_text_representation OR untranslatable_character THEN
            RETURN false;
        END"""))
    # An object of plain members (the tool writes text, numbers and true/false), with the
    # members each kind of event is read by (core.applications): whatever else JSON allows
    # is what Python's reader might not (nesting past its recursion limit, an integer of
    # more than 4,300 digits), and an extension of more working days than any law gives
    # would walk a clock past the three years it looks ahead.
    made.append(("ledger_details(kind text, value text)", "boolean", """
        DECLARE
            parsed jsonb;
        BEGIN
            parsed := value::jsonb;
            IF jsonb_typeof(parsed) <> 'object' OR EXISTS (
                    SELECT FROM jsonb_each(parsed) m
                    WHERE jsonb_typeof(m.value) IN ('object', 'array')
                    OR jsonb_typeof(m.value) = 'number' AND length(m.value::text) > 15) THEN
                RETURN false;
            END IF;
            RETURN coalesce(CASE kind
                WHEN 'answer' THEN jsonb_typeof(parsed -> 'outcome') = 'string'
                WHEN 'pause' THEN jsonb_typeof(parsed -> 'why') = 'string'
                WHEN 'close' THEN jsonb_typeof(parsed -> 'why') = 'string'
                WHEN 'appeal' THEN jsonb_typeof(parsed -> 'kind') = 'string'
                WHEN 'extend' THEN jsonb_typeof(parsed -> 'approved_by') = 'string'
                    AND jsonb_typeof(parsed -> 'working_days') = 'number'
                    AND (parsed ->> 'working_days') ~ '^[1-9][0-9]?$'
                ELSE true END, false);
        EXCEPTION WHEN invalid_text_representation OR untranslatable_character THEN
            RETURN false;
        END"""))
    return made


def function_definition(s: str, signature: str, returns: str, body: str) -> str:
    """The statement (re)defining one of `strict_functions` in the ledger's schema `s`:
    with a search_path of its own, the ledger's schema, then the catalogue, then (last,
    where nothing of a session's can shadow anything) the session's temporary objects."""
    return (f"CREATE OR REPLACE FUNCTION {s}.{signature} RETURNS {returns} "
            f"LANGUAGE plpgsql SET search_path = {s}, pg_catalog, pg_temp "
            f"AS $fn${body}$fn$")


# migration 14's tables: the days the tool reads back, and texts of a bounded size
_READABLE_AT_14 = {
    "voids": [("voided_on_is_a_date", "{s}.ledger_date(voided_on)")],
    "clearances": [("cleared_on_is_a_date", "{s}.ledger_date(cleared_on)")],
}
_TEXT_AT_14 = {
    "voids": ("reason", "voided_on", "recorded_at", "recorded_by", "login"),
    "clearances": ("result", "comment", "cleared_on", "recorded_at", "recorded_by", "login"),
    "plan_items": ("task", "matter", "content", "method", "time_limit", "person",
                   "recorded_at", "recorded_by", "login"),
}


def check_constraints() -> list[tuple[str, str]]:
    """(table, name) of every CHECK constraint migrations 10, 13, 14, 16, 18, 19 and 21 add:
    what `db verify` looks for."""
    readable = {**_READABLE_AT_10, **_READABLE_AT_13, **_READABLE_AT_14, **_READABLE_AT_16,
                **_READABLE_AT_19, **_READABLE_AT_21}
    made = [(table, f"{table}_{name}") for table, checks in readable.items()
            for name, _ in checks]
    return made + [(table, f"{table}_values_fit")
                   for table in (*_LIAISON_TEXT_AT_10, *_LIAISON_TEXT_AT_13, *_TEXT_AT_14,
                                 *_OFFICE_TEXT_AT_16, *_TEXT_AT_19, *_TEXT_AT_21)] + [
        ("applications", "applications_receipt_basis_fits")]  # migration 18


def _create_readable_checks(b: Backend, s: str, readable: Mapping[str, list[tuple[str, str]]],
                            texts: Mapping[str, tuple[str, ...]]) -> None:
    """CHECK constraints refusing a value the tool could not read back. NOT VALID: they
    hold for every new row, and an existing ledger migrates whatever it holds (its
    readers name a row they cannot read, `store._reader`)."""
    # called by every insert's checks: granted by name, whatever a server's default
    # privileges for functions are
    b.execute(f"GRANT EXECUTE ON FUNCTION {s}.ledger_date(text), {s}.ledger_month(text), "
              f"{s}.ledger_strings(text), {s}.ledger_details(text, text) "
              f"TO {OFFICE}, {LIAISON}")
    for table, checks in readable.items():
        for name, condition in checks:
            b.execute(f"ALTER TABLE {s}.{table} ADD CONSTRAINT {table}_{name} "
                      f"CHECK ({condition.format(s=s)}) NOT VALID")
    for table, columns in texts.items():
        sizes = " AND ".join(f"length({c}) <= {_MAX_CHARS_AT_10}" for c in columns)
        b.execute(f"ALTER TABLE {s}.{table} ADD CONSTRAINT {table}_values_fit "
                  f"CHECK ({sizes}) NOT VALID")


def quoted_schema(b: Backend) -> str:
    """The ledger's schema as migration 10 names it in its functions."""
    return _quoted(str(b.execute("SELECT current_schema()").fetchone()[0]))


def _literal(identifier: str) -> str:
    """A quoted identifier as the text current_schema() gives (for the lock's name)."""
    return "'" + identifier[1:-1].replace('""', '"').replace("'", "''") + "'"


# ---- migration 22 (cheaper_checks) --------------------------------------------------

# JSON as the tool writes it, for the checks' fast paths: an array of strings, an object
# of plain members (a string, a number, true, false, null), with no control character
# unescaped in a string. A \u escape of NUL or of half a surrogate pair is not read
# (untranslatable_character); of a character beyond ASCII, not in every server encoding:
# in the first form a \u escape is of ASCII only, in the second (on a UTF-8 server) of
# any character but those.
_WS = r"[ \t\n\r]*"
_NUMBER = r"-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?"


def _json_forms(escaped: str) -> tuple[str, str]:
    """The regular expressions of an array of strings and of an object of plain members,
    with `escaped` what may follow a backslash-u."""
    string = rf'"(?:[^"\\\x01-\x1f]|\\(?:["\\/bfnrt]|u{escaped}))*"'
    member = rf"{string}{_WS}:{_WS}(?:{string}|{_NUMBER}|true|false|null)"
    return (rf"^{_WS}\[{_WS}(?:{string}{_WS}(?:,{_WS}{string}{_WS})*)?\]{_WS}$",
            rf"^{_WS}\{{{_WS}(?:{member}{_WS}(?:,{_WS}{member}{_WS})*)?\}}{_WS}$")


_ASCII_FORMS = _json_forms("00(?:0[1-9a-fA-F]|[1-7][0-9a-fA-F])")
_UTF8_FORMS = _json_forms("(?!0000)(?:[0-9a-cA-Ce-fE-F][0-9a-fA-F]{3}|[dD][0-7][0-9a-fA-F]{2})")


def _as_written(form: int) -> str:
    """The condition that `value` has the tool's JSON form `form` (0: strings, 1: object)."""
    return (f"value ~ '{_ASCII_FORMS[form]}' OR value ~ '{_UTF8_FORMS[form]}' "
            "AND current_setting('server_encoding') = 'UTF8'")


def _unexcepted_functions(s: str,
                          chained: Sequence[str]) -> list[tuple[str, str, str]]:
    """Migration 22's CHECK functions: the same answers as migration 10's (and 18's
    `ledger_details`) for every value, without entering a block with an EXCEPTION clause
    for any value the tool writes. Such a block starts a subtransaction each time, and
    the checks run for every row written: a `db copy` of 100,000 rows spent 12.8 s in
    them. A date is checked by arithmetic; JSON is first matched against what the tool
    writes (a regular language: an array of strings, an object of plain members), which
    any JSON reader reads without error, and only a value that does not match is read
    in the old way, its errors caught. And the chain check, its row read by a statement
    planned once (`_static_chain_body`), for the chained tables `chained` of the ledger's
    schema `s` (quoted)."""
    made = [("ledger_date(value text)", "boolean", """
        DECLARE
            y integer;
            m integer;
        BEGIN
            IF value !~ '^(19|2[0-9])[0-9]{2}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$' THEN
                RETURN false;
            END IF;
            IF value IS NULL THEN  -- as migration 10's, whose cast of NULL succeeds
                RETURN true;
            END IF;
            y := substr(value, 1, 4)::integer;
            m := substr(value, 6, 2)::integer;
            RETURN substr(value, 9, 2)::integer <= CASE
                WHEN m = 2 AND (y % 4 = 0 AND y % 100 <> 0 OR y % 400 = 0) THEN 29
                WHEN m = 2 THEN 28
                WHEN m IN (4, 6, 9, 11) THEN 30
                ELSE 31 END;
        END""")]
    made.append(("ledger_strings(value text)", "boolean", f"""
        DECLARE
            parsed jsonb;
        BEGIN
            IF value = '[]' OR {_as_written(0)} THEN  -- as the tool writes them
                RETURN true;
            END IF;
            BEGIN
                parsed := value::jsonb;
                RETURN jsonb_typeof(parsed) = 'array' AND NOT EXISTS (
                    SELECT FROM jsonb_array_elements(parsed) e
                    WHERE jsonb_typeof(e) <> 'string');
            EXCEPTION WHEN invalid_text_representation OR untranslatable_character THEN
                RETURN false;
            END;
        END"""))
    made.append(("ledger_details(kind text, value text)", "boolean", f"""
        DECLARE
            parsed jsonb;
        BEGIN
            IF {_as_written(1)} THEN  -- as the tool writes them
                parsed := value::jsonb;
            ELSE
                BEGIN
                    parsed := value::jsonb;
                EXCEPTION WHEN invalid_text_representation OR untranslatable_character THEN
                    RETURN false;
                END;
            END IF;
            IF jsonb_typeof(parsed) <> 'object' OR EXISTS (
                    SELECT FROM jsonb_each(parsed) m
                    WHERE jsonb_typeof(m.value) IN ('object', 'array')
                    OR jsonb_typeof(m.value) = 'number' AND length(m.value::text) > 15) THEN
                RETURN false;
            END IF;
            RETURN coalesce(CASE kind
                WHEN 'answer' THEN jsonb_typeof(parsed -> 'outcome') = 'string'
                WHEN 'pause' THEN jsonb_typeof(parsed -> 'why') = 'string'
                WHEN 'close' THEN jsonb_typeof(parsed -> 'why') = 'string'
                WHEN 'appeal' THEN jsonb_typeof(parsed -> 'kind') = 'string'
                WHEN 'extend' THEN jsonb_typeof(parsed -> 'approved_by') = 'string'
                    AND jsonb_typeof(parsed -> 'working_days') = 'number'
                    AND (parsed ->> 'working_days') ~ '^[1-9][0-9]?$'
                ELSE true END, false);
        END"""))
    made.append(("ledger_chain_checked()", "trigger", _static_chain_body(chained, s)))
    return made


def _static_chain_body(tables: Sequence[str], s: str) -> str:
    """Migration 22's chain check: migration 10's (`_chain_body`, under the writers' lock,
    the same errors in the same order), its row read and made canonical in one statement
    written out for each chained table, where migration 10 built the statement anew for
    every entry (EXECUTE format(...), parsed and planned each time: measured, 435 of the
    check's 500 us an entry on a loaded machine) and filtered every column against every
    table's added and unhashed columns."""
    from qth_disclosure.ledger.chain import ADDED_COLUMNS, GENESIS, UNHASHED_COLUMNS

    names = ", ".join(f"'{t}'" for t in tables)
    branches = []
    for table in tables:
        kept = []
        if ADDED_COLUMNS.get(table):
            added = ", ".join(f"'{c}'" for c in ADDED_COLUMNS[table])
            kept.append(f"NOT (value = 'null'::jsonb AND key IN ({added}))")
        if UNHASHED_COLUMNS.get(table):
            kept.append(f"key NOT IN ({', '.join(repr(c) for c in UNHASHED_COLUMNS[table])})")
        where = "".join(f"\n                      AND {k}" for k in kept)
        branches.append(f"""
                WHEN '{table}' THEN
                    SELECT '{{"row":{{' || string_agg(to_json(key)::text || ':' || value::text,
                                                  ',' ORDER BY key COLLATE "C")
                           || '}},"table":' || to_json(NEW.tbl)::text || '}}'
                        INTO canonical FROM {s}.{table} t, jsonb_each(to_jsonb(t))
                        WHERE t.id = NEW.row_id{where};""")
    return f"""
        DECLARE
            head_seq integer;
            head_hash text;
            canonical text;
        BEGIN
            IF NEW.tbl NOT IN ({names}) THEN
                RAISE EXCEPTION 'chain entry % names no ledger table', NEW.seq;
            END IF;{_writers_lock(s)}
            SELECT seq, hash INTO head_seq, head_hash FROM {s}.chain ORDER BY seq DESC LIMIT 1;
            IF NEW.seq IS DISTINCT FROM coalesce(head_seq, 0) + 1
               OR NEW.prev_hash IS DISTINCT FROM coalesce(head_hash, '{GENESIS}') THEN
                RAISE EXCEPTION 'chain entry % does not follow the chain''s last entry',
                    NEW.seq;
            END IF;
            CASE NEW.tbl{''.join(branches)}
            END CASE;
            IF canonical IS NULL THEN  -- no row: nothing to aggregate (a row has its id)
                RAISE EXCEPTION 'chain entry % names a row that does not exist', NEW.seq;
            END IF;
            IF NEW.hash IS DISTINCT FROM encode(sha256(convert_to(
                    NEW.prev_hash || E'\\n' || canonical, 'UTF8')), 'hex') THEN
                RAISE EXCEPTION 'chain entry % does not hash its row', NEW.seq;
            END IF;
            RETURN NEW;
        END"""


def unexcepted_checks(b: Backend) -> None:
    """Migration 22 on PostgreSQL: the CHECK functions redefined without a subtransaction
    for the values the tool writes, and the chain check with its statements planned once
    (`_unexcepted_functions`); every constraint and trigger calling them stays as it is."""
    from qth_disclosure.ledger.chain import CHAINED

    s = quoted_schema(b)
    for made in _unexcepted_functions(s, CHAINED):
        b.execute(function_definition(s, *made))


# ---- migration 21 (attachments) ------------------------------------------------------


# Migration 21's: a liaison attaches files only to its own unit's submissions, and only
# to one its own transaction wrote (the submission row's xmin is this transaction: no
# file is added to a report afterwards); their chain entries beside the others'
_LIAISON_CHECK_AT_21 = {
    "attachments": ("EXISTS (SELECT FROM submissions s WHERE s.id = attachments.submission "
                    f"AND s.agency IN {_MINE} AND s.xmin = pg_current_xact_id()::xid)"),
    "chain": _LIAISON_CHECK_AT_19["chain"] + (
        " OR (tbl = 'attachments' AND EXISTS (SELECT FROM attachments a "
        "JOIN submissions s ON s.id = a.submission "
        f"WHERE a.id = chain.row_id AND s.agency IN {_MINE}))"),
}
# the bytes are the ones the row's digest names (the chain hashes the digest, not them)
_READABLE_AT_21 = {
    "attachments": [("data_hashed", "sha256 = encode(pg_catalog.sha256(data), 'hex')")],
}
_TEXT_AT_21 = {"attachments": ("name", "sha256", "recorded_at", "recorded_by", "login")}


def protect_attachments(b: Backend, revises: str) -> None:
    """Migration 21 on PostgreSQL: `attachments` guarded as migration 14 guards plan
    items (ids the server's, chained by commit, row-level security, bounded texts), its
    bytes checked against their digest; written by the office, and by a liaison for its
    own unit's submissions in the transaction that writes them, whose chain entries the
    chain's liaison policy now allows; the chain check learns its name, and to hash its
    rows without their bytes."""
    from qth_disclosure.ledger.chain import CHAINED

    s = quoted_schema(b)
    b.execute(f"ALTER TABLE {s}.attachments ALTER COLUMN id SET GENERATED ALWAYS")
    b.execute(f"GRANT SELECT ON {s}.attachments TO {OFFICE}, {LIAISON}")
    b.execute(f"GRANT INSERT ON {s}.attachments TO {OFFICE}, {LIAISON}")
    b.execute(f"ALTER TABLE {s}.attachments ENABLE ROW LEVEL SECURITY")
    b.execute(f"DROP POLICY liaison_inserts_own ON {s}.chain")
    for table, name, command, role, check in policies():
        if table in ATTACHMENT_TABLES or (table, name) == ("chain", "liaison_inserts_own"):
            _create_policy(b, f"{s}.{table}", name, command, role, check)
    _strict_table(b, s, "attachments")
    _create_readable_checks(b, s, _READABLE_AT_21, _TEXT_AT_21)
    for signature, returns, body in strict_functions(s, revises, CHAINED):
        if signature == "ledger_chain_checked()":
            b.execute(function_definition(s, signature, returns, body))
