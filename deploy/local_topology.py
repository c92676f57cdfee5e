"""The production topology on this machine, without Docker: PostgreSQL, two `motcua serve` instances on two
ports, nginx in front terminating TLS with a self-signed certificate, as deploy/nginx/motcua.conf does.

Run: .venv/bin/python deploy/local_topology.py [--postgres URL] [--https-port 8443]
It creates a fresh database on the PostgreSQL server (starting the cluster with pg_ctlcluster if it is
installed but down), upgrades it (`motcua migrate`), starts the instances one after the other (the first
imports the catalog), then nginx (no daemon, one process, its files in a scratch folder), prints the
address and waits for Ctrl-C; everything is stopped and the database dropped on the way out.
tests/e2e/test_production_topology.py drives the same class.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import shutil
import signal
import socket
import ssl
import subprocess
import sys
import tempfile
import time
import urllib.request
import uuid
from pathlib import Path
from types import TracebackType
from typing import Self

import asyncpg
from sqlalchemy.engine import make_url

ROOT = Path(__file__).resolve().parent.parent
PROXY_SNIPPET = ROOT / "deploy" / "nginx" / "motcua-proxy.conf"
PRIVATE_SNIPPET = ROOT / "deploy" / "nginx" / "motcua-private.conf"
DEFAULT_POSTGRES = os.environ.get("MOTCUA_TEST_POSTGRES_URL", "postgresql+asyncpg://postgres@127.0.0.1:5432/test")
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"

NGINX_CONF = """\
daemon off;
master_process off;
error_log {work}/nginx-error.log warn;
pid {work}/nginx.pid;
events {{ worker_connections 256; }}
http {{
    access_log {work}/nginx-access.log;
    client_body_temp_path {work}/client_body;
    proxy_temp_path {work}/proxy;
    fastcgi_temp_path {work}/fastcgi;
    uwsgi_temp_path {work}/uwsgi;
    scgi_temp_path {work}/scgi;
    upstream motcua_instances {{
        server 127.0.0.1:{first} max_fails=2 fail_timeout=10s;
        server 127.0.0.1:{second} max_fails=2 fail_timeout=10s;
        keepalive 8;
    }}
    server {{
        listen 127.0.0.1:{https} ssl;
        server_name localhost;
        ssl_certificate {work}/cert.pem;
        ssl_certificate_key {work}/key.pem;
        ssl_protocols TLSv1.2 TLSv1.3;
        add_header Strict-Transport-Security "max-age=31536000" always;
        client_max_body_size 25m;
        include {private};
        location / {{
            include {snippet};
            proxy_pass http://motcua_instances;
        }}
    }}
}}
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_postgres_if_down(url: str) -> None:
    """As .ci/run does: a cluster that is installed but not running is started."""
    parsed = make_url(url)
    with contextlib.suppress(OSError), socket.create_connection((parsed.host or "127.0.0.1", parsed.port or 5432), 2):
        return
    if shutil.which("pg_ctlcluster") and Path("/etc/postgresql").is_dir():
        for version in Path("/etc/postgresql").iterdir():
            subprocess.run(["pg_ctlcluster", "--skip-systemctl-redirect", version.name, "main", "start"], check=False)
        time.sleep(2)


class Topology:
    def __init__(self, postgres_url: str = DEFAULT_POSTGRES, https_port: int | None = None) -> None:
        self.admin_url = postgres_url
        self.https_port = https_port or free_port()
        self.ports = (free_port(), free_port())
        self.work = Path(tempfile.mkdtemp(prefix="motcua-topology-"))
        self.database = f"motcua_topology_{uuid.uuid4().hex[:8]}"
        self.database_url = make_url(postgres_url).set(database=self.database).render_as_string(hide_password=False)
        self.processes: list[subprocess.Popen[bytes]] = []
        self.logs: list[Path] = []

    @property
    def url(self) -> str:
        return f"https://127.0.0.1:{self.https_port}"

    @property
    def certificate(self) -> Path:
        return self.work / "cert.pem"

    def env(self, **extra: str) -> dict[str, str]:
        """The environment of every `motcua` command of this topology (the production settings)."""
        env = {key: value for key, value in os.environ.items() if not key.startswith("MOTCUA_")}
        env |= {
            "MOTCUA_DATABASE_URL": self.database_url,
            "MOTCUA_TRUSTED_PROXIES": "127.0.0.1",
            "MOTCUA_ATTACHMENTS_DIR": str(self.work / "attachments"),
            "MOTCUA_LOG_LEVEL": "INFO",
        }
        return env | extra

    def motcua(self, *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
        command = [sys.executable, "-m", "motcua.cli", *args]
        return subprocess.run(command, input=stdin, capture_output=True, text=True, env=self.env(), timeout=300)

    def __enter__(self) -> Self:
        try:
            self.start()
        except BaseException:
            self.stop()
            raise
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, tb: TracebackType | None) -> None:
        self.stop()

    def start(self) -> None:
        start_postgres_if_down(self.admin_url)
        asyncio.run(self._admin(f'CREATE DATABASE "{self.database}"'))
        migrated = self.motcua("migrate")
        if migrated.returncode != 0:
            raise RuntimeError(f"motcua migrate failed: {migrated.stderr}")
        self._certificate()
        for number, port in enumerate(self.ports, start=1):
            self._serve(number, port)
        self._nginx()

    def stop(self) -> None:
        for process in reversed(self.processes):
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
        for process in self.processes:
            with contextlib.suppress(subprocess.TimeoutExpired):
                process.wait(timeout=45)
            if process.poll() is None:
                process.kill()
        self.processes.clear()
        with contextlib.suppress(OSError, asyncpg.PostgresError):
            asyncio.run(self._admin(f'DROP DATABASE IF EXISTS "{self.database}" WITH (FORCE)'))
        shutil.rmtree(self.work, ignore_errors=True)

    def instance_log(self, number: int) -> str:
        return self.logs[number - 1].read_text(errors="replace")

    async def _admin(self, statement: str) -> None:
        url = make_url(self.admin_url)
        connection = await asyncpg.connect(
            host=url.host, port=url.port, user=url.username, password=url.password, database=url.database, timeout=10
        )
        try:
            await connection.execute(statement)
        finally:
            await connection.close()

    def _certificate(self) -> None:
        subprocess.run(
            [
                "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                "-subj", "/CN=localhost",
                "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1",
                "-keyout", str(self.work / "key.pem"), "-out", str(self.certificate),
            ],
            check=True, capture_output=True,
        )  # fmt: skip

    def _serve(self, number: int, port: int) -> None:
        log = self.work / f"instance-{number}.log"
        self.logs.append(log)
        with log.open("wb") as stderr:  # the child has its own copy of the descriptor
            process = subprocess.Popen(
                [sys.executable, "-m", "motcua.cli", "serve"],
                env=self.env(MOTCUA_WEB_PORT=str(port)),
                stdout=subprocess.DEVNULL,
                stderr=stderr,
            )
        self.processes.append(process)
        self._wait(f"http://127.0.0.1:{port}/healthz", process, log)

    def _nginx(self) -> None:
        config = self.work / "nginx.conf"
        first, second = self.ports
        config.write_text(
            NGINX_CONF.format(
                work=self.work,
                first=first,
                second=second,
                https=self.https_port,
                snippet=PROXY_SNIPPET,
                private=PRIVATE_SNIPPET,
            )
        )
        log = self.work / "nginx-error.log"
        process = subprocess.Popen(
            [NGINX, "-p", str(self.work), "-c", str(config), "-e", str(log)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        self.processes.append(process)
        self._wait(f"{self.url}/healthz", process, log)

    def _wait(self, url: str, process: subprocess.Popen[bytes], log: Path) -> None:
        context = ssl.create_default_context(cafile=str(self.certificate)) if url.startswith("https") else None
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if process.poll() is not None:
                raise RuntimeError(f"{url}: the process ended ({process.returncode}): {log.read_text()[-2000:]}")
            with contextlib.suppress(OSError), urllib.request.urlopen(url, timeout=2, context=context) as response:
                if response.status == 200:
                    return
            time.sleep(0.3)
        raise RuntimeError(f"{url} did not answer in time")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--postgres", default=DEFAULT_POSTGRES, help="an administrator's URL to create the database")
    parser.add_argument("--https-port", type=int, default=8443)
    args = parser.parse_args()
    with Topology(args.postgres, args.https_port) as topology:
        print(f"Một Cửa bot: {topology.url}/  (self-signed certificate: {topology.certificate})")
        print(f"instances: http://127.0.0.1:{topology.ports[0]}/ and http://127.0.0.1:{topology.ports[1]}/")
        print(f"database: {topology.database_url}; logs and files: {topology.work}")
        print("create an officer: MOTCUA_DATABASE_URL=… motcua admin user add …; Ctrl-C stops everything")
        signal.signal(signal.SIGTERM, _interrupt)
        with contextlib.suppress(KeyboardInterrupt):
            while True:
                time.sleep(3600)
    return 0


def _interrupt(*_: object) -> None:
    raise KeyboardInterrupt


if __name__ == "__main__":
    raise SystemExit(main())
