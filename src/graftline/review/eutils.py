"""A client for NCBI E-utilities (esearch with the history server, efetch in
batches) that respects NCBI's usage rules.

- Rate: at most 3 requests per second, 10 with an API key (NCBI, "A General
  Introduction to the E-utilities", Usage Guidelines), enforced by a token
  bucket whose clock and sleep can be replaced in tests.
- Retries: HTTP 429 and 5xx, connection failures and truncated batches are
  retried with exponential back-off; a ``Retry-After`` header is obeyed.
- API key: read from the ``NCBI_API_KEY`` environment variable, sent with each
  request and never stored: it is left out of cache keys, cached files, log
  messages, error messages and the project file.
- Cache: each answer is kept on disk under a key made from the request
  (endpoint and parameters, without the key and the history-server handles),
  so running the same search again does not download it again.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import hashlib
import json
import logging
import os
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from graftline.credentials import mask_url
from graftline.errors import GraftlineError

DEFAULT_BASE_URL = "https://eutils.ncbi.nlm.nih.gov/entrez/eutils/"
API_KEY_VARIABLE = "NCBI_API_KEY"
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})

log = logging.getLogger(__name__)


class SearchError(GraftlineError):
    """The database could not be searched (after retries) or answered nonsense."""


class TokenBucket:
    """Allow ``rate`` requests per second with bursts of at most ``capacity``.

    Parameters
    ----------
    rate : float
        Tokens added per second.
    capacity : float
        Largest number of tokens held. With 1, requests are spaced evenly,
        which keeps any one-second window within ``rate``.
    clock, sleep : callables
        ``time.monotonic`` and ``time.sleep`` unless replaced (tests).

    Example
    -------
    >>> now = [0.0]
    >>> bucket = TokenBucket(3, clock=lambda: now[0], sleep=lambda s: now.__setitem__(0, now[0] + s))
    >>> for _ in range(4):
    ...     bucket.acquire()
    >>> round(now[0], 6)
    1.0
    """

    def __init__(self, rate: float, *, capacity: float = 1.0, clock: Callable[[], float] = time.monotonic,
                 sleep: Callable[[float], None] = time.sleep) -> None:
        if rate <= 0 or capacity < 1:
            raise ValueError("rate must be positive and capacity at least 1")
        self.rate, self.capacity = rate, capacity
        self.clock, self.sleep = clock, sleep
        self._tokens = capacity
        self._updated = clock()

    def acquire(self) -> None:
        """Wait until a token is available and take it."""
        while True:
            now = self.clock()
            self._tokens = min(self.capacity, self._tokens + (now - self._updated) * self.rate)
            self._updated = now
            # The tolerance stops float rounding (0.9999999999) from asking
            # for a sleep too short to move the clock.
            if self._tokens >= 1 - 1e-9:
                self._tokens = max(0.0, self._tokens - 1)
                return
            self.sleep((1 - self._tokens) / self.rate)


class ResponseCache:
    """Answers stored as files named by a hash of the request."""

    def __init__(self, directory: str | Path) -> None:
        self.directory = Path(directory)

    @staticmethod
    def key(endpoint: str, params: dict) -> str:
        text = json.dumps([endpoint, sorted(params.items())], sort_keys=True)
        return hashlib.sha256(text.encode()).hexdigest()

    def get(self, key: str) -> tuple[bytes, dt.datetime] | None:
        body = self.directory / f"{key}.xml"
        meta = self.directory / f"{key}.json"
        if not body.exists() or not meta.exists():
            return None
        fetched = dt.datetime.fromisoformat(json.loads(meta.read_text())["fetched_at"])
        return body.read_bytes(), fetched

    def put(self, key: str, endpoint: str, params: dict, body: bytes, fetched: dt.datetime) -> None:
        self.directory.mkdir(parents=True, exist_ok=True)
        (self.directory / f"{key}.xml").write_bytes(body)
        (self.directory / f"{key}.json").write_text(json.dumps(
            {"endpoint": endpoint, "params": params, "fetched_at": fetched.isoformat()}, sort_keys=True))


def _retry_after(value: str | None, now: dt.datetime) -> float | None:
    """Seconds to wait from a ``Retry-After`` header (seconds or HTTP date)."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    return max(0.0, (when - now.replace(tzinfo=dt.UTC)).total_seconds())


@dataclass(frozen=True)
class Answer:
    body: bytes
    fetched_at: dt.datetime
    from_cache: bool


class EUtilsClient:
    """HTTP access to E-utilities with rate limit, retries and cache.

    Parameters
    ----------
    base_url : str
        E-utilities root; tests point it at a server on 127.0.0.1.
    api_key : str, optional
        Defaults to the ``NCBI_API_KEY`` environment variable.
    cache_dir : path, optional
        Where answers are cached; no cache when ``None``.
    max_attempts : int
        Tries per request before giving up.
    backoff : float
        First back-off in seconds; doubled at each retry (1, 2, 4, ...).
    clock, sleep : callables
        Injected into the token bucket and used for back-off (tests).
    """

    def __init__(self, *, base_url: str = DEFAULT_BASE_URL, api_key: str | None = None,
                 cache_dir: str | Path | None = None, max_attempts: int = 5, backoff: float = 1.0,
                 max_wait: float = 120.0, timeout: float = 60.0, tool: str = "graftline",
                 email_address: str | None = None, clock: Callable[[], float] = time.monotonic,
                 sleep: Callable[[float], None] = time.sleep) -> None:
        self.base_url = base_url if base_url.endswith("/") else base_url + "/"
        self._api_key = api_key if api_key is not None else (os.environ.get(API_KEY_VARIABLE) or None)
        self.cache = ResponseCache(cache_dir) if cache_dir is not None else None
        self.max_attempts, self.backoff, self.max_wait, self.timeout = max_attempts, backoff, max_wait, timeout
        self.identity = {"tool": tool, **({"email": email_address} if email_address else {})}
        self.sleep = sleep
        self.bucket = TokenBucket(10.0 if self._api_key else 3.0, clock=clock, sleep=sleep)
        self.requests_sent = 0

    def __repr__(self) -> str:  # never show the key
        return f"EUtilsClient(base_url={self.base_url!r}, api_key={'set' if self._api_key else 'unset'})"

    @property
    def has_api_key(self) -> bool:
        return self._api_key is not None

    def _url(self, endpoint: str, params: dict, *, with_key: bool) -> str:
        query = {**params, **self.identity}
        if with_key and self._api_key:
            query["api_key"] = self._api_key
        return f"{self.base_url}{endpoint}?{urllib.parse.urlencode(sorted(query.items()))}"

    def get(self, endpoint: str, params: dict, *, cache_params: dict | None = None,
            validate: Callable[[bytes], None] | None = None, refresh: bool = False) -> Answer:
        """GET ``endpoint`` with ``params``; answers are cached under ``cache_params``.

        ``validate`` raises ``ValueError`` for an answer that must be fetched
        again (e.g. a truncated batch); it counts as a failed attempt.
        """
        key = ResponseCache.key(endpoint, cache_params if cache_params is not None else params)
        if self.cache is not None and not refresh and (hit := self.cache.get(key)) is not None:
            return Answer(hit[0], hit[1], True)
        # Without the API key, and with any password in a configured base URL masked.
        shown = mask_url(self._url(endpoint, params, with_key=False))
        problem = "no attempt made"
        for attempt in range(1, self.max_attempts + 1):
            self.bucket.acquire()
            self.requests_sent += 1
            wait = None
            try:
                request = urllib.request.Request(self._url(endpoint, params, with_key=True),
                                                 headers={"User-Agent": "graftline-review"})
                with urllib.request.urlopen(request, timeout=self.timeout) as response:
                    body = response.read()
                if validate is not None:
                    validate(body)
                fetched = dt.datetime.now(dt.UTC).replace(tzinfo=None)
                if self.cache is not None:
                    self.cache.put(key, endpoint, cache_params if cache_params is not None else params, body, fetched)
                return Answer(body, fetched, False)
            except urllib.error.HTTPError as error:
                if error.code not in RETRY_STATUSES:
                    raise SearchError(f"{shown}: HTTP {error.code} {error.reason}; not retried") from None
                problem = f"HTTP {error.code}"
                wait = _retry_after(error.headers.get("Retry-After"), dt.datetime.now(dt.UTC).replace(tzinfo=None))
            except (urllib.error.URLError, TimeoutError, ConnectionError) as error:
                problem = f"connection failed ({getattr(error, 'reason', error)})"
            except ValueError as error:
                problem = f"unusable answer ({error})"
            if attempt == self.max_attempts:
                break
            wait = min(self.max_wait, wait if wait is not None else self.backoff * 2 ** (attempt - 1))
            log.info("%s: %s; retry %d of %d in %.1f s", shown, problem, attempt, self.max_attempts - 1, wait)
            self.sleep(wait)
        raise SearchError(f"{shown}: {problem} after {self.max_attempts} attempts")
