"""Who may do what: every route asks one of these, so the rules live in one place (docs/supervise.md
has them as a table).

- office (督查室): everything — create workspaces, edit tasks, assign units, override statuses, publish 通报,
  read the audit log; may also enter progress on a unit's behalf.
- unit: sees the workspaces and tasks its unit leads or supports, and enters progress on those only.
- viewer (deputies): reads every workspace, task and 通报; writes nothing.
- anonymous: reads a workspace the office made public (its table, tasks and 通报, not evidence files or the
  audit log); writes nothing.
"""

from __future__ import annotations

from typing import Any

from duixian.supervise.auth import User
from duixian.web.workspace.errors import ForbiddenError, NotSignedInError


def require_user(user: User | None) -> User:
    if user is None:
        raise NotSignedInError("此操作需要登录")
    return user


def require_office(user: User | None) -> User:
    user = require_user(user)
    if user.role != "office":
        raise ForbiddenError("只有督查室账号可以进行此操作")
    return user


def unit_filter(user: User | None) -> str | None:
    """The unit whose tasks are all this user sees of a workspace, or None for every task."""
    return user.unit if user is not None and user.role == "unit" else None


def can_read_workspace(user: User | None, ws: dict[str, Any]) -> None:
    if user is None and not ws["public"]:
        raise NotSignedInError("此工作台未公开，请先登录")


def _assigned(user: User, task: dict[str, Any]) -> bool:
    return user.unit is not None and user.unit in (*task["lead_units"], *task["partner_units"])


def can_read_task(user: User | None, ws: dict[str, Any], task: dict[str, Any]) -> None:
    can_read_workspace(user, ws)
    if user is not None and user.role == "unit" and not _assigned(user, task):
        raise ForbiddenError("这项任务不属于您的单位")


def can_report(user: User | None, task: dict[str, Any]) -> User:
    user = require_user(user)
    if user.role == "office" or (user.role == "unit" and _assigned(user, task)):
        return user
    raise ForbiddenError("只有承担这项任务的单位（或督查室）可以报送进度")


def can_read_evidence(user: User | None, task: dict[str, Any]) -> None:
    # evidence may hold internal papers: never public, only staff who may see the task
    user = require_user(user)
    if user.role == "unit" and not _assigned(user, task):
        raise ForbiddenError("这份佐证材料不属于您的单位")


def can_read_audit(user: User | None) -> User:
    return require_office(user)
