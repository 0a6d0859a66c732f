"""``duixian users …``: the administrator's bootstrap of workspace accounts.

The password is asked for twice without echo, or read from standard input with ``--password-stdin`` (for scripts); it is
never a command-line argument, where ``ps`` and the shell history would show it.
"""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from duixian.cli.common import DbOpt, JsonOpt, app, emit_json, open_db, out, tsv

users = typer.Typer(help="Accounts of the 督查 workspace (office, unit and viewer users).", no_args_is_help=True,
                    rich_markup_mode=None)
app.add_typer(users, name="users")


def _password(from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    return typer.prompt("密码 password", hide_input=True, confirmation_prompt=True)


@users.command("add")
def add(
    name: Annotated[str, typer.Argument(help="User name (any text, e.g. 教育局张三).")],
    role: Annotated[str, typer.Option(help="office (督查室) | unit (责任单位) | viewer (只读).")] = "viewer",
    unit: Annotated[str | None, typer.Option(help="The unit a unit user acts for, e.g. 教育局.")] = None,
    password_stdin: Annotated[bool, typer.Option("--password-stdin", help="Read the password from stdin.")] = False,
    db: DbOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Create an account; creates the database (and says so on stderr) if there is none yet."""
    from duixian.supervise.auth import hash_password
    from duixian.supervise.store import add_user, check_user

    # everything that can refuse the account is checked first, so a refused one leaves no new database
    check_user(name, role, unit)
    password_hash = hash_password(_password(password_stdin))
    # like ingest, this command stores something, so it may make the database at the current schema: on
    # PostgreSQL the first command always did, and an office may set up its accounts before any report
    engine = open_db(db, as_json, create=True)
    uid = add_user(engine, name, role, password_hash, unit=unit)
    if as_json:
        emit_json({"id": uid, "name": name, "role": role, "unit": unit if role == "unit" else None})
    else:
        out.print(f"created {role} user {name}" + (f" ({unit})" if role == "unit" else ""))


@users.command("passwd")
def passwd(
    name: Annotated[str, typer.Argument(help="User name.")],
    password_stdin: Annotated[bool, typer.Option("--password-stdin", help="Read the password from stdin.")] = False,
    db: DbOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Set a new password; the account's open sessions end."""
    from duixian.supervise.auth import hash_password
    from duixian.supervise.store import set_password

    engine = open_db(db, as_json, write=True)
    set_password(engine, name, hash_password(_password(password_stdin)))
    if as_json:
        emit_json({"name": name, "ok": True})
    else:
        out.print(f"password of {name} changed")


@users.command("list")
def list_cmd(db: DbOpt = None, as_json: JsonOpt = False) -> None:
    """List the accounts (never their password hashes)."""
    from duixian.supervise.store import list_users

    rows = list_users(open_db(db, as_json))
    if as_json:
        emit_json({"users": rows})
        return
    # tab-separated with a header, on a terminal too: the list is short and its columns line up enough
    tsv(("name", "role", "unit", "state"),
        ([r["name"], r["role"], r["unit"] or "", "active" if r["active"] else "disabled"] for r in rows))


def _set_active(name: str, active: bool, db: str | None, as_json: bool) -> None:
    from duixian.supervise.store import set_active

    engine = open_db(db, as_json, write=True)
    set_active(engine, name, active)
    if as_json:
        emit_json({"name": name, "active": active})
    else:
        out.print(f"{name} {'enabled' if active else 'disabled'}")


@users.command("disable")
def disable(name: Annotated[str, typer.Argument(help="User name.")], db: DbOpt = None, as_json: JsonOpt = False) -> None:
    """Disable an account (someone who left): it cannot sign in, its sessions end; its history stays."""
    _set_active(name, False, db, as_json)


@users.command("enable")
def enable(name: Annotated[str, typer.Argument(help="User name.")], db: DbOpt = None, as_json: JsonOpt = False) -> None:
    """Enable a disabled account again."""
    _set_active(name, True, db, as_json)
