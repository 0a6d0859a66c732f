"""One error root for everything duixian refuses to do.

Every error carries a stable ``code`` (users search for it, batch jobs group by it) and a
``hint`` that says what to do next.  ``str(err)`` is a single line, so the CLI and batch
ingest can print it without a traceback.
"""

from __future__ import annotations


class DuixianError(Exception):
    """Root of all duixian errors."""

    code = "DUIXIAN_ERROR"
    hint = ""
    # the CLI's exit status when this error ends a command: 1 = failed or found nothing, 2 = a usage error
    # (fix the command line: an option value, a path, the database); see README "Exit status"
    exit_status = 1

    def __init__(self, message: str, *, path: str | None = None, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.path = path
        if hint is not None:
            self.hint = hint

    def __str__(self) -> str:
        where = f"{self.path}: " if self.path else ""
        tail = f": {self.hint}" if self.hint else ""
        return f"error[{self.code}] {where}{self.message}{tail}"

    def as_dict(self) -> dict[str, str | None]:
        return {"code": self.code, "path": self.path, "message": self.message, "hint": self.hint}


class InputError(DuixianError):
    """The file cannot be read as a work report."""


class NotFoundError(InputError):
    """A path to read names no file or folder (a typo, a moved file): the one meaning of NOT_FOUND, also the
    web app's answer to an address no page has. An id or name the database does not hold is
    :class:`NotInDatabaseError`, a different mistake with a different remedy."""

    code = "NOT_FOUND"
    hint = "check the path: its spelling, its folder and the directory the command runs in"


class NotAFileError(InputError):
    """The path exists but is a folder, a pipe or a device: reading it would fail or never end."""

    code = "NOT_A_FILE"
    hint = "give the path of a report file; to read every file in a folder, use `duixian ingest FOLDER`"


class LinkOutsideError(InputError):
    """A file found by walking a folder (or matching a glob) is a link to something outside it: left out, so
    that a folder someone else filled cannot make ingest read /etc/passwd or a key into a shared database."""

    code = "LINK_OUTSIDE"
    hint = "name the target itself to ingest it"


class NoInputFilesError(InputError):
    """The paths given name folders that hold no report file: an ingest of them would do nothing and say
    it did nothing, which a script would read as success."""

    code = "NO_FILES"
    hint = "the folder holds no .txt .md .html .docx .pdf or .csv file, in it or below; check that it is the right folder"


class EmptyFileError(InputError):
    code = "EMPTY_FILE"
    hint = "the file holds no text; re-export or re-download it"


class BinaryFileError(InputError):
    code = "BINARY_FILE"
    hint = "this is not a text, HTML, DOCX, PDF or CSV document; convert it to one of those"


class UnknownFormatError(InputError):
    code = "UNKNOWN_FORMAT"
    hint = "supported formats: .txt .md .html .docx .pdf .csv"


class EncodingError(InputError):
    code = "BAD_ENCODING"
    hint = "save the file as UTF-8 (or GB18030/Big5/UTF-16) and try again"


class TruncatedFileError(InputError):
    code = "TRUNCATED_FILE"
    hint = "the file is cut short or damaged; download or export it again"


class NoTextLayerError(InputError):
    code = "NO_TEXT_LAYER"
    hint = "no text layer (a scan?): run OCR first, e.g. `ocrmypdf in.pdf out.pdf`"


class TooLargeError(InputError):
    code = "TOO_LARGE"
    hint = "split the file, or raise the limit with DUIXIAN_MAX_BYTES"


class ArchiveBombError(TooLargeError):
    """A DOCX (a zip) whose parts inflate far beyond any real report: a zip bomb, or a damaged archive.

    A subclass of TooLargeError so that code guarding against oversized input catches it too, with its own
    code because raising DUIXIAN_MAX_BYTES is rarely the right answer for it."""

    code = "ARCHIVE_BOMB"
    hint = ("a part of this archive inflates to far more than any report holds (a zip bomb?); "
            "open it in Word or LibreOffice and save it again, or raise DUIXIAN_MAX_BYTES if it is genuine")


class NoReportError(InputError):
    code = "NO_REPORT_TEXT"
    hint = "no Chinese report text was found in this file; check that it is the right document"


class NotAReportError(InputError):
    """Readable text, but not a Chinese work report: storing it would add a row with region ``?``."""

    code = "NOT_A_REPORT"
    hint = "duixian stores Chinese government work reports (政府工作报告); check that this is the right file"


class WorkerDiedError(InputError):
    """The worker process reading a file died while reading it, and again when it was read alone: the
    kernel's out-of-memory killer, a crash in a reader's compiled code, or a kill from outside."""

    code = "WORKER_DIED"
    hint = ("the file may need more memory than this machine has (split it), or be damaged; try `duixian "
            "extract FILE` on it alone, and report it if that fails too")


class InternalError(DuixianError):
    """A bug in duixian itself, not a problem with the input."""

    code = "INTERNAL"
    hint = "please report this with the input file"


class InterruptedByUserError(DuixianError):
    """Ctrl-C (SIGINT) ended the command. What was written is whole: each stored report, each batch of them
    and each migration is one transaction (rolled back when cut), each output file is written aside and
    renamed; what was not finished was not written."""

    code = "INTERRUPTED"
    hint = "run the same command again to finish"
    exit_status = 130  # 128 + SIGINT, what a shell reports for a program ended by Ctrl-C


class StoreError(DuixianError):
    """The corpus database cannot be opened or written."""

    code = "DB_ERROR"
    hint = "check --db / DUIXIAN_DB and that the database server is running"
    exit_status = 2


class NoDatabaseError(StoreError):
    """A command that only reads was pointed at a database that does not exist (a typo would create one)."""

    code = "NO_DATABASE"
    hint = "check --db / DUIXIAN_DB; `duixian ingest FILES --db PATH` creates a database"


class StoreVersionError(StoreError):
    code = "DB_TOO_NEW"
    hint = "this database was written by a newer duixian; upgrade duixian"


class StoreTooOldError(StoreError):
    """A command that only reads was given a database of an older schema: it never upgrades what it reads
    (the file may be another machine's, a published copy, on read-only media), so it says what would."""

    code = "DB_TOO_OLD"
    hint = "upgrade it once with `duixian upgrade --db PATH` (any command that stores, such as ingest, does too)"


class NotADuixianDatabaseError(StoreError):
    """``--db`` names a file or database that is not a duixian corpus: not SQLite at all, or SQLite (or a
    PostgreSQL schema) holding another program's tables. Nothing is written into it."""

    code = "NOT_DUIXIAN_DB"
    hint = "check --db / DUIXIAN_DB: give a database `duixian ingest` made, or a new file name for a new one"


class IdentityConflictError(StoreError):
    """Two stored facts disagree about which report a text is, so nothing is written."""

    code = "IDENTITY_CONFLICT"
    hint = "re-ingest the stored report with --force, or remove one with `duixian delete`"


class ReportInUseError(StoreError):
    """``duixian delete`` of a report a 督查 workspace was made from: its tasks, the units' progress and the
    office's 通报 hang on it, so the report stays and nothing is deleted."""

    code = "REPORT_IN_USE"
    hint = ("the workspace holds the office's tasks and progress; to read the report again keep it and run "
            "`duixian ingest FILE --force`, which keeps its workspace")
    exit_status = 1


class NotInDatabaseError(DuixianError):
    """An id, number or name that the database holds nothing under (a task, a workspace, an account …): the
    input was read, the database answered, the thing is not there. HTTP 404 in the web app; exit status 1.

    Subclasses name what is missing with codes of their own (NO_SUCH_REPORT …); the web app answers all of
    them with a 404 by catching this class."""

    code = "NOT_IN_DATABASE"
    hint = "check the id or name; `duixian reports` lists the stored reports, `duixian users list` the accounts"


class NoSuchReportError(NotInDatabaseError):
    code = "NO_SUCH_REPORT"
    hint = "list stored reports with `duixian reports`"


class ExportError(DuixianError):
    code = "EXPORT_FAILED"
    hint = "install the export extra: pip install 'duixian[export]'"
    exit_status = 2


class NoPairError(DuixianError):
    code = "NO_PAIR"
    hint = "ingest the plan of year N (the report given in year N) and the review of it (the report of year N+1)"


class SourceChangedError(DuixianError):
    code = "SOURCE_CHANGED"
    hint = "the stored text no longer reproduces the stored records; re-ingest the file with --force"


class PairMismatchError(DuixianError):
    """The review is not the account of the plan's region and year, so its verdicts would be meaningless."""

    code = "PAIR_MISMATCH"
    hint = "pass --force to rate them anyway"


class SuperviseError(DuixianError):
    """The 督查 task table, its unit directory or an office's edit of it cannot be used."""

    code = "SUPERVISE_ERROR"


class UnitDirectoryError(SuperviseError):
    code = "BAD_UNIT_DIRECTORY"
    hint = "the unit directory is a CSV with a header row: 单位名称,简称,主题 (several values separated by |)"


class TaskTableError(SuperviseError):
    """An office's edited task table (XLSX) has cells that cannot be taken; every bad cell is listed.

    ``cells`` holds (cell, message) pairs, e.g. ("E7", "bad date '2024-13-01'"); nothing is applied."""

    code = "TASK_TABLE_INVALID"
    hint = "correct the cells named and import the table again; nothing was changed"

    def __init__(self, message: str, *, cells: tuple[tuple[str, str], ...] = (), path: str | None = None,
                 hint: str | None = None) -> None:
        super().__init__(message, path=path, hint=hint)
        self.cells = cells

    def as_dict(self) -> dict:  # type: ignore[override]
        return {**super().as_dict(), "cells": [{"cell": c, "message": m} for c, m in self.cells]}


class TaskTableUnreadableError(SuperviseError):
    code = "TASK_TABLE_UNREADABLE"
    hint = "give the .xlsx file duixian exported (Excel/WPS: save as .xlsx, keep the first sheet and its header row)"


class ForbiddenError(DuixianError):
    """A web request that is understood but not allowed (HTTP 403): the one meaning of the code FORBIDDEN.

    The workspace's own refusals (``web.workspace.errors``) are subclasses, with Chinese hints."""

    code = "FORBIDDEN"
    hint = "this page or action is not open to you"


class BadCsrfTokenError(ForbiddenError):
    """A browser's form post without a token this server issued: refused as a cross-site forgery would be."""

    code = "BAD_CSRF_TOKEN"
    hint = "reload the form's page and submit the form again"


class UsageError(DuixianError):
    """The command line asks for something that cannot be done as given; nothing was read or written."""

    code = "USAGE"
    hint = "see the command's help (-h)"
    exit_status = 2


class BadOptionError(UsageError):
    """An option or argument value outside what the command accepts."""

    code = "BAD_OPTION"


class NoGoldError(UsageError):
    """``duixian eval`` was given a gold folder without gold label files: a score of nothing is no score."""

    code = "NO_GOLD"
    hint = "give the folder of gold labels (*.json, one per raw report) as the second argument"


class FileSystemError(UsageError):
    """The file system refused a path the command was given (a folder that does not exist, no permission)."""

    code = "FILE_SYSTEM"
    hint = "check the path, that its folder exists and that you may write there"


class NotAFolderError(UsageError):
    """A command that reads a folder (``eval``'s RAW and GOLD) was given a file."""

    code = "NOT_A_FOLDER"
    hint = "give the folder that holds the files, not one of them"


class OutputExistsError(UsageError):
    """A write would replace files the user did not say may be replaced."""

    code = "OUTPUT_EXISTS"
    hint = "pass --force to overwrite, or choose another --out"
