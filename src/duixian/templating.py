"""The one Jinja2 environment: HTML autoescaping always on, so report text can never become markup."""

from __future__ import annotations

from functools import lru_cache

from jinja2 import Environment, PackageLoader, select_autoescape

from duixian.track.model import COARSE, STATUSES, ZH

KIND_ZH = {"target": "目标", "pledge": "承诺", "actual": "实绩", "project": "项目", "glossary": "术语",
           "targets": "目标", "pledges": "承诺", "actuals": "实绩", "projects": "项目"}


@lru_cache(maxsize=1)
def env() -> Environment:
    e = Environment(
        loader=PackageLoader("duixian", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    e.globals.update(STATUSES=STATUSES, STATUS_ZH=ZH, COARSE=COARSE, KIND_ZH=KIND_ZH)
    return e
