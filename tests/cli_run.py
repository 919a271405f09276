"""The CLI run as users run it: a real `python -m dutylist_cli` process, Chinese output, and
never a traceback (shared by the tests that drive commands end to end)."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path


def run_dutylist(
    *args: str | Path,
    cwd: Path,
    lang: str = "zh",
    timeout: float = 300,
    env: Mapping[str, str] | None = None,
) -> subprocess.CompletedProcess[str]:
    """``dutylist ARGS --lang LANG`` in ``cwd`` (``env`` added to the environment); a hang
    fails after ``timeout`` seconds."""
    done = subprocess.run(
        [sys.executable, "-m", "dutylist_cli", *map(str, args), "--lang", lang],
        cwd=cwd,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONIOENCODING": "utf-8", **(env or {})},
        timeout=timeout,
    )
    assert "Traceback" not in done.stderr, done.stderr
    return done
