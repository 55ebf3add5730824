"""`corpus fetch`: download manifest documents that are missing locally from their official source."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from ..types import AssistantError, DocumentInfo
from .documents import locate, sha256_file

_MAGIC = {".pdf": b"%PDF", ".docx": b"PK"}
USER_AGENT = "convention-assistant/0.1 (+corpus fetch)"


@dataclass
class FetchResult:
    doc_id: str
    status: str  # present | fetched | failed | no-source
    detail: str = ""


def fetch_missing(manifest: list[DocumentInfo], search_dirs: list[Path], target_dir: Path,
                  lock_path: Path, timeout_s: float = 30.0, opener=urllib.request.urlopen) -> list[FetchResult]:
    """Fetch each manifest document that has no local file. The sha256 in the manifest is verified;
    where the manifest has none, the hash of what was fetched is recorded in lock_path."""
    results: list[FetchResult] = []
    lock = json.loads(lock_path.read_text()) if lock_path.is_file() else {}
    for info in manifest:
        if locate(info, search_dirs):
            results.append(FetchResult(info.id, "present"))
            continue
        urls = [u for u in (info.source_url, *info.extra_urls) if u]
        if not urls or not info.file:
            results.append(FetchResult(info.id, "no-source", "the manifest names no URL or file"))
            continue
        target = Path(target_dir) / info.file
        errors: list[str] = []
        for url in urls:
            try:
                data = _download(url, timeout_s, opener)
            except (urllib.error.URLError, OSError, TimeoutError) as exc:
                errors.append(f"{url}: {getattr(exc, 'reason', exc)}")
                continue
            magic = _MAGIC.get(target.suffix.lower())
            if magic and not data.startswith(magic):
                errors.append(f"{url}: not a {target.suffix} file")
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            tmp = target.with_name(target.name + ".part")
            tmp.write_bytes(data)
            digest = sha256_file(tmp)
            expected = info.sha256 or lock.get(info.id, {}).get("sha256", "")
            if expected and digest != expected:
                tmp.unlink()
                errors.append(f"{url}: sha256 {digest[:12]}… does not match the expected {expected[:12]}…")
                continue
            tmp.replace(target)
            lock[info.id] = {"file": info.file, "url": url, "sha256": digest}
            lock_path.write_text(json.dumps(lock, indent=2) + "\n")
            results.append(FetchResult(info.id, "fetched", f"{url} → {target} (sha256 {digest})"))
            break
        else:
            results.append(FetchResult(info.id, "failed", "; ".join(errors)))
    return results


def _download(url: str, timeout_s: float, opener) -> bytes:
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
    with opener(request, timeout=timeout_s) as response:
        return response.read()


def explain_failure(results: list[FetchResult]) -> str:
    failed = [r for r in results if r.status == "failed"]
    if not failed:
        return ""
    if all("Name or service not known" in r.detail or "Temporary failure" in r.detail or "unreachable" in r.detail
           or "timed out" in r.detail for r in failed):
        return "no internet access: run `convention-assistant corpus fetch` on a machine that can reach the official sources"
    return "some documents could not be fetched: " + "; ".join(f"{r.doc_id}: {r.detail}" for r in failed)


def raise_on_failure(results: list[FetchResult]) -> None:
    msg = explain_failure(results)
    if msg:
        raise AssistantError(msg)
