"""An OpenAI-compatible chat server that answers at once (a benchmark fixture, not a model): it streams back the
first quote of the prompt with its citation, "<quote> [1]", a few words per chunk. Pointing the written-answer
mode at it measures everything the path costs except the model's own time: retrieval, the prompt, the HTTP
round trip and its event stream, the grounding. What a real server adds is then its generation time alone.

    with EchoServer() as url:  # http://127.0.0.1:PORT/v1
        ...  CA_LLM_BACKEND=openai CA_LLM_BASE_URL=url
"""

from __future__ import annotations

import json
import re
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

_FIRST_QUOTE = re.compile(r"<passages>\s*\[1\][^\n]*\n(.+?)(?:\n\n\[2\]|\n</passages>)", re.S)


def reply_for(prompt: str) -> str:
    m = _FIRST_QUOTE.search(prompt)
    return f"{m.group(1).strip()} [1]" if m else "I cannot answer from these passages."


class _Handler(BaseHTTPRequestHandler):
    def log_message(self, *args) -> None:  # quiet
        pass

    def _json(self, body: dict) -> None:
        data = json.dumps(body).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        self._json({"object": "list", "data": [{"id": "echo", "object": "model"}]})

    def do_POST(self) -> None:  # noqa: N802
        request = json.loads(self.rfile.read(int(self.headers.get("Content-Length", 0))) or b"{}")
        prompt = "\n".join(str(m.get("content", "")) for m in request.get("messages", []))
        text = reply_for(prompt)
        if not request.get("stream"):
            self._json({"id": "echo", "object": "chat.completion", "created": 0, "model": "echo",
                        "choices": [{"index": 0, "message": {"role": "assistant", "content": text},
                                     "finish_reason": "stop"}]})
            return
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.end_headers()
        words = re.findall(r"\S+\s*", text)
        for i in range(0, len(words), 4):
            self._event({"content": "".join(words[i : i + 4])}, None)
        self._event({}, "stop")
        self.wfile.write(b"data: [DONE]\n\n")
        self.wfile.flush()

    def _event(self, delta: dict, finish: str | None) -> None:
        chunk = {"id": "echo", "object": "chat.completion.chunk", "created": 0, "model": "echo",
                 "choices": [{"index": 0, "delta": delta, "finish_reason": finish}]}
        self.wfile.write(f"data: {json.dumps(chunk)}\n\n".encode())


class EchoServer:
    """The server on 127.0.0.1 (a free port), in a daemon thread, for the duration of a ``with`` block."""

    def __enter__(self) -> str:
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return f"http://127.0.0.1:{self._server.server_address[1]}/v1"

    def __exit__(self, *exc) -> None:
        self._server.shutdown()
        self._server.server_close()
