"""The workbook's package checked before openpyxl reads any cell of it (`dutylist import`).

An .xlsx file is a zip of XML parts. Each part is streamed once through expat here: a DTD is
refused wherever it stands, so no entity is ever declared, expanded or fetched; every part must
be well-formed (DL616); and each worksheet must keep the limits of import_limits.py (DL615). A
5 KB file can name a cell at XFD1048576 or merge A1:XFD1048576, and openpyxl builds what it is
told (gigabytes, minutes); here that sheet is refused in milliseconds, with a finding naming the
sheet and cell. A sheet that passes is read in openpyxl's read-only mode within the extent found
here. openpyxl's own guard (defusedxml, when installed) covers only some of its parsers.
"""

from __future__ import annotations

import posixpath
import zipfile
from collections.abc import Mapping
from typing import IO
from xml.parsers import expat

from dutylist_cli.spreadsheet.grid import Findings
from dutylist_cli.spreadsheet.limits import (
    MAX_CELLS,
    MAX_UNZIPPED_BYTES,
    Refusal,
    SheetExtent,
    SheetScan,
    cell_ref,
    used_range_refusal,
)

_WORKBOOK_TYPES = frozenset(  # the content types openpyxl takes for the workbook part
    "application/vnd." + kind
    for kind in (
        "openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
        "openxmlformats-officedocument.spreadsheetml.template.main+xml",
        "ms-excel.sheet.macroEnabled.main+xml",
        "ms-excel.template.macroEnabled.main+xml",
    )
)
_CHUNK = 64 * 1024
_BOMS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")


def check_package(archive: zipfile.ZipFile, findings: Findings) -> dict[str, SheetExtent] | None:
    """Each worksheet's extent by sheet name; None (with findings) when the workbook is refused.

    Zip errors (a damaged member) propagate for the caller to report as DL601.
    """
    members = archive.infolist()
    unzipped = sum(info.file_size for info in members)
    if unzipped > MAX_UNZIPPED_BYTES:
        findings.add("DL601", reason=_too_big("解压后", "unzipped", unzipped, MAX_UNZIPPED_BYTES))
        return None
    if any(info.flag_bits & 0x1 for info in members):
        findings.add("DL601", reason="工作簿设了打开密码 / the workbook is password-protected")
        return None
    scans: dict[str, _PartScan] = {}
    refusals: list[tuple[str, Refusal]] = []
    for info in members:
        scan = _PartScan(info.filename)
        scans[info.filename] = scan
        try:
            with archive.open(info) as stream:
                scan.read(stream)
        except Refusal as refused:
            refusals.append((info.filename, refused))
    names = _sheet_names(scans)
    for part, refusal in refusals:
        refusal.report(findings, part, names.get(part))
    return None if refusals else _extents(scans, names, findings)


def _too_big(zh: str, en: str, size: int, limit: int) -> str:
    mib = 2**20
    return (
        f"文件{zh}有 {size / mib:.0f} MB，超过上限 {limit // mib} MB / "
        f"the file is {size / mib:.0f} MB {en}, more than the limit of {limit // mib} MB"
    )


class _PartScan:
    """One part streamed through expat: refused at a DTD; what the import needs, collected."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.root = ""
        self.fed = 0  # bytes given to the parser before the current chunk
        self.parser = expat.ParserCreate(namespace_separator=" ")
        self.parser.StartDoctypeDeclHandler = self._doctype
        self.parser.StartElementHandler = self._start
        self.parser.EndElementHandler = self._end
        self.types: dict[str, str] = {}  # [Content_Types].xml: part -> content type
        self.default_workbook = False  # ... or a default type says it (xl/workbook.xml)
        self.relations: dict[str, str] = {}  # a .rels part: Id -> Target
        self.sheets: list[tuple[str, str]] = []  # the workbook part: (name, relationship id)
        self.sheet = SheetScan()

    def read(self, stream: IO[bytes]) -> None:
        chunk = stream.read(_CHUNK)
        start = chunk.lstrip(b" \t\r\n")
        if not start.startswith((b"<", *_BOMS)):
            return  # not XML (an image, a printer's settings): openpyxl reads no such part
        lenient = self.name.lower().endswith(".vml")  # Excel's VML is not well-formed XML
        try:
            while chunk:
                self.parser.Parse(chunk, False)
                self.fed += len(chunk)
                chunk = stream.read(_CHUNK)
            self.parser.Parse(b"", True)
        except expat.ExpatError as exc:
            if not lenient:
                raise self._malformed(exc, chunk) from None

    def _doctype(self, name: str, *_: object) -> None:
        line, column = self.parser.CurrentLineNumber, self.parser.CurrentColumnNumber + 1
        raise Refusal(
            "DL616",
            part=f"{self.name}:{line}:{column}",
            reason="含有文档类型声明（DTD），其中的实体可能引用外部文件或无限展开 / "
            "holds a document type declaration (DTD), whose entities could pull in outside "
            "files or expand without end",
        )

    def _malformed(self, exc: expat.ExpatError, chunk: bytes) -> Refusal:
        index = self.parser.ErrorByteIndex - self.fed
        byte = chunk[index] if 0 <= index < len(chunk) else None
        if byte is not None and byte < 0x20 and byte not in (0x09, 0x0A, 0x0D):
            reason = (
                f"含有 XML 不允许的控制字符 U+{byte:04X} / "
                f"holds the control character U+{byte:04X}, which XML does not allow"
            )
        else:
            detail = expat.ErrorString(exc.code)
            reason = f"不是格式正确的 XML（{detail}） / is not well-formed XML ({detail})"
        row, column = self.sheet.cell or (1, 1)
        return Refusal(
            "DL616",
            ref=cell_ref(row, column) if self.sheet.cell else "",
            cell=(row, column),
            part=f"{self.name}:{exc.lineno}:{exc.offset + 1}",
            reason=reason,
        )

    def _start(self, tag: str, attributes: dict[str, str]) -> None:
        local = tag.rsplit(" ", 1)[-1]
        if not self.root:
            self.root = local
        attrs = {key.rsplit(" ", 1)[-1]: value for key, value in attributes.items()}
        if self.root == "worksheet":
            try:
                self.sheet.start(local, attrs)
            except Refusal as refusal:
                if refusal.code == "DL616":  # a reference that is no cell: say where it stands
                    line, column = self.parser.CurrentLineNumber, self.parser.CurrentColumnNumber
                    refusal.values["part"] = f"{self.name}:{line}:{column + 1}"
                raise
        elif self.root == "Types" and local == "Override":
            self.types[attrs.get("PartName", "").lstrip("/")] = attrs.get("ContentType", "")
        elif self.root == "Types" and local == "Default":
            self.default_workbook |= attrs.get("ContentType") in _WORKBOOK_TYPES
        elif self.root == "Relationships" and local == "Relationship":
            if attrs.get("TargetMode") != "External":
                self.relations[attrs.get("Id", "")] = attrs.get("Target", "")
        elif self.root == "workbook" and local == "sheet":
            self.sheets.append((attrs.get("name", ""), attrs.get("id", "")))

    def _end(self, tag: str) -> None:
        if self.root == "worksheet" and tag.rsplit(" ", 1)[-1] == "c":
            self.sheet.cell = None


def _sheet_names(scans: Mapping[str, _PartScan]) -> dict[str, str]:
    """Each worksheet part's sheet name, found as openpyxl finds it (content types, .rels)."""
    types = scans.get("[Content_Types].xml")
    if types is None:
        return {}
    workbook = next((part for part, kind in types.types.items() if kind in _WORKBOOK_TYPES), None)
    if workbook is None and types.default_workbook:
        workbook = "xl/workbook.xml"  # as openpyxl falls back
    if workbook is None or workbook not in scans:
        return {}
    folder, base = posixpath.split(workbook)
    relations = scans.get(posixpath.join(folder, "_rels", f"{base}.rels"))
    names: dict[str, str] = {}
    for name, relation in scans[workbook].sheets:
        target = relations.relations.get(relation) if relations else None
        if target:
            part = target[1:] if target.startswith("/") else posixpath.join(folder, target)
            names[posixpath.normpath(part)] = name
    return names


def _extents(
    scans: Mapping[str, _PartScan], names: Mapping[str, str], findings: Findings
) -> dict[str, SheetExtent] | None:
    """The worksheets' extents by name, their used ranges together within MAX_CELLS."""
    extents: dict[str, SheetExtent] = {}
    total = 0
    for part, name in names.items():
        scan = scans.get(part)
        if scan is None or scan.root != "worksheet":
            continue  # a chart sheet, or a part the zip lacks (openpyxl skips those too)
        sheet = scan.sheet
        area = sheet.height * sheet.width
        total += area
        if total > MAX_CELLS:
            refusal = used_range_refusal(sheet.height, sheet.width, together=total > area)
            refusal.report(findings, part, name)
            return None
        if name in extents:
            twin = name.replace("/", "／")
            findings.add("DL601", reason=f"两张工作表同名“{twin}” / two sheets are named “{twin}”")
            return None
        extents[name] = SheetExtent(sheet.height, sheet.width, tuple(sheet.merges))
    return extents
