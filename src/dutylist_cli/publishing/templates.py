"""The jinja2 templates of printed output: the package's own, overridable per data repository.

A data repository may put a template of the same name in ``templates/`` beside dutylist.yaml
(e.g. ``templates/township.html.j2`` with the county's own letterhead); it is used instead.
Such a template comes with the data (a pull request can change it), so every template runs in
jinja2's immutable sandbox: it reads the context it is given and cannot reach Python's
internals (``cycler.__init__.__globals__.os`` and the like) or change the data it prints.
"""

from __future__ import annotations

from pathlib import Path
from types import TracebackType
from typing import Any

from dutylist_cli import messages
from dutylist_cli.errors import DutylistError, ExitCode
from dutylist_cli.reporters.markdown_text import escape_markdown

OVERRIDE_FOLDER = "templates"
_DETAIL_CHARACTERS = 200


class TemplateRefused(DutylistError):
    """A template that tries something the sandbox forbids, does not parse or fails: exit 2.

    The arguments have defaults so that the failure crosses back from a `render --all` worker
    (an exception is pickled as its class, its ``args`` and its ``__dict__``).
    """

    exit_code = ExitCode.USAGE  # the data repository's template is at fault, not its lists

    def __init__(
        self, message: str = "", *, template: str = "", line: int | None = None, hint: str = ""
    ) -> None:
        super().__init__(message, hint=hint or None)
        self.template = template
        self.line = line


MAX_POWER_EXPONENT = 64  # {{ 10**10**10 }} would compute for ever
MAX_REPEATED_LENGTH = 1_000_000  # {{ "x" * 10**12 }} would fill the memory


def _bounded_sandbox() -> Any:
    """The immutable sandbox, with ** and * bounded so a template cannot burn CPU or memory."""
    from jinja2.exceptions import SecurityError
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    class BoundedSandbox(ImmutableSandboxedEnvironment):
        intercepted_binops = frozenset({"**", "*"})

        def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
            if (
                operator == "**"
                and isinstance(right, (int, float))
                and abs(right) > MAX_POWER_EXPONENT
            ):
                raise SecurityError(f"exponent {right} is too large")
            if operator == "*":
                for text, times in ((left, right), (right, left)):
                    if (
                        isinstance(text, (str, list, tuple))
                        and isinstance(times, int)
                        and len(text) * times > MAX_REPEATED_LENGTH
                    ):
                        raise SecurityError("a repeated value would be too large")
            return super().call_binop(context, operator, left, right)

    return BoundedSandbox


def _no_links_loader(folder: Path) -> Any:
    """The data repository's templates, read only from regular files inside ``folder``.

    A symlink (committed like any file) could make a template include /etc/passwd or a CI
    secret in a printed list: templates that are links, or lie behind one, are not found.
    """
    import jinja2

    class NoLinksLoader(jinja2.FileSystemLoader):
        def get_source(self, environment: Any, template: str) -> Any:
            path = folder.joinpath(*template.split("/"))
            current = folder
            for part in path.relative_to(folder).parts:
                current = current / part
                if current.is_symlink():
                    raise jinja2.TemplateNotFound(template)
            return super().get_source(environment, template)

    return NoLinksLoader(str(folder))


def environment(root: Path | None, *, autoescape: bool) -> Any:
    """A sandboxed jinja2 environment looking in ``<root>/templates`` first, then the package's."""
    import jinja2

    loaders: list[jinja2.BaseLoader] = []
    folder = root / OVERRIDE_FOLDER if root is not None else None
    if folder is not None and folder.is_dir() and not folder.is_symlink():
        loaders.append(_no_links_loader(folder))
    loaders.append(jinja2.PackageLoader("dutylist_cli", "templates"))
    env = _bounded_sandbox()(
        loader=jinja2.ChoiceLoader(loaders),
        autoescape=autoescape,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["md_cell"] = markdown_cell
    env.filters["md"] = escape_markdown
    return env


def render_template(root: Path | None, name: str, **context: Any) -> str:
    """Render ``name`` (``*.html.j2`` autoescaped, anything else as plain text).

    Raises `TemplateRefused`, naming the template file and line, when the template does not
    parse, tries something the sandbox forbids or fails while rendering: a data repository's
    template is input, and its faults are the repository's, not dutylist's.
    """
    import jinja2
    from jinja2.exceptions import SecurityError

    env = environment(root, autoescape=name.endswith((".html.j2", ".htm.j2")))
    try:
        template = env.get_template(name)
    except jinja2.TemplateSyntaxError as exc:
        raise _refused(
            "render.template.syntax", root, exc.filename or name, exc.lineno, exc
        ) from exc
    except jinja2.TemplateError as exc:
        raise _refused("render.template.failed", root, name, None, exc) from exc
    try:
        return str(template.render(**context))
    except jinja2.TemplateNotFound as exc:  # an {% extends %} or {% include %} of nothing
        file, line = _template_frame(exc.__traceback__, template.filename or name)
        raise _refused("render.template.missing", root, file, line, exc) from exc
    except SecurityError as exc:
        file, line = _template_frame(exc.__traceback__, template.filename or name)
        raise _refused("render.template.unsafe", root, file, line, exc) from exc
    except jinja2.TemplateSyntaxError as exc:  # in a template it includes
        raise _refused(
            "render.template.syntax", root, exc.filename or name, exc.lineno, exc
        ) from exc
    except Exception as exc:
        file, line = _template_frame(exc.__traceback__, template.filename or name)
        if not isinstance(exc, jinja2.TemplateError) and not _is_override(root, file):
            raise  # the package's own templates failing on good data: a bug in dutylist
        raise _refused("render.template.failed", root, file, line, exc) from exc


def _template_frame(tb: TracebackType | None, fallback: str) -> tuple[str, int | None]:
    """The template file and line an error was raised in: jinja2 rewrites the traceback so
    each template's frame carries the template's file name and line."""
    found: tuple[str, int | None] = (fallback, None)
    while tb is not None:
        if "__jinja_exception__" in tb.tb_frame.f_globals:
            found = (tb.tb_frame.f_code.co_filename, tb.tb_lineno)
        tb = tb.tb_next
    return found


def _is_override(root: Path | None, file: str) -> bool:
    if root is None:
        return False
    return Path(file).resolve().is_relative_to((root / OVERRIDE_FOLDER).resolve())


def _shown_name(root: Path | None, file: str) -> str:
    """``templates/township.md.j2`` for a data repository's own template, else the path."""
    if root is not None:
        try:
            return Path(file).resolve().relative_to(root.resolve()).as_posix()
        except ValueError:
            pass
    return file


def _refused(
    key: str, root: Path | None, file: str, line: int | None, exc: Exception
) -> TemplateRefused:
    shown = _shown_name(root, file)
    where = f"{shown}:{line}" if line else shown
    detail = (str(exc).strip().splitlines() or [type(exc).__name__])[0][:_DETAIL_CHARACTERS]
    return TemplateRefused(
        messages.text(key, template=where, detail=detail),
        template=shown,
        line=line,
        hint=messages.text(f"{key}.hint"),
    )


def trusted_css(css: str) -> Any:
    """CSS that dutylist built (names escaped by `pdf.css_string`), printed as it is inside a
    template's <style>: HTML-escaped there, ``"`` becomes ``&#34;`` and the rule is dropped."""
    from markupsafe import Markup

    return Markup(css)


def markdown_cell(text: object) -> str:
    """A value inside a Markdown table cell: escaped as `escape_markdown`, line breaks as <br>."""
    value = "" if text is None else str(text)
    lines = value.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return "<br>".join(escape_markdown(line) for line in lines)
