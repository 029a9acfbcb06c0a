"""The command line's own words in the interface language.

Help pages come from the catalogues (`cmd.PATH`, `opt.PATH.OPTION`, `arg.PATH.NAME`, with
`opt.OPTION` and `arg.NAME` for what many commands share) and are laid out by display
width, so that Chinese wraps within the terminal and no date or option name is broken.
Click's usage errors (a missing or unknown option, a bad choice, a stray argument) become
one line naming the value and what is valid, like every other error of the tool.

`translate` runs on the command tree before each parse: Typer builds the Click commands
afresh on every call, so the tree is always in the words of the language chosen for it.
"""

from __future__ import annotations

import inspect
import os
import re
from collections.abc import Iterator, Sequence
from typing import Any

import typer
from typer import _click  # the Click that Typer ships, whose classes it builds
from typer._click import types
from typer._types import TyperChoice

from qth_disclosure.i18n import catalogue, resolve_language, t
from qth_disclosure.output.plaintable import width

# Global options that take a value (cli._VALUED): the language is read from argv before
# Click parses anything, because the root's --help is answered during that parse.
_LANG_FLAG = "--lang"


def language_for(argv: Sequence[str]) -> str:
    """The interface language of an invocation: --lang as written before the command,
    else DISCLOSE_LANG, else the locale. A value that is not a language is left for the
    parse to refuse; help and the refusal are then in the language the rest gives."""
    for i, arg in enumerate(argv):
        if arg == "--":
            break
        given = argv[i + 1] if arg == _LANG_FLAG and i + 1 < len(argv) else \
            arg.partition("=")[2] if arg.startswith(_LANG_FLAG + "=") else None
        if given is not None and given.lower() in ("zh", "en"):
            return given.lower()
    chosen = resolve_language(None)
    return chosen if chosen in ("zh", "en") else "en"


# ---------------------------------------------------------------- the command tree


def translate(command: Any, lang: str, params: dict[str, dict[str, str]] | None = None,
              path: tuple[str, ...] = ()) -> None:
    """Put `command` and everything under it into `lang`: help texts, metavars, the help
    option, the types that refuse values (their messages), the help layout."""
    key = ".".join(path) or "disclose"
    command.context_class = _context_class(lang)
    text = _lookup(lang, [f"cmd.{key}"], params, _original(command, "help"))
    if text is not None:
        command.help = text
        command.short_help = _first_sentence(text)
    epilog = _lookup(lang, [f"epilog.{key}"], params, _original(command, "epilog"))
    if epilog is not None:
        command.epilog = epilog
    command.options_metavar = t(lang, "click.options_metavar")
    if hasattr(command, "commands"):
        command.subcommand_metavar = t(lang, "click.subcommand_metavar")
    for param in command.params:
        name = _param_name(param)
        kind = "opt" if param.param_type_name == "option" else "arg"
        found = _lookup(lang, [f"{kind}.{key}.{name}", f"{kind}.{name}"], params,
                        _original(param, "help"))
        if found is not None:
            param.help = found
        if kind == "arg" and param.metavar is None:
            param.metavar = name.upper()
        if param.param_type_name == "option" and not param.is_flag and param.metavar is None \
                and param.type is types.STRING:
            param.metavar = t(lang, f"meta.{name}") if f"meta.{name}" in catalogue(lang) \
                else t(lang, "meta.text")
        param.type = _refusing_type(param.type, lang)
    for name, sub in getattr(command, "commands", {}).items():
        translate(sub, lang, params, (*path, name))


def _original(obj: Any, attr: str) -> str | None:
    """The text the code gave (kept across translations of a reused tree)."""
    kept = f"_disclose_{attr}"
    if not hasattr(obj, kept):
        setattr(obj, kept, getattr(obj, attr))
    value: str | None = getattr(obj, kept)
    return value


def _lookup(lang: str, keys: Sequence[str], params: dict[str, dict[str, str]] | None,
            fallback: str | None) -> str | None:
    messages = catalogue(lang)
    for key in keys:
        if key in messages:
            return t(lang, key, **(params or {}).get(key, {}))
    return None if fallback is None else inspect.cleandoc(fallback)


def _param_name(param: Any) -> str:
    longs = [o for o in param.opts if o.startswith("--")]
    return longs[0][2:] if longs else str(param.name)


def _first_sentence(text: str) -> str:
    """What the command list shows: the help up to its first full stop."""
    match = re.search(r"(?<=[.。])(\s|$)|(?<=。)", text)
    return text[: match.start()].strip() if match else text


def command_path(ctx: Any) -> str:
    return str(ctx.command_path) if ctx is not None else "disclose"


# ---------------------------------------------------------------- refusing values


class Refused(typer.BadParameter):
    """A value the option's type refused, with the whole line already said."""


class _Choice(TyperChoice[Any]):
    lang = "en"

    def convert(self, value: Any, param: Any, ctx: Any) -> Any:
        try:
            return super().convert(value, param, ctx)
        except typer.BadParameter:
            valid = ", ".join(str(c) for c in self._normalized_mapping(ctx=ctx).values())
            raise Refused(t(self.lang, "bad_choice", what=_shown(param), value=str(value),
                            valid=valid), ctx, param) from None


class _Int(types.IntParamType):
    lang = "en"

    def convert(self, value: Any, param: Any, ctx: Any) -> Any:
        try:
            return super().convert(value, param, ctx)
        except typer.BadParameter:
            raise Refused(t(self.lang, "usage.not_integer", what=_shown(param),
                            value=str(value)), ctx, param) from None


class _IntRange(types.IntRange):
    lang = "en"

    def convert(self, value: Any, param: Any, ctx: Any) -> Any:
        whole = _Int()  # a whole number first, then one in range
        whole.lang = self.lang
        whole.convert(value, param, ctx)
        try:
            return super().convert(value, param, ctx)
        except typer.BadParameter:
            raise Refused(t(self.lang, "usage.out_of_range", what=_shown(param),
                            value=str(value), low=self.min, high=self.max), ctx,
                          param) from None


def _refusing_type(kind: Any, lang: str) -> Any:
    """The same type, refusing in `lang` with the value and what is valid."""
    new: Any
    if type(kind) is TyperChoice or isinstance(kind, _Choice):
        new = _Choice(kind.choices, case_sensitive=kind.case_sensitive)
    elif type(kind) is types.IntRange or isinstance(kind, _IntRange):
        new = _IntRange(kind.min, kind.max, kind.min_open, kind.max_open, kind.clamp)
    elif type(kind) is types.IntParamType or isinstance(kind, _Int):
        new = _Int()
    else:
        return kind
    new.lang = lang
    return new


def _shown(param: Any) -> str:
    """How the user wrote the parameter: its long option, else its metavar."""
    if param is None:
        return "?"
    longs = [o for o in param.opts if o.startswith("--")]
    return longs[0] if longs else (param.metavar or str(param.name).upper())


# ---------------------------------------------------------------- usage errors


def usage_error_line(exc: Any, lang: str) -> str:
    """A usage error of Click's, as the tool's one line (without the prefix)."""
    ctx = getattr(exc, "ctx", None)
    see = t(lang, "usage.see_help", command=command_path(ctx))
    if isinstance(exc, Refused):
        return str(exc.message) + see
    if isinstance(exc, _click.exceptions.MissingParameter):
        return _missing(exc, lang) + see
    if isinstance(exc, _click.exceptions.NoSuchOption):
        return _no_such_option(exc, lang) + see
    if isinstance(exc, _click.exceptions.BadOptionUsage):
        key = "usage.takes_no_value" if "does not take" in exc.message else "usage.needs_value"
        return t(lang, key, option=exc.option_name) + see
    if isinstance(exc, typer.BadParameter):
        return t(lang, "usage.bad_value", what=_shown(exc.param), detail=exc.message) + see
    message = str(exc.message)
    extra = re.fullmatch(r"Got unexpected extra argument\(s\) \((.*)\)", message, re.S)
    if extra:
        return t(lang, "usage.extra_arguments", values=extra.group(1)) + see
    unknown = re.fullmatch(r"No such command '(.*?)'\.(?: Did you mean (.*)\?)?", message,
                           re.S)
    if unknown:
        valid = ", ".join(_commands(ctx))
        if unknown.group(2):
            return t(lang, "usage.no_such_command_hint", value=unknown.group(1),
                     hint=unknown.group(2).replace("'", ""), valid=valid)
        return t(lang, "usage.no_such_command", value=unknown.group(1), valid=valid)
    if message == "Missing command.":
        return t(lang, "usage.missing_command", valid=", ".join(_commands(ctx))) + see
    return message.replace("\n", " ") + see


def _commands(ctx: Any) -> list[str]:
    command = getattr(ctx, "command", None)
    return [name for name, sub in getattr(command, "commands", {}).items() if not sub.hidden]


def _missing(exc: Any, lang: str) -> str:
    param = exc.param
    what = (param.help or "").split("[")[0].strip().rstrip("。.") if param else ""
    if param is not None and isinstance(param.type, TyperChoice):
        valid = ", ".join(str(c) for c in param.type.choices)
        return t(lang, "usage.missing_choice", what=_shown(param), valid=valid)
    key = "usage.missing_argument" if param is not None and \
        param.param_type_name == "argument" else "usage.missing_option"
    return t(lang, key, what=_shown(param), about=what)


def _no_such_option(exc: Any, lang: str) -> str:
    if exc.possibilities:
        return t(lang, "usage.no_such_option_hint", value=exc.option_name,
                 hint=", ".join(sorted(exc.possibilities)))
    command = getattr(exc.ctx, "command", None)
    valid = [o for p in getattr(command, "params", []) if not getattr(p, "hidden", False)
             for o in p.opts if o.startswith("--")]
    return t(lang, "usage.no_such_option", value=exc.option_name, valid=", ".join(valid))


# ---------------------------------------------------------------- the help layout


_contexts: dict[str, type[typer.Context]] = {}


def _context_class(lang: str) -> type[typer.Context]:
    if lang not in _contexts:
        formatter = type(f"HelpFormatter_{lang}", (HelpFormatter,), {"lang": lang})
        _contexts[lang] = type(f"Context_{lang}", (typer.Context,),
                               {"formatter_class": formatter})
    return _contexts[lang]


# the extras Typer appends to an option's help: [default: x; required], ranges 0<=x<=366
_EXTRAS = re.compile(r"^(?P<help>.*?)\s*\[(?P<extras>[^\[\]]*)\]$", re.S)
_RANGE = re.compile(r"^(-?\d+)<=x<=(-?\d+)$")
# a break may not fall before closing punctuation or after opening punctuation
_CLOSING = "，。；：、）」』》〕】！？,.;:)]"  # noqa: RUF001
_OPENING = "（「『《〔【([“‘"  # noqa: RUF001
_SHORT = 6


class HelpFormatter(_click.HelpFormatter):
    """Click's help layout measured in terminal columns (a Chinese character takes two),
    with its few words of its own in the interface language."""

    lang = "en"

    def __init__(self, indent_increment: int = 2, width: int | None = None,
                 max_width: int | None = None) -> None:
        if width is None:  # COLUMNS as Click reads it, up to 100 columns of help
            columns = _columns()
            width = max(min(columns, max_width or 100) - 2, 40)
        super().__init__(indent_increment, width, max_width)

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        prefix = t(self.lang, "click.usage") if prefix is None else prefix
        lead = " " * self.current_indent + prefix + prog + " "
        self.write("\n".join(wrap(args, self.width, lead, " " * width(lead))) + "\n")

    def write_heading(self, heading: str) -> None:
        words = {"Options": "click.options", "Arguments": "click.arguments",
                 "Commands": "click.commands"}
        shown = t(self.lang, words[heading]) if heading in words else heading
        self.write(" " * self.current_indent + shown + t(self.lang, "click.heading_end") + "\n")

    def write_text(self, text: str) -> None:
        indent = " " * self.current_indent
        paragraphs = [p for p in re.split(r"\n\s*\n", text) if p.strip()]
        self.write("\n\n".join("\n".join(wrap(" ".join(p.split()), self.width, indent, indent))
                               for p in paragraphs) + "\n")

    def write_dl(self, rows: Sequence[tuple[str, str]], col_max: int = 30,
                 col_spacing: int = 2) -> None:
        rows = [(first, self._help(second)) for first, second in rows]
        first_col = min(max((width(r[0]) for r in rows), default=0), col_max) + col_spacing
        for first, second in rows:
            lead = " " * self.current_indent + first
            if not second:
                self.write(lead + "\n")
                continue
            hang = " " * (self.current_indent + first_col)
            if width(first) <= first_col - col_spacing:
                lead += " " * (first_col - width(first))
            else:
                self.write(lead + "\n")
                lead = hang
            self.write("\n".join(wrap(second, self.width, lead, hang)) + "\n")

    def _help(self, text: str) -> str:
        """An option's help with Typer's bracketed extras said in the interface language."""
        if text == "Show this message and exit.":
            return t(self.lang, "click.help_option")
        match = _EXTRAS.match(text)
        if not match:
            return text
        said = []
        for extra in match.group("extras").split("; "):
            ranged = _RANGE.match(extra)
            if extra.startswith("default: "):
                said.append(t(self.lang, "click.default", value=extra[len("default: "):]))
            elif extra == "required":
                said.append(t(self.lang, "click.required"))
            elif ranged:
                said.append(t(self.lang, "click.range", low=ranged.group(1),
                              high=ranged.group(2)))
            else:
                said.append(extra)
        help_text = match.group("help")
        extras = t(self.lang, "click.extras",
                   extras=t(self.lang, "click.extras_sep").join(said))
        return (help_text + extras) if help_text else extras.strip()


def _columns() -> int:
    try:
        return int(os.environ.get("COLUMNS", ""))
    except ValueError:
        import shutil

        return shutil.get_terminal_size().columns


def wrap(text: str, columns: int, first: str = "", rest: str = "") -> list[str]:
    """`text` in lines of at most `columns` terminal columns (a word longer than a line
    keeps its line to itself): breaks at spaces, and between Chinese characters except
    before closing and after opening punctuation; ASCII runs (dates, options, codes) are
    never broken."""
    lines: list[str] = []
    line, used, lead = first, width(first), first
    for token in _tokens(text):
        size = width(token)
        if token.isspace():
            if used > width(lead):
                line, used = line + " ", used + 1
            continue
        if used + size > columns and used > width(lead):
            lines.append(line.rstrip())
            line, used, lead = rest, width(rest), rest
        line, used = line + token, used + size
    lines.append(line.rstrip())
    return lines


# a document number: issuer, 〔year〕, number, 号 (七政办发〔2015〕23号, 国办公开办函〔2021〕30号)
_DOCUMENT_NUMBER = re.compile(r"([^\s!-~，。；：、（）]{1,12}〔\d{4}〕\d+号)")


def _tokens(text: str) -> Iterator[str]:
    """Unbreakable pieces: a space run, an ASCII word, a document number, a short run of
    wide characters (a unit's name: at most `_SHORT` of them between punctuation), else
    one wide character; punctuation stays with the piece it closes or opens."""
    pieces: list[str] = []
    for part in _DOCUMENT_NUMBER.split(text):
        if _DOCUMENT_NUMBER.fullmatch(part):
            pieces.append(part)
            continue
        for run in re.findall(r"\s+|[!-~]+|[^\s!-~]+", part):
            if run.isspace() or run.isascii():
                pieces.append(run)
                continue
            marks = re.escape(_CLOSING + _OPENING)
            for phrase in re.findall(f"[^{marks}]+|.", run):
                whole = len(phrase) <= _SHORT or phrase[0] in _CLOSING + _OPENING
                pieces.extend([phrase] if whole else list(phrase))
    i = 0
    while i < len(pieces):
        piece = pieces[i]
        while i + 1 < len(pieces) and _joined(piece, pieces[i + 1]):
            i += 1
            piece += pieces[i]
        yield piece
        i += 1


def _joined(piece: str, following: str) -> bool:
    """Whether no line may break between `piece` and the one `following` it: opening
    punctuation holds to what it opens, closing punctuation to what it closes."""
    if piece[-1].isspace() or following[0].isspace():
        return False
    return piece[-1] in _OPENING or following[0] in _CLOSING
