"""The Chroma client: a local store (one snapshot directory) or a server, opened with telemetry off; the
exceptions that mean "the store cannot be reached, opened or read", mapped to one error that names the fix."""

from __future__ import annotations

from pathlib import Path

from ..config import Settings
from ..types import StoreUnavailableError


def store_errors() -> tuple[type[Exception], ...]:
    """What a store that cannot be reached, opened or read raises (measured on chromadb 1.5): Chroma's own
    errors (NotFoundError for a missing collection, InternalError for a damaged or blocked local store),
    ValueError for a server that does not answer, httpx errors mid-request, SQLite and file-system errors.
    Anything else is a bug and surfaces as one."""
    import sqlite3

    import httpx
    from chromadb.errors import ChromaError

    return (ChromaError, ValueError, httpx.HTTPError, sqlite3.Error, OSError)


def open_client(settings: Settings, path: Path | None):
    """A client for the server (``chroma_mode == "http"``) or for the local store at ``path``."""
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    s = settings
    chroma_settings = ChromaSettings(anonymized_telemetry=False, allow_reset=True)
    try:
        if s.chroma_mode == "http":
            headers = {"Authorization": f"Bearer {s.chroma_token}"} if s.chroma_token else None
            return chromadb.HttpClient(host=s.chroma_host, port=s.chroma_port, headers=headers, settings=chroma_settings)
        path.mkdir(parents=True, exist_ok=True)
        return chromadb.PersistentClient(path=str(path), settings=chroma_settings)
    except store_errors() as exc:
        if s.chroma_mode == "http":
            raise StoreUnavailableError(
                f"cannot reach the Chroma server at http://{s.chroma_host}:{s.chroma_port} ({exc}); start it "
                f"with `chroma run --path DIR --host {s.chroma_host} --port {s.chroma_port}`, or set "
                "CA_CHROMA_MODE=persistent for a local store"
            ) from exc
        raise StoreUnavailableError(
            f"cannot open the Chroma store ({type(exc).__name__}: {exc}); "
            "rebuild it with `convention-assistant ingest --rebuild`"
        ) from exc


def close_client(client) -> None:
    try:
        client.close()
    except store_errors():  # already closed, or a damaged store: nothing left to flush
        pass
