"""The architecture holds: only cli/ uses typer, nothing imports cli/, libraries stay home."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "dutylist_cli"

# library -> the modules (relative to the package) allowed to import it
HOMES = {
    "typer": ("cli/",),
    "rich": (
        "cli/",
        "reporters/text.py",
        "reporters/history_text.py",
        "reporters/diff_text.py",
    ),
    "ruamel": ("store/yaml_writer.py", "store/yaml_source.py"),
    "yaml": ("store/yaml_source.py",),
    "yaml_rs": ("store/yaml_source.py",),
    "git": ("store/git.py",),
    "jinja2": ("publishing/templates.py",),
    "weasyprint": ("publishing/pdf.py",),
    "openpyxl": (
        "publishing/workbook.py",
        "publishing/importing.py",
        "publishing/report_workbook.py",
        "use/requests_file.py",  # who --batch reads a request sheet
        "use/dispatch_table.py",  # who --batch -o writes the dispatch table
    ),
    "docx": ("publishing/word.py",),
}


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text("utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def test_libraries_stay_in_their_homes() -> None:
    offences = []
    for path in sorted(PACKAGE.rglob("*.py")):
        relative = path.relative_to(PACKAGE).as_posix()
        for name in _imports(path):
            top = name.split(".")[0]
            homes = HOMES.get(top)
            if homes and not relative.startswith(homes):
                offences.append(f"{relative} imports {name}")
            if name.startswith("dutylist_cli.cli") and not relative.startswith(
                ("cli/", "__main__.py")
            ):
                offences.append(f"{relative} imports the cli layer ({name})")
    assert not offences, offences


def test_nothing_outside_cli_prints_or_exits() -> None:
    offences = []
    for path in sorted(PACKAGE.rglob("*.py")):
        relative = path.relative_to(PACKAGE).as_posix()
        if relative.startswith("cli/") or relative == "__main__.py":
            continue
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and (node.func.id in ("print", "exit"))
            ):
                offences.append(f"{relative}:{node.lineno} calls {node.func.id}()")
            if (
                isinstance(node, ast.Attribute)
                and node.attr == "exit"
                and isinstance(node.value, ast.Name)
                and node.value.id == "sys"
            ):
                offences.append(f"{relative}:{node.lineno} calls sys.exit")
    assert not offences, offences
