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
        "reporters/vet_text.py",
    ),
    "ruamel": ("store/yaml_writer.py", "store/yaml_source.py"),
    "yaml": ("store/yaml_source.py",),
    "yaml_rs": ("store/yaml_source.py",),
    "git": ("store/git.py",),
    "jinja2": ("publishing/templates.py",),
    "weasyprint": ("publishing/pdf.py",),
    # openpyxl reads workbooks, XlsxWriter writes them
    "openpyxl": (
        "spreadsheet/importing.py",
        "use/requests_file.py",  # who --batch reads a request sheet
    ),
    "xlsxwriter": ("publishing/workbook.py",),
    "docx": ("publishing/word.py", "use/notice.py"),  # vet reads .docx notices
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


def _module_name(path: Path) -> str:
    parts = ["dutylist_cli", *path.relative_to(PACKAGE).with_suffix("").parts]
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _type_only_nodes(tree: ast.Module) -> set[int]:
    """Nodes under `if TYPE_CHECKING:` — annotations only, never run."""
    nodes: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            for statement in node.body:
                nodes.update(id(inner) for inner in ast.walk(statement))
    return nodes


def _import_graph() -> dict[str, set[str]]:
    """Module -> the dutylist_cli modules it imports, at module level or in a function."""
    modules = {_module_name(path): path for path in PACKAGE.rglob("*.py")}
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        tree = ast.parse(path.read_text("utf-8"))
        type_only = _type_only_nodes(tree)
        targets: set[str] = set()
        for node in ast.walk(tree):
            if id(node) in type_only:
                continue
            if isinstance(node, ast.Import):
                targets.update(alias.name for alias in node.names if alias.name in modules)
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                if node.module not in modules:
                    continue
                for alias in node.names:
                    submodule = f"{node.module}.{alias.name}"
                    targets.add(submodule if submodule in modules else node.module)
        targets.discard(name)
        graph[name] = targets
    return graph


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """One cycle per circle (strongly connected component), each as a -> ... -> a."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    components: list[set[str]] = []

    def visit(module: str) -> None:
        index[module] = low[module] = len(index)
        stack.append(module)
        on_stack.add(module)
        for target in sorted(graph[module]):
            if target not in index:
                visit(target)
                low[module] = min(low[module], low[target])
            elif target in on_stack:
                low[module] = min(low[module], index[target])
        if low[module] == index[module]:
            component = set()
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.add(member)
                if member == module:
                    break
            if len(component) > 1:
                components.append(component)

    for module in sorted(graph):
        if module not in index:
            visit(module)

    cycles = []
    for component in components:
        start = min(component)
        # breadth-first from start back to start, inside the component
        paths = {start: [start]}
        queue = [start]
        found: list[str] = []
        while queue and not found:
            current = queue.pop(0)
            for target in sorted(graph[current] & component):
                if target == start:
                    found = [*paths[current], start]
                    break
                if target not in paths:
                    paths[target] = [*paths[current], target]
                    queue.append(target)
        cycles.append(found)
    return sorted(cycles)


def test_no_import_circles() -> None:
    """No module imports itself back through others (imports in functions count too;
    imports under `if TYPE_CHECKING:` do not, since they never run)."""
    cycles = _cycles(_import_graph())
    assert not cycles, [" -> ".join(cycle) for cycle in cycles]


def test_the_circle_finder_finds_circles() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert _cycles(graph) == [["a", "b", "c", "a"]]
    assert _cycles({"a": {"b"}, "b": set()}) == []
