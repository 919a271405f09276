"""`dutylist import`: a county workbook (.xlsx) turned into a township list YAML, then checked."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Optional

import typer

from dutylist_cli.cli.options import LangOption, RootOption, TextOrJsonOption, opt, output_option

if TYPE_CHECKING:
    from dutylist_cli.spreadsheet.run import ImportOutcome

FORMATS = ("text", "json")
_Text = Optional[str]  # noqa: UP045 - typer reads the annotations at runtime


def import_command(
    file: Annotated[
        Path, typer.Argument(metavar="FILE.xlsx", help="要导入的工作簿 / workbook to import")
    ],
    output: Annotated[
        Optional[Path],  # noqa: UP045
        output_option("写入的清单文件；默认为 lists/<县级代码>-<县名>/<代码>-<名称>.yaml / output"),
    ] = None,
    code: Annotated[_Text, opt("--code", "乡镇（街道）代码（9 位） / township code")] = None,
    name: Annotated[_Text, opt("--name", "乡镇（街道）名称 / township name")] = None,
    kind: Annotated[_Text, opt("--kind", "类型：街道/镇/乡/民族乡/苏木 / kind")] = None,
    version: Annotated[_Text, opt("--version", "版本，如 2025.1 / edition version")] = None,
    effective: Annotated[_Text, opt("--effective", "施行日期 YYYY-MM-DD / effective")] = None,
    document: Annotated[_Text, opt("--document", "批准文号 / approval document")] = None,
    force: Annotated[
        bool, typer.Option("--force", help="覆盖已有的清单文件 / overwrite an existing list")
    ] = False,
    output_format: TextOrJsonOption = "text",
    root: RootOption = None,
    lang: LangOption = None,
) -> None:
    """从 Excel 工作簿导入乡镇（街道）清单，写成 YAML 并校验 / import a list from a workbook."""
    import datetime as dt

    from dutylist_cli import messages
    from dutylist_cli.cli.output import require_format
    from dutylist_cli.cli.roots import data_root
    from dutylist_cli.errors import ExitCode, UsageError
    from dutylist_cli.model.enums import TownshipKind
    from dutylist_cli.spreadsheet.cells import enum_member
    from dutylist_cli.spreadsheet.identity import Identity
    from dutylist_cli.spreadsheet.run import import_into_root

    require_format(output_format, FORMATS)
    data = data_root(root)
    member = enum_member(kind, TownshipKind) if kind else None
    if kind and member is None:
        raise UsageError(
            messages.text("import.bad_kind", value=kind, choices=TownshipKind.choices())
        )
    try:
        day = dt.date.fromisoformat(effective) if effective else None
    except ValueError:
        raise UsageError(messages.text("import.bad_date", value=effective)) from None
    overrides = Identity(
        code=code,
        name=name,
        kind=member if isinstance(member, TownshipKind) else None,
        version=version,
        effective=day,
        document=document,
    )
    outcome = import_into_root(
        data, file, overrides=overrides, output=output, force=force, today=dt.date.today()
    )
    if output_format == "json":
        typer.echo(json.dumps(_as_json(outcome), ensure_ascii=False, indent=2))
    else:
        _print_text(data, outcome)
    failed = outcome.result.errors or any(d.severity.value == "error" for d in outcome.validation)
    raise typer.Exit(int(ExitCode.FINDINGS if failed else ExitCode.OK))


def _findings(outcome: ImportOutcome) -> Any:
    from dutylist_cli.diagnostics import ValidationResult

    files = 2 if outcome.written is not None else 1
    return ValidationResult(files, [*outcome.result.findings, *outcome.validation])


def _counts(outcome: ImportOutcome) -> str:
    from dutylist_cli import messages

    english = messages.language() == "en"
    return ("; " if english else "，").join(
        messages.text(
            "import.count",
            category=category.value if english else category.label,
            count=count,
        )
        for category, count in outcome.result.counts.items()
        if count
    )


def _print_text(root: Path, outcome: ImportOutcome) -> None:
    from dutylist_cli import messages
    from dutylist_cli.cli.output import print_report, source_lines

    on_disk = source_lines(root)
    written = outcome.text.splitlines()

    def source(file: str, line: int) -> str | None:
        if file == outcome.source:
            return None  # the workbook: its findings name their cells instead
        if file == outcome.shown:
            return written[line - 1] if 0 < line <= len(written) else None
        return on_disk(file, line)

    print_report(_findings(outcome), fmt="text", source=source, color=sys.stdout.isatty())
    if outcome.written is None:
        typer.echo(messages.text("import.not_written", errors=outcome.result.errors))
        return
    for note in outcome.result.notes:
        typer.echo(messages.text("import.note", note=note))
    township = outcome.result.data["township"]
    typer.echo(
        messages.text(
            "import.summary",
            source=outcome.source,
            township=township["name"],
            code=township["code"],
            counts=_counts(outcome),
        )
    )
    typer.echo(messages.text("import.written", path=outcome.shown))
    errors = sum(1 for d in outcome.validation if d.severity.value == "error")
    if errors:
        typer.echo(messages.text("import.invalid", errors=errors))


def _as_json(outcome: ImportOutcome) -> dict[str, Any]:
    from dutylist_cli import messages
    from dutylist_cli.reporters.json_report import as_dict

    township = outcome.result.data.get("township", {})
    findings = _findings(outcome)
    report = as_dict(findings, lang=messages.language())
    for entry, finding in zip(report["diagnostics"], findings.diagnostics, strict=True):
        if "cell" in finding.args:
            entry["cell"] = finding.args["cell"]  # the workbook's findings: Sheet!A1
    return {
        "source": outcome.source,
        "township": {"code": township.get("code"), "name": township.get("name")},
        "output": outcome.shown or None,
        "written": outcome.written is not None,
        "counts": {category.value: n for category, n in outcome.result.counts.items()},
        "notes": outcome.result.notes,
        **report,
    }
