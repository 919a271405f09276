"""Canonical YAML text for `fmt`: the ruamel round trip that keeps comments and fixes values."""

from __future__ import annotations

import io
import re
import warnings
from collections import Counter
from collections.abc import Collection, Iterator
from pathlib import Path
from typing import Any, NamedTuple

from ruamel.yaml import YAML
from ruamel.yaml.anchor import Anchor
from ruamel.yaml.comments import CommentedMap, CommentedSeq, TaggedScalar
from ruamel.yaml.compat import ordereddict
from ruamel.yaml.constructor import DuplicateKeyError, RoundTripConstructor
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.nodes import ScalarNode
from ruamel.yaml.representer import RoundTripRepresenter
from ruamel.yaml.scalarstring import DoubleQuotedScalarString, FoldedScalarString, ScalarString
from ruamel.yaml.tokens import DirectiveToken

from dutylist_cli import messages
from dutylist_cli.errors import DutylistError, ExitCode
from dutylist_cli.store.encoding import Undecodable, decode_text
from dutylist_cli.store.yaml_source import MAX_FILE_BYTES

# Values under these keys are ids and codes (ASCII by the spec), so full-width forms are typos.
ID_KEYS = frozenset({"id", "code", "item", "township", "county"})
ID_LIST_KEYS = frozenset({"townships"})

# The same set the DL207 check reports, so that `fmt` clears every such finding.
_INVISIBLE = re.compile(
    r"[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e"
    r"\u2060-\u2064\ufeff]"
)
_GAP = r"[ \t\u3000]*"
_DOCUMENT_NUMBER = re.compile(
    rf"(?<=[\u3400-\u9fffA-Za-z]){_GAP}[\[【(（〔［﹝]{_GAP}(?P<year>[0-9０-９]{{4}}){_GAP}"
    rf"[\]】)）〕］﹞]{_GAP}(?P<serial>[0-9０-９]+){_GAP}号"
)
_FULL_WIDTH_ASCII = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}
# Raw control characters are not allowed in YAML at all; dropping them makes the file loadable.
_RAW_CONTROL = re.compile(r"[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u0084\u0086-\u009f]")
_TRAILING_BLANKS = re.compile(r"(?<!\\)[ \t]+$", re.MULTILINE)  # keep an escaped "\ " space
_DOCUMENT_START = re.compile(r"---(?:[ \t]+#[^\n]*)?")
_STR_TAG = "tag:yaml.org,2002:str"
_MAX_FLOW_DEPTH = 200  # ruamel slows down quadratically, then overflows the stack, beyond it


class UnformattableFile(DutylistError):
    """A file `fmt` leaves untouched: it cannot be read or parsed, or rewriting would lose data."""

    exit_code = ExitCode.FINDINGS

    def __init__(self, path: Path | None, reason: str, *, line: int | None = None) -> None:
        if path is None:
            super().__init__(reason)
        else:
            where = path.as_posix() + (f":{line}" if line else "")
            super().__init__(messages.text("fmt.skipped", path=where, reason=reason))
        self.path = path
        self.reason = reason
        self.line = line


class _Refusal(Exception):
    def __init__(self, key: str, *, line: int | None = None, **args: str) -> None:
        super().__init__(key)
        self.reason = messages.text(key, **args)
        self.line = line


class Source(NamedTuple):
    raw: bytes
    text: str  # decoded, without a BOM


def read_source(path: Path) -> Source:
    """A data file's bytes and text; a UTF-8 BOM is dropped, other encodings are refused."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise UnformattableFile(
            path, messages.text("fmt.reason.unreadable", detail=exc.strerror or exc)
        ) from exc
    if len(raw) > MAX_FILE_BYTES:
        raise UnformattableFile(
            path,
            messages.text(
                "fmt.reason.too_large",
                size=f"{len(raw) / 1048576:.1f} MiB",
                limit=f"{MAX_FILE_BYTES // 1048576} MiB",
            ),
        )
    decoded = decode_text(raw)
    if isinstance(decoded, Undecodable):
        if decoded.encoding:
            reason = messages.text(
                "fmt.reason.encoding", encoding=decoded.encoding, iconv=decoded.iconv
            )
        else:
            reason = messages.text("fmt.reason.binary", detail=decoded.binary_detail)
        raise UnformattableFile(path, reason, line=1)
    return Source(raw, decoded)


def canonical_text(source: str, *, path: Path | None = None) -> str:
    """``source`` in canonical form; raises UnformattableFile rather than lose anything."""
    header, body = _split_header(_tidy_lines(source))
    offset = header.count("\n")
    try:
        return header + _canonical_body(body)
    except _Refusal as refusal:
        line = refusal.line + offset if refusal.line else None
        raise UnformattableFile(path, refusal.reason, line=line) from refusal


def normalise_value(text: str, *, code: bool = False) -> str:
    """A scalar value with invisible characters removed and 文号 brackets as 〔YYYY〕."""
    text = _DOCUMENT_NUMBER.sub(_document_number, _INVISIBLE.sub("", text))
    return text.translate(_FULL_WIDTH_ASCII) if code else text


def _document_number(match: re.Match[str]) -> str:
    year = match["year"].translate(_FULL_WIDTH_ASCII)
    return f"〔{year}〕{int(match['serial'].translate(_FULL_WIDTH_ASCII))}号"


def _tidy_lines(text: str) -> str:
    """LF line ends, no trailing blanks, no blank lines at either end, one final newline."""
    text = _RAW_CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    text = _TRAILING_BLANKS.sub("", text)
    text = text.lstrip("\n").rstrip("\n")
    return text + "\n" if text else ""


def _split_header(text: str) -> tuple[str, str]:
    """Comments up to an explicit ``---`` line stay verbatim: ruamel would drop them."""
    position = 0
    for line in text.splitlines(keepends=True):
        stripped = line.strip()
        if stripped and not stripped.startswith("#"):
            if _DOCUMENT_START.fullmatch(stripped):
                return text[: position + len(line)], text[position + len(line) :]
            break
        position += len(line)
    return "", text


def _canonical_body(body: str) -> str:
    if _flow_depth(body) > _MAX_FLOW_DEPTH:
        raise _Refusal("fmt.reason.too_deep")
    data = _load(body)
    if data is None:  # only comments, or nothing at all
        return body
    if not isinstance(data, CommentedMap):
        raise _Refusal("fmt.reason.not_mapping")
    yaml = _yaml()
    _normalise(data, key=None, yaml=yaml, seen=set(), replaced={})
    output = _dump(data)
    if output == body:
        return output
    _check_comments_kept(body, output)
    again = _load(output)
    if not _same(data, again, set()):
        raise _Refusal("fmt.reason.unsafe", detail="data")
    _normalise(again, key=None, yaml=yaml, seen=set(), replaced={})
    if _dump(again) != output:
        raise _Refusal("fmt.reason.unsafe", detail="unstable")
    return output


def _flow_depth(text: str) -> int:
    """How deep [ and { nest (an over-estimate: brackets in quotes and comments count too)."""
    depth = deepest = 0
    for match in re.finditer(r"[\[{\]}]", text):
        depth = depth + 1 if match.group() in "[{" else max(depth - 1, 0)
        deepest = max(deepest, depth)
    return deepest


def _yaml() -> YAML:
    yaml = YAML(typ="rt")
    yaml.Constructor = _Constructor
    yaml.Representer = _Representer
    yaml.preserve_quotes = True
    yaml.width = 4096
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


def _load(text: str) -> Any:
    if text.startswith("%") or "\n%" in text:
        _refuse_directives(text)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return _yaml().load(text)
    except DuplicateKeyError as exc:
        raise _Refusal(
            "fmt.reason.duplicate_key", line=_line(exc), detail=_first_line(exc.problem)
        ) from exc
    except MarkedYAMLError as exc:
        if "another document" in str(exc.problem):
            raise _Refusal("fmt.reason.documents", line=_line(exc)) from exc
        detail = _first_line(exc.problem or exc.context or str(exc))
        if exc.problem and exc.context and exc.context_mark is not None:
            where = f"{_first_line(exc.context)}, line {exc.context_mark.line + 1}"
            detail = f"{detail} ({where})"
        raise _Refusal("fmt.reason.syntax", line=_line(exc), detail=detail) from exc
    except (YAMLError, ValueError, TypeError) as exc:
        raise _Refusal("fmt.reason.syntax", detail=_first_line(str(exc))) from exc
    except RecursionError as exc:
        raise _Refusal("fmt.reason.too_deep") from exc


def _refuse_directives(text: str) -> None:
    for token in _tokens(text):
        if isinstance(token, DirectiveToken):
            raise _Refusal("fmt.reason.directive", line=token.start_mark.line + 1)


def _dump(data: Any) -> str:
    stream = io.StringIO()
    _yaml().dump(data, stream)
    return stream.getvalue()


def _line(exc: MarkedYAMLError) -> int | None:
    mark = exc.problem_mark or exc.context_mark
    return None if mark is None else int(mark.line) + 1


def _first_line(text: object) -> str:
    return str(text).strip().splitlines()[0] if str(text).strip() else ""


_NULL_TAG = "tag:yaml.org,2002:null"
_TIMESTAMP_TAG = "tag:yaml.org,2002:timestamp"


class _AsWritten:
    """A scalar kept as written: a null (``null``, ``~`` or nothing), or a date that cannot be."""

    __slots__ = ("tag", "text")

    def __init__(self, tag: str, text: str) -> None:
        self.tag = tag
        self.text = text

    def __eq__(self, other: object) -> bool:
        return (
            isinstance(other, _AsWritten)
            and self.tag == other.tag
            and (self.tag == _NULL_TAG or self.text == other.text)
        )

    def __hash__(self) -> int:
        return hash(self.tag)


class _Constructor(RoundTripConstructor):
    def construct_written_null(self, node: ScalarNode) -> _AsWritten:
        return _AsWritten(_NULL_TAG, str(self.construct_scalar(node)))

    def construct_yaml_timestamp(self, node: ScalarNode, values: Any = None) -> Any:
        try:
            return super().construct_yaml_timestamp(node, values)
        except ValueError:  # 2025-13-01: the validator reports it; fmt keeps it as written
            return _AsWritten(_TIMESTAMP_TAG, str(node.value))


class _Representer(RoundTripRepresenter):
    def represent_as_written(self, data: _AsWritten) -> ScalarNode:
        node: ScalarNode = self.represent_scalar(data.tag, data.text)
        return node

    def ignore_aliases(self, data: Any) -> bool:
        return isinstance(data, _AsWritten) or bool(super().ignore_aliases(data))


_Constructor.add_constructor(_NULL_TAG, _Constructor.construct_written_null)
_Constructor.add_constructor(_TIMESTAMP_TAG, _Constructor.construct_yaml_timestamp)
_Representer.add_representer(_AsWritten, _Representer.represent_as_written)


def _tokens_by_label() -> dict[tuple[str, str], str]:
    """Enum values are written as English tokens: (key, 中文 label) -> token."""
    from dutylist_cli.model.enums import (
        Action,
        ApprovalLevel,
        ItemSource,
        TaskStatus,
        TownshipKind,
        Trigger,
    )

    keys = {
        "kind": TownshipKind,
        "source": ItemSource,
        "trigger": Trigger,
        "action": Action,
        "level": ApprovalLevel,
        "status": TaskStatus,
    }
    return {(key, member.label): member.value for key, enum in keys.items() for member in enum}


_TOKEN_BY_LABEL = _tokens_by_label()


def _normalise(
    node: Any, *, key: object, yaml: YAML, seen: set[int], replaced: dict[int, str]
) -> None:
    """Fix string values in place (never keys), keeping each scalar's style and anchor."""
    if id(node) in seen:
        return
    seen.add(id(node))
    own: set[Any] = set()
    if isinstance(node, CommentedMap):
        own = {k for k, _ in node.non_merged_items()}
        entries: list[tuple[Any, Any]] = list(node.items())
        code_of = {k: isinstance(k, str) and k in ID_KEYS for k, _ in entries}
    elif isinstance(node, CommentedSeq):
        entries = list(enumerate(node))
        code_of = dict.fromkeys(range(len(node)), isinstance(key, str) and key in ID_LIST_KEYS)
    else:
        return
    for slot, value in entries:
        if not isinstance(value, str):
            _normalise(value, key=slot, yaml=yaml, seen=seen, replaced=replaced)
            continue
        if id(value) not in replaced:
            token = _TOKEN_BY_LABEL.get((slot, str(value))) if isinstance(slot, str) else None
            replaced[id(value)] = (
                token if token is not None else _fixed_scalar(value, code=code_of[slot], yaml=yaml)
            )
        fixed = replaced[id(value)]
        if fixed is value:
            continue
        if isinstance(node, CommentedMap) and slot not in own:
            ordereddict.__setitem__(node, slot, fixed)  # a merged (<<) key stays merged
        else:
            node[slot] = fixed


def _fixed_scalar(value: str, *, code: bool, yaml: YAML) -> str:
    # A folded scalar is fixed piece by piece between its folds, so the line breaks stay put.
    folds = [fold for fold in getattr(value, "fold_pos", []) if 0 <= fold < len(value)]
    starts = [0, *(fold + 1 for fold in folds)]
    ends = [*folds, len(value)]
    pieces = [
        normalise_value(value[start:end], code=code)
        for start, end in zip(starts, ends, strict=True)
    ]
    text, positions = pieces[0], []
    for fold, piece in zip(folds, pieces[1:], strict=True):
        positions.append(len(text))
        text += value[fold] + piece
    if text == str(value):
        return value
    if not isinstance(value, ScalarString):
        resolved = str(yaml.resolver.resolve(ScalarNode, text, (True, False)))
        return text if resolved == _STR_TAG else DoubleQuotedScalarString(text)
    fixed: ScalarString = type(value)(text)
    for attribute in (Anchor.attrib, "comment"):
        if hasattr(value, attribute):
            setattr(fixed, attribute, getattr(value, attribute))
    if isinstance(fixed, FoldedScalarString) and positions:
        setattr(fixed, "fold_pos", positions)  # noqa: B010 - a slot ruamel leaves untyped
    return fixed


def _check_comments_kept(before: str, after: str) -> None:
    kept = Counter(text for _, text in _comments(after))
    for line, text in _comments(before):
        if kept[text] <= 0:
            raise _Refusal("fmt.reason.comment_lost", line=line, comment=text)
        kept[text] -= 1


def _tokens(text: str) -> Iterator[Any]:
    try:
        yield from YAML(typ="safe", pure=True).scan(text)
    except YAMLError as exc:
        raise _Refusal("fmt.reason.syntax", detail=_first_line(exc)) from exc


def _comments(text: str) -> list[tuple[int, str]]:
    """(line, text) of each comment: the ``#`` runs in the gaps between tokens."""
    found: list[tuple[int, str]] = []
    position, line = 0, 1
    for token in [*_tokens(text), None]:
        end = len(text) if token is None else token.start_mark.index
        gap = text[position:end]
        for match in re.finditer(r"#[^\n]*", gap):
            found.append((line + gap.count("\n", 0, match.start()), match.group().rstrip()))
        if token is not None and token.end_mark.index > position:
            position, line = token.end_mark.index, token.end_mark.line + 1
    return found


def _same(left: Any, right: Any, seen: set[tuple[int, int]]) -> bool:
    """Equal as data (styles aside); aliases are compared once, so alias bombs stay cheap."""
    if isinstance(left, (CommentedMap, CommentedSeq)):
        if type(left) is not type(right) or len(left) != len(right):
            return False
        if (id(left), id(right)) in seen:
            return True
        seen.add((id(left), id(right)))
        if isinstance(left, CommentedMap):
            return list(left) == list(right) and all(_same(left[k], right[k], seen) for k in left)
        return all(_same(a, b, seen) for a, b in zip(left, right, strict=True))
    if isinstance(left, TaggedScalar) and isinstance(right, TaggedScalar):
        return str(left.tag) == str(right.tag) and _same(left.value, right.value, seen)
    if isinstance(left, str) or isinstance(right, str):
        return isinstance(left, str) and isinstance(right, str) and str(left) == str(right)
    if isinstance(left, float) and isinstance(right, float) and left != left:
        return right != right
    return type(left) is type(right) and bool(left == right)


# -- writing new documents and setting keys (temp add, temp close) ------------------------------
# YAML 1.1 readers (PyYAML) take these for booleans: quote them so every reader agrees.
_YAML11_BOOLS = frozenset({"y", "n", "yes", "no", "on", "off"})


def _styled(value: Any, *, flow: bool, key: object = None) -> Any:
    """Plain data as ruamel nodes: None is written ``null``, nested maps and lists in [ ]/{ }.

    Strings are normalised as `fmt` would; one that would read back as another type (a code
    such as "320115") is double-quoted.
    """
    if value is None:
        return _AsWritten(_NULL_TAG, "null")
    if isinstance(value, dict):
        mapping = CommentedMap((k, _styled(v, flow=True, key=k)) for k, v in value.items())
        if flow:
            mapping.fa.set_flow_style()
        return mapping
    if isinstance(value, (list, tuple)):
        code = isinstance(key, str) and key in ID_LIST_KEYS
        sequence = CommentedSeq(_styled(v, flow=True, key="id" if code else None) for v in value)
        if flow:
            sequence.fa.set_flow_style()
        return sequence
    if isinstance(value, str):
        text = normalise_value(value, code=isinstance(key, str) and key in ID_KEYS)
        resolved = str(_yaml().resolver.resolve(ScalarNode, text, (True, False)))
        if resolved == _STR_TAG and text.lower() not in _YAML11_BOOLS:
            return text
        return DoubleQuotedScalarString(text)
    return value


def new_document_text(
    data: dict[str, Any],
    *,
    header: str = "",
    blocks: Collection[str] = (),
    folded: Collection[str] = (),
    block_mappings: Collection[str] = (),
    replacing: str | None = None,
) -> str:
    """A new file's canonical text: top-level keys in order, nested maps and lists in flow style.

    ``header`` (comment lines such as the yaml-language-server modeline) goes first. ``blocks``
    names top-level keys holding a list of mappings (a township list's items), written one block
    mapping per entry; in them, one-line strings under a ``folded`` key are folded (``>-``).
    ``block_mappings`` names top-level mappings written in block style (their values as usual).
    With ``replacing`` (the text of the file ``data`` replaces), ``data`` is merged into that
    document instead, entries of ``blocks`` by ``id``: what is unchanged keeps its comments,
    blank lines and style, as `fmt` would; an unreadable ``replacing`` is ignored.
    """
    shape = _Shape(blocks, folded, block_mappings)
    if replacing is not None:
        merged = _merged_text(replacing, data, shape)
        if merged is not None:
            return merged
    body = _dump(CommentedMap((key, shape.fresh(key, value)) for key, value in data.items()))
    return canonical_text(header + body)


class _Shape(NamedTuple):
    blocks: Collection[str]
    folded: Collection[str]
    block_mappings: Collection[str]

    def fresh(self, key: str, value: Any) -> Any:
        if key in self.blocks:
            return _block_entries(value, self.folded)
        return _styled(value, flow=key not in self.block_mappings, key=key)


def _block_entries(entries: list[dict[str, Any]], folded: Collection[str]) -> CommentedSeq:
    sequence = CommentedSeq()
    for entry in entries:
        sequence.append(CommentedMap((k, _entry_value(k, v, folded)) for k, v in entry.items()))
    return sequence


def _entry_value(key: str, value: Any, folded: Collection[str]) -> Any:
    if key in folded and isinstance(value, str) and "\n" not in value:
        return FoldedScalarString(normalise_value(value))
    return _styled(value, flow=True, key=key)


def _merged_text(source: str, data: dict[str, Any], shape: _Shape) -> str | None:
    header, body = _split_header(_tidy_lines(source))
    try:
        document = _load(body)
    except _Refusal:
        return None
    if not isinstance(document, CommentedMap):
        return None
    _merge_mapping(document, data, shape.fresh, shape=shape)
    try:
        return canonical_text(header + _dump(document))
    except UnformattableFile:
        return None


def _merge_mapping(
    old: CommentedMap, new: dict[str, Any], fresh: Any, *, shape: _Shape | None
) -> None:
    """``old`` made equal to ``new`` in place; ``shape`` only at the top level of a list."""
    for gone in [key for key in old if key not in new]:
        del old[gone]
        old.ca.items.pop(gone, None)
    for position, (key, value) in enumerate(new.items()):
        if key not in old:
            old.insert(position, key, fresh(key, value))
            continue
        current = old[key]
        if shape is not None and key in shape.blocks:
            if isinstance(current, CommentedSeq) and isinstance(value, list):
                _merge_entries(current, value, shape.folded)
                continue
        elif isinstance(current, CommentedMap) and isinstance(value, dict):
            _merge_mapping(current, value, _nested_fresh, shape=None)
            continue
        replacement = fresh(key, value)
        if _plain(current) != _plain(replacement):
            old[key] = replacement


def _nested_fresh(key: str, value: Any) -> Any:
    return _styled(value, flow=True, key=key)


def _merge_entries(old: CommentedSeq, new: list[Any], folded: Collection[str]) -> None:
    """Entries matched by ``id`` are merged and keep their comments; new ones come bare."""
    by_id = {
        str(entry["id"]): (index, entry)
        for index, entry in reversed(list(enumerate(old)))
        if isinstance(entry, CommentedMap) and "id" in entry
    }
    nodes: list[Any] = []
    comments: dict[int, Any] = {}
    for entry in new:
        found = by_id.pop(str(entry.get("id")), None) if isinstance(entry, dict) else None
        if found is None:
            nodes.extend(_block_entries([entry], folded) if isinstance(entry, dict) else [entry])
            continue
        index, node = found
        _merge_mapping(node, entry, lambda k, v: _entry_value(k, v, folded), shape=None)
        if index in old.ca.items:
            comments[len(nodes)] = old.ca.items[index]
        nodes.append(node)
    list.__setitem__(old, slice(None), nodes)
    old.ca.items.clear()
    old.ca.items.update(comments)


def _plain(node: Any) -> Any:
    """``node`` as plain data, to tell whether a value changed (styles and comments aside)."""
    if isinstance(node, _AsWritten):
        return None if node.tag == _NULL_TAG else node.text
    if isinstance(node, dict):
        return [(key, _plain(value)) for key, value in node.items()]
    if isinstance(node, list):
        return [_plain(value) for value in node]
    if isinstance(node, str):
        return str(node)
    return (type(node), node)


def set_keys(source: str, values: dict[str, Any], *, after: dict[str, str] | None = None) -> str:
    """``source`` with top-level ``values`` set, keeping comments, key order and other keys.

    An existing key keeps its place (and its end-of-line comment); a new one goes after the key
    ``after`` names for it, else at the end. Raises UnformattableFile rather than lose anything.
    """
    header, body = _split_header(_tidy_lines(source))
    try:
        data = _load(body)
        if not isinstance(data, CommentedMap):
            raise _Refusal("fmt.reason.not_mapping")
        for key, value in values.items():
            styled = _styled(value, flow=True, key=key)
            anchor = (after or {}).get(key)
            if key not in data and anchor in data:
                data.insert(list(data).index(anchor) + 1, key, styled)
            else:
                data[key] = styled
        output = _dump(data)
        _check_comments_kept(body, output)
    except _Refusal as refusal:
        raise UnformattableFile(None, refusal.reason, line=refusal.line) from refusal
    return header + output
