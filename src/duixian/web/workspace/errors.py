"""The workspace's refusals, each with its HTTP status (``http_status``, a class attribute that
WorkspaceError sets to 400 and its subclasses override); messages are shown to office and unit staff."""

from __future__ import annotations

from duixian import errors
from duixian.supervise.store import WorkspaceError


class NotSignedInError(WorkspaceError):
    code = "NOT_SIGNED_IN"
    hint = "请先登录"
    http_status = 401


class ForbiddenError(WorkspaceError, errors.ForbiddenError):
    code = "FORBIDDEN"
    hint = "此操作超出您账号的权限；如有疑问请联系督查室"
    http_status = 403


class BadCsrfError(ForbiddenError, errors.BadCsrfTokenError):
    code = "BAD_CSRF_TOKEN"
    hint = "请刷新页面后重新提交"
    http_status = 403


class BadUploadError(WorkspaceError):
    code = "BAD_UPLOAD"
    hint = "上传 PDF、图片（JPG/PNG）、Word、Excel 或纯文本文件"
    http_status = 400
