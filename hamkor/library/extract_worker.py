"""The text of one PDF or DOCX, read in a process of its own (see ``extraction``).

Reads the document's bytes from stdin and writes one JSON object to stdout: ``{"text": ..., "truncated": ...}``
or ``{"error": "encrypted" | "corrupt" | "memory"}``. It imports no Django, so it starts quickly; it caps its
own address space (argument 3) before reading the document, the parent limits its wall-clock time, and a
hostile file can only kill this process.
"""

from __future__ import annotations

import io
import json
import sys
from collections.abc import Iterator


def _pdf_pieces(data: bytes) -> Iterator[str]:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    if reader.is_encrypted:
        raise PermissionError("encrypted")
    if len(reader.pages) == 0:
        raise ValueError("no pages")
    for page in reader.pages:
        yield page.extract_text() or ""
        yield "\n"


def _docx_pieces(data: bytes) -> Iterator[str]:
    import docx

    document = docx.Document(io.BytesIO(data))
    for paragraph in document.paragraphs:
        yield paragraph.text
        yield "\n"
    for table in document.tables:
        for row in table.rows:
            yield "\t".join(cell.text for cell in row.cells)
            yield "\n"


def extract(kind: str, data: bytes, max_chars: int) -> dict[str, object]:
    pieces = _pdf_pieces(data) if kind == "pdf" else _docx_pieces(data)
    parts: list[str] = []
    length = 0
    try:
        for piece in pieces:
            parts.append(piece)
            length += len(piece)
            if length > max_chars:
                return {"text": "".join(parts)[:max_chars], "truncated": True}
    except PermissionError:
        return {"error": "encrypted"}
    except MemoryError:
        return {"error": "memory"}
    except Exception:  # any parser failure means the file cannot be read as what it claims to be
        return {"error": "corrupt"}
    return {"text": "".join(parts), "truncated": False}


def limit_memory(cap: int) -> None:
    """Cap this process's address space before any document byte is parsed (no-op where unsupported)."""
    try:
        import resource
    except ImportError:  # pragma: no cover - not POSIX
        return
    resource.setrlimit(resource.RLIMIT_AS, (cap, cap))


def main() -> None:
    kind, max_chars, memory = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    limit_memory(memory)
    data = sys.stdin.buffer.read()
    json.dump(extract(kind, data, max_chars), sys.stdout)


if __name__ == "__main__":
    main()
