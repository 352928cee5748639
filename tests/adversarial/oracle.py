"""What a chat client or a browser would still do with a text the bot shows: the oracle of the
adversarial sanitizer tests, written independently of `handlers.sanitize` (generous extraction of
everything that could become a link, parsed by the WHATWG parser browsers use)."""

from __future__ import annotations

import re

from ada_url import URL

ALLOWED = ("github.com", "slack.com")

DANGEROUS_SCHEMES = frozenset({"javascript:", "vbscript:", "data:", "file:", "blob:", "livescript:"})
WEB_SCHEMES = frozenset({"http:", "https:", "ws:", "wss:", "ftp:"})
_STOP = r"[^\s<>|\[\]()\"'`]"

INVISIBLE = re.compile("[\u00ad\u034f\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff]")
SPECIAL = re.compile(r"<![^>]*>")
AT_TAG = re.compile(r"</?at(?:\s[^<>]*)?>", re.IGNORECASE)
BROADCAST = re.compile(r"(?<!\w)[@\uff20\ufe6b]+(?:channel|here|everyone)\b", re.IGNORECASE)

MD_DEST = re.compile(
    r"\]\(\s*(<[^<>\n]*>|[^\s()]*(?:\([^\s()]*\)[^\s()]*)*)\s*(?:\"[^\"]*\"|'[^']*'|\([^()]*\))?\s*\)"
)
SLACK_TARGET = re.compile(r"<(?![!@#])([^<>|\s]+)(?:\|[^<>]*)?>")
HTML_ATTR = re.compile(
    r"""(?:href|src|action|formaction|poster|background|data)\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)""", re.I
)
SCHEME_URL = re.compile(
    r"(?:https?|ftps?|wss?|javascript|vbscript|(?<![\w+.-])(?:data|file|blob))\s*:" + _STOP + "*", re.I
)
WWW = re.compile(r"www\." + _STOP + "+", re.I)
SLASHES = re.compile(r"(?<![\w/])//" + _STOP + "+")
EMAIL = re.compile(r"[\w.+-]+@((?:[^\W_][\w-]*\.)+[^\W\d_]{2,})(?![\w-])")
BARE = re.compile(
    r"(?:[^\W_][\w-]*\.)+(?:com|net|org|io|xn--[a-z0-9-]+|рф)(?![\w-])(?::\d+)?(?:/" + _STOP + "*)?", re.I
)


def allowed_host(host: str) -> bool:
    try:  # as a browser maps it (IDNA, full-width forms)
        host = URL("http://" + host).hostname.lower().rstrip(".")
    except ValueError:
        return False
    return any(host == a or host.endswith("." + a) for a in ALLOWED)


def opens_elsewhere(candidate: str, assume: str = "", *, lax: bool = False) -> bool:
    """Whether a browser given `candidate` would leave the allowlist (or run script). `lax`: a
    link destination that does not parse is tried again as a scheme-less link."""
    # chat clients end a bare link before trailing punctuation; browsers drop tabs and newlines
    raw = re.sub(r"[\t\n\r]", "", candidate.strip().strip("<>\"'")).rstrip(".,;:!?")
    if not raw:
        return False
    try:
        url = URL(assume + raw if assume else raw)
    except ValueError:
        try:  # a client completes a scheme-less link with http://
            if not lax:
                return False
            url = URL("http://" + raw.lstrip("/"))
        except ValueError:
            return False
    if url.protocol in DANGEROUS_SCHEMES:
        return True
    if url.protocol in WEB_SCHEMES:
        return not allowed_host(url.hostname) or bool(url.username or url.password)
    return False


def problems(out: str) -> list[str]:
    """Everything in `out` that would broadcast or link outside the allowlist."""
    text = INVISIBLE.sub("", out)
    found = [f"broadcast {m.group(0)!r}" for m in (*SPECIAL.finditer(text), *AT_TAG.finditer(text))]
    rest = text
    for pattern in (MD_DEST, SLACK_TARGET, HTML_ATTR):
        for m in pattern.finditer(text):
            dest = m.group(1)
            if pattern is SLACK_TARGET and not re.search(r"[:.]", dest):
                continue
            if opens_elsewhere(dest, lax=True):
                found.append(f"link {dest!r}")
            else:  # a link's destination is not shown: what is in it is not a link of its own
                rest = rest[: m.start(1)] + "_" * len(dest) + rest[m.end(1) :]
    for m in SCHEME_URL.finditer(text):
        if opens_elsewhere(m.group(0), ""):
            found.append(f"url {m.group(0)!r}")
        else:  # an allowed URL is one token for clients: what follows in it is its path
            rest = rest.replace(m.group(0), "_" * len(m.group(0)), 1)
    for m in EMAIL.finditer(rest):  # a mail address is a mailto link to its domain
        if allowed_host(m.group(1)):
            rest = rest.replace(m.group(0), "_" * len(m.group(0)), 1)
        else:
            found.append(f"email {m.group(0)!r}")
    for pattern, assume in ((WWW, "http://"), (SLASHES, "http:"), (BARE, "http://")):
        for m in pattern.finditer(rest):
            if opens_elsewhere(m.group(0), assume):
                found.append(f"bare {m.group(0)!r}")
            else:
                rest = rest.replace(m.group(0), "_" * len(m.group(0)), 1)
    found += [f"broadcast {m.group(0)!r}" for m in BROADCAST.finditer(rest)]
    return found
