"""The `disclose` command: global options, error handling, and the command groups."""

import io
import os
import sys
from collections.abc import Sequence
from enum import Enum
from importlib import import_module
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from qth_disclosure import clitext
from qth_disclosure.errors import DiscloseError
from qth_disclosure.i18n import resolve_language, t
from qth_disclosure.paths import default_ledger_path, resolve_ledger, resolve_registry_dir


class Lang(str, Enum):
    zh = "zh"
    en = "en"


class _Group(TyperGroup):
    """Puts the command line into the interface language, and turns the core's errors and
    Click's usage errors into one line on stderr and their exit code."""

    def main(self, args: Sequence[str] | None = None, prog_name: str | None = None,
             complete_var: str | None = None, standalone_mode: bool = True,
             windows_expand_args: bool = True, **extra: Any) -> Any:
        from typer import _click

        argv = list(sys.argv[1:] if args is None else args)
        lang = clitext.language_for(argv)
        clitext.translate(self, lang, {"opt.disclose.db": {"ledger": str(default_ledger_path())}})
        try:
            result = super().main(argv, prog_name, complete_var, standalone_mode=False,
                                 windows_expand_args=windows_expand_args, **extra)
        except _click.exceptions.NoArgsIsHelpError as exc:
            typer.echo(exc.ctx.get_help(), err=True)
            result = exc.exit_code
        except _click.exceptions.UsageError as exc:
            _error_line(t(lang, "error_prefix") + clitext.usage_error_line(exc, lang))
            result = exc.exit_code
        except _click.exceptions.ClickException as exc:
            _error_line(t(lang, "error_prefix") + exc.format_message().replace("\n", " "))
            result = exc.exit_code
        except typer.Abort:
            _error_line(t(lang, "aborted"))
            result = 1
        code = result if isinstance(result, int) else 0
        if not standalone_mode:
            return code
        sys.exit(code)

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except DiscloseError as exc:
            from qth_disclosure.session import Session

            session = ctx.obj if isinstance(ctx.obj, Session) else None
            lang = session.lang if session else resolve_language(None)
            _error_line(t(lang, "error_prefix") + exc.message(lang))
            raise typer.Exit(exc.exit_code) from None


def _error_line(text: str) -> None:
    """An error's one line (DiscloseError.message escapes what it quotes) on stderr, in
    characters its encoding has: a GBK or ASCII terminal gets √ or \\u escapes, never
    UnicodeEncodeError."""
    from qth_disclosure.output.encoding import fitter

    typer.echo(fitter(sys.stderr)(text), err=True)


def _version(value: bool) -> None:
    if value:
        from qth_disclosure import __version__

        typer.echo(f"disclose {__version__}")
        raise typer.Exit()


def _globals(
    ctx: typer.Context,
    registry: Annotated[str | None, typer.Option(
        "--registry", metavar="DIR")] = None,
    db: Annotated[str | None, typer.Option(
        "--db", metavar="PATH|URL")] = None,
    lang: Annotated[Lang | None, typer.Option("--lang", case_sensitive=False)] = None,
    version: Annotated[bool, typer.Option("--version", is_eager=True, callback=_version)]
    = False,
) -> None:
    language = resolve_language(lang.value if lang else None)
    if language not in ("zh", "en"):
        _error_line(t("en", "error_prefix") + t("en", "bad_choice", what="DISCLOSE_LANG",
                                                 value=language, valid="zh, en"))
        raise typer.Exit(2)
    # a command's session (and the calendar it brings): not imported for the root's help
    from qth_disclosure.session import Session

    ledger = resolve_ledger(db)
    ctx.obj = Session(resolve_registry_dir(registry), ledger.location, language,
                      ledger_given=ledger.given)


# Which module defines each top-level command. An invocation registers only the module it
# names: Typer turns every registered function into a Click command (signature inspection,
# type hints) on every run, and building all of them cost more than a whole `status` query.
COMMANDS: dict[str, str] = {
    "agencies": "registry_cmds", "tasks": "registry_cmds", "check": "registry_cmds",
    "submit": "deliverables", "inspect": "deliverables", "review": "deliverables",
    "void": "deliverables", "clear": "deliverables",
    "history": "deliverables", "status": "status", "todo": "status", "report": "office",
    "lint": "office",
    "bulletin": "bulletin_cmd", "export": "export_cmd", "request": "applications_cmd",
    "stats": "stats_cmd", "proactive": "stats_cmd", "annual-report": "annual_report_cmd",
    "db": "db_cmd", "remind": "remind_cmd",
    "import": "import_cmd", "score": "score_cmd", "rank": "score_cmd",
    "publish": "publish_cmd", "attachment": "attachment_cmd",
}
# The commands that are groups of commands: Typer lists them after the plain ones.
GROUPS = ("request", "db")
# Global options that take a value, so the value is not mistaken for the command name.
_VALUED = {"--registry", "--db", "--lang"}
# set by the shell when it asks Typer for completions (Typer's `_{PROG}_COMPLETE`)
_COMPLETE_VAR = "_DISCLOSE_COMPLETE"


def modules_for(argv: Sequence[str]) -> list[str]:
    """The command modules an invocation needs: the one its command names, else all of them
    (for help, a mistyped command's suggestions, or no command at all)."""
    named = _command_named(argv)
    return [COMMANDS[named]] if named is not None else _all_modules()


def _command_named(argv: Sequence[str]) -> str | None:
    """The known command an invocation names, if it names one (none after the root's own
    help option, which Click answers before it reads a command: `disclose -h status` is
    the root's help)."""
    args = iter(argv)
    for arg in args:
        if arg in _VALUED:
            next(args, None)
        elif arg in ("-h", "--help"):
            return None
        elif not arg.startswith("-"):
            return arg if arg in COMMANDS else None
    return None


def _all_modules() -> list[str]:
    return list(dict.fromkeys(COMMANDS.values()))


def build_app(modules: Sequence[str] | None = None, only: str | None = None) -> typer.Typer:
    """The `disclose` application with the given command modules (default: every one);
    with `only`, just that command of theirs: Typer builds the options of every command
    registered, and `submit`'s module registers six."""
    app = _root()
    for name in modules if modules is not None else _all_modules():
        import_module(f"qth_disclosure.commands.{name}").register(app)
    if only is not None:
        app.registered_commands = [c for c in app.registered_commands
                                   if _command_name(c) == only]
        app.registered_groups = [g for g in app.registered_groups if g.name == only]
    return app


def _command_name(info: Any) -> str:
    """A registered command's name, as Typer gives it (its function's, `_` as `-`)."""
    return str(info.name or typer.main.get_command_name(info.callback.__name__))


def listing_app() -> typer.Typer:
    """The application as the root's help, a mistyped command's suggestions and a missing
    command's error see it: every command by name, in the order of the whole application,
    with its help from the catalogue (`cmd.NAME`, put in by clitext.translate). No command
    module is imported and no option built: building all of them was most of what
    `disclose --help` cost over a Typer app of two empty commands."""
    app = _root()
    for name in [n for n in COMMANDS if n not in GROUPS] + list(GROUPS):
        app.command(name)(_listed)
    return app


def _listed() -> None:
    """Never invoked: a command the command line names is built from its module."""


def app_for(argv: Sequence[str]) -> typer.Typer:
    """The application an invocation needs. Shell completion reads the words typed from
    the environment, not from argv, so it is given every command whole."""
    named = _command_named(argv)
    if _COMPLETE_VAR in os.environ:
        return build_app()
    return listing_app() if named is None else build_app(modules_for(argv), only=named)


def _root() -> typer.Typer:
    app = typer.Typer(
        cls=_Group,
        name="disclose",
        no_args_is_help=True,
        pretty_exceptions_enable=False,
        rich_markup_mode=None,
        context_settings={"help_option_names": ["-h", "--help"]},
    )
    app.callback()(_globals)
    return app


def main() -> None:
    # The last guard against a crash on output: whatever a command prints that the locale's
    # encoding lacks (a path typed with bytes that were not UTF-8, Chinese in an ASCII
    # locale) is written as a visible escape. Tables, documents and error lines are fitted
    # to the encoding before this, so that columns stay aligned and marks readable.
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(errors="backslashreplace")
    app_for(sys.argv[1:])(prog_name="disclose")


if __name__ == "__main__":  # pragma: no cover
    main()
