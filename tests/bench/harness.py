"""Shared bench plumbing: run a command in a fresh process and read its wall time and peak memory."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


@dataclass
class Measure:
    seconds: float
    peak_mib: float
    output: str


def run(command: list[str], *, env: dict[str, str] | None = None, cwd: Path | None = None) -> Measure:
    """Run a child process; its own peak RSS comes from wait4, not a poll."""
    started = time.perf_counter()
    proc = subprocess.Popen(
        command,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        env={**os.environ, **(env or {})},
        cwd=cwd or REPO,
        text=True,
    )
    assert proc.stdout is not None
    output = proc.stdout.read()
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - started
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(command[:4])}... failed ({proc.returncode}):\n{output[-2000:]}")
    return Measure(seconds, usage.ru_maxrss / 1024, output)


def screener(*args: str) -> list[str]:
    return [sys.executable, "-c", "from screener.cli import main; main()", *args]


def python(code: str, *args: str) -> list[str]:
    return [sys.executable, "-c", code, *args]
