"""The jinja2 templates of printed output: the package's own, overridable per data repository.

A data repository may put a template of the same name in ``templates/`` beside dutylist.yaml
(e.g. ``templates/township.html.j2`` with the county's own letterhead); it is used instead.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

OVERRIDE_FOLDER = "templates"


def environment(root: Path | None, *, autoescape: bool) -> Any:
    """A jinja2 environment looking in ``<root>/templates`` first, then the package's."""
    import jinja2

    loaders: list[jinja2.BaseLoader] = []
    if root is not None and (root / OVERRIDE_FOLDER).is_dir():
        loaders.append(jinja2.FileSystemLoader(str(root / OVERRIDE_FOLDER)))
    loaders.append(jinja2.PackageLoader("dutylist_cli", "templates"))
    env = jinja2.Environment(
        loader=jinja2.ChoiceLoader(loaders),
        autoescape=autoescape,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["md_cell"] = markdown_cell
    return env


def render_template(root: Path | None, name: str, **context: Any) -> str:
    """Render ``name`` (``*.html.j2`` autoescaped, anything else as plain text)."""
    env = environment(root, autoescape=name.endswith((".html.j2", ".htm.j2")))
    return str(env.get_template(name).render(**context))


def markdown_cell(text: object) -> str:
    """A value inside a Markdown table cell: pipes escaped, line breaks as <br>."""
    value = "" if text is None else str(text)
    return (
        value.replace("\\", "\\\\").replace("|", "\\|").replace("\r\n", "\n").replace("\n", "<br>")
    )
