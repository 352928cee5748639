"""The one output sanitizer: everything the bot shows passes through it last (Slack and Teams
payloads, terminal renderers, every `--json` output and the digest files).

Nothing a user, a note, a document or a language model wrote can make the bot

- broadcast: Slack's `<!channel>`, `<!here>`, `<!everyone>`, `<!subteam^ID|@group>` (every `<!...>`
  special token is removed), Teams' `<at>...</at>` mention tags (the name stays, the tag goes) and
  the plain `@channel` / `@here` / `@everyone` words (they lose their `@`);
- link anywhere but the allowlist: Slack links `<url|label>`, markdown links and images
  `[label](url)`, HTML tags with `href`/`src`/... attributes, bare URLs of any scheme (`https:`,
  `javascript:`, `data:`, `file:`, `vbscript:` ...), `www.` and `//host` links and bare domains
  (chat clients auto-link `evil.com`) keep only their label, or become `[link removed]`, unless the
  link passes `handlers.links.is_allowed` (parsed as a browser parses it; http(s) to an allowed
  host or a subdomain of one). E-mail addresses become mailto links in chat clients, so the same
  rule applies to their domain;
- show a credential: tokens and private keys (`handlers.secrets`) become `[secret removed]`;
- hide something: zero-width and direction-override characters are dropped before all of the
  above, so `<!ev\u200beryone>`-style tricks read as what they are.

Text in, text out, platform-neutral; adapters may escape or convert afterwards. `sanitize_value`
applies it to every string of a JSON-like value or a pydantic model (replies, contracts).
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Sequence
from typing import Any, TypeVar

from pydantic import BaseModel

from handlers.links import is_allowed
from handlers.secrets import SECRET_PATTERN

__all__ = ["EMAIL_REMOVED", "LINK_REMOVED", "SECRET_REMOVED", "is_allowed", "sanitize", "sanitize_value"]

LINK_REMOVED = "[link removed]"
EMAIL_REMOVED = "[email removed]"
SECRET_REMOVED = "[secret removed]"

# Top-level domains that chat clients auto-link without a scheme ("evil.com/x"). Restricting to a
# list keeps code identifiers such as `handlers.sanitize` intact. IDN TLDs are matched as well.
_TLDS = (
    "com|net|org|io|ai|dev|co|app|xyz|info|biz|me|us|uk|de|fr|ru|cn|jp|in|br|gg|ly|sh|tk|top|site|"
    "online|link|click|live|store|shop|tech|cloud|page|blog|news|tv|cc|to|ws|su|pw|ml|ga|cf|gq|eu|ca|au|nl|ch|se|no|"
    "es|it|pl|be|at|dk|fi|ie|nz|za|kr|tw|hk|sg|mx|ar|cl|gov|edu|mil|int|zip|mov|xn--[a-z0-9-]{2,59}|[^\\W\\d_a-z]{2,24}"
)
_LABEL = r"[^\W_](?:[\w-]{0,61}[^\W_])?"  # a domain label (Unicode letters count: IDN look-alikes)
_URL_CHARS = r"[^\s<>|\[\]()\"'`]"  # where a chat client ends a bare link
_URL_ATTRS = r"href|src|srcset|action|formaction|poster|background|cite|data|lowsrc|dynsrc|ping|xlink:href"
_DANGER_TAGS = r"script|iframe|frame|frameset|object|embed|applet|base|meta|link|form|svg|math|style"

_PATTERN = re.compile(
    r"""
    (?P<special><![^<>]*>|<!)                                              # <!channel>, <!subteam^S1|@x>
    | (?P<at></?at(?:\s[^<>]*)?>)                                          # Teams <at>name</at>
    | (?P<secret>(?-i:"""
    + SECRET_PATTERN
    + r"""))
    | (?P<slack><(?=[^<>|\s]*[:.])(?P<sl_url>[^<>|\s@#!][^<>|\s]*)
          (?:\|(?P<sl_label>[^<>]*))?>)                                    # <https://x|label>, <evil.com>
    | (?P<tag><\s*/?\s*(?P<tag_name>[a-z][a-z0-9-]*)(?P<tag_rest>[\s/][^<>]*)?>)            # <a href=...>, <script>
    | (?P<md>\[(?P<md_label>[^\[\]\n]*)\]\(\s*(?P<md_url><[^<>\n]*>|[^()\s]*(?:\([^()\s]*\)[^()\s]*)*)
          (?:\s+(?:"[^"\n]*"|'[^'\n]*'|\([^()\n]*\)))?\s*\))              # [label](url "title")
    | (?P<dest>\]\(\s*(?P<dest_url><[^<>\n]*>|[^()\s]*(?:\([^()\s]*\)[^()\s]*)*)
          (?:\s+(?:"[^"\n]*"|'[^'\n]*'|\([^()\n]*\)))?\s*\))              # ](url) left by a removal
    | (?P<url>(?<![\w+.-])(?:https?|ftps?|wss?)\s*:"""
    + _URL_CHARS
    + r"""*)                                                                # https://x, https:\\x, https:x
    | (?P<scheme>(?:(?:java|vb|live)script|view-source|(?<![\w+.-])(?:data|file|blob|jar|intent))\s*:[^\s<>"'`\[\]]+)
    | (?P<www>(?<![\w.-])www\."""
    + _URL_CHARS
    + r"""+)                                                                # www.evil.com
    | (?P<rel>(?<![\w/])//+(?=[^\s/])"""
    + _URL_CHARS
    + r"""+)                                                                # //evil.com
    | (?P<email>(?<![\w.+-])[\w.+-]{1,64}@(?P<email_host>(?:"""
    + _LABEL
    + r"""\.){1,32}[^\W\d_]{2,24})(?![\w-]))                                     # a@b.com (a mailto link)
    | (?P<domain>(?<![\w-])(?<![\w-]\.)(?:"""
    + _LABEL
    + r"""\.){1,127}(?:"""
    + _TLDS
    + r""")(?![\w-])(?::\d+(?![\w-]))?(?:/"""
    + _URL_CHARS
    + r"""*)?)                                                              # bare evil.com/x
    | (?P<broadcast>(?<!\w)[@\uff20\ufe6b]+(?:channel|here|everyone)\b)     # @channel
    """,
    re.IGNORECASE | re.VERBOSE,
)

# zero-width, bidi overrides and other invisible format characters (ZWJ survives between emoji)
_INVISIBLE = re.compile(
    "[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b\u200c\u200e\u200f\u202a-\u202e"
    "\u2060-\u2064\u2066-\u206f\u3164\ufeff\uffa0\U000e0000-\U000e007f]|(?<=[\x00-\x7f])\u200d|\u200d(?=[\x00-\x7f])"
)
_ATTR = re.compile(r"""\b(?P<name>""" + _URL_ATTRS + r"""|on[a-z]+|style)\s*=\s*(?P<value>"[^"]*"|'[^']*'|[^\s"'>]+)""",
                   re.IGNORECASE)
_DANGER = re.compile(_DANGER_TAGS, re.IGNORECASE)
_TRAILING_PUNCT = ".,;:!?"
_GLUED_URL = re.compile(r"(?<=[^\s<(\[|\"'=/\\+.-])(?=(?:https?|ftps?|wss?):)", re.IGNORECASE)
_MAX_PASSES = 8


def sanitize(text: str, allowed_hosts: Iterable[str]) -> str:
    """Remove broadcast mentions, secrets and links to hosts outside `allowed_hosts` from `text`."""
    if not text:
        return text
    hosts = tuple(allowed_hosts)
    # A URL glued to the word before it ("seehttps://x") is split off so that we and chat clients
    # read the same tokens. Then passes until nothing changes: a removal can join text into a new
    # token (e.g. "<!<!here>channel>").
    out = _GLUED_URL.sub(" ", _INVISIBLE.sub("", text))
    for _ in range(_MAX_PASSES):
        new = _PATTERN.sub(lambda m: _replace(m, hosts), out)
        if new == out:
            return out
        out = _GLUED_URL.sub(" ", new)
    # pathological nesting: give up on markup altogether rather than risk a token
    return _PATTERN.sub(lambda m: _replace(m, hosts), re.sub(r"[<>\[\]@]", "", out))


def _replace(m: re.Match[str], hosts: tuple[str, ...]) -> str:
    kind = m.lastgroup
    whole = m.group(0)
    if kind in ("special", "at"):
        return ""
    if kind == "secret":
        return SECRET_REMOVED
    if kind == "broadcast":
        return whole.lstrip("@\uff20\ufe6b")
    if kind == "email":
        return whole if is_allowed(m.group("email_host"), hosts, assume_scheme="http://") else EMAIL_REMOVED
    if kind == "slack":
        url, label = m.group("sl_url"), m.group("sl_label")
        if _web_link_allowed(url, hosts):
            return f"<{url}|{_clean_label(label, hosts)}>" if label and _clean_label(label, hosts) else f"<{url}>"
        return _label_or_removed(label, hosts)
    if kind == "md":
        url, label = m.group("md_url"), m.group("md_label")
        if url.startswith("<") and url.endswith(">"):
            url = url[1:-1]
        if is_allowed(url, hosts):
            return f"[{_clean_label(label, hosts)}]({url})"
        return _label_or_removed(label, hosts)
    if kind == "dest":
        url = m.group("dest_url")
        return whole if is_allowed(url.removeprefix("<").removesuffix(">"), hosts) else "]"
    if kind == "tag":
        return _tag(m, hosts)
    if kind == "scheme":
        return LINK_REMOVED
    url, trailing = _split_trailing(whole)
    scheme = {"www": "http://", "rel": "http:", "domain": "http://"}.get(kind or "", "")
    if scheme and "@" in url:
        return LINK_REMOVED + trailing  # a scheme-less link with an `@` reads as a mail address too
    return whole if is_allowed(url, hosts, assume_scheme=scheme) else LINK_REMOVED + trailing


def _web_link_allowed(url: str, hosts: tuple[str, ...]) -> bool:
    """A Slack link target: a URL, or a bare domain Slack completes with http://."""
    if re.match(r"[a-z][a-z0-9+.-]*:", url, re.IGNORECASE):
        return is_allowed(url, hosts)
    return is_allowed(url, hosts, assume_scheme="http:" if url.startswith("//") else "http://")


def _tag(m: re.Match[str], hosts: tuple[str, ...]) -> str:
    """An HTML tag with URL attributes keeps only those attributes, and only when every URL is
    allowed; dangerous tags and tags with event handlers or styles go altogether. Other tags stay,
    their attributes sanitized as text."""
    name = m.group("tag_name").lower()
    rest = m.group("tag_rest") or ""
    if _DANGER.fullmatch(name):
        return ""
    attrs = list(_ATTR.finditer(rest))
    if not attrs:
        head = m.group(0)[: len(m.group(0)) - len(rest) - 1]
        return head + sanitize(rest, hosts) + ">"
    kept = []
    for a in attrs:
        attr = a.group("name").lower()
        if attr.startswith("on") or attr == "style":
            return ""
        # what a browser reads: entities decoded, tabs and newlines dropped
        value = re.sub(r"[\t\n\r]", "", html.unescape(a.group("value").strip("\"'"))).strip()
        urls = [u.strip().split(" ")[0] for u in value.split(",")] if attr == "srcset" else [value]
        if not all(is_allowed(u, hosts) for u in urls):
            return ""
        kept.append(f'{attr}="{html.escape(value, quote=True)}"')
    return f"<{name} {' '.join(kept)}>"


def _clean_label(label: str | None, hosts: tuple[str, ...]) -> str:
    return sanitize(label or "", hosts).strip()


def _label_or_removed(label: str | None, hosts: tuple[str, ...]) -> str:
    # the label itself may be a URL or hold broadcast tokens
    cleaned = _clean_label(label, hosts)
    return cleaned if cleaned else LINK_REMOVED


def _split_trailing(raw: str) -> tuple[str, str]:
    url = raw.rstrip(_TRAILING_PUNCT)
    return url, raw[len(url) :]


T = TypeVar("T")


def sanitize_value(value: T, allowed_hosts: Sequence[str]) -> T:
    """`value` with every string in it sanitized: str, lists/tuples/dicts (values and string keys)
    and pydantic models (a sanitized copy of the same type). Other values pass unchanged."""
    return _deep(value, tuple(allowed_hosts))  # type: ignore[no-any-return]


def _deep(value: Any, hosts: tuple[str, ...]) -> Any:
    if isinstance(value, str):
        return sanitize(value, hosts)
    if isinstance(value, BaseModel):
        updates = {name: _deep(getattr(value, name), hosts) for name in type(value).model_fields}
        return value.model_copy(update=updates)
    if isinstance(value, dict):
        return {(_deep(k, hosts) if isinstance(k, str) else k): _deep(v, hosts) for k, v in value.items()}
    if isinstance(value, list):
        return [_deep(v, hosts) for v in value]
    if isinstance(value, tuple):
        return tuple(_deep(v, hosts) for v in value)
    return value
