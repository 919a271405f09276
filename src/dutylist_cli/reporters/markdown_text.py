"""Data written into Markdown (pull-request comments, printed lists) stays text.

An item name is data from a pull request: ``<!--`` in it would hide the rest of a comment,
``<img onerror=…>`` or ``[x](javascript:…)`` would be markup, ``|`` would split a table cell
and a newline would end one. Every Markdown writer passes data through these functions; the
phrases of the message catalogue around the data stay Markdown.
"""

from __future__ import annotations

import re

# HTML first (a comment, a tag, an entity), then what Markdown reads inline: emphasis, code,
# links and images, tables, strikethrough, and the backslash that escapes the others
_INLINE = str.maketrans(
    {
        "&": "&amp;",
        "<": "&lt;",
        ">": "&gt;",
        "\\": "\\\\",
        "`": "\\`",
        "*": "\\*",
        "_": "\\_",
        "[": "\\[",
        "]": "\\]",
        "|": "\\|",
        "~": "\\~",
    }
)
_HTML = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})
_LINE_BREAK = re.compile(r"\r\n|[\r\n]")
# what makes a line a heading, a list item or a heading's underline when it starts the line
_BLOCK_START = re.compile(
    r"^( *)(#{1,6}(?=\s|$)|[-+](?=\s|$)|[-=](?=[-=]*\s*$)|\d{1,9}(?=[.)](?:\s|$)))"
)


def escape_markdown(text: object) -> str:
    """``text`` as literal inline Markdown, on one line: safe in a paragraph, a list item, a
    heading, emphasis or a table cell (line breaks become spaces)."""
    value = "" if text is None else str(text)
    value = _LINE_BREAK.sub(" ", value).translate(_INLINE)
    return _BLOCK_START.sub(_escape_block_start, value, count=1)


def escape_html(text: object) -> str:
    """``text`` inside raw HTML of a Markdown document (``<summary>…</summary>``), where
    backslash escapes are not read: ``&``, ``<`` and ``>`` as entities, on one line (a blank
    line would end the HTML block)."""
    value = "" if text is None else str(text)
    return _LINE_BREAK.sub(" ", value).translate(_HTML)


def code_span(text: object) -> str:
    """``text`` as inline code, fenced by more backticks than it holds in a row."""
    value = _LINE_BREAK.sub(" ", "" if text is None else str(text))
    longest = max((len(run) for run in re.findall(r"`+", value)), default=0)
    fence = "`" * (longest + 1)
    if value.startswith("`") or value.endswith("`") or (value[:1] == value[-1:] == " "):
        value = f" {value} "
    return f"{fence}{value}{fence}"


def _escape_block_start(match: re.Match[str]) -> str:
    indent, marker = match.group(1), match.group(2)
    if marker[0].isdigit():  # "1." or "1)": escape the punctuation after the number
        return f"{indent}{marker}\\"
    return f"{indent}\\{marker}"
