"""`disclose attachment ID --out FILE`: a stored attachment written back, byte for byte."""

from pathlib import Path
from typing import Annotated

import typer

from qth_disclosure.commands.common import is_row_id, session


def attachment(
    ctx: typer.Context,
    attachment_id: Annotated[int, typer.Argument(metavar="ID")],
    # text, made a Path here: see export's --out
    out: Annotated[str, typer.Option("--out", "-o", metavar="FILE")],
) -> None:
    """Write a file attached to a submission back out, exactly as it was handed in."""
    from qth_disclosure.errors import InputError, LedgerError
    from qth_disclosure.files import mode_for, write_atomically
    from qth_disclosure.ledger.attached import digest

    s = session(ctx)
    path = Path(out)
    if path.exists() or path.is_symlink():  # refused before the ledger is read
        raise InputError("file_exists", path=str(path))
    with s.ledger() as ledger:
        found = ledger.attachment(attachment_id) if is_row_id(attachment_id) else None
        if found is None:
            raise InputError("attachment_unknown", value=attachment_id)
        stored, data = found
        # bytes changed outside the tool are not handed out as the ones submitted
        if len(data) != stored.size or digest(data) != stored.sha256:
            raise LedgerError("attachment_changed", id=stored.id, name=stored.name)

    def fill(target: Path) -> None:
        target.write_bytes(data)

    try:
        # never over an existing file, even one made while this one was written
        write_atomically(path, fill, mode=mode_for(path), replace=False)
    except FileExistsError as exc:
        raise InputError("file_exists", path=str(path)) from exc
    except OSError as exc:
        raise InputError("attachment_write_failed", path=str(path),
                         reason=exc.strerror or str(exc)) from exc
    typer.echo(s.t("attachment.wrote", path=str(path), id=stored.id, name=stored.name,
                   size=f"{stored.size:,}", sha256=stored.sha256))


def register(app: typer.Typer) -> None:
    app.command()(attachment)
