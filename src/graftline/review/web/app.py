"""The screening app (Starlette): routes, reviewer sessions, tokens, CSRF.

Security, in the order a request meets it:

- the server listens on loopback unless told otherwise; bound to another
  interface it admits only reviewers holding a per-reviewer token (printed
  at start), and on loopback the ``Host`` header must be a loopback name
  (so a web page cannot reach the app by DNS rebinding);
- a session is a random id in an ``HttpOnly``, ``SameSite=Strict`` cookie,
  mapped on the server to the reviewer; a new id is issued at login;
- every form carries the session's CSRF token, compared in constant time,
  and a request whose ``Origin`` is another site is refused;
- every page is built by :mod:`~graftline.review.web.pages`, which escapes
  all text, and served with a Content-Security-Policy that allows only this
  server's own stylesheet and script (no inline script, no other origin).
"""

from __future__ import annotations

import hmac
import re
import secrets
import threading
import time
import urllib.parse
from dataclasses import dataclass, field
from importlib import resources

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.middleware import Middleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from graftline.errors import InputError
from graftline.review.prisma import screening_tally
from graftline.review.project import ReviewProject
from graftline.review.screening import CONSENSUS, STAGES
from graftline.review.web import pages
from graftline.review.web.desk import ScreeningDesk

COOKIE = "graftline_session"
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9 ._-]{0,39}$")
SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self'; "
                               "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
}


@dataclass
class Session:
    csrf: str
    reviewer: str | None = None
    created: float = field(default_factory=time.time)


class ScreeningApp:
    """State shared by the routes: the desk, the sessions, the tokens, a reader per thread."""

    def __init__(self, project: ReviewProject, desk: ScreeningDesk, *, tokens: dict[str, str] | None,
                 allowed_hosts: list[str]) -> None:
        self.project = project
        self.desk = desk
        self.tokens = tokens
        self.allowed_hosts = allowed_hosts
        self.sessions: dict[str, Session] = {}
        self._local = threading.local()
        self.prioritiser = None  # set by serve: its status is reported by /api/progress
        include = project.setting("highlight_include").split(",")
        exclude = project.setting("highlight_exclude").split(",")
        self.include = pages.term_pattern(include)
        self.exclude = pages.term_pattern(exclude)

    def reader(self) -> ReviewProject:
        """A read-only view of the project on this thread's own DuckDB cursor (reads never wait for writes)."""
        reader = getattr(self._local, "reader", None)
        if reader is None:
            reader = ReviewProject(self.project.path, self.project.connection.cursor())
            self._local.reader = reader
        return reader

    def tally(self, *, fresh: bool = False):
        """PRISMA counts as they stand: from the desk's memory while screening (microseconds), or
        ``fresh`` from the file with :func:`~graftline.review.prisma.screening_tally` (the progress page)."""
        return screening_tally(self.reader()) if fresh else self.desk.tally()

    def record(self, record_id: int) -> dict:
        row = self.reader().connection.execute(
            "SELECT record_id, source, pmid, doi, title, abstract, authors, year, journal FROM records "
            "WHERE record_id = ?", [record_id]).fetchone()
        keys = ("record_id", "source", "pmid", "doi", "title", "abstract", "authors", "year", "journal")
        return dict(zip(keys, row, strict=True))


def _html(text: str, status: int = 200) -> HTMLResponse:
    return HTMLResponse(text, status_code=status, headers=SECURITY_HEADERS)


def build_app(state: ScreeningApp) -> Starlette:
    """The Starlette application over one :class:`ScreeningApp`."""

    def session_of(request: Request) -> Session | None:
        return state.sessions.get(request.cookies.get(COOKIE, ""))

    def new_session(reviewer: str | None = None) -> tuple[str, Session]:
        sid = secrets.token_urlsafe(32)
        session = Session(csrf=secrets.token_urlsafe(32), reviewer=reviewer)
        state.sessions[sid] = session
        return sid, session

    def with_cookie(response: Response, sid: str) -> Response:
        response.set_cookie(COOKIE, sid, httponly=True, samesite="strict", path="/")
        return response

    async def form_of(request: Request, session: Session | None) -> dict[str, str]:
        """The urlencoded form, after the CSRF and Origin checks (:class:`PermissionError` otherwise)."""
        origin = request.headers.get("origin")
        if origin and origin != "null":
            host = urllib.parse.urlsplit(origin).netloc
            if host != request.headers.get("host"):
                raise PermissionError("request from another site")
        body = (await request.body()).decode("utf-8", errors="replace")
        form = dict(urllib.parse.parse_qsl(body, keep_blank_values=True))
        if session is None or not hmac.compare_digest(form.get("csrf", ""), session.csrf):
            raise PermissionError("the form's security token does not match this session; reload the page")
        return form

    def forbidden(text: str) -> HTMLResponse:
        return _html(pages.message_page("Not allowed", text), 403)

    async def login_get(request: Request) -> Response:
        session = session_of(request)
        if session and session.reviewer:
            return RedirectResponse("/screen/title_abstract", status_code=303)
        if session is not None:
            return _html(pages.login_page(session.csrf, tokens=state.tokens is not None))
        sid, session = new_session()
        return with_cookie(_html(pages.login_page(session.csrf, tokens=state.tokens is not None)), sid)

    async def login_post(request: Request) -> Response:
        session = session_of(request)
        try:
            form = await form_of(request, session)
        except PermissionError as error:
            return forbidden(str(error))
        if state.tokens is not None:
            token = form.get("token", "").strip()
            reviewer = next((name for t, name in state.tokens.items() if hmac.compare_digest(t, token)), None)
            problem = None if reviewer else "That token is not valid for this server."
        else:
            reviewer = form.get("name", "").strip()
            problem = None if _NAME.match(reviewer) else (
                "A name is 1-40 letters, digits, spaces, '.', '_' or '-'.")
        if problem:
            return _html(pages.login_page(session.csrf, tokens=state.tokens is not None, message=problem), 400)
        state.sessions.pop(request.cookies.get(COOKIE, ""), None)
        sid, _ = new_session(reviewer)
        return with_cookie(RedirectResponse("/conflicts/title_abstract" if reviewer == CONSENSUS
                                            else "/screen/title_abstract", status_code=303), sid)

    async def logout(request: Request) -> Response:
        session = session_of(request)
        try:
            await form_of(request, session)
        except PermissionError as error:
            return forbidden(str(error))
        state.sessions.pop(request.cookies.get(COOKIE, ""), None)
        response = RedirectResponse("/login", status_code=303)
        response.delete_cookie(COOKIE, path="/")
        return response

    def reviewer_or_login(request: Request) -> tuple[Session | None, Response | None]:
        session = session_of(request)
        if session is None or session.reviewer is None:
            return None, RedirectResponse("/login", status_code=303)
        return session, None

    async def home(request: Request) -> Response:
        return RedirectResponse("/screen/title_abstract", status_code=303)

    async def screen(request: Request) -> Response:
        session, redirect = reviewer_or_login(request)
        if redirect:
            return redirect
        stage = request.path_params["stage"]
        if stage not in STAGES:
            return _html(pages.message_page("No such stage", f"Stages are {', '.join(STAGES)}."), 404)
        message = request.query_params.get("message")

        def render() -> str:
            record_id = state.desk.next_record(session.reviewer, stage)
            record = state.record(record_id) if record_id is not None else None
            return pages.screen_page(
                reviewer=session.reviewer, csrf=session.csrf, stage=stage, record=record,
                progress=state.desk.progress(session.reviewer, stage), tally=state.tally(),
                reasons=state.desk.reasons, include=state.include, exclude=state.exclude, message=message,
                undo_available=True)

        return _html(await run_in_threadpool(render))

    async def decide(request: Request) -> Response:
        session, redirect = reviewer_or_login(request)
        if redirect:
            return redirect
        try:
            form = await form_of(request, session)
        except PermissionError as error:
            return forbidden(str(error))
        stage = form.get("stage", "")
        back = "/conflicts/" if form.get("back") == "conflicts" else "/screen/"
        try:
            record_id = int(form.get("record_id", ""))
        except ValueError:
            return _html(pages.message_page("Bad request", "record_id is not a number"), 400)
        if back == "/conflicts/" and session.reviewer != CONSENSUS:
            return forbidden("Only the consensus reviewer resolves conflicts.")
        try:
            await run_in_threadpool(state.desk.decide, session.reviewer, stage, record_id,
                                    form.get("decision", ""), form.get("reason") or None)
        except InputError as error:
            query = urllib.parse.urlencode({"message": str(error)})
            return RedirectResponse(f"{back}{stage if stage in STAGES else 'title_abstract'}?{query}",
                                    status_code=303)
        return RedirectResponse(f"{back}{stage}", status_code=303)

    async def undo(request: Request) -> Response:
        session, redirect = reviewer_or_login(request)
        if redirect:
            return redirect
        try:
            form = await form_of(request, session)
        except PermissionError as error:
            return forbidden(str(error))
        stage = form.get("stage", "title_abstract")
        if stage not in STAGES:
            stage = "title_abstract"
        undone = await run_in_threadpool(state.desk.undo, session.reviewer, stage)
        suffix = "" if undone is not None else "?" + urllib.parse.urlencode({"message": "Nothing to undo."})
        return RedirectResponse(f"/screen/{stage}{suffix}", status_code=303)

    async def conflicts(request: Request) -> Response:
        session, redirect = reviewer_or_login(request)
        if redirect:
            return redirect
        if session.reviewer != CONSENSUS:
            return _html(pages.message_page(
                "Blinded", "Screening is blinded: only the consensus reviewer sees other reviewers' decisions, "
                "in this conflicts view.", reviewer=session.reviewer, csrf=session.csrf), 403)
        stage = request.path_params["stage"]
        if stage not in STAGES:
            return _html(pages.message_page("No such stage", f"Stages are {', '.join(STAGES)}."), 404)

        def render() -> str:
            found = state.desk.conflicts(stage)
            records = {record_id: state.record(record_id) for record_id, _ in found}
            return pages.conflicts_page(csrf=session.csrf, stage=stage, conflicts=found, records=records,
                                        reasons=state.desk.reasons, include=state.include, exclude=state.exclude,
                                        message=request.query_params.get("message"))

        return _html(await run_in_threadpool(render))

    async def progress(request: Request) -> Response:
        session, redirect = reviewer_or_login(request)
        if redirect:
            return redirect

        def render() -> str:
            counts = dict(state.reader().connection.execute(
                "SELECT reviewer, count(*) FROM decisions WHERE decision_id NOT IN (SELECT decision_id FROM "
                "withdrawn) GROUP BY reviewer").fetchall())
            return pages.progress_page(reviewer=session.reviewer, csrf=session.csrf, tally=state.tally(fresh=True),
                                       progress=[state.desk.progress(session.reviewer, s, fresh=True)
                                                 for s in STAGES],
                                       reviewers=counts)

        return _html(await run_in_threadpool(render))

    async def api_progress(request: Request) -> Response:
        session, redirect = reviewer_or_login(request)
        if redirect:
            return JSONResponse({"error": "log in"}, status_code=401, headers=SECURITY_HEADERS)
        stage = request.query_params.get("stage", "title_abstract")
        if stage not in STAGES:
            stage = "title_abstract"

        def compute() -> dict:
            tally = state.tally()
            return {"progress": state.desk.progress(session.reviewer, stage), "prisma": {
                "identified": sum(tally.databases.values()) + sum(tally.registers.values()),
                "duplicates": tally.duplicates_removed, "screened": tally.screened,
                "excluded": tally.screened_excluded, "awaiting_ta": tally.awaiting_title_abstract,
                "conflicts_ta": tally.conflicts_title_abstract, "sought": tally.reports_sought,
                "not_retrieved": tally.reports_not_retrieved,
                "assessed": tally.reports_sought - tally.reports_not_retrieved,
                "reports_excluded": sum(tally.reports_excluded.values()),
                "awaiting_ft": tally.awaiting_full_text, "included": tally.reports_included},
                "prioritisation": state.prioritiser.status() if state.prioritiser else None,
                # CPU time of the server process (all its threads; the model process is separate).
                "server_cpu_seconds": time.process_time()}

        return JSONResponse(await run_in_threadpool(compute), headers=SECURITY_HEADERS)

    static = StaticFiles(directory=str(resources.files("graftline.review.web") / "static"))
    routes = [
        Route("/", home), Route("/login", login_get, methods=["GET"]), Route("/login", login_post, methods=["POST"]),
        Route("/logout", logout, methods=["POST"]), Route("/screen/{stage}", screen),
        Route("/decide", decide, methods=["POST"]), Route("/undo", undo, methods=["POST"]),
        Route("/conflicts/{stage}", conflicts), Route("/progress", progress),
        Route("/api/progress", api_progress), Mount("/static", app=static, name="static"),
    ]
    middleware = [Middleware(SecurityHeaders), Middleware(TrustedHostMiddleware, allowed_hosts=state.allowed_hosts)]
    return Starlette(routes=routes, middleware=middleware)


class SecurityHeaders:
    """ASGI middleware adding :data:`SECURITY_HEADERS` to every response that lacks them (static files too)."""

    def __init__(self, app) -> None:
        self.app = app

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message) -> None:
            if message["type"] == "http.response.start":
                present = {name.lower() for name, _ in message.get("headers", [])}
                extra = [(k.lower().encode(), v.encode()) for k, v in SECURITY_HEADERS.items()
                         if k.lower().encode() not in present]
                message = {**message, "headers": [*message.get("headers", []), *extra]}
            await send(message)

        await self.app(scope, receive, send_with_headers)
