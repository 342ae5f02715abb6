"""Credentials are never printed: masking passwords in URLs and messages.

Everything graftline prints or logs that may hold a connection URL (a
``--db`` value, a driver's error message, an E-utilities address) passes
through :func:`mask_credentials` first. :func:`is_url` tells a URL from a
file path *before* the value is handled as a path: ``pathlib.Path`` would
fold ``postgresql://user:pw@host/db`` into ``postgresql:/user:pw@host/db``,
which neither looks like a URL nor is masked as one.
"""

from __future__ import annotations

import re

#: Shown instead of a secret.
MASK = "***"

#: Query or connection-string keys whose value is a secret (lower case).
SECRET_KEYS = ("password", "passwd", "pass", "pwd", "sslpassword", "api_key", "apikey",
               "access_token", "token", "secret", "client_secret")

# A scheme of two or more characters (a one-letter "scheme" is a Windows
# drive, C:/...) followed by ":/" - also the form a path library leaves
# after folding "//" into "/".
_SCHEME = r"[A-Za-z][A-Za-z0-9+.\-]+:/"
_URL_START = re.compile(_SCHEME)
_URL_IN_TEXT = re.compile(rf"(?<![\w+.\-]){_SCHEME}/?[^\s'\"<>`]*")
_SECRET_VALUE = re.compile(
    r"(?i)(?<![\w])(" + "|".join(SECRET_KEYS) + r")(\s*=\s*)('[^']*'|\"[^\"]*\"|[^&;#\s'\"]+)"
)


def is_url(text: object) -> bool:
    """True for ``scheme://...`` (or a folded ``scheme:/...``), never for a file path.

    Examples
    --------
    >>> is_url("postgresql://user@host/db"), is_url("cohort.duckdb"), is_url("C:/data/cohort.duckdb")
    (True, False, False)
    """
    return isinstance(text, str) and _URL_START.match(text) is not None


def mask_url(url: str) -> str:
    """The URL with its password and secret query parameters replaced by ``***``.

    The user name and host stay (they say where graftline connected). A
    password may hold ``@``, ``/`` or ``:`` unescaped, so everything up to
    the last ``@`` counts as user information: masking too much is harmless,
    too little is not.

    Examples
    --------
    >>> mask_url("postgresql://ana:s3cret@db.example.org:5432/cohort?sslmode=require&password=x")
    'postgresql://ana:***@db.example.org:5432/cohort?sslmode=require&password=***'
    >>> mask_url("postgresql://ana:p@ss/word@db/cohort")
    'postgresql://ana:***@db/cohort'
    """
    match = _URL_START.match(url)
    if match is None:
        return _SECRET_VALUE.sub(_masked_value, url)
    slashes = len(url) - len(url[match.end():].lstrip("/"))
    scheme, rest = url[:slashes], url[slashes:]
    if "@" in rest:
        userinfo, address = rest.rsplit("@", 1)
        if ":" in userinfo:
            userinfo = f"{userinfo.split(':', 1)[0]}:{MASK}"
        rest = f"{userinfo}@{address}"
    return scheme + _SECRET_VALUE.sub(_masked_value, rest)


def mask_credentials(text: object) -> str:
    """``text`` with every URL's password and every ``password=...`` value masked.

    For messages that may quote a URL or a libpq connection string
    (``host=... password=...``), e.g. a database driver's error.

    Examples
    --------
    >>> mask_credentials("cannot connect to postgresql://ana:s3cret@db/cohort: timeout")
    'cannot connect to postgresql://ana:***@db/cohort: timeout'
    >>> mask_credentials("host=db user=ana password=s3cret")
    'host=db user=ana password=***'
    """
    masked = _URL_IN_TEXT.sub(lambda m: mask_url(m.group(0)), str(text))
    return _SECRET_VALUE.sub(_masked_value, masked)


def _masked_value(match: re.Match) -> str:
    return f"{match.group(1)}{match.group(2)}{MASK}"


__all__ = ["MASK", "SECRET_KEYS", "is_url", "mask_credentials", "mask_url"]
