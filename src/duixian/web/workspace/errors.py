"""The workspace's refusals, each with its HTTP status; messages are shown to office and unit staff."""

from __future__ import annotations

from duixian import errors
from duixian.supervise.store import WorkspaceError


class NotSignedInError(WorkspaceError):
    code = "NOT_SIGNED_IN"
    hint = "请先登录"
    status = 401


class ForbiddenError(WorkspaceError, errors.ForbiddenError):
    code = "FORBIDDEN"
    hint = "此操作超出您账号的权限；如有疑问请联系督查室"
    status = 403


class BadCsrfError(ForbiddenError, errors.BadCsrfTokenError):
    code = "BAD_CSRF_TOKEN"
    hint = "请刷新页面后重新提交"
    status = 403


class BadUploadError(WorkspaceError):
    code = "BAD_UPLOAD"
    hint = "上传 PDF、图片（JPG/PNG）、Word、Excel 或纯文本文件"
    status = 400


def status_of(exc: WorkspaceError) -> int:
    from duixian.supervise.auth import LoginError, TooManyLoginsError
    from duixian.supervise.store import NoSuchObjectError

    if isinstance(exc, NoSuchObjectError):
        return 404
    if isinstance(exc, TooManyLoginsError):
        return 429
    if isinstance(exc, LoginError):
        return 401
    return getattr(exc, "status", 400)
