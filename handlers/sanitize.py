"""Output sanitizer shared by every chat adapter (Slack, Teams, terminal).

Everything the bot posts passes through `sanitize` last, so that nothing a user, a note, a
document or a language model wrote can make the bot

- broadcast: Slack's `<!channel>`, `<!here>`, `<!everyone>`, `<!subteam^ID|@group>` (every `<!...>`
  special token is removed) and the plain `@channel` / `@here` / `@everyone` words lose their `@`;
- link anywhere but the allowlist: Slack links `<url|label>`, markdown links `[label](url)`,
  bare URLs and bare domains (chat clients auto-link `evil.com`) keep only their label, or become
  `[link removed]`, unless their host is an allowed host or a subdomain of one. E-mail addresses
  become mailto links in chat clients, so the same rule applies to their domain.

The function is platform-neutral text in, text out; adapters may escape or convert afterwards.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from urllib.parse import urlsplit

LINK_REMOVED = "[link removed]"
EMAIL_REMOVED = "[email removed]"

# Top-level domains that chat clients auto-link without a scheme ("evil.com/x"). Restricting to a
# list keeps code identifiers such as `handlers.sanitize` intact.
_TLDS = (
    "com|net|org|io|ai|dev|co|app|xyz|info|biz|me|us|uk|de|fr|ru|cn|jp|in|br|gg|ly|sh|tk|top|site|"
    "online|link|click|live|store|shop|tech|cloud|page|blog|news|tv|cc|to|ws|su|pw|ml|ga|cf|gq|eu|ca|au|nl|ch|se|no|"
    "es|it|pl|be|at|dk|fi|ie|nz|za|kr|tw|hk|sg|mx|ar|cl|gov|edu|mil|int|zip|mov"
)

_PATTERN = re.compile(
    r"""
    (?P<special><![^>]*>)                                                 # <!channel>, <!subteam^S1|@x>
    | (?P<slack><(?P<sl_url>(?:https?|ftp|mailto|tel|file|javascript):[^|<>\s]*)
          (?:\|(?P<sl_label>[^<>]*))?>)                                   # <https://x|label>
    | (?P<md>\[(?P<md_label>[^\]\n]*)\]\((?P<md_url>[^)\s]*)(?:\s+"[^"]*")?\))  # [label](url)
    | (?P<url>(?:(?:https?|ftp)://|\bwww\.)[^\s<>|\]\)"']+)                # bare URL
    | (?P<email>[\w.+-]+@(?P<email_host>(?:[a-z0-9-]+\.)+[a-z]{2,24})\b)     # a@b.com (a mailto link)
    | (?P<domain>(?<![\w./-])(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+(?:"""
    + _TLDS
    + r""")(?![\w-])(?::\d+)?(?:/[^\s<>|\]\)"']*)?)                        # bare evil.com/x
    | (?P<broadcast>(?<![\w@])@(?:channel|here|everyone)\b)                 # @channel
    """,
    re.IGNORECASE | re.VERBOSE,
)

_TRAILING_PUNCT = ".,;:!?"
_GLUED_URL = re.compile(r"(?<=[^\s<(\[|])(?=(?:https?|ftp)://)", re.IGNORECASE)


def host_of(url: str) -> str | None:
    """The lower-cased host of `url` (scheme optional), or None when it has none."""
    candidate = (
        url if "://" in url or url.lower().startswith(("mailto:", "tel:", "javascript:")) else f"//{url}"
    )
    try:
        parts = urlsplit(candidate)
        return parts.hostname.lower().rstrip(".") if parts.hostname else None
    except ValueError:
        return None


def is_allowed(url: str, allowed_hosts: Iterable[str]) -> bool:
    """Whether `url` points to an allowed host or one of its subdomains (http(s) only, and not
    carrying another URL, which would make the allowed host a redirector)."""
    lowered = url.strip().lower()
    if lowered.startswith(("mailto:", "tel:", "javascript:", "file:", "data:", "ftp:")):
        return False
    if "://" in lowered.split("://", 1)[-1] or "%3a%2f%2f" in lowered:
        return False  # a URL inside a URL: a redirect through an allowed host
    host = host_of(lowered)
    if not host:
        return False
    for allowed in allowed_hosts:
        a = allowed.strip().lower().rstrip(".")
        if a and (host == a or host.endswith("." + a)):
            return True
    return False


def sanitize(text: str, allowed_hosts: Iterable[str]) -> str:
    """Remove broadcast mentions and links to hosts outside `allowed_hosts` from `text`."""
    if not text:
        return text
    hosts = tuple(allowed_hosts)

    def replace(m: re.Match[str]) -> str:
        if m.group("special") is not None:
            return ""
        if m.group("broadcast") is not None:
            return m.group("broadcast")[1:]
        if m.group("email") is not None:
            return m.group("email") if is_allowed(m.group("email_host"), hosts) else EMAIL_REMOVED
        if m.group("slack") is not None:
            url, label = m.group("sl_url"), m.group("sl_label")
            if is_allowed(url, hosts):
                return f"<{url}|{sanitize(label, hosts)}>" if label else f"<{url}>"
            return _label_or_removed(label, hosts)
        if m.group("md") is not None:
            url, label = m.group("md_url"), m.group("md_label")
            if is_allowed(url, hosts):
                return f"[{sanitize(label, hosts)}]({url})"
            return _label_or_removed(label, hosts)
        raw = m.group("url") if m.group("url") is not None else m.group("domain")
        url, trailing = _split_trailing(raw)
        if is_allowed(url, hosts):
            return raw
        return LINK_REMOVED + trailing

    # A URL glued to the word before it ("seehttps://x") is split off so that we and chat clients
    # read the same tokens. Then up to three passes: a removal can join text into a new token
    # (e.g. "<!<!here>channel>").
    out = _GLUED_URL.sub(" ", text)
    for _ in range(3):
        new = _PATTERN.sub(replace, out)
        if new == out:
            break
        out = new
    return out


def _label_or_removed(label: str | None, hosts: tuple[str, ...]) -> str:
    label = (label or "").strip()
    if not label:
        return LINK_REMOVED
    # the label itself may be a URL or hold broadcast tokens
    cleaned = sanitize(label, hosts)
    return cleaned if cleaned.strip() else LINK_REMOVED


def _split_trailing(raw: str) -> tuple[str, str]:
    url = raw.rstrip(_TRAILING_PUNCT)
    return url, raw[len(url) :]
