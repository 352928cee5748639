"""Fetching a team's uploaded examples file, the same bounded way from Slack and from Teams.

Each adapter decides where it may send its credentials (Slack: the bot token only to Slack's
hosts; Teams: a pre-authenticated https URL); what both need is a streamed GET that stops reading
as soon as the file is larger than the limit, so that an oversized upload never fills memory.
"""

from __future__ import annotations

import httpx

MAX_UPLOAD_BYTES = 20 * 1024 * 1024


def read_capped(
    url: str, *, limit: int = MAX_UPLOAD_BYTES, headers: dict[str, str] | None = None, follow_redirects: bool = False
) -> bytes:
    """The body of `GET url`; `ValueError("file too large")` once more than `limit` bytes arrive."""
    with httpx.Client(timeout=30, follow_redirects=follow_redirects) as http, http.stream(
        "GET", url, headers=headers or {}
    ) as resp:
        resp.raise_for_status()
        out = bytearray()
        for chunk in resp.iter_bytes():
            out += chunk
            if len(out) > limit:
                raise ValueError("file too large")
        return bytes(out)
