"""A data repository's templates run sandboxed: a hostile one is refused, nothing runs (issue 9)."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import jinja2
import pytest
from typer.testing import CliRunner

from dutylist_cli import messages
from dutylist_cli.cli.main import _register, app

if not any(command.name == "render" for command in app.registered_commands):
    _register()

OUTPUT = "320115001-东山街道"  # the default file name of 东山's list, without the suffix
UNSAFE = {"zh": "不允许", "en": "not allowed"}


@pytest.fixture(autouse=True)
def _keep_the_language(monkeypatch: pytest.MonkeyPatch) -> None:
    """--lang sets the process's language: later tests in this process expect theirs."""
    monkeypatch.setattr(messages, "_language", messages.language())


def _payloads(marker: Path) -> dict[str, str]:
    """Ways out of a template into Python, each trying to create ``marker``."""
    touch = f"system('touch {marker}')"
    return {
        "cycler globals": f"{{{{ cycler.__init__.__globals__.os.{touch} }}}}",
        "str mro": (
            "{% for c in ''.__class__.__mro__[1].__subclasses__() %}"
            "{% if c.__name__ == 'Popen' %}{{ c(['touch', '" + str(marker) + "']) }}{% endif %}"
            "{% endfor %}"
        ),
        "self globals": "{{ self.__init__.__globals__ }}",
        "lipsum globals": f"{{{{ lipsum.__globals__['os'].{touch} }}}}",
        "joiner globals": f"{{{{ joiner.__init__.__globals__.os.{touch} }}}}",
        "namespace globals": "{{ namespace.__init__.__globals__ }}",
        "data class": "{{ doc.__class__.__init__.__globals__ }}",
        "format string": "{{ '{0.__class__.__init__.__globals__}'.format(doc) }}",
        "mutating the data": "{{ doc.sections.__len__() }}{{ [].append(1) }}",
    }


def _hostile_root(copy: Callable[..., Path], template: str) -> Path:
    """The sample with ``template`` as both its township templates (md and html)."""
    root = copy("lists")
    (root / "templates").mkdir()
    for name in ("township.md.j2", "township.html.j2"):
        (root / "templates" / name).write_text(f"<p>{{{{ doc.title }}}}</p>\n{template}\n", "utf-8")
    return root


def _render(root: Path, *args: str, lang: str = "en") -> tuple[int, str, str]:
    result = CliRunner().invoke(
        app, ["render", "--root", str(root), "320115001", *args, "--lang", lang]
    )
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize("payload", list(_payloads(Path("MARKER"))))
@pytest.mark.parametrize("fmt", ["md", "html"])
def test_a_hostile_template_is_refused_and_runs_nothing(
    copy_sample: Callable[..., Path], tmp_path: Path, payload: str, fmt: str
) -> None:
    marker = tmp_path / "MARKER"
    root = _hostile_root(copy_sample, _payloads(marker)[payload])
    code, out, err = _render(root, "-f", fmt, "-o", "-")
    assert not marker.exists()
    assert code == 2, err
    assert out == ""
    assert f"template templates/township.{fmt}.j2:2 " in err
    assert UNSAFE["en"] in err
    assert "internal error" not in err and "Traceback" not in err


def test_the_payload_does_run_without_the_sandbox(tmp_path: Path) -> None:
    """The test above proves something: unsandboxed, the first payload creates its file."""
    marker = tmp_path / "MARKER"
    jinja2.Environment().from_string(_payloads(marker)["cycler globals"]).render()
    assert marker.exists()


def test_the_refusal_is_in_chinese_too_and_writes_no_file(
    copy_sample: Callable[..., Path], tmp_path: Path
) -> None:
    marker = tmp_path / "MARKER"
    root = _hostile_root(copy_sample, _payloads(marker)["cycler globals"])
    out = tmp_path / "东山.md"
    code, _, err = _render(root, "-f", "md", "-o", str(out), lang="zh")
    assert code == 2 and not marker.exists() and not out.exists()
    assert "模板 templates/township.md.j2:2 试图执行不允许的操作" in err
    assert "提示:" in err


def test_a_real_process_refuses_the_template(
    copy_sample: Callable[..., Path], tmp_path: Path
) -> None:
    marker = tmp_path / "MARKER"
    root = _hostile_root(copy_sample, _payloads(marker)["cycler globals"])
    done = subprocess.run(
        [sys.executable, "-m", "dutylist_cli", "render", "320115001", "-f", "md", "--lang", "en"],
        cwd=root,
        capture_output=True,
        text=True,
        env={**os.environ},
        timeout=120,
    )
    assert done.returncode == 2, done.stderr
    assert not marker.exists()
    assert not (root / f"{OUTPUT}.md").exists()
    assert "template templates/township.md.j2:2 tries something that is not allowed" in done.stderr


def test_render_all_refuses_the_template_in_its_workers(
    copy_sample: Callable[..., Path], tmp_path: Path
) -> None:
    """The failure is raised in a worker process and crosses back whole (it pickles)."""
    marker = tmp_path / "MARKER"
    root = _hostile_root(copy_sample, _payloads(marker)["lipsum globals"])
    result = CliRunner().invoke(
        app,
        [
            "render",
            "--root",
            str(root),
            "--all",
            "-f",
            "md",
            "-j",
            "2",
            "-o",
            str(tmp_path / "out"),
        ],
    )
    assert result.exit_code == 2, result.stderr
    assert not marker.exists()
    assert "templates/township.md.j2:2" in result.stderr
    assert "hint" in result.stderr or "提示" in result.stderr


@pytest.mark.parametrize(
    ("template", "line", "says"),
    [
        ("{{ config.items() }}", 2, "'config' is undefined"),
        ("{{ request.application.__globals__ }}", 2, "'request' is undefined"),
        ("{% for i in range(10**10) %}{% endfor %}", 2, "Range too big"),
        ("{{ 1 / 0 }}", 2, "division by zero"),
        ('{% include "nowhere.j2" %}', 2, "nowhere.j2"),
    ],
)
def test_a_template_that_fails_is_named_with_its_line(
    copy_sample: Callable[..., Path], template: str, line: int, says: str
) -> None:
    root = _hostile_root(copy_sample, template)
    code, out, err = _render(root, "-f", "md", "-o", "-")
    assert code == 2, err
    assert out == ""
    assert f"template templates/township.md.j2:{line} " in err
    assert says in err
    assert "internal error" not in err


@pytest.mark.parametrize(
    ("template", "line"),
    [
        ("{% if %}", 2),
        ("{{ doc.title\n\n", 2),
        ("{% for row in doc.sections %}\nno end", 3),
    ],
)
def test_a_template_that_does_not_parse_is_a_syntax_error_with_its_line(
    copy_sample: Callable[..., Path], template: str, line: int
) -> None:
    root = _hostile_root(copy_sample, template)
    code, _, err = _render(root, "-f", "md", "-o", "-")
    assert code == 2, err
    assert f"template templates/township.md.j2:{line} has a syntax error" in err


def test_a_hostile_report_template_is_refused(
    copy_sample: Callable[..., Path], tmp_path: Path
) -> None:
    marker = tmp_path / "MARKER"
    root = copy_sample("lists", "temporary", "adjustments")
    (root / "templates").mkdir()
    (root / "templates" / "report.md.j2").write_text(
        _payloads(marker)["cycler globals"] + "\n", "utf-8"
    )
    result = CliRunner().invoke(
        app,
        ["report", "county", "--root", str(root), "-f", "md", "-o", "-", "--lang", "en"],
    )
    assert result.exit_code == 2, result.stderr
    assert not marker.exists()
    assert "template templates/report.md.j2:1 tries something that is not allowed" in (
        result.stderr
    )


def test_a_benign_override_still_renders(copy_sample: Callable[..., Path]) -> None:
    root = copy_sample("lists")
    (root / "templates").mkdir()
    (root / "templates" / "township.md.j2").write_text(
        "{% set n = namespace(rows=0) %}{% for s in doc.sections %}{% set n.rows = n.rows"
        " + s.count %}{% endfor %}{{ doc.township | md }}：{{ n.rows }} 项"
        "{{ ' / %s' | format(doc.title) }}\n",
        "utf-8",
    )
    code, out, err = _render(root, "-f", "md", "-o", "-")
    assert code == 0, err
    assert out == "东山街道：113 项 / 《东山街道履行职责事项清单》\n"


@pytest.mark.parametrize(
    "template",
    ["{{ 10 ** (10**10) }}", "{{ 2 ** 100000 }}", "{{ 'x' * 10**12 }}", "{{ [1] * 10**9 }}"],
)
def test_a_template_cannot_burn_cpu_or_memory(
    copy_sample: Callable[..., Path], template: str
) -> None:
    root = _hostile_root(copy_sample, template)
    code, out, err = _render(root, "-f", "md", "-o", "-")
    assert code == 2 and out == ""
    assert "templates/township.md.j2:2" in err and UNSAFE["en"] in err


def test_a_template_behind_a_symlink_is_not_read(
    copy_sample: Callable[..., Path], tmp_path: Path
) -> None:
    """A committed symlink could print /etc/passwd or a CI secret into a list."""
    secret = tmp_path / "secret.txt"
    secret.write_text("TOKEN-0123456789", "utf-8")
    root = _hostile_root(copy_sample, '{% include "leak.j2" %}')
    (root / "templates" / "leak.j2").symlink_to(secret)
    code, out, err = _render(root, "-f", "md", "-o", "-")
    assert code == 2 and "TOKEN" not in out + err
    # the township template itself as a link is not used either: the package's is
    for name in ("township.md.j2", "township.html.j2"):
        (root / "templates" / name).unlink()
        (root / "templates" / name).symlink_to(secret)
    code, out, _ = _render(root, "-f", "md", "-o", "-")
    assert code == 0 and "TOKEN" not in out and "东山街道" in out
