"""The manifest of documents and the loaders that turn files (txt, md, html, pdf, docx) into text."""

from __future__ import annotations

import hashlib
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from ..types import AssistantError, DocumentInfo, Page

SUPPORTED_SUFFIXES = {".txt", ".md", ".markdown", ".html", ".htm", ".pdf", ".docx"}


class UnreadableDocumentError(AssistantError):
    pass


# --------------------------------------------------------------------------- manifest


def load_manifest(path: Path) -> list[DocumentInfo]:
    try:
        data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise AssistantError(f"manifest not found: {path}") from exc
    except tomllib.TOMLDecodeError as exc:
        raise AssistantError(f"manifest {path} is not valid TOML: {exc}") from exc
    docs: list[DocumentInfo] = []
    seen: set[str] = set()
    for i, entry in enumerate(data.get("document", [])):
        missing = [k for k in ("id", "title", "short_name", "kind") if not entry.get(k)]
        if missing:
            raise AssistantError(f"manifest entry {i + 1} lacks {', '.join(missing)}")
        if entry["id"] in seen:
            raise AssistantError(f"manifest has the id {entry['id']!r} twice")
        seen.add(entry["id"])
        docs.append(
            DocumentInfo(
                id=entry["id"],
                title=entry["title"],
                short_name=entry["short_name"],
                kind=entry["kind"],
                language=entry.get("language", "en"),
                date=entry.get("date", ""),
                source_url=entry.get("source_url", ""),
                file=entry.get("file", ""),
                sha256=entry.get("sha256", ""),
                aliases=tuple(a.lower() for a in entry.get("aliases", [])),
                extra_urls=tuple(entry.get("extra_urls", [])),
                default=bool(entry.get("default", True)),
                actors=tuple(entry.get("actors", [])),
                actor_names=tuple((name, tuple(names)) for name, names in entry.get("actor_names", {}).items()),
                status_url=entry.get("status_url", ""),
                supplements=entry.get("supplements", ""),
            )
        )
    return docs


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def locate(info: DocumentInfo, search_dirs: list[Path]) -> Path | None:
    """The first existing file for a manifest entry among the documents directories."""
    if not info.file:
        return None
    for d in search_dirs:
        p = Path(d) / info.file
        if p.is_file():
            return p
    return None


# --------------------------------------------------------------------------- loaders


def load_file(path: Path, max_bytes: int = 50_000_000) -> list[Page]:
    """Read a document into pages of plain text. Raises UnreadableDocumentError with a reason."""
    path = Path(path)
    if not path.is_file():
        raise UnreadableDocumentError(f"{path.name}: file not found")
    size = path.stat().st_size
    if size == 0:
        raise UnreadableDocumentError(f"{path.name}: file is empty")
    if size > max_bytes:
        raise UnreadableDocumentError(f"{path.name}: {size:,} bytes is over the {max_bytes:,}-byte limit")
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise UnreadableDocumentError(f"{path.name}: unsupported file type {suffix or '(none)'}")
    try:
        if suffix == ".pdf":
            pages = _load_pdf(path)
        elif suffix == ".docx":
            pages = [Page(_load_docx(path))]
        elif suffix in {".html", ".htm"}:
            pages = [Page(_load_html(_decode(path)))]
        elif suffix in {".md", ".markdown"}:
            pages = [Page(_strip_markdown(_decode(path)))]
        else:
            pages = [Page(_decode(path))]
    except UnreadableDocumentError:
        raise
    except parser_errors() as exc:
        raise UnreadableDocumentError(f"{path.name}: cannot be parsed ({type(exc).__name__}: {exc})") from exc
    pages = [Page(normalise_text(p.text), p.number, [normalise_text(n) for n in p.notes]) for p in pages]
    if not any(p.text.strip() for p in pages):
        raise UnreadableDocumentError(f"{path.name}: no text could be extracted")
    return pages


def parser_errors() -> tuple[type[Exception], ...]:
    """What the parsers raise on a broken or hostile file (measured): PDFium's errors, python-docx's package
    errors, lxml's syntax errors, a damaged zip or deflate stream, a missing part (KeyError), bad values and
    encodings, a file that cannot be read. Anything else is a bug and surfaces as one."""
    import zipfile
    import zlib

    import pypdfium2
    from docx.opc.exceptions import OpcError
    from lxml.etree import LxmlError

    return (pypdfium2.PdfiumError, OpcError, LxmlError, zipfile.BadZipFile, zlib.error, KeyError, IndexError,
            ValueError, EOFError, OSError)


def _decode(path: Path) -> str:
    raw = path.read_bytes()
    if b"\x00" in raw[:8192]:
        raise UnreadableDocumentError(f"{path.name}: looks like a binary file, not text")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UnreadableDocumentError(
            f"{path.name}: not valid UTF-8 (byte {exc.start}); re-save it as UTF-8"
        ) from exc


_INVISIBLE = re.compile("[\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff\u00ad]")


def normalise_text(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ")
    text = _INVISIBLE.sub("", text)
    return re.sub(r"[ \t]+\n", "\n", text)


def _strip_markdown(text: str) -> str:
    text = re.sub(r"^\s{0,3}#{1,6}\s*", "", text, flags=re.M)
    text = re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", text)
    return re.sub(r"(\*\*|__)(.+?)\1", r"\2", text)


def _load_html(html: str) -> str:
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html, "html.parser")
    for tag in soup(["script", "style", "noscript", "template", "iframe", "nav", "header", "footer"]):
        tag.decompose()
    blocks = [el.get_text(" ", strip=True) for el in soup.find_all(["h1", "h2", "h3", "h4", "h5", "h6", "p", "li", "td", "pre"])]
    text = "\n\n".join(b for b in blocks if b)
    return text or soup.get_text("\n", strip=True)


def _load_docx(path: Path) -> str:
    import docx

    document = docx.Document(str(path))
    return "\n\n".join(p.text for p in document.paragraphs if p.text.strip())


def _load_pdf(path: Path) -> list[Page]:
    import pypdfium2 as pdfium

    from .pdftext import pdf_pages

    try:
        return pdf_pages(path)
    except pdfium.PdfiumError as exc:
        if "password" in str(exc).lower():
            raise UnreadableDocumentError(f"{path.name}: PDF is encrypted with a password") from exc
        raise UnreadableDocumentError(f"{path.name}: cannot be parsed as a PDF (truncated or damaged: {exc})") from exc


@dataclass
class LoadedDocument:
    info: DocumentInfo
    path: Path
    sha256: str
    pages: list[Page]


def discover(manifest: list[DocumentInfo], search_dirs: list[Path], include_optional: bool = False):
    """Documents to ingest: manifest entries with their file (or None when not on disk), then files
    found in the documents directories that the manifest does not name (ingested as commentary)."""
    found: list[tuple[DocumentInfo, Path | None]] = []
    named = {Path(d.file).name for d in manifest if d.file}
    for info in manifest:
        if info.default or include_optional:
            found.append((info, locate(info, search_dirs)))
    seen_ids = {d.id for d in manifest}
    for folder in search_dirs:
        if not Path(folder).is_dir():
            continue
        for path in sorted(Path(folder).iterdir()):
            if not path.is_file() or path.name in named or path.name.startswith("."):
                continue
            if path.name.endswith(".part"):  # a download in progress
                continue  # (other unsupported types are offered, so the loader can say why they are skipped)
            doc_id = re.sub(r"[^a-z0-9]+", "-", path.stem.lower()).strip("-")
            if doc_id in seen_ids:
                continue
            seen_ids.add(doc_id)
            title = path.stem.replace("-", " ").replace("_", " ").strip().capitalize()
            found.append((DocumentInfo(doc_id, title, title, "commentary", "en", "", "", path.name), path))
    return found
