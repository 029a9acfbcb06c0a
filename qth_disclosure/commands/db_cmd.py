"""`disclose db ...`: the ledger's creation, integrity, schema, backups, copies and facts."""

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Annotated

import typer

from qth_disclosure.commands.common import FormatOption, session
from qth_disclosure.errors import InputError
from qth_disclosure.output.render import Format, emit, wants_colour
from qth_disclosure.session import Session

if TYPE_CHECKING:  # the core loads when a command runs, not when `--help` does
    from qth_disclosure.ledger import Ledger, PinnedRoster


db_app = typer.Typer(no_args_is_help=True)


@db_app.command("init")
def init(ctx: typer.Context) -> None:
    """Create the ledger at --db or DISCLOSE_DB (or the default location): a new SQLite
    file, or the schema in a PostgreSQL database; where a ledger is already, say so."""
    s = session(ctx)
    with s.new_ledger() as ledger:
        created, applied = ledger.created, ledger.migrated
        version, location = ledger.schema_version(), ledger.location
        # a new ledger pins the people agencies.yaml lists, whoever creates it (its owner
        # can write anything in it anyway): from now on only its coordinators change them
        pinned = (_pin(s, ledger, checked=False)
                  if created and s.registry_roster().active else None)
    if created:
        typer.echo(s.t("db.created", location=location, version=version))
        if pinned is not None:
            typer.echo(s.t("db.roster_pinned", id=pinned.id, **_roster_counts(s)))
    elif applied:  # an older ledger: opening it brought it up to date, as every command does
        typer.echo(s.t("db.migrated", location=location, version=version,
                       names=s.t("info.sep").join(applied)))
    else:
        typer.echo(s.t("db.already", location=location, version=version))


def _existing(s: Session, *, for_writing: bool = False) -> "Ledger":
    """The ledger these commands look after: one must exist, even at the default location
    (`db init` makes one)."""
    return s.existing_ledger(for_writing=for_writing)


@contextmanager
def _progress(label: str) -> Iterator[Callable[[int, int | None], None]]:
    """A progress bar on a terminal's stderr; nothing at all in a pipe or under cron."""
    if not wants_colour(sys.stderr):
        yield lambda done, total: None
        return
    from rich.progress import Progress

    with Progress(transient=True, console=None) as bar:
        task = bar.add_task(label, total=None)
        yield lambda done, total: bar.update(task, completed=done, total=total)


@db_app.command("verify")
def verify(ctx: typer.Context,
           head: Annotated[str | None, typer.Option(
               "--head", metavar="HASH")] = None) -> None:
    """Check the ledger: SQLite's integrity check (for a file), every link of the hash
    chain, the rows it hashes included, the heads bulletins recorded, the guard triggers
    (and on PostgreSQL the server's checks and policies) and the record of migrations."""
    s = session(ctx)
    wanted = _chain_head(head) if head is not None else None
    with _existing(s) as ledger, _progress(s.t("db.verifying")) as tick:
        broken = ledger.verify(lambda n: tick(n, None), head=wanted)
        if broken is not None:  # nothing more is read from a ledger that does not hold
            typer.echo(s.t("db.broken", problem=s.t(broken.key, **broken.params)), err=True)
            raise typer.Exit(1)
        counts = ledger.row_counts()
        seq, digest = ledger.chain_head()
    held = s.t("db.head_held", head=wanted) if wanted else ""
    from qth_disclosure.views.ledger import counts_text

    typer.echo(s.t("db.ok", rows=sum(counts.values()), counts=counts_text(s.t, counts),
                   seq=seq, head=digest) + held)


def _chain_head(text: str) -> str:
    """A head as given to --head: a chain hash, or its first 16 hexadecimal digits or more
    (what earlier versions printed)."""
    import re

    if re.fullmatch(r"[0-9a-fA-F]{16,64}", text.strip()) is None:
        raise InputError("bad_head", value=text)
    return text.strip().lower()


@db_app.command("backup")
def backup(ctx: typer.Context,
           # text, not a Path: Path would tidy `./file:x` into `file:x`, an SQLite URI
           target: Annotated[str, typer.Argument(metavar="FILE")],
           ) -> None:
    """Copy an SQLite ledger consistently while others keep writing (online backup); a
    PostgreSQL ledger is backed up on its server."""
    s = session(ctx)
    with _existing(s) as ledger, _progress(s.t("db.backing_up")) as tick:
        seq, digest = ledger.backup(target, tick)
        source = ledger.location
    typer.echo(s.t("db.backed_up", source=source, target=target, seq=seq, head=digest))


@db_app.command("migrate")
def migrate(ctx: typer.Context) -> None:
    """Bring the ledger's schema up to date, and say so ('db init' creates a ledger)."""
    s = session(ctx)
    with _existing(s, for_writing=True) as ledger:
        applied = ledger.migrated  # opening for writing applied what was missing
        version = ledger.schema_version()
        location = ledger.location
    if applied:
        typer.echo(s.t("db.migrated", location=location, version=version,
                       names=s.t("info.sep").join(applied)))
    else:
        typer.echo(s.t("db.up_to_date", location=location, version=version))


@db_app.command("copy")
def copy(ctx: typer.Context,
         to: Annotated[str, typer.Option("--to", metavar="URL|FILE")]) -> None:
    """Copy every row, ids and hash chain included, into a new file or an empty ledger
    (SQLite to PostgreSQL or back); the copy is checked before it is committed."""
    from qth_disclosure.ledger.location import shown

    s = session(ctx)
    with _existing(s) as ledger, _progress(s.t("db.copying")) as tick:
        copied = ledger.copy_to(to, tick)
        source = ledger.location
    from qth_disclosure.views.ledger import counts_text

    rows = {table: n for table, n in copied.counts.items() if table != "chain"}
    seq, digest = copied.head
    typer.echo(s.t("db.copied", rows=sum(rows.values()),
                   counts=counts_text(s.t, rows),
                   source=source, target=shown(to), seq=seq, head=digest[:16]))


@db_app.command("roster")
def roster(ctx: typer.Context,
           pin: Annotated[bool, typer.Option("--pin")] = False,
           fmt: FormatOption = Format.table) -> None:
    """Show who may write what: the roster pinned in the ledger, which the tool enforces,
    beside the one agencies.yaml lists; --pin makes agencies.yaml's the one in force."""
    from qth_disclosure.views.ledger import ROSTER_COLUMNS, roster_blocks, roster_data

    s = session(ctx)
    with _existing(s, for_writing=pin) as ledger:
        if pin:
            pinned = _pin(s, ledger)
            typer.echo(s.t("db.roster_pinned" if pinned else "db.roster_unchanged",
                           id=pinned.id if pinned else "", **_roster_counts(s)), err=True)
        data = roster_data(s.registry, ledger.pinned_roster(),
                           s.roster(ledger))
    emit(fmt, data, lambda: roster_blocks(data, s.registry, s.t), rows=data["people"],
         columns=ROSTER_COLUMNS)  # the header row even when nobody is listed


def _pin(s: Session, ledger: "Ledger", *, checked: bool = True) -> "PinnedRoster | None":
    """Pin agencies.yaml's roster; only a coordinator of the roster in force may (anyone,
    while nobody is listed), unless not `checked` (a ledger just created); None when it is
    pinned already."""
    from qth_disclosure.core import roles
    from qth_disclosure.ledger import NewRoster

    def check(_: "PinnedRoster | None") -> None:  # inside the write: the roster then in force
        roles.check_office(s.roster(ledger), s.user(), "db roster --pin")

    new = NewRoster(s.registry.plan.id, s.registry_roster().to_text())
    if not checked:
        return ledger.pin_roster(new, s.stamp_unchecked())
    return ledger.pin_roster(new, s.stamp(None, ledger, note=False), check=check)


def _roster_counts(s: Session) -> dict[str, int]:
    listed = s.registry_roster()
    return {"coordinators": len(listed.coordinators),
            "liaisons": sum(len(logins) for _, logins in listed.liaisons),
            "units": len(listed.liaisons)}


@db_app.command("info")
def info(ctx: typer.Context, fmt: FormatOption = Format.table) -> None:
    """Show the ledger's location, backend, schema version, row counts, size and chain
    head."""
    from qth_disclosure.views.ledger import info_blocks, info_data, info_row

    s = session(ctx)
    with _existing(s) as ledger:
        data = info_data(ledger)
    emit(fmt, data, lambda: info_blocks(data, s.t), rows=[info_row(data)])


def register(app: typer.Typer) -> None:
    app.add_typer(db_app, name="db")
