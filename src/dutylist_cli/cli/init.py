"""`dutylist init DIR`: scaffold a new data repository (config, folders, schemas, CI, hooks)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from dutylist_cli import messages
from dutylist_cli.cli.options import LangOption, opt
from dutylist_cli.errors import UsageError

_Text = Optional[str]  # noqa: UP045 - typer reads the annotations at runtime


def _folder_to_create(target: Path | None, root: Path | None) -> Path:
    """TARGET or --root (the data root to be): one of them, or both naming one folder."""
    if target is not None and root is not None and target.absolute() != root.absolute():
        raise UsageError(messages.text("root.conflict", root=root, target=target))
    folder = target if target is not None else root
    if folder is None:
        raise UsageError(messages.text("init.no_target"))
    return folder


def init_command(
    target: Annotated[
        Optional[Path],  # noqa: UP045 - typer reads the annotation at runtime
        typer.Argument(
            help="新数据仓库的目录（也可用 --root 给出） / folder to create (or --root)",
            show_default=False,
        ),
    ] = None,
    province_code: Annotated[str, opt("--province-code", "省级代码（2 位）", shown=True)] = "32",
    province_name: Annotated[str, opt("--province-name", "省名称", shown=True)] = "江苏省",
    county_code: Annotated[_Text, opt("--county-code", "第一个县（市、区）的代码（6 位）")] = None,
    county_name: Annotated[_Text, opt("--county-name", "县（市、区）名称")] = None,
    city_code: Annotated[_Text, opt("--city-code", "所属地级市代码（6 位）")] = None,
    city_name: Annotated[_Text, opt("--city-name", "所属地级市名称")] = None,
    install: Annotated[
        _Text,
        opt(
            "--install",
            "CI 与 pre-commit 安装 dutylist 的来源（pip 需求，如 git+URL@提交号）；"
            "默认取正在运行的 dutylist 的来源 / pip requirement to install dutylist from",
        ),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="目录非空时仍然写入（覆盖同名文件） / write anyway")
    ] = False,
    root: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Option("--root", help="新数据仓库的目录 / folder to create", show_default=False),
    ] = None,
    lang: LangOption = None,
) -> None:
    """新建数据仓库：配置、目录、县级部门名录模板、Schema、pre-commit 与 CI 门禁 / scaffold."""
    from dutylist_cli.scaffold.repository import (
        ScaffoldInvalid,
        build_install_source,
        build_region,
        build_scaffold,
        write_scaffold,
    )

    target = _folder_to_create(target, root)

    try:
        region = build_region(
            province_code=province_code,
            province_name=province_name,
            county_code=county_code,
            county_name=county_name,
            city_code=city_code,
            city_name=city_name,
        )
        source = build_install_source(install)
    except ScaffoldInvalid as exc:
        option = "--" + exc.field.replace("_", "-")
        raise UsageError(messages.text("init.invalid", field=option, reason=exc.reason)) from None
    written = write_scaffold(target, build_scaffold(region, install=source), force=force)
    for name in written.files:
        typer.echo(messages.text("init.wrote", path=name))
    typer.echo(messages.text("init.done", path=target.as_posix(), count=len(written.files)))
    typer.echo(messages.text("init.install", requirement=source.requirement))
    if source.is_local:
        typer.echo(messages.text("init.install.local"))
    if region.county is None:
        typer.echo(messages.text("init.no_county"))
    typer.echo(messages.text("init.next", path=target.as_posix()))
