"""``duixian serve``: the web app over the corpus database."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from duixian.cli.common import DbOpt, JsonOpt, app, emit_json, open_db, out


def allowed_hosts(host: str, port: int, extra: list[str]) -> list[str]:
    """Loopback names and the bound address, on the bound port, plus the user's own entries.

    A browser reaching the server through a rebound DNS name sends that name as Host, so anything not
    listed is refused; a wildcard bind (0.0.0.0, ::) is no name a browser uses, so it adds nothing.
    """
    names = ["localhost", "127.0.0.1", "[::1]"]
    if host not in ("0.0.0.0", "::", ""):
        names.append(f"[{host}]" if ":" in host and not host.startswith("[") else host)
    return [f"{n}:{port}" for n in dict.fromkeys(names)] + extra


@app.command()
def serve(
    db: DbOpt = None,
    host: Annotated[str, typer.Option(help="Interface to bind; anything but 127.0.0.1 exposes the corpus.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535)] = 8000,
    allow_upload: Annotated[bool, typer.Option("--allow-upload", help="Let visitors upload reports to ingest.")] = False,
    upload_dir: Annotated[Path, typer.Option(help="Where uploaded files are kept (with --allow-upload).")] = Path("uploads"),
    max_upload_mb: Annotated[int, typer.Option(min=1, max=500, help="Largest accepted upload.")] = 20,
    uploads_per_minute: Annotated[int, typer.Option(min=1, max=10_000, help="Uploads per client address per minute.")] = 10,
    allowed_host: Annotated[list[str] | None, typer.Option(
        "--allowed-host", help="A Host name (name or name:port) the server answers to, besides localhost, "
        "127.0.0.1, [::1] and --host; repeat it; '*' answers any (turns off the DNS-rebinding guard).")] = None,
    workspace: Annotated[Path | None, typer.Option(
        "--workspace", help="Turn on the 督查 workspace at /ws, keeping evidence files in this folder "
        "(outside any served folder; back it up with the database). Accounts: duixian users add.")] = None,
    units_csv: Annotated[Path | None, typer.Option(
        help="The office's unit directory (单位名称,简称,主题) for suggesting lead units (with --workspace).")] = None,
    forwarded_allow_ips: Annotated[str, typer.Option(
        help="Proxies whose X-Forwarded-For/-Proto are trusted (comma-separated; '*' any).")] = "127.0.0.1",
    as_json: JsonOpt = False,
) -> None:
    """Serve the reader, region pages, 成绩单 and search (each page has a .json twin; schema at /openapi.json)."""
    import uvicorn

    from duixian.web import create_app
    from duixian.web.upload import UploadLimits

    # uploads fill a database (and may make it); the workspace writes tasks, progress and sessions; else the
    # server only reads: the database is opened read-only and never upgraded (a published copy, a colleague's)
    engine = open_db(db, as_json, create=allow_upload, write=workspace is not None)
    if units_csv is not None:  # read now: a bad directory is a coded line here, not a 500 at the first task table
        from duixian.supervise.units import UnitDirectory

        UnitDirectory.load(units_csv)
    ws = None
    if workspace is not None:
        from duixian.web.workspace import WorkspaceConfig

        ws = WorkspaceConfig(evidence_dir=workspace.resolve(), units_csv=units_csv)
    application = create_app(engine, allow_upload=allow_upload, upload_dir=upload_dir,
                             limits=UploadLimits(max_bytes=max_upload_mb * 1024 * 1024),
                             allowed_hosts=allowed_hosts(host, port, allowed_host or []),
                             uploads_per_minute=uploads_per_minute, workspace=ws)
    url = f"http://{host}:{port}/"
    if as_json:
        emit_json({"url": url, "db": str(engine.url.render_as_string(hide_password=True)), "upload": allow_upload,
                   "workspace": None if ws is None else str(ws.evidence_dir)})
    else:
        out.print(f"duixian serving {url}  (Ctrl-C to stop)")
        if ws is not None:  # the address the workspace's users need, which the corpus pages do not link
            out.print(f"督查 workspace: {url}ws  (accounts: duixian users add)")
        if host not in ("127.0.0.1", "localhost", "::1"):
            sys.stderr.write(f"warning: listening on {host}: anyone who can reach this machine can read the corpus\n")
            if not allowed_host:
                sys.stderr.write("note: only requests for localhost/127.0.0.1 and --host are answered; "
                                 "add --allowed-host NAME for the name others use\n")
    # behind a reverse proxy: the client's address (login throttling, audit log) and https (Secure cookies)
    # come from the proxy's X-Forwarded-* headers, trusted only from --forwarded-allow-ips
    uvicorn.run(application, host=host, port=port, log_level="warning", proxy_headers=True,
                forwarded_allow_ips=forwarded_allow_ips)
