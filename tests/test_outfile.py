"""duixian.outfile: the one way the CLI and the exports write a result file."""

from __future__ import annotations

from pathlib import Path

import pytest

from duixian.errors import BadOptionError, FileSystemError, OutputExistsError
from duixian.outfile import claim, claim_all, write_atomic, write_text


def test_claim_refuses_a_taken_path_unless_forced(tmp_path: Path) -> None:
    free, taken = tmp_path / "free.csv", tmp_path / "taken.csv"
    taken.write_text("x", encoding="utf-8")
    claim(free, force=False, option="--out")
    with pytest.raises(OutputExistsError) as err:
        claim(taken, force=False, option="--html", flag="--overwrite")
    assert err.value.exit_status == 2 and err.value.path == str(taken)
    assert "--overwrite" in err.value.hint and "--html" in err.value.hint
    claim(taken, force=True, option="--out")
    with pytest.raises(BadOptionError, match="names a folder"):  # a folder: not even with the flag
        claim(tmp_path, force=True, option="--out")


def test_claim_all_refuses_one_file_named_twice(tmp_path: Path) -> None:
    with pytest.raises(BadOptionError, match="--docx and --html name the same file"):
        claim_all({"--docx": tmp_path / "a", "--html": tmp_path / "x" / ".." / "a"}, force=True)
    claim_all({"--docx": tmp_path / "a", "--html": None, "--md": tmp_path / "b"}, force=False)


@pytest.mark.parametrize("interrupt", [ValueError("bad row"), KeyboardInterrupt()])
def test_a_failed_write_leaves_the_old_file_and_no_temporary(tmp_path: Path, interrupt: BaseException) -> None:
    path = tmp_path / "panel.csv"
    path.write_text("old\n", encoding="utf-8")

    def half(tmp: Path) -> None:
        tmp.write_text("new, but only half", encoding="utf-8")
        raise interrupt

    with pytest.raises(type(interrupt)):
        write_atomic(path, half)
    assert path.read_text(encoding="utf-8") == "old\n" and [p.name for p in tmp_path.iterdir()] == ["panel.csv"]
    write_text(path, "new\n")
    assert path.read_text(encoding="utf-8") == "new\n" and [p.name for p in tmp_path.iterdir()] == ["panel.csv"]


def test_a_refused_path_is_named_as_given(tmp_path: Path) -> None:
    blocker = tmp_path / "a_file"
    blocker.write_text("x", encoding="utf-8")
    with pytest.raises(FileSystemError) as err:
        write_text(blocker / "card.md", "text")
    assert err.value.path == str(blocker / "card.md") and ".part" not in str(err.value)
