"""A small real OpenAI-compatible HTTP server on 127.0.0.1 that replays scripted replies.

Tests queue what the next requests get: a chat reply (``reply``), an HTTP error
(``error``), a malformed body (``raw``), a delay, or a dropped connection. When
the queue is empty every request gets ``default``. Every request is logged.
A request with ``stream`` gets its reply as server-sent events, a few characters
an event, like tokens, then a usage event; a client may hang up midway.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


class _QuietServer(ThreadingHTTPServer):
    def handle_error(self, request: Any, client_address: Any) -> None:
        """A client that timed out and hung up is part of the tests, not a server bug."""
        import sys

        if not isinstance(sys.exc_info()[1], (BrokenPipeError, ConnectionResetError)):
            super().handle_error(request, client_address)


STREAM_PIECE = 4  # characters a streamed event carries


@dataclass
class Script:
    content: str | None = None  # assistant message content
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes | None = None  # raw body instead of a chat completion
    delay_s: float = 0.0
    drop: bool = False  # close the connection without answering
    finish_reason: str = "stop"


class FakeOpenAI:
    def __init__(self, default: Script | None = None) -> None:
        self.default = default or Script(content="{}")
        self.queue: list[Script] = []
        # Optional rule that picks a reply from the request body (None: use the queue).
        self.rule: Callable[[dict[str, Any]], Script | None] | None = None
        self.requests: list[dict[str, Any]] = []
        self._lock = threading.Lock()
        self._server = _QuietServer(("127.0.0.1", 0), self._handler())
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}/v1"

    def start(self) -> FakeOpenAI:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def reply(self, content: str | dict, **kwargs: Any) -> None:
        text = content if isinstance(content, str) else json.dumps(content)
        self.queue.append(Script(content=text, **kwargs))

    def error(self, status: int, message: str = "error", headers: dict[str, str] | None = None) -> None:
        body = json.dumps({"error": {"message": message, "type": "test", "code": status}}).encode()
        self.queue.append(Script(status=status, body=body, headers=headers or {}))

    def push(self, script: Script) -> None:
        self.queue.append(script)

    def _next(self, payload: dict[str, Any]) -> Script:
        if self.rule is not None and (script := self.rule(payload)) is not None:
            return script
        with self._lock:
            return self.queue.pop(0) if self.queue else self.default

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: Any) -> None:
                return None

            def do_GET(self) -> None:  # noqa: N802
                self._send(200, json.dumps({"object": "list", "data": [{"id": "fake-model", "object": "model"}]}).encode())

            def do_POST(self) -> None:  # noqa: N802
                length = int(self.headers.get("content-length") or 0)
                payload = json.loads(self.rfile.read(length) or b"{}")
                with fake._lock:
                    fake.requests.append({
                        "path": self.path,
                        "body": payload,
                        "authorization": self.headers.get("authorization"),
                    })
                script = fake._next(payload)
                if script.delay_s:
                    time.sleep(script.delay_s)
                if script.drop:
                    self.close_connection = True
                    self.connection.close()
                    return
                if script.body is not None:
                    self._send(script.status, script.body, script.headers)
                    return
                content = script.content or ""
                if payload.get("stream") and script.status == 200:
                    self._stream(payload, content, script.finish_reason)
                    return
                completion = {
                    "id": f"chatcmpl-{len(fake.requests)}",
                    "object": "chat.completion",
                    "created": int(time.time()),
                    "model": payload.get("model", "fake-model"),
                    "choices": [{
                        "index": 0,
                        "message": {"role": "assistant", "content": content},
                        "finish_reason": script.finish_reason,
                    }],
                    "usage": {
                        "prompt_tokens": 100,
                        "completion_tokens": 10 + len(content) // 4,
                        "total_tokens": 110 + len(content) // 4,
                    },
                }
                self._send(script.status, json.dumps(completion).encode(), script.headers)

            def _stream(self, payload: dict[str, Any], content: str, finish_reason: str) -> None:
                self.send_response(200)
                self.send_header("content-type", "text/event-stream")
                self.send_header("transfer-encoding", "chunked")
                self.end_headers()
                pieces = [content[i:i + STREAM_PIECE] for i in range(0, len(content), STREAM_PIECE)]
                base = {"id": f"chatcmpl-{len(fake.requests)}", "object": "chat.completion.chunk",
                        "created": int(time.time()), "model": payload.get("model", "fake-model")}
                events = [{**base, "choices": [{"index": 0, "delta": {"content": piece}, "finish_reason": None}]}
                          for piece in pieces]
                events.append({**base, "choices": [{"index": 0, "delta": {}, "finish_reason": finish_reason}]})
                events.append({**base, "choices": [], "usage": {
                    "prompt_tokens": 100, "completion_tokens": len(pieces), "total_tokens": 100 + len(pieces)}})
                for event in [*(json.dumps(e) for e in events), "[DONE]"]:
                    data = f"data: {event}\n\n".encode()
                    self.wfile.write(f"{len(data):x}\r\n".encode() + data + b"\r\n")
                    self.wfile.flush()
                self.wfile.write(b"0\r\n\r\n")

            def _send(self, status: int, body: bytes, headers: dict[str, str] | None = None) -> None:
                self.send_response(status)
                self.send_header("content-type", "application/json")
                self.send_header("content-length", str(len(body)))
                for key, value in (headers or {}).items():
                    self.send_header(key, value)
                self.end_headers()
                self.wfile.write(body)

        return Handler
