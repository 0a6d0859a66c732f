"""Jinja filters the web pages need beyond Jinja's own, installed on the shared environment by create_app."""

from __future__ import annotations

from jinja2 import Environment


def num(x: float | int | None) -> str:
    """A figure as a report prints it: 317.2, 6 (not 6.0), 12345.67; never an exponent."""
    if x is None:
        return ""
    if float(x).is_integer():
        return str(int(x))
    return f"{x:.4f}".rstrip("0").rstrip(".")


def _cjk(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


def chinese(text: object) -> bool:
    """Whether a message is written for Chinese readers: the error page shows those as they are and replaces
    the English ones, meant for the command line, with its own words.  A Chinese message starts with a
    Chinese character or has at least as many of them as Latin letters; an English one that quotes a
    Chinese name ("no stored report for region '不存在区'") is neither."""
    if not isinstance(text, str):
        return False
    first = next((ch for ch in text if ch.isalnum()), "")
    return _cjk(first) or sum(map(_cjk, text)) >= sum(ch.isascii() and ch.isalpha() for ch in text) > 0


def install(env: Environment) -> None:
    env.filters.setdefault("num", num)
    env.tests.setdefault("chinese", chinese)
