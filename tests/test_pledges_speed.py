"""Round 2 of the pledge and extract() fast paths: each gives what the plain definition gives."""

from __future__ import annotations

import dataclasses
import pickle

import pytest

from duixian.extract.records import Actual, GlossaryEntry, Pledge, Project, Target, make


def _values(cls: type) -> dict:
    # a distinct value for every field, in the order declared
    out: dict = {}
    for n, f in enumerate(dataclasses.fields(cls)):
        out[f.name] = (n, n + 1) if f.name in ("span", "raw_span") else f"{f.name}-{n}"
    return out


@pytest.mark.parametrize("cls", [Target, Actual, Pledge, Project, GlossaryEntry])
def test_make_builds_what_the_constructor_builds(cls: type) -> None:
    values = _values(cls)
    made, built = make(cls, values), cls(**values)
    assert type(made) is cls and made == built and repr(made) == repr(built)
    assert list(vars(made).items()) == list(vars(built).items())  # the same attributes, in the same order
    assert pickle.dumps(made) == pickle.dumps(built) and dataclasses.asdict(made) == dataclasses.asdict(built)
    with pytest.raises(dataclasses.FrozenInstanceError):
        made.quote = "x"  # still frozen
    values["quote"] = "changed"
    assert made.quote == "quote-1"  # the caller's dict is not the record's


def test_make_falls_back_to_the_constructor_for_other_values() -> None:
    values = _values(Pledge)
    del values["basis"]  # a default: filled by the constructor
    assert make(Pledge, values) == Pledge(**values) and make(Pledge, values).basis == ""
    shuffled = dict(reversed(list(_values(Pledge).items())))
    assert list(vars(make(Pledge, shuffled))) == [f.name for f in dataclasses.fields(Pledge)]
    with pytest.raises(TypeError):
        make(Pledge, {**_values(Pledge), "stray": 1})
