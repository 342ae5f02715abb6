"""Run the screening app under uvicorn on one project file.

The server opens the project (taking DuckDB's single-writer lock), writes
``<project>.serve`` with its address so that CLI commands refused by the lock
can say where the project is being served, starts the background
prioritisation and serves until interrupted. Loopback by default; binding
another interface needs the reviewers' names, and each gets a token that is
printed once at start and never stored.
"""

from __future__ import annotations

import ipaddress
import secrets
import socket
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from graftline.errors import InputError
from graftline.review.project import ReviewProject, serve_marker
from graftline.review.web.app import ScreeningApp, build_app
from graftline.review.web.desk import ScreeningDesk
from graftline.review.web.ordering import BackgroundPrioritiser


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def reviewer_tokens(reviewers: list[str]) -> dict[str, str]:
    """A fresh random token per reviewer (``token -> name``)."""
    names = [r.strip() for r in reviewers if r.strip()]
    if len(set(names)) != len(names):
        raise InputError("each --reviewer must be named once")
    return {secrets.token_urlsafe(24): name for name in names}


@dataclass
class RunningServer:
    """A server started by :func:`start_server` (for the CLI and the tests)."""

    url: str
    app_state: ScreeningApp
    prioritiser: BackgroundPrioritiser
    server: object
    socket: socket.socket

    def run(self) -> None:
        self.server.run(sockets=[self.socket])


def start_server(project_path: str | Path, *, host: str = "127.0.0.1", port: int = 8765,
                 reviewers: list[str] | None = None, announce: Callable[[str], None] = print) -> RunningServer:
    """Open the project, bind the socket and prepare uvicorn; :meth:`RunningServer.run` serves.

    Raises
    ------
    InputError
        When ``host`` is not loopback and no reviewers are named (tokens are
        required off loopback), or the port cannot be bound.
    """
    import uvicorn

    loopback = is_loopback(host)
    tokens = reviewer_tokens(reviewers) if reviewers else None
    if not loopback and not tokens:
        raise InputError(f"--host {host} is not a loopback address: name the reviewers (--reviewer anna "
                         "--reviewer ben --reviewer consensus) so that each gets a token to log in with")
    project = ReviewProject.open(project_path)
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    # Accepted connections inherit this: without it a response's header and
    # body writes meet the client's delayed ACK and every request waits ~40 ms.
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    try:
        sock.bind((host, port))
    except OSError as error:
        project.close()
        raise InputError(f"cannot listen on {host}:{port} ({error.strerror}); choose another --port") from None
    sock.listen(128)
    bound = sock.getsockname()[1]
    shown = f"[{host}]" if ":" in host else host
    url = f"http://{shown}:{bound}"
    allowed = ["127.0.0.1", "localhost", "[::1]", "::1"] if loopback else ["*"]
    desk = ScreeningDesk(project)
    state = ScreeningApp(project, desk, tokens=tokens, allowed_hosts=allowed)

    def texts():
        reader = project.connection.cursor()
        rows = reader.execute("SELECT record_id, coalesce(title, '') || ' ' || coalesce(abstract, '') FROM records "
                              "WHERE record_id NOT IN (SELECT duplicate_id FROM merges WHERE undone_at IS NULL) "
                              "ORDER BY record_id").fetchall()
        reader.close()
        return [r[0] for r in rows], [r[1] for r in rows]

    prioritiser = BackgroundPrioritiser(desk, texts)
    state.prioritiser = prioritiser
    config = uvicorn.Config(build_app(state), log_level="warning", access_log=False, lifespan="off")
    server = uvicorn.Server(config)
    marker = serve_marker(Path(project_path))
    marker.write_text(url + "\n")
    announce(f"serving {project_path} at {url}/login (Ctrl-C to stop); this server is the project file's only "
             "writer while it runs")
    if tokens:
        announce("reviewer tokens (give each reviewer only their own; they are not stored):")
        for token, name in tokens.items():
            announce(f"  {name}: {token}")
    return RunningServer(url=url, app_state=state, prioritiser=prioritiser, server=server, socket=sock)


def serve(project_path: str | Path, *, host: str = "127.0.0.1", port: int = 8765,
          reviewers: list[str] | None = None, announce: Callable[[str], None] = print) -> None:
    """Serve until interrupted; the project file is closed and the marker removed afterwards."""
    running = start_server(project_path, host=host, port=port, reviewers=reviewers, announce=announce)
    running.prioritiser.start()
    try:
        running.run()
    finally:
        running.prioritiser.stop()
        running.socket.close()
        running.app_state.project.close()
        serve_marker(Path(project_path)).unlink(missing_ok=True)
