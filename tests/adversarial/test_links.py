"""Issue 12, part 1: links are judged the way browsers parse them (WHATWG), in every syntax."""

from __future__ import annotations

import pytest

from handlers.sanitize import LINK_REMOVED, is_allowed, sanitize

ALLOWED = ["github.com", "slack.com"]


def test_the_reported_backslash_userinfo_bypass_is_closed() -> None:
    assert sanitize("[docs](https://evil.example\\@github.com/x)", ["github.com"]) == "docs"
    assert sanitize("https://evil.example\\.github.com/x", ["github.com"]) == LINK_REMOVED
    assert sanitize("<https://evil.example\\@github.com/login|the handbook>", ["github.com"]) == "the handbook"


@pytest.mark.parametrize(
    "url",
    [
        "https://evil.example\\@github.com/x",  # backslash = slash in http(s): host evil.example
        "https:\\\\evil.com\\github.com",
        "https:evil.com",  # no slashes at all: still evil.com for a browser
        "https://github.com@evil.com/",  # userinfo
        "https://evil.com@github.com/",  # userinfo on an allowed host: refused (phishing shape)
        "https://github.com%40evil.com/",
        "https://evil%2ecom/",  # percent-encoded host
        "https://git\thub.com.evil.com/",  # tabs and newlines are dropped by browsers
        "https://g\u0131thub.com/",  # dotless i: punycode xn--gthub-..., not github.com
        "https://\u0435vil.com/",  # Cyrillic e
        "https://github.com.evil.com/",
        "https://evilgithub.com/",
        "https://github.com/login?next=https://evil.com",  # redirect through an allowed host
        "https://github.com/%2F%2Fevil.com",
        "javascript:alert(1)//github.com",
        "java\tscript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "file:///etc/passwd",
        "vbscript:msgbox(1)",
        "ftp://github.com/",
    ],
)
def test_hostile_urls_are_refused(url: str) -> None:
    assert not is_allowed(url, ALLOWED)


@pytest.mark.parametrize(
    "url",
    ["https://github.com", "https://api.github.com/repos/a/b?x=1#y", "http://slack.com/help", "https://GitHub.com./a",
     "https://\uff47\uff49\uff54\uff48\uff55\uff42.com/x"],  # full-width letters map to github.com
)
def test_allowed_hosts_and_subdomains_pass(url: str) -> None:
    assert is_allowed(url, ALLOWED)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("[docs](https://evil.com \"title\")", "docs"),
        ("[docs](<https://evil.com>)", "docs"),
        ("![logo](https://evil.com/x.png)", "!logo"),
        ("[x](javascript:alert(1))", "x"),
        ("<https://evil.com|click>", "click"),
        ("<evil.com|click>", "click"),
        ("<a href=\"https://evil.com\">click</a>", "click</a>"),
        ("<a href=\"java&#9;script:alert(1)\">click</a>", "click</a>"),
        ("<img src=x onerror=alert(1)>", ""),
        ("<script src=https://github.com/x.js></script>", ""),
        ("see //evil.com/x", f"see {LINK_REMOVED}"),
        ("go https:/\\evil.com now", f"go {LINK_REMOVED} now"),
        ("read \u0435vil.com", f"read {LINK_REMOVED}"),
        ("seejavascript:alert(1)", f"see{LINK_REMOVED}"),
    ],
)
def test_every_link_syntax_is_checked(text: str, expected: str) -> None:
    assert sanitize(text, ALLOWED) == expected


def test_allowed_links_keep_their_form_in_every_syntax() -> None:
    text = (
        "[repo](https://github.com/a/b) <https://api.slack.com/x|docs> https://github.com/a_(b) "
        "<a href=\"https://github.com/x\">x</a> docs.github.com/en dev@slack.com"
    )
    assert sanitize(text, ALLOWED) == text


@pytest.mark.parametrize(
    ("entry", "host"),
    [("github.com", "github.com"), (" GitHub.com. ", "github.com"), ("*.github.com", "github.com"),
     ("https://github.com/", "github.com"), ("b\u00fccher.de", "xn--bcher-kva.de"), ("not a host", None),
     ("github.com/path", None), ("javascript:alert(1)", None)],
)
def test_allowlist_entries_are_normalized_like_hosts(entry: str, host: str | None) -> None:
    from handlers.links import normalize_host

    assert normalize_host(entry) == host
