"""The built site of the sample data root, a local web server and Debian's Chromium."""

from __future__ import annotations

import functools
import http.server
import shutil
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

SAMPLE = Path(__file__).resolve().parents[2]  # the repository is a data root (as copy_sample)
COUNTY = "lists/320115-江宁区"
# an item name broken on purpose: it must show as text and run nothing
HOSTILE_NAME = '<img src=x onerror="alert(1)"><script>alert(2)</script>危险化学品'


def run_site(root: Path, *args: str) -> Any:
    """``dutylist site --root ROOT ARGS…`` through the real CLI, stderr kept apart."""
    from dutylist_cli.cli.main import _register, app

    _register()
    result = CliRunner().invoke(app, ["site", "--root", str(root), "--lang", "zh", *args])
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result


@pytest.fixture
def site_cli() -> Callable[..., Any]:
    """``site_cli(root, *args)``: `dutylist site` through the real CLI (see `run_site`)."""
    return run_site


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample root, one item renamed to markup, built into a site once for the session
    (the tests only read it); returns the site."""
    folder = tmp_path_factory.mktemp("built")
    root = folder / "data"
    root.mkdir()
    shutil.copy(SAMPLE / "dutylist.yaml", root)
    shutil.copytree(SAMPLE / "lists", root / "lists")
    township = root / COUNTY / "320115001-东山街道.yaml"
    text = township.read_text("utf-8")
    assert "name: 危险化学品安全监管" in text
    hostile = HOSTILE_NAME.replace("'", "''")
    township.write_text(text.replace("name: 危险化学品安全监管", f"name: '{hostile}'", 1), "utf-8")
    site = folder / "site"
    result = run_site(root, "-o", str(site))
    assert result.exit_code == 0, result.stderr
    return site


@pytest.fixture
def serve() -> Iterator[Callable[[Path], str]]:
    """``serve(folder)`` -> the base URL of a web server on 127.0.0.1 serving ``folder``."""
    servers: list[http.server.ThreadingHTTPServer] = []

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:
            pass

    def start(folder: Path) -> str:
        handler = functools.partial(Quiet, directory=str(folder))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}"

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


@pytest.fixture
def page(chromium: Any) -> Iterator[Any]:
    """A fresh page that records every dialog (alert) a script opens."""
    opened = chromium.new_page()
    opened.dialogs = []  # type: ignore[attr-defined]

    def dismiss(dialog: Any) -> None:
        opened.dialogs.append(dialog.message)
        dialog.dismiss()

    opened.on("dialog", dismiss)
    yield opened
    opened.close()
