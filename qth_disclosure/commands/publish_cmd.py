"""`disclose publish`: the 重点领域信息公开专栏 as a static site in a directory."""

from pathlib import Path
from typing import Annotated

import typer

from qth_disclosure.commands.common import session


def publish(
    ctx: typer.Context,
    # text, made a Path here, as `export --out` is
    out: Annotated[str, typer.Option("--out", "-o", metavar="DIR")],
    as_of: Annotated[str | None, typer.Option("--as-of", metavar="YYYY-MM-DD")] = None,
) -> None:
    """Write the key areas' disclosure column as a static site, in Chinese."""
    from qth_disclosure import queries
    from qth_disclosure.core import intake
    from qth_disclosure.site.directory import claim, write_site
    from qth_disclosure.site.pages import build

    s = session(ctx)
    registry = s.registry
    day = intake.check_as_of(s.day(as_of, "--as-of"), s.today())
    previous = claim(Path(out))
    with s.ledger() as ledger:
        publication = queries.publication(registry, ledger, day)
    site = build(registry, publication)
    removed = write_site(Path(out), site, previous)
    typer.echo(s.t("publish.wrote", path=out, files=len(site), as_of=day.isoformat()))
    if removed:
        typer.echo(s.t("publish.removed", files=", ".join(removed)), err=True)


def register(app: typer.Typer) -> None:
    app.command()(publish)
