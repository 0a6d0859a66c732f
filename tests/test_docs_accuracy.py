"""The docs say what the code does: every error code is documented, and every command line the README and
docs/*.md show names a command, subcommand and options that exist (``duixian --help`` and each
subcommand's)."""

from __future__ import annotations

import re
from pathlib import Path

import typer

from duixian.cli import app

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src" / "duixian"
DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
# a code is a class attribute (code = "X"), set on an error made on the spot (err.code = "X"), or what the
# web guard and the upload check answer with (answer(400, "X", …), _refuse("X", …))
CODE = re.compile(r'(?:\bcode = |\banswer\(\d+, |_refuse\()"([A-Z][A-Z_]+)"')


def _codes() -> set[str]:
    found: set[str] = set()
    for f in SRC.rglob("*.py"):
        found |= set(CODE.findall(f.read_text(encoding="utf-8")))
    return found


def _docs() -> str:
    return "\n".join(f.read_text(encoding="utf-8") for f in DOCS)


def test_every_error_code_is_documented() -> None:
    codes = _codes()
    assert {"DUIXIAN_ERROR", "NOT_FOUND", "NO_SUCH_VERDICT", "BAD_HOST", "LOGIN_FAILED"} <= codes  # the scan works
    text = _docs()
    assert not sorted(c for c in codes if f"`{c}`" not in text)


def _command_lines(text: str) -> list[str]:
    """The command lines a page shows: each line of its fenced blocks, and each inline code span."""
    blocks = re.findall(r"```[a-z]*\n(.*?)```", text, re.S)
    rest = re.sub(r"```[a-z]*\n.*?```", "", text, flags=re.S)
    return [line for b in blocks for line in b.split("\n")] + [" ".join(s.split()) for s in re.findall(r"`([^`]+)`", rest)]


def _tree() -> dict[str, object]:
    return typer.main.get_command(app).commands  # type: ignore[attr-defined, no-any-return]


def _options(cmd) -> set[str]:
    return {o for p in cmd.params for o in (*p.opts, *p.secondary_opts)} | {"-h", "--help"}


def _problems(line: str, commands: dict[str, object]) -> list[str]:
    out = []
    line = re.split(r"\s#\s", line)[0]  # a shell comment is prose
    # "duixian CMD …" anywhere; a span that starts with a command's name ("ingest --force") too
    starts = [m.end() for m in re.finditer(r"(?:^|[\s(|;&$])duixian (?=[a-z])", line)]
    first = line.split(" ")[0]
    if first in commands and "--" in line:
        starts.append(0)
    for at in starts:
        words = line[at:].split(" ")
        name = words[0].rstrip(").,;:")
        if "/" in name:  # "duixian text/parse/extract": several commands named at once
            out += [f"no command {n!r}: {line}" for n in name.split("/") if n not in commands]
            continue
        if name not in commands:
            out.append(f"no command {name!r}: {line}")
            continue
        cmd, rest = commands[name], words[1:]
        if hasattr(cmd, "commands") and rest and re.fullmatch(r"[a-z]+", rest[0]):
            if rest[0] not in cmd.commands:
                out.append(f"no command {name} {rest[0]!r}: {line}")
                continue
            cmd, rest = cmd.commands[rest[0]], rest[1:]
        # this command's options: up to the next command of a pipeline or a comment
        tail = re.split(r"\bduixian\b|[|;&#]", " ".join(rest))[0]
        for opt in re.findall(r"(?<![\w-])(--?[a-zA-Z][a-zA-Z0-9-]*)", tail):
            if opt not in _options(cmd):
                out.append(f"{name}: no option {opt}: {line}")
    return out


def test_every_command_and_option_the_docs_show_exists() -> None:
    commands = _tree()
    problems = [f"{f.name}: {p}" for f in DOCS for line in _command_lines(f.read_text(encoding="utf-8"))
                for p in _problems(line, commands)]
    assert not problems, "\n".join(problems)


def test_the_check_would_see_a_stale_command_or_option() -> None:
    commands = _tree()
    assert _problems("duixian reextract reports/", commands)
    assert _problems("duixian ingest reports/ --no-such-option", commands)
    assert _problems("users add NAME --role office --colour red", commands)
    assert not _problems("duixian users add NAME --role unit --unit 教育局", commands)
    assert not _problems("duixian track --all | head  # and duixian serve --port 1", commands)


def test_every_command_is_in_the_readme() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    missing = [n for n in _tree() if not re.search(rf"duixian {re.escape(n)}\b", readme)]
    assert not missing


def test_every_doc_is_listed_and_every_named_doc_exists() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert not [f.name for f in (ROOT / "docs").glob("*.md") if f"`docs/{f.name}`" not in readme]
    named = set(re.findall(r"docs/([a-z_]+\.md)", _docs()))
    assert named and not sorted(n for n in named if not (ROOT / "docs" / n).is_file())
