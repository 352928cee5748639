"""Whether a link may leave the bot: parsed the way browsers parse it (the WHATWG URL standard).

A chat client hands the link to a browser, and a browser reads `https://evil.example\\@github.com/`
as a link to evil.example (a backslash is a slash in http(s) URLs), `https:evil.com` as a link to
evil.com, `https://github%2ecom` as github.com, removes tabs and newlines anywhere in a URL, and maps
IDN look-alikes to punycode. So the host is decided by a WHATWG parser (ada, the parser of Node.js,
through the pinned `ada-url` package), never by a regular expression or `urllib`.

A link is allowed when all of these hold, and refused otherwise (fail closed):

- it parses, its scheme is http or https (`javascript:`, `data:`, `file:`, `vbscript:` ... never);
- it carries no user name or password (`https://github.com@evil.com`), no backslash, no control,
  space or invisible character (what one parser strips, another keeps);
- an RFC 3986 parser (`urllib`) finds the same host as the browser would: a link that two parsers
  read differently is hostile, whatever its host;
- it does not carry another URL (`...?next=https://evil.com`: the allowed host as a redirector,
  or a `javascript:` one);
- its host is an allowlisted host or a subdomain of one (`api.github.com`, not `evilgithub.com`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from urllib.parse import urlsplit

from ada_url import URL, idna_to_ascii

WEB_SCHEMES = frozenset({"http:", "https:"})

# ASCII controls, whitespace and the invisible format characters browsers or chat clients drop
_UNSAFE_CHARS = re.compile(r"[\x00-\x20\x7f\\\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f"
                           r"\u200b-\u200f\u2028-\u202e\u2060-\u206f\u3164\ufeff\uffa0\ufff0-\uffff]")
_NESTED_URL = re.compile(
    r"(?:/|%2f|%5c){2}|(?:https?|ftps?|wss?|javascript|vbscript|data|file)(?::|%3a)", re.IGNORECASE
)


def normalize_host(entry: str) -> str | None:
    """An allowlist entry (`github.com`, `*.GitHub.com.`, `https://github.com/`, `bücher.de`) as the
    ASCII host a browser would compare, or None when it is not a host name."""
    raw = entry.strip().lower().removeprefix("*.")
    if not raw or _UNSAFE_CHARS.search(raw):
        return None
    if "://" not in raw:
        raw = f"http://{raw}"
    try:
        url = URL(raw)
    except ValueError:
        return None
    if url.protocol not in WEB_SCHEMES or url.username or url.password or url.pathname not in ("", "/"):
        return None
    host = url.hostname.rstrip(".")
    return host if (host and "." in host) or host == "localhost" else None


@lru_cache(maxsize=64)
def _allowlist(hosts: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(h for h in (normalize_host(x) for x in hosts) if h)


def allowlist(hosts: Iterable[str]) -> tuple[str, ...]:
    """The normalized allowlist (entries that are not host names are dropped)."""
    return _allowlist(tuple(hosts))


def browser_host(link: str, *, assume_scheme: str = "") -> str | None:
    """The host a browser opens for `link` when it is an http(s) link with no credentials and
    every parser agrees on its host; None otherwise. `assume_scheme` ("http:") for bare domains
    and `//host` links, which chat clients complete with a scheme."""
    url = _parse(link, assume_scheme)
    return None if url is None else url.hostname.lower().rstrip(".")


def host_allowed(host: str, allowed_hosts: Iterable[str]) -> bool:
    """`host` is an allowlisted host or a subdomain of one (exact label boundary)."""
    return any(host == a or host.endswith("." + a) for a in allowlist(allowed_hosts))


def is_allowed(link: str, allowed_hosts: Iterable[str], *, assume_scheme: str = "") -> bool:
    """Whether `link` may be shown as a link (see the module docstring for the rules)."""
    url = _parse(link, assume_scheme)
    if url is None:
        return False
    if _NESTED_URL.search(url.pathname + url.search + url.hash):
        return False  # a URL inside the URL: the allowed host as a redirector
    return host_allowed(url.hostname.lower().rstrip("."), allowed_hosts)


def _parse(link: str, assume_scheme: str) -> URL | None:
    raw = link.strip()
    if not raw or _UNSAFE_CHARS.search(raw):
        return None
    candidate = assume_scheme + raw if assume_scheme else raw
    try:
        url = URL(candidate)
    except ValueError:
        return None
    if url.protocol not in WEB_SCHEMES or url.username or url.password:
        return None
    host = url.hostname.lower().rstrip(".")
    if not host or "@" in _authority(candidate):
        return None
    if _rfc3986_host(candidate) != host:
        return None  # a parser differential: someone is trying something
    return url


def _authority(url: str) -> str:
    """What follows the scheme's slashes up to the path, query or fragment."""
    rest = url.split(":", 1)[1] if ":" in url else url
    rest = rest.lstrip("/")
    return re.split(r"[/?#]", rest, maxsplit=1)[0]


def _rfc3986_host(url: str) -> str | None:
    """The host as `urllib` (RFC 3986) reads it, IDNA-mapped like a browser maps it."""
    try:
        hostname = urlsplit(url).hostname
    except ValueError:
        return None
    if not hostname:
        return None
    try:
        ascii_host = idna_to_ascii(hostname)
    except ValueError:
        return None
    text = ascii_host.decode("ascii", "replace") if isinstance(ascii_host, bytes) else str(ascii_host)
    return text.lower().rstrip(".") or None
