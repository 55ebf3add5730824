"""Settings: every tunable read in one place, with ``CA_*`` environment overrides.

The rest of the library receives a :class:`Settings` object; nothing else reads the environment.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, fields, replace
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def _default_docs_dir() -> Path:
    shared = PROJECT_ROOT.parent / "shared" / "corpus"
    return shared if shared.is_dir() else PROJECT_ROOT / "corpus" / "documents"


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
    store_dir: Path = PROJECT_ROOT / ".store"
    # Chroma: "persistent" (local directory) or "http" (a `chroma run` server).
    chroma_mode: str = "persistent"
    chroma_host: str = "127.0.0.1"
    chroma_port: int = 8000
    chroma_token: str = ""
    collection: str = "convention_chunks"
    embedding_model: str = "all-MiniLM-L6-v2"
    embed_batch_size: int = 32
    max_chunk_tokens: int = 220
    max_file_bytes: int = 50_000_000
    max_question_chars: int = 2_000
    top_k: int = 5
    candidate_k: int = 30
    # Answering
    mode: str = "extractive"  # extractive | generative
    llm_backend: str = "local"  # local (embedded llama.cpp) | openai (any OpenAI-compatible endpoint)
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
    feedback_path: Path = PROJECT_ROOT / ".store" / "feedback.jsonl"

    @classmethod
    def from_env(cls, env: dict[str, str] | None = None, **overrides) -> Settings:
        env = dict(os.environ if env is None else env)
        values: dict = {}
        for f in fields(cls):
            raw = env.get("CA_" + f.name.upper())
            if raw is None:
                continue
            values[f.name] = _coerce(f.type, raw, f.name)
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values)

    @property
    def search_dirs(self) -> list[Path]:
        return [self.docs_dir, self.fetch_dir]

    def with_(self, **changes) -> Settings:
        return replace(self, **{k: v for k, v in changes.items() if v is not None})


def _coerce(type_name: object, raw: str, name: str):
    t = str(type_name)
    try:
        if "Path" in t:
            return Path(raw).expanduser()
        if "bool" in t:
            return raw.strip().lower() in {"1", "true", "yes", "on"}
        if "int" in t:
            return int(raw)
        if "float" in t:
            return float(raw)
    except ValueError as exc:
        raise ValueError(f"CA_{name.upper()}={raw!r} is not a valid {t}") from exc
    return raw
