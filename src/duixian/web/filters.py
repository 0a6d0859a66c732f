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


def install(env: Environment) -> None:
    env.filters.setdefault("num", num)
