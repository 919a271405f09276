"""YAML parsing for validation: a fast parse to plain data, and a source map for positions.

The fast path uses yaml_rs (YAML 1.2, Rust); positions are only needed for files with findings,
so the source map (PyYAML's C composer, ruamel as a fallback for what PyYAML's YAML 1.1 rejects)
is built lazily, once per such file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from dutylist_cli.diagnostics import Diagnostic, Severity, json_pointer, split_pointer
from dutylist_cli.store.encoding import Undecodable, decode_text

MAX_FILE_BYTES = 16 * 1024 * 1024
_ALIAS_REPLAY_LIMIT = 100_000
_POSITION = re.compile(r"at line (\d+), column (\d+)")


@dataclass
class ParsedFile:
    """A file's text and data, or the file-level findings that stopped the parse."""

    file: str
    text: str = ""
    data: Any = None
    diagnostics: list[Diagnostic] = field(default_factory=list)
    _source_map: SourceMap | None = None

    @property
    def ok(self) -> bool:
        return not self.diagnostics

    def source_map(self) -> SourceMap:
        if self._source_map is None:
            self._source_map = SourceMap(self.text)
        return self._source_map

    def locate(self, diagnostic: Diagnostic) -> Diagnostic:
        if diagnostic.line:
            return diagnostic
        line, column = self.source_map().position(diagnostic.pointer)
        return diagnostic.located(line, column)


def _finding(
    file: str,
    code: str,
    *,
    line: int = 1,
    column: int = 1,
    pointer: str = "",
    item: str | None = None,
    **args: object,
) -> Diagnostic:
    return Diagnostic(
        file=file,
        code=code,
        severity=Severity.ERROR,
        pointer=pointer,
        line=line,
        column=column,
        item=item,
        args={k: str(v) for k, v in args.items()},
    )


def parse_file(raw: bytes, *, file: str) -> ParsedFile:
    """Decode and parse one data file; never raises for bad input."""
    if len(raw) > MAX_FILE_BYTES:
        return ParsedFile(
            file,
            diagnostics=[
                _finding(
                    file,
                    "DL009",
                    size=f"{len(raw) / 1048576:.1f} MiB",
                    limit=f"{MAX_FILE_BYTES // 1048576} MiB",
                )
            ],
        )
    decoded = decode_text(raw)
    if isinstance(decoded, Undecodable):
        # the spec puts encoding findings at line 1; where the bad bytes start goes in the text
        if decoded.encoding:
            encoding = decoded.encoding
            if decoded.line > 1:
                encoding += f"（自第 {decoded.line} 行起） / {encoding} (from line {decoded.line})"
            finding = _finding(file, "DL002", encoding=encoding, iconv=decoded.iconv)
        else:
            finding = _finding(file, "DL010", detail=decoded.binary_detail)
        return ParsedFile(file, diagnostics=[finding])
    parsed = ParsedFile(file, text=decoded)
    if not _has_content(decoded):
        parsed.diagnostics.append(_finding(file, "DL003"))
        return parsed
    try:
        data = _load(decoded)
    except _YamlFailure as failure:
        parsed.diagnostics.append(_classify_failure(parsed, str(failure)))
        return parsed
    if "!" in decoded:
        tag = _find_tag(decoded)
        if tag is not None:
            parsed.diagnostics.append(
                _finding(file, "DL011", line=tag[1], column=tag[2], tag=tag[0])
            )
            return parsed
    deep = _too_deep(decoded, data)
    if deep:
        parsed.diagnostics.append(
            _finding(file, "DL013", line=deep[0], column=deep[1], detail=f"> {_MAX_DEPTH}")
        )
        return parsed
    if isinstance(data, list) and _document_count(decoded) > 1:
        parsed.diagnostics.append(_finding(file, "DL006", count=_document_count(decoded)))
        return parsed
    if not isinstance(data, dict):
        parsed.diagnostics.append(_finding(file, "DL007", got=_kind_of(data)))
        return parsed
    parsed.data = data
    return parsed


class _YamlFailure(Exception):
    pass


def _load(text: str) -> Any:
    import yaml_rs

    try:
        return yaml_rs.loads(
            text,
            alias_limits=yaml_rs.AliasLimits(max_total_replayed_events=_ALIAS_REPLAY_LIMIT),
        )
    except yaml_rs.YAMLDecodeError as exc:
        raise _YamlFailure(str(exc)) from exc
    except (KeyboardInterrupt, SystemExit):
        raise
    except BaseException as exc:  # a panic in the Rust parser is a BaseException
        raise _YamlFailure(f"{type(exc).__name__}: {exc}") from exc


def _has_content(text: str, *, directives: bool = True) -> bool:
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped or stripped.startswith("#") or stripped in ("---", "..."):
            continue
        if not directives and stripped.startswith("%"):
            continue
        return True
    return False


_ALLOWED_TAGS = {
    "!",
    "!!str",
    "!!int",
    "!!float",
    "!!bool",
    "!!null",
    "!!map",
    "!!seq",
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:map",
    "tag:yaml.org,2002:seq",
}
_TAG_AT_NODE = re.compile(
    r"(?:^|[\[{,]|:[ \t]|^[ \t]*(?:-[ \t]+)*|-[ \t])[ \t]*(![^\s,\[\]{}]*)", re.MULTILINE
)


def _find_tag(text: str) -> tuple[str, int, int] | None:
    """The first tag other than the core schema's (they are refused, never constructed)."""
    import yaml

    try:
        for token in yaml.scan(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
            if isinstance(token, yaml.TagToken):
                handle, suffix = token.value
                tag = (handle or "") + (suffix or "")
                if tag not in _ALLOWED_TAGS:
                    return tag, token.start_mark.line + 1, token.start_mark.column + 1
        return None
    except yaml.YAMLError:
        pass
    for match in _TAG_AT_NODE.finditer(text):
        tag = match.group(1)
        if tag not in _ALLOWED_TAGS:
            index = match.start(1)
            line = text.count("\n", 0, index) + 1
            return tag, line, index - (text.rfind("\n", 0, index) + 1) + 1
    return None


_MAX_DEPTH = 32
_DEEP_TEXT = re.compile(r"^(?: {64,}|[ \t]*(?:-[ \t]+){16,})\S", re.MULTILINE)


def _too_deep(text: str, data: Any) -> tuple[int, int] | None:
    """Where nesting goes past _MAX_DEPTH levels (checked only when the text hints at it)."""
    hint = _DEEP_TEXT.search(text)
    if hint is None:
        return None
    stack: list[tuple[Any, int]] = [(data, 1)]
    while stack:
        node, depth = stack.pop()
        if depth > _MAX_DEPTH:
            line = text.count("\n", 0, hint.start()) + 1
            return line, hint.end() - hint.start()
        if isinstance(node, dict):
            stack.extend((value, depth + 1) for value in node.values())
        elif isinstance(node, list):
            stack.extend((value, depth + 1) for value in node)
    return None


def _tab_position(text: str) -> tuple[int, int] | None:
    match = re.search(r"^([ ]*(?:-[ ]+)*)\t", text, flags=re.MULTILINE)
    if match is None:
        return None
    line = text.count("\n", 0, match.start()) + 1
    return line, len(match.group(1)) + 1


def _document_count(text: str) -> int:
    starts = re.findall(r"^---(?:\s|$)", text, flags=re.MULTILINE)
    head = text.split("\n---", 1)[0]
    first_is_content = not text.lstrip().startswith("---") and _has_content(head, directives=False)
    return len(starts) + (1 if first_is_content else 0)


def _kind_of(value: Any) -> str:
    if isinstance(value, list):
        return "列表 / a list"
    if value is None:
        return "空值 / null"
    return f"标量 / a scalar ({type(value).__name__})"


def _classify_failure(parsed: ParsedFile, message: str) -> Diagnostic:
    file = parsed.file
    detail_lines = [ln for ln in message.splitlines() if ln.strip()]
    detail = detail_lines[-1].strip() if detail_lines else message
    match = _POSITION.search(message)
    line, column = (int(match.group(1)), int(match.group(2))) if match else (1, 1)
    if message.startswith("duplicate mapping key"):
        source_map = parsed.source_map()
        duplicate = source_map.first_duplicate_key()
        if duplicate is not None:
            parts = split_pointer(duplicate.pointer)
            item = None
            if len(parts) > 2 and parts[0] in ("basic", "cooperative", "recovered"):
                item = source_map.scalar(json_pointer([*parts[:2], "id"]))
            return _finding(
                file,
                "DL004",
                line=duplicate.line,
                column=duplicate.column,
                pointer=duplicate.pointer,
                item=item,
                key=duplicate.key,
                first_line=duplicate.first_line,
            )
        key = message.split(":", 1)[-1].strip().strip("'")
        return _finding(file, "DL004", key=key, first_line="?")
    if "tab" in detail.lower():
        line, column = _tab_position(parsed.text) or (line, column)
        return _finding(file, "DL005", line=line, column=column, detail=detail)
    if message.startswith("Invalid tag") or ("tag" in detail.lower() and "!!" in message):
        tag = message.split(":", 1)[-1].strip().strip("'")
        line, column = _find_text(parsed.text, tag) or (line, column)
        return _finding(file, "DL011", line=line, column=column, tag=tag)
    if "alias" in message.lower() and "limit" in message.lower():
        line, column = _exploding_alias(parsed.text) or (1, 1)
        return _finding(file, "DL012", line=line, column=column, detail=detail)
    if (
        "recursion" in message.lower()
        or "nest" in message.lower()
        or (match and _nesting_depth(parsed.text) > 200)
    ):
        return _finding(file, "DL013", line=line, column=column, detail=detail)
    return _finding(file, "DL001", line=line, column=column, detail=detail)


_ANCHOR_OR_ALIAS = re.compile(r"(?<![\w&*])([&*])([^\s,\[\]{}]+)")


def _exploding_alias(text: str) -> tuple[int, int] | None:
    """Where an alias makes the expansion pass the limit: (line, column), or None.

    Anchors and aliases are read in order; an anchor's size is one plus the sizes of the
    aliases that follow it before the next anchor (its content, in the flow or block style an
    alias bomb uses); the alias at which an anchor's, or the whole file's, size passes the
    replay limit is the one that explodes.
    """
    sizes: dict[str, int] = {}
    current: str | None = None
    total = 0
    for match in _ANCHOR_OR_ALIAS.finditer(text[:2_000_000]):
        sign, name = match.groups()
        if sign == "&":
            current = name
            sizes[name] = 1
            continue
        grows = sizes.get(name, 1)
        total += grows
        if current is not None:
            sizes[current] += grows
        if total > _ALIAS_REPLAY_LIMIT or (current and sizes[current] > _ALIAS_REPLAY_LIMIT):
            line = text.count("\n", 0, match.start()) + 1
            return line, match.start() - (text.rfind("\n", 0, match.start()) + 1) + 1
    return None


def _nesting_depth(text: str) -> int:
    depth = deepest = 0
    for ch in text[:200_000]:
        if ch in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif ch in "]}":
            depth -= 1
    return deepest


def _find_text(text: str, needle: str) -> tuple[int, int] | None:
    index = text.find(needle)
    if index < 0:
        return None
    line = text.count("\n", 0, index) + 1
    column = index - (text.rfind("\n", 0, index) + 1) + 1
    return line, column


@dataclass(frozen=True)
class DuplicateKey:
    key: str
    line: int
    column: int
    first_line: int
    pointer: str


class SourceMap:
    """Positions of the nodes of one YAML text, looked up by JSON pointer (1-based)."""

    def __init__(self, text: str) -> None:
        self._root = _compose(text)

    def position(self, pointer: str) -> tuple[int, int]:
        node = self._root
        if node is None:
            return 1, 1
        best = (node.start_mark.line + 1, node.start_mark.column + 1)
        for part in split_pointer(pointer):
            found = _child(node, part)
            if found is None:
                break
            key_node, node = found
            anchor = key_node if key_node is not None else node
            best = (anchor.start_mark.line + 1, anchor.start_mark.column + 1)
        return best

    def scalar(self, pointer: str) -> str | None:
        """The text of the scalar at ``pointer``, if there is one."""
        node = self._root
        for part in split_pointer(pointer):
            found = _child(node, part) if node is not None else None
            if found is None:
                return None
            node = found[1]
        value = getattr(node, "value", None)
        return value if isinstance(value, str) else None

    def first_duplicate_key(self) -> DuplicateKey | None:
        if self._root is None:
            return None
        return _find_duplicate(self._root, [])


def _compose(text: str) -> Any:
    import warnings

    import yaml

    try:
        return yaml.compose(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except Exception:
        pass
    try:
        from ruamel.yaml import YAML

        with warnings.catch_warnings():  # e.g. ReusedAnchorWarning: noise with internal paths
            warnings.simplefilter("ignore")
            return YAML(typ="rt").compose(text)
    except Exception:
        return None


def _child(node: Any, part: str) -> tuple[Any, Any] | None:
    """(key node or None, value node) for one pointer segment."""
    tag = type(node).__name__
    if tag == "MappingNode":
        for key_node, value_node in node.value:
            if str(getattr(key_node, "value", None)) == part:
                return key_node, value_node
        return None
    if tag == "SequenceNode" and part.isdigit():
        index = int(part)
        if index < len(node.value):
            return None, node.value[index]
    return None


def _key_type(node: Any) -> str:
    """What a key resolves to: quoted keys are strings, plain ones by their resolved tag."""
    if getattr(node, "style", None) in ("'", '"'):
        return "str"
    value = str(getattr(node, "value", ""))
    if value in ("", "~", "null", "Null", "NULL"):
        return "null"
    if re.fullmatch(r"[-+]?\d+", value):
        return "int"
    return str(getattr(node, "tag", "str")).rsplit(":", 1)[-1]


def _find_duplicate(node: Any, path: list[str | int]) -> DuplicateKey | None:
    tag = type(node).__name__
    if tag == "MappingNode":
        seen: dict[tuple[str, str], int] = {}
        for key_node, value_node in node.value:
            key = str(getattr(key_node, "value", ""))
            identity = (_key_type(key_node), key)
            line = key_node.start_mark.line + 1
            if identity in seen:
                return DuplicateKey(
                    key,
                    line,
                    key_node.start_mark.column + 1,
                    seen[identity],
                    json_pointer([*path, key]),
                )
            seen[identity] = line
            found = _find_duplicate(value_node, [*path, key])
            if found is not None:
                return found
    elif tag == "SequenceNode":
        for index, child in enumerate(node.value):
            found = _find_duplicate(child, [*path, index])
            if found is not None:
                return found
    return None
