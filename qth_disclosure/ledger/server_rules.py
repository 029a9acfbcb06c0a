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
"""

from __future__ import annotations

from qth_disclosure.ledger.backend import Backend

OFFICE = "disclose_office"
LIAISON = "disclose_liaison"
TABLES = ("submissions", "reviews", "inspections", "bulletins", "applications",
          "application_events", "chain")
LIAISON_TABLES = ("submissions", "applications", "application_events", "chain")
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
    b.execute(f"GRANT SELECT ON {', '.join(TABLES)}, schema_migrations, liaisons TO {everyone}")
    b.execute(f"GRANT INSERT ON {', '.join(TABLES)} TO {OFFICE}")
    b.execute(f"GRANT INSERT, DELETE ON liaisons TO {OFFICE}")
    b.execute(f"GRANT INSERT ON {', '.join(LIAISON_TABLES)} TO {LIAISON}")
    for table in TABLES:
        b.execute(f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY")
    for table, name, command, role, check in policies():
        b.execute(f"CREATE POLICY {name} ON {table} FOR {command}"
                  + (f" TO {role} WITH CHECK ({check})" if command == "INSERT"
                     else f" USING ({check})"))


def policies() -> list[tuple[str, str, str, str, str]]:
    """(table, name, command, role, condition) of every policy: what `server_roles`
    creates and `db verify` looks for."""
    made: list[tuple[str, str, str, str, str]] = []
    for table in TABLES:
        made += [(table, "everyone_reads", "SELECT", "public", "true"),
                 (table, "office_inserts", "INSERT", OFFICE, "true")]
    made += [(table, "liaison_inserts_own", "INSERT", LIAISON, check)
             for table, check in _LIAISON_CHECK.items()]
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
    for table in CHAINED:
        b.execute(f"ALTER TABLE {table} ALTER COLUMN id SET GENERATED ALWAYS")


def replace_chain_check(b: Backend) -> None:
    """(Re)define the server's chain check as this version of the tool hashes rows."""
    b.execute(_function("ledger_chain_checked", _chain_body()))


def _function(name: str, body: str) -> str:
    return f"CREATE OR REPLACE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $${body}$$"


def function_bodies(revises: str) -> dict[str, str]:
    """The source of each trigger function the checks use, by name, exactly as the server
    keeps it (`pg_proc.prosrc`): what they are created with and what `db verify` expects."""
    return {"ledger_revision_checked": _revision_body(revises),
            "ledger_chain_checked": _chain_body()}


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


def _chain_body() -> str:
    from qth_disclosure.ledger.chain import ADDED_COLUMNS, CHAINED, GENESIS

    # The entry must be the chain's next link and its hash the one chain.row_hash gives:
    # SHA-256 of the previous hash, a newline, and the row as canonical JSON (keys sorted,
    # no spaces, non-ASCII as is), which PostgreSQL's JSON output spells the same way;
    # a column chain.ADDED_COLUMNS names is left out where it is NULL.
    tables = ", ".join(f"'{t}'" for t in CHAINED)
    added = ", ".join(f"('{t}', '{c}')" for t, cs in ADDED_COLUMNS.items() for c in cs)
    return f"""
        DECLARE
            head_seq integer;
            head_hash text;
            stored jsonb;
            canonical text;
        BEGIN
            IF NEW.tbl NOT IN ({tables}) THEN
                RAISE EXCEPTION 'chain entry % names no ledger table', NEW.seq;
            END IF;
            SELECT seq, hash INTO head_seq, head_hash FROM chain ORDER BY seq DESC LIMIT 1;
            IF NEW.seq IS DISTINCT FROM coalesce(head_seq, 0) + 1
               OR NEW.prev_hash IS DISTINCT FROM coalesce(head_hash, '{GENESIS}') THEN
                RAISE EXCEPTION 'chain entry % does not follow the chain''s last entry',
                    NEW.seq;
            END IF;
            EXECUTE format('SELECT to_jsonb(t) FROM %I t WHERE id = $1', NEW.tbl)
                INTO stored USING NEW.row_id;
            IF stored IS NULL THEN
                RAISE EXCEPTION 'chain entry % names a row that does not exist', NEW.seq;
            END IF;
            SELECT '{{"row":{{' || string_agg(to_json(key)::text || ':' || value::text, ','
                                          ORDER BY key COLLATE "C")
                   || '}},"table":' || to_json(NEW.tbl)::text || '}}'
                INTO canonical FROM jsonb_each(stored)
                WHERE NOT (value = 'null'::jsonb AND (NEW.tbl, key) IN ({added}));
            IF NEW.hash IS DISTINCT FROM encode(sha256(convert_to(
                    NEW.prev_hash || E'\\n' || canonical, 'UTF8')), 'hex') THEN
                RAISE EXCEPTION 'chain entry % does not hash its row', NEW.seq;
            END IF;
            RETURN NEW;
        END """
