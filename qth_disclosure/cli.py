"""The `disclose` command: global options, error handling, and the command groups."""

from __future__ import annotations

from enum import Enum
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from qth_disclosure.errors import DiscloseError
from qth_disclosure.i18n import resolve_language, t
from qth_disclosure.paths import default_ledger_path, resolve_ledger, resolve_registry_dir
from qth_disclosure.session import Session


class Lang(str, Enum):
    zh = "zh"
    en = "en"


class _Group(TyperGroup):
    """Turns the core's errors into one line on stderr and their exit code."""

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except DiscloseError as exc:
            session = ctx.obj if isinstance(ctx.obj, Session) else None
            lang = session.lang if session else resolve_language(None)
            typer.echo(t(lang, "error_prefix") + exc.message(lang), err=True)
            raise typer.Exit(exc.exit_code) from None


app = typer.Typer(
    cls=_Group,
    name="disclose",
    help="Track the 2015 Qitaihe City Government Information Disclosure Work Plan "
    "(七政办发〔2015〕23号): monthly reports, phase deliverables, status.",
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


@app.callback()
def _globals(
    ctx: typer.Context,
    registry: Annotated[str | None, typer.Option(
        "--registry", metavar="DIR",
        help="Directory holding tasks.yaml and agencies.yaml [env DISCLOSE_REGISTRY; "
        "default: the shipped 2015 registry]")] = None,
    db: Annotated[str | None, typer.Option(
        "--db", metavar="PATH",
        help=f"Ledger file [env DISCLOSE_DB; default: {default_ledger_path()}]")] = None,
    lang: Annotated[Lang | None, typer.Option(
        "--lang", help="Interface language [env DISCLOSE_LANG; default: from the locale]",
        case_sensitive=False)] = None,
) -> None:
    language = resolve_language(lang.value if lang else None)
    if language not in ("zh", "en"):
        typer.echo(t("en", "error_prefix") + t("en", "bad_choice", what="DISCLOSE_LANG",
                                                value=language, valid="zh, en"), err=True)
        raise typer.Exit(2)
    ctx.obj = Session(resolve_registry_dir(registry), resolve_ledger(db), language)


def _register() -> None:
    from qth_disclosure.commands import (
        db_cmd,
        deliverables,
        export_cmd,
        office,
        registry_cmds,
        requests_cmd,
        stats_cmd,
        status,
    )

    for module in (registry_cmds, deliverables, status, office, export_cmd, requests_cmd,
                   stats_cmd, db_cmd):
        module.register(app)


_register()


def main() -> None:
    app(prog_name="disclose")


if __name__ == "__main__":  # pragma: no cover
    main()
