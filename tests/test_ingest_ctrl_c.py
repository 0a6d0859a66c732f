"""A Ctrl-C that lands between a batch's commit and the counting of its reports (seen under load: the stop
message said "nothing stored" over 32 committed reports) waits until the batch is counted."""

from __future__ import annotations

import os
import signal

import pytest
from sqlalchemy import func, select

import duixian.corpus as corpus
from duixian.cli import sample_path
from duixian.store import open_engine
from duixian.store import schema as t


def test_a_ctrl_c_right_after_a_commit_stops_with_that_batch_counted(tmp_path, monkeypatch) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    text = sample_path().read_text(encoding="utf-8")
    for i in range(3):  # three different files: three reports in one batch
        (folder / f"r{i}.txt").write_text(text + f"\n附：第{i + 1}号。\n", encoding="utf-8")
    engine = open_engine(f"sqlite:///{tmp_path / 'c.db'}", announce=False)
    real = corpus.store_batch

    def commit_then_ctrl_c(*args, **kwargs):
        done = real(*args, **kwargs)  # committed here
        os.kill(os.getpid(), signal.SIGINT)  # Ctrl-C before the outcomes are counted
        return done

    monkeypatch.setattr(corpus, "store_batch", commit_then_ctrl_c)
    counted: list[str] = []
    with pytest.raises(KeyboardInterrupt):
        corpus.ingest(engine, [str(folder)], on_event=lambda kind, path, err: counted.append(kind))
    with engine.connect() as con:
        stored = con.execute(select(func.count()).select_from(t.reports)).scalar_one()
    assert stored == 3 and counted.count("stored") == stored
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler  # the handler is put back
