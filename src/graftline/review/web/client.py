"""A scripted reviewer: an HTTP client of the screening app, for tests,
benchmarks and demonstrations on loopback (standard library only).

It logs in like a browser (session cookie, the form's CSRF token), reads the
record shown and posts decisions, following the app's redirects.
"""

from __future__ import annotations

import http.client
import re
import time
import urllib.parse
from dataclasses import dataclass, field

_CSRF = re.compile(r'name="csrf" value="([^"]+)"')
_RECORD = re.compile(r'id="record" data-record-id="(\d+)"')


@dataclass
class ScreeningClient:
    """One reviewer's connection (keep-alive) to a running app at ``host:port``."""

    host: str
    port: int
    cookie: str = ""
    csrf: str = ""
    page: str = ""
    timings: list[float] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.connection = http.client.HTTPConnection(self.host, self.port, timeout=30)

    def request(self, method: str, path: str, form: dict | None = None) -> tuple[int, dict, str]:
        body = urllib.parse.urlencode(form) if form is not None else None
        headers = {"Host": f"{self.host}:{self.port}"}
        if self.cookie:
            headers["Cookie"] = self.cookie
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        self.connection.request(method, path, body=body, headers=headers)
        response = self.connection.getresponse()
        text = response.read().decode("utf-8")
        found = response.getheader("set-cookie")
        if found:
            self.cookie = found.split(";")[0]
        if (match := _CSRF.search(text)) is not None:
            self.csrf = match.group(1)
        return response.status, dict(response.getheaders()), text

    def follow(self, method: str, path: str, form: dict | None = None) -> tuple[int, str]:
        status, headers, text = self.request(method, path, form)
        while status in (302, 303):
            status, headers, text = self.request("GET", headers["location"])
        self.page = text
        return status, text

    def shown_title(self) -> str:
        """The title of the record on the last page loaded (markup removed), or ``""``."""
        match = re.search(r'<h1 id="title">(.*?)</h1>', self.page, re.S)
        return re.sub(r"<[^>]+>", "", match.group(1)) if match else ""

    def login(self, *, name: str | None = None, token: str | None = None) -> str:
        self.request("GET", "/login")
        form = {"csrf": self.csrf, **({"token": token} if token else {"name": name})}
        status, text = self.follow("POST", "/login", form)
        if status != 200:
            raise RuntimeError(f"login failed ({status}): {text[:200]}")
        return text

    def current(self, stage: str = "title_abstract") -> int | None:
        """Record id shown to this reviewer at ``stage`` (``None`` when nothing is left)."""
        _, text = self.follow("GET", f"/screen/{stage}")
        match = _RECORD.search(text)
        return int(match.group(1)) if match else None

    def decide(self, record_id: int, decision: str, *, stage: str = "title_abstract", reason: str = "",
               back: str = "") -> tuple[int | None, str]:
        """Post one decision and load the next record page; the round trip is timed into :attr:`timings`."""
        started = time.perf_counter()
        status, text = self.follow("POST", "/decide", {"csrf": self.csrf, "record_id": record_id, "stage": stage,
                                                       "decision": decision, "reason": reason, "back": back})
        self.timings.append(time.perf_counter() - started)
        if status != 200:
            raise RuntimeError(f"decision on record {record_id} failed ({status}): {text[:300]}")
        match = _RECORD.search(text)
        return (int(match.group(1)) if match else None), text

    def close(self) -> None:
        self.connection.close()
