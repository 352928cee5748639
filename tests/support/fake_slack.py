"""A local fake of the Slack Web API (and of response_url endpoints), recording every call.

The way bolt-python tests itself: a small threaded HTTP server the real `WebClient` talks to
(point `SLACK_API_URL` at `fake.api_url`). It answers the methods the app uses with `ok` JSON,
hands out increasing message timestamps, serves `files.getUploadURLExternal` upload URLs on
itself, and can be scripted to fail a method (e.g. a 429 with `Retry-After`, or `not_in_channel`).

Helpers at the bottom sign Events API / interactivity / slash-command requests the way Slack
does (v0 HMAC-SHA256 of `v0:{timestamp}:{body}` with the signing secret) and post them.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import itertools
import json
import threading
import time
import urllib.parse
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from http.client import HTTPConnection
from typing import Any

from tests.support.local_server import LocalServer, QuietHandler

BOT_USER_ID = "UBOT"
BOT_ID = "BBOT"
TEAM_ID = "T0001"


@dataclass
class Call:
    method: str  # Web API method ("chat.postMessage"), "upload" or "response"
    params: dict[str, Any]
    headers: dict[str, str]
    at: float = field(default_factory=time.monotonic)
    response: Any = None  # what the fake answered (JSON body)

    @property
    def ts(self) -> str:
        """The ts of the message this call posted or updated."""
        if isinstance(self.response, dict) and self.response.get("ts"):
            return str(self.response["ts"])
        return str(self.params.get("ts", ""))


@dataclass
class _Script:
    method: str
    status: int
    body: dict[str, Any]
    headers: dict[str, str]
    times: int
    when: Callable[[dict[str, Any]], bool] | None = None


class FakeSlack(LocalServer):
    url_path = ""  # the Web API lives under /api/, response URLs under /response/
    token = "xoxb-test-0000-abcdefabcdefabcdef"  # the bot token downloads must carry

    def __init__(self) -> None:
        self.calls: list[Call] = []
        self.messages: list[dict[str, Any]] = []  # what was posted (and updated), for history reads
        self.private_channels: set[str] = set()
        self.files: dict[str, dict[str, Any]] = {}  # id -> files.info object, plus "_bytes"
        self._scripts: list[_Script] = []
        self._stalls: list[_Script] = []
        self._lock = threading.Condition()
        self._ts = itertools.count(int(time.time()) - 1700000000 + 1)  # message ts from "now", as Slack's
        fake = self

        class Handler(QuietHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:
                if self.path.startswith("/files-pri/"):  # a file download (url_private_download)
                    status, data = fake._download(self.path, self.headers.get("authorization", ""))
                    self.send_response(status)
                    self.send_header("content-length", str(len(data)))
                    self.end_headers()
                    self.wfile.write(data)
                    return
                self._handle()

            def do_POST(self) -> None:
                self._handle()

            def _handle(self) -> None:
                path, _, query = self.path.partition("?")
                raw = self.body()
                if path.startswith("/upload/"):  # file bytes, whatever the content type says
                    params: dict[str, Any] = {"_bytes": len(raw)}
                else:
                    params = fake._parse(self.headers.get("content-type", ""), raw, query)
                headers = {k.lower(): v for k, v in self.headers.items()}
                status, body, extra = fake._answer(path, params, headers, raw)
                fake._stall(path, params)  # acted on (recorded) at once; the answer comes late
                data = json.dumps(body).encode() if not isinstance(body, bytes) else body
                try:
                    self.send_response(status)
                    self.send_header("content-type", "application/json; charset=utf-8")
                    for k, v in extra.items():
                        self.send_header(k, v)
                    self.send_header("content-length", str(len(data)))
                    self.end_headers()
                    self.wfile.write(data)
                except (BrokenPipeError, ConnectionResetError):
                    pass

        self.serve(Handler)

    # --- addresses (start/stop and `with` come from LocalServer) --------------------------------
    @property
    def api_url(self) -> str:
        """What `SLACK_API_URL` should be."""
        return f"{self.base_url}/api/"

    def response_url(self, name: str) -> str:
        """A response_url (slash commands, shortcuts) served by this fake."""
        return f"{self.base_url}/response/{name}"

    # --- scripting -----------------------------------------------------------------------------
    def fail(
        self,
        method: str,
        *,
        status: int = 200,
        error: str = "fatal_error",
        retry_after: int | None = None,
        times: int = 1,
        when: Callable[[dict[str, Any]], bool] | None = None,
    ) -> None:
        """The next `times` calls of `method` (whose params satisfy `when`, if given) fail: HTTP
        `status` (429 + Retry-After for rate limits), or 200 with {"ok": false, "error": error}."""
        headers = {"Retry-After": str(retry_after)} if retry_after is not None else {}
        body = {"ok": False, "error": "ratelimited" if status == 429 else error}
        with self._lock:
            self._scripts.append(_Script(method, status, body, headers, times, when))

    def stall(
        self, method: str, seconds: float, *, times: int = 1, when: Callable[[dict[str, Any]], bool] | None = None
    ) -> None:
        """The next `times` calls of `method` (matching `when`) take effect at once, like Slack's,
        but their HTTP answer is held back `seconds` (a caller killed meanwhile never sees it)."""
        with self._lock:
            self._stalls.append(_Script(method, 200, {"seconds": seconds}, {}, times, when))

    def _stall(self, path: str, params: dict[str, Any]) -> None:
        method = path[len("/api/") :] if path.startswith("/api/") else ""
        with self._lock:
            stall = next(
                (s for s in self._stalls if s.method == method and s.times > 0 and (s.when is None or s.when(params))),
                None,
            )
            if stall is not None:
                stall.times -= 1
        if stall is not None:
            time.sleep(float(stall.body["seconds"]))

    # --- inspection ----------------------------------------------------------------------------
    def calls_to(self, method: str, predicate: Callable[[Call], bool] | None = None) -> list[Call]:
        with self._lock:
            return [c for c in self.calls if c.method == method and (predicate is None or predicate(c))]

    def wait_for(
        self,
        method: str,
        predicate: Callable[[Call], bool] | None = None,
        *,
        count: int = 1,
        timeout: float = 30.0,
    ) -> list[Call]:
        """Block until `count` matching calls were received (the app works after acknowledging)."""
        deadline = time.monotonic() + timeout
        with self._lock:
            while True:
                found = [c for c in self.calls if c.method == method and (predicate is None or predicate(c))]
                if len(found) >= count:
                    return found
                left = deadline - time.monotonic()
                if left <= 0:
                    seen = [c.method for c in self.calls]
                    raise AssertionError(f"timed out waiting for {count} x {method}; calls so far: {seen}")
                self._lock.wait(timeout=min(left, 0.2))

    def streamed_text(self, ts: str) -> str:
        """The markdown a streamed message received (start, appends and stop), in order."""
        parts = [
            str(c.params.get("markdown_text") or "")
            for c in self.calls
            if c.method in ("chat.startStream", "chat.appendStream", "chat.stopStream")
            and (c.params.get("ts") == ts or (c.method == "chat.startStream" and (c.response or {}).get("ts") == ts))
        ]
        return "".join(parts)

    def posted_texts(self) -> list[str]:
        """Every text the app sent to Slack (messages, updates, ephemerals, responses), blocks included."""
        out = []
        for c in self.calls:
            if c.method in (
                "chat.postMessage",
                "chat.update",
                "chat.postEphemeral",
                "response",
                "views.publish",
            ):
                out.append(json.dumps(c.params, ensure_ascii=False))
        return out

    # --- internals -----------------------------------------------------------------------------
    @staticmethod
    def _parse(content_type: str, raw: bytes, query: str) -> dict[str, Any]:
        params: dict[str, Any] = dict(urllib.parse.parse_qsl(query))
        if not raw:
            return params
        if "json" in content_type:
            params.update(json.loads(raw))
        elif "x-www-form-urlencoded" in content_type:
            params.update(urllib.parse.parse_qsl(raw.decode()))
        else:
            params["_bytes"] = len(raw)
        for key in ("blocks", "view", "files", "metadata"):
            if isinstance(params.get(key), str):
                with contextlib.suppress(ValueError):
                    params[key] = json.loads(params[key])
        return params

    # --- files (what users shared; downloads need the bot token) --------------------------------
    def add_file(self, name: str, data: bytes, *, channel: str, user: str = "U0001") -> str:
        """Share a file in `channel` as `user`; returns its id (files.info, files.list, download)."""
        with self._lock:
            file_id = f"F{next(self._ts):06d}"
            self.files[file_id] = {
                "id": file_id, "name": name, "title": name, "size": len(data), "user": user,
                "channels": [channel], "created": int(time.time()) + len(self.files),
                "url_private_download": f"{self.base_url}/files-pri/{file_id}/{name}", "_bytes": data,
            }
        return file_id

    def _download(self, path: str, authorization: str) -> tuple[int, bytes]:
        file_id = path.split("/")[2]
        with self._lock:
            self.calls.append(Call("download", {"file": file_id}, {"authorization": authorization}))
            meta = self.files.get(file_id)
        if meta is None:
            return 404, b"not found"
        if authorization != f"Bearer {self.token}":
            return 302, b""  # Slack redirects unauthenticated downloads to a login page
        return 200, bytes(meta["_bytes"])

    def _file_info(self, meta: dict[str, Any]) -> dict[str, Any]:
        return {k: v for k, v in meta.items() if not k.startswith("_")}

    def _answer(
        self, path: str, params: dict[str, Any], headers: dict[str, str], raw: bytes
    ) -> tuple[int, Any, dict[str, str]]:
        if path.startswith("/api/"):
            method = path[len("/api/") :]
        elif path.startswith("/upload/"):
            method = "upload"
        elif path.startswith("/response/"):
            method = "response"
        else:
            return 404, {"ok": False, "error": "unknown_path"}, {}
        call = Call(method, params, headers)
        with self._lock:  # answered under the lock: timestamps follow the order of the calls
            script = next(
                (s for s in self._scripts if s.method == method and s.times > 0 and (s.when is None or s.when(params))),
                None,
            )
            if script is not None:
                script.times -= 1
                status, body, extra = script.status, script.body, script.headers
            elif method in ("upload", "response"):
                status, body, extra = 200, {"ok": True}, {}
            else:
                status, body, extra = 200, self._ok(method, params), {}
            call.response = body
            self.calls.append(call)
            self._lock.notify_all()
        return status, body, extra

    def _ok(self, method: str, params: dict[str, Any]) -> dict[str, Any]:
        channel = str(params.get("channel", ""))
        if method == "auth.test":
            return {
                "ok": True,
                "user_id": BOT_USER_ID,
                "bot_id": BOT_ID,
                "team_id": TEAM_ID,
                "user": "ft-advisor",
                "team": "Test team",
                "url": "https://test.slack.com/",
            }
        if method in ("chat.postMessage", "chat.update"):
            ts = params.get("ts") if method == "chat.update" else f"{1700000000 + next(self._ts)}.000100"
            self._remember(method, channel, str(ts), params)
            return {"ok": True, "channel": channel, "ts": ts, "message": {"text": params.get("text", "")}}
        if method in ("conversations.replies", "conversations.history"):
            return {"ok": True, "messages": self._read_back(method, channel, params), "has_more": False}
        if method == "chat.postEphemeral":
            return {"ok": True, "message_ts": f"{1700000000 + next(self._ts)}.000200"}
        if method == "chat.startStream":  # streamed messages are always replies in a thread
            if not params.get("thread_ts"):
                return {"ok": False, "error": "missing_argument"}
            return {"ok": True, "channel": channel, "ts": f"{1700000000 + next(self._ts)}.000300"}
        if method in ("chat.appendStream", "chat.stopStream"):
            if not params.get("ts"):
                return {"ok": False, "error": "missing_argument"}
            if method == "chat.appendStream" and not params.get("markdown_text") and not params.get("chunks"):
                return {"ok": False, "error": "no_text"}
            return {"ok": True, "channel": channel, "ts": params["ts"]}
        if method == "conversations.info":
            return {
                "ok": True,
                "channel": {
                    "id": channel,
                    "is_private": channel in self.private_channels,
                    "is_im": channel.startswith("D"),
                    "is_mpim": False,
                    "is_channel": not channel.startswith("D"),
                },
            }
        if method == "users.info":
            user = str(params.get("user", ""))
            return {
                "ok": True,
                "user": {"id": user, "name": user.lower(), "profile": {"display_name": f"User {user}"}},
            }
        if method == "files.info":
            meta = self.files.get(str(params.get("file", "")))
            return {"ok": True, "file": self._file_info(meta)} if meta else {"ok": False, "error": "file_not_found"}
        if method == "files.list":
            found = [
                self._file_info(m) for m in self.files.values()
                if (not params.get("channel") or params["channel"] in m["channels"])
                and (not params.get("user") or params["user"] == m["user"])
            ]
            return {"ok": True, "files": found}
        if method == "files.getUploadURLExternal":
            file_id = f"F{next(self._ts)}"
            return {"ok": True, "upload_url": f"{self.base_url}/upload/{file_id}", "file_id": file_id}
        if method == "files.completeUploadExternal":
            files = params.get("files") or []
            return {"ok": True, "files": [{"id": f.get("id"), "title": f.get("title", "")} for f in files]}
        return {"ok": True}

    def _remember(self, method: str, channel: str, ts: str, params: dict[str, Any]) -> None:
        """Keep posted messages as Slack would return them (an update replaces text and metadata)."""
        fields: dict[str, Any] = {"text": params.get("text", "")}
        if params.get("metadata"):
            fields["metadata"] = params["metadata"]
        if method == "chat.update":
            for m in self.messages:
                if m["channel"] == channel and m["ts"] == ts:
                    m.update(fields)
            return
        thread = params.get("thread_ts")
        self.messages.append({"channel": channel, "ts": ts, **({"thread_ts": thread} if thread else {}), **fields})

    def _read_back(self, method: str, channel: str, params: dict[str, Any]) -> list[dict[str, Any]]:
        """`conversations.replies` (a thread) or `conversations.history` (top level, after `oldest`)."""
        if method == "conversations.replies":
            root = str(params.get("ts", ""))
            found = [m for m in self.messages if m["channel"] == channel and root in (m["ts"], m.get("thread_ts"))]
        else:
            oldest = float(params.get("oldest") or 0)
            found = [
                m for m in self.messages
                if m["channel"] == channel and "thread_ts" not in m and float(m["ts"]) >= oldest
            ]
        if str(params.get("include_all_metadata")).lower() not in ("1", "true"):
            found = [{k: v for k, v in m.items() if k != "metadata"} for m in found]
        return [dict(m) for m in found]


# --- signing and posting --------------------------------------------------------------------------


def signature(secret: str, timestamp: str, body: str) -> str:
    base = f"v0:{timestamp}:{body}".encode()
    return "v0=" + hmac.new(secret.encode(), base, hashlib.sha256).hexdigest()


def signed_headers(secret: str, body: str, *, timestamp: int | None = None, content_type: str) -> dict[str, str]:
    ts = str(int(time.time()) if timestamp is None else timestamp)
    return {
        "Content-Type": content_type,
        "X-Slack-Request-Timestamp": ts,
        "X-Slack-Signature": signature(secret, ts, body),
    }


@dataclass
class Response:
    status: int
    body: str
    elapsed_s: float


def post(url: str, body: str, headers: dict[str, str], *, timeout: float = 30.0) -> Response:
    parts = urllib.parse.urlsplit(url)
    conn = HTTPConnection(parts.hostname or "127.0.0.1", parts.port, timeout=timeout)
    started = time.perf_counter()
    try:
        conn.request("POST", parts.path, body=body.encode(), headers=headers)
        resp = conn.getresponse()
        text = resp.read().decode()
        return Response(resp.status, text, time.perf_counter() - started)
    finally:
        conn.close()


def event_body(event: dict[str, Any], *, event_id: str, team: str = TEAM_ID) -> str:
    return json.dumps(
        {
            "token": "legacy",
            "team_id": team,
            "api_app_id": "A0001",
            "type": "event_callback",
            "event_id": event_id,
            "event_time": int(time.time()),
            "authorizations": [{"team_id": team, "user_id": BOT_USER_ID, "is_bot": True}],
            "event": event,
        }
    )


def post_event(
    url: str,
    secret: str,
    event: dict[str, Any],
    *,
    event_id: str,
    retry_num: int | None = None,
    timestamp: int | None = None,
    bad_signature: bool = False,
) -> Response:
    body = event_body(event, event_id=event_id)
    headers = signed_headers(secret, body, timestamp=timestamp, content_type="application/json")
    if bad_signature:
        headers["X-Slack-Signature"] = signature("not-the-secret", headers["X-Slack-Request-Timestamp"], body)
    if retry_num is not None:
        headers["X-Slack-Retry-Num"] = str(retry_num)
        headers["X-Slack-Retry-Reason"] = "http_timeout"
    return post(url, body, headers)


def new_trigger_id() -> str:
    """Slack gives every user action its own trigger_id (the app dedupes replays on it)."""
    return f"{int(time.time())}.{uuid.uuid4().int % 10**12}.{uuid.uuid4().hex[:16]}"


def post_command(url: str, secret: str, command: str, text: str, **fields: str) -> Response:
    form = {
        "token": "legacy",
        "team_id": TEAM_ID,
        "team_domain": "test",
        "channel_id": "C0001",
        "channel_name": "general",
        "user_id": "U0001",
        "user_name": "jane",
        "command": command,
        "text": text,
        "api_app_id": "A0001",
        "trigger_id": new_trigger_id(),
        "response_url": "http://127.0.0.1:9/unused",
    }
    form.update(fields)
    body = urllib.parse.urlencode(form)
    return post(url, body, signed_headers(secret, body, content_type="application/x-www-form-urlencoded"))


def post_interaction(url: str, secret: str, payload: dict[str, Any]) -> Response:
    body = urllib.parse.urlencode({"payload": json.dumps(payload)})
    return post(url, body, signed_headers(secret, body, content_type="application/x-www-form-urlencoded"))


def block_actions(
    *,
    action_id: str,
    value: str,
    label: str,
    block_id: str,
    channel: str,
    message: dict[str, Any],
    user: str = "U0001",
    response_url: str = "http://127.0.0.1:9/unused",
) -> dict[str, Any]:
    """A `block_actions` payload for a click on a button of `message` (as the app posted it)."""
    return {
        "type": "block_actions",
        "team": {"id": TEAM_ID, "domain": "test"},
        "user": {"id": user, "username": user.lower(), "team_id": TEAM_ID},
        "api_app_id": "A0001",
        "token": "legacy",
        "trigger_id": new_trigger_id(),
        "response_url": response_url,
        "container": {
            "type": "message",
            "message_ts": message["ts"],
            "channel_id": channel,
            "is_ephemeral": False,
            "thread_ts": message.get("thread_ts"),
        },
        "channel": {"id": channel, "name": "general"},
        "message": message,
        "actions": [
            {
                "action_id": action_id,
                "block_id": block_id,
                "value": value,
                "type": "button",
                "text": {"type": "plain_text", "text": label},
                "action_ts": str(time.time()),
            }
        ],
    }


def message_action(
    *, callback_id: str, channel: str, message: dict[str, Any], user: str = "U0001",
    response_url: str = "http://127.0.0.1:9/unused",
) -> dict[str, Any]:
    """A `message_action` payload: the message shortcut `callback_id` used on `message` in `channel`."""
    return {
        "type": "message_action",
        "callback_id": callback_id,
        "trigger_id": new_trigger_id(),
        "team": {"id": TEAM_ID, "domain": "test"},
        "channel": {"id": channel, "name": "general"},
        "user": {"id": user, "username": user.lower()},
        "message_ts": message["ts"],
        "message": message,
        "response_url": response_url,
    }
