"""Credentials pasted where they do not belong: Slack, OpenAI, AWS, GitHub, Hugging Face, Google
and Stripe tokens, and private key blocks.

Team notes are shared with everyone who can see them, indexed and quoted in answers and digests,
so a note that holds a secret is refused (`find_secret` names the kind, never the value), and the
output sanitizer removes anything that still matches `SECRET_PATTERN` from every output.
"""

from __future__ import annotations

import re

# (kind, pattern); patterns are written for re.VERBOSE (spaces as [ ]) so the sanitizer can embed them
_KINDS: tuple[tuple[str, str], ...] = (
    ("a private key", r"-----BEGIN[ ](?:[A-Z0-9]+[ ])*PRIVATE[ ]KEY(?:[ ]BLOCK)?-----"
                      r"(?:[\s\S]*?-----END[ ](?:[A-Z0-9]+[ ])*PRIVATE[ ]KEY(?:[ ]BLOCK)?-----|[A-Za-z0-9+/=:\s-]*)"),
    ("a Slack token", r"(?<![A-Za-z0-9])xox[abceoprs]-[A-Za-z0-9-]{8,}"),
    ("a Slack app token", r"(?<![A-Za-z0-9])xapp-[0-9]-[A-Za-z0-9-]{8,}"),
    ("a Slack webhook URL", r"https?://hooks\.slack\.com/(?:services|workflows|triggers)/[A-Za-z0-9/_-]{8,}"),
    ("an OpenAI API key", r"(?<![A-Za-z0-9_-])sk-(?:proj-|svcacct-|admin-|ant-)?[A-Za-z0-9_-]{20,}"),
    ("an AWS access key", r"(?<![A-Z0-9])(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}(?![A-Z0-9])"),
    ("an AWS secret key", r"aws_?secret_?access_?key[\"']?\s*[:=]\s*[\"']?[A-Za-z0-9/+=]{40}"),
    ("a GitHub token", r"(?<![A-Za-z0-9_])(?:gh[pousr]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{22,})"),
    ("a Hugging Face token", r"(?<![A-Za-z0-9_])hf_[A-Za-z0-9]{30,}"),
    ("a Google API key", r"(?<![A-Za-z0-9_])AIza[0-9A-Za-z_-]{35}"),
    ("a Stripe key", r"(?<![A-Za-z0-9_])(?:sk|rk)_live_[0-9A-Za-z]{16,}"),
)

SECRET_PATTERN = "|".join(f"(?:{p})" for _, p in _KINDS)
_COMPILED = tuple((kind, re.compile(p, re.VERBOSE)) for kind, p in _KINDS)


def find_secret(text: str) -> str | None:
    """The kind of the first credential in `text` ("a Slack token"), or None."""
    for kind, pattern in _COMPILED:
        if pattern.search(text):
            return kind
    return None
