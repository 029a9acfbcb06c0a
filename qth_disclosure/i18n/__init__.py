"""Message catalogues, one module per interface language; `t()` looks a key up.

Registry names (市财政局) are data and stay Chinese in both languages.
"""

from __future__ import annotations

import importlib
import os
from typing import Any

LANGUAGES = ("zh", "en")
_loaded: dict[str, dict[str, str]] = {}


def catalogue(lang: str) -> dict[str, str]:
    if lang not in _loaded:
        module = importlib.import_module(f"qth_disclosure.i18n.{lang}")
        _loaded[lang] = module.MESSAGES
    return _loaded[lang]


def t(lang: str, key: str, /, **params: Any) -> str:
    """The message `key` in `lang`, formatted; English if the language lacks it."""
    text = catalogue(lang).get(key) or catalogue("en").get(key) or key
    if not params:
        return text
    # a value that is words itself (errors.Listed) is written in the same language
    return text.format(**{k: v.in_language(lang) if hasattr(v, "in_language") else v
                          for k, v in params.items()})


def resolve_language(flag: str | None) -> str:
    """--lang, then DISCLOSE_LANG, then the locale (zh_* gives Chinese), else English."""
    for value in (flag, os.environ.get("DISCLOSE_LANG")):
        if value:
            return value
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var)
        if value:
            return "zh" if value.lower().startswith("zh") else "en"
    return "en"
