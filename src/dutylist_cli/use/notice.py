"""Reading a draft notice for `vet`: .txt/.md (UTF-8, with or without BOM, or GBK) or .docx,
and writing it back as a Word document with the review's comments (批注) on its lines.

A notice is its lines: a text file's lines, a Word document's paragraphs (table cells' too), so
that a finding's line is where the reviewer finds the sentence. Anything else is refused with
what to do about it (a .doc: save it as .docx; a scanned PDF: there is no text to check).
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from dutylist_cli import messages
from dutylist_cli.errors import UsageError
from dutylist_cli.store.reading import NotText, decode_text, read_data_file

TEXT_SUFFIXES = (".txt", ".md")
FORMATS = (*TEXT_SUFFIXES, ".docx")
MAX_BYTES = 20 * 1024 * 1024  # a notice with its images; its text is far smaller
MAX_UNPACKED_BYTES = 200 * 1024 * 1024  # what a .docx may unpack to

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Word 97-2003 (.doc) and other OLE files
_ZIP = b"PK\x03\x04"
_PDF = b"%PDF"


@dataclass(frozen=True)
class Notice:
    name: str  # the file's name, as findings report it
    lines: list[str]  # 1-based line n is lines[n - 1]


def read_notice(path: Path) -> Notice:
    """The lines of ``path``; a UsageError (exit 2) for anything that is not a readable notice."""
    suffix = path.suffix.lower()
    if suffix == ".doc":
        raise _refused("vet.notice.doc", path)
    raw = _read_bytes(path)
    if raw.startswith(_PDF) or suffix == ".pdf":
        raise _refused("vet.notice.pdf", path)
    if suffix not in FORMATS:
        raise UsageError(
            messages.text("vet.notice.format", path=path.name, formats=" / ".join(FORMATS)),
            hint=messages.text("vet.notice.format.hint"),
        )
    lines = _docx_lines(path, raw) if suffix == ".docx" else _decode(path, raw).splitlines()
    if not any(line.strip() for line in lines):
        raise _refused("vet.notice.empty", path)
    return Notice(path.name, lines)


def _refused(key: str, path: Path) -> UsageError:
    return UsageError(messages.text(key, path=path.name), hint=messages.text(f"{key}.hint"))


def _read_bytes(path: Path) -> bytes:
    """A regular file's bytes, bounded: a link to /dev/zero or a FIFO would read for ever."""
    try:
        raw = read_data_file(path, limit=MAX_BYTES)
        if len(raw) > MAX_BYTES:
            raise UsageError(
                messages.text("vet.notice.too_large", path=path.name, limit=MAX_BYTES >> 20)
            )
        return raw
    except OSError as exc:
        raise UsageError(
            messages.text("vet.notice.unreadable", path=path, reason=exc.strerror or exc),
        ) from exc


def _decode(path: Path, raw: bytes) -> str:
    """UTF-8 (a BOM tolerated), else GBK (GB18030); binary data is refused."""
    if raw.startswith(_OLE):
        raise _refused("vet.notice.doc", path)
    if raw.startswith(_ZIP):
        raise _refused("vet.notice.binary", path)
    try:
        return decode_text(raw)
    except NotText as exc:
        raise _refused("vet.notice.binary", path) from exc


def _docx_lines(path: Path, raw: bytes) -> list[str]:
    """Each paragraph one line, in the document's order; a table's cells' paragraphs in place."""
    document = _checked_docx(path, raw)
    return [_paragraph_text(element) for element in _paragraphs(document.element.body)]


def _checked_docx(path: Path, raw: bytes) -> Any:
    """The Word document of ``raw``, or a UsageError: a .doc, not a .docx, a zip bomb."""
    if raw.startswith(_OLE):
        raise _refused("vet.notice.doc", path)
    if not raw.startswith(_ZIP):
        raise _refused("vet.notice.damaged", path)
    try:
        import docx  # noqa: F401 - what follows needs it: say so before anything else
    except ImportError as exc:  # a core dependency; only a broken installation lacks it
        raise UsageError(messages.text("vet.notice.no_docx")) from exc

    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except zipfile.BadZipFile as exc:
        raise _refused("vet.notice.damaged", path) from exc
    if unpacked > MAX_UNPACKED_BYTES:  # a zip bomb: zipfile reads no more than it declares
        raise UsageError(
            messages.text("vet.notice.too_large", path=path.name, limit=MAX_UNPACKED_BYTES >> 20)
        )
    return _open_docx(path, raw)


def _open_docx(path: Path, raw: bytes) -> Any:
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        return docx.Document(io.BytesIO(raw))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise _refused("vet.notice.damaged", path) from exc


def reviewed_notice(path: Path, comments: Mapping[int, str], *, author: str) -> bytes:
    """The notice as a Word document with ``comments`` (line → text) as review comments (批注)
    on its lines: a .docx keeps its own text and layout with the comments added, a text notice
    becomes one paragraph a line. Lines are those read_notice() numbers."""
    import docx

    if path.suffix.lower() == ".docx":  # read as read_notice() reads it: bounded, checked
        document = _checked_docx(path, _read_bytes(path))
        elements = _paragraphs(document.element.body)
    else:
        document = docx.Document()
        elements = [document.add_paragraph(line)._p for line in read_notice(path).lines]
    from docx.text.paragraph import Paragraph

    for line, text in sorted(comments.items()):
        if not 1 <= line <= len(elements):
            continue
        paragraph = Paragraph(elements[line - 1], document._body)
        runs = paragraph.runs or [paragraph.add_run("")]
        document.add_comment(runs, text=text, author=author, initials="DL")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _paragraph_text(element: Any) -> str:
    from docx.oxml.ns import qn

    text_tag, tab, breaks = qn("w:t"), qn("w:tab"), (qn("w:br"), qn("w:cr"))
    parts = []
    for node in element.iter():
        if node.tag == text_tag and node.text:
            parts.append(node.text)
        elif node.tag == tab or node.tag in breaks:
            parts.append(" ")
    return "".join(parts)


def _paragraphs(body: object) -> list[Any]:
    """Each w:p under ``body`` in order, descending into tables (w:tbl): a notice's lines."""
    from docx.oxml.ns import qn

    paragraph, table = qn("w:p"), qn("w:tbl")
    lines: list[Any] = []

    def visit(element: object) -> None:
        for child in element:  # type: ignore[attr-defined]
            if child.tag == paragraph:
                lines.append(child)
            elif child.tag == table:
                visit_table(child)

    def visit_table(element: object) -> None:
        for row in element:  # type: ignore[attr-defined]
            if row.tag == qn("w:tr"):
                for cell in row:
                    if cell.tag == qn("w:tc"):
                        visit(cell)

    visit(body)
    return lines
