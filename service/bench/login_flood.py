"""The login flood of issue #16: N source addresses x M wrong passwords at once against a real service
(`python -m changwat_service serve`, production argon2id, SQLite), behind a "proxy" on 127.0.0.1 that names
each source in X-Forwarded-For. Reports the service's peak memory (VmHWM), the status page's latency
while the flood lasts, and the answers the logins got.

    .venv/bin/python service/bench/login_flood.py [--addresses 40 --tries 5]
    # the code before the fix, for comparison (its proxy setting was a boolean):
    .venv/bin/python service/bench/login_flood.py --service-path /path/to/old/service --trust-proxy true
"""

from __future__ import annotations

import argparse
import asyncio
import collections
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

SERVICE = Path(__file__).resolve().parents[1]


def vm(pid: int, field: str) -> int:
    """A /proc/PID/status field in MiB (VmRSS now, VmHWM the peak so far)."""
    text = Path(f"/proc/{pid}/status").read_text()
    return int(re.search(rf"^{field}:\s+(\d+) kB", text, re.M).group(1)) // 1024


async def wrong_logins(base: str, address: str, tries: int, codes: collections.Counter) -> None:
    headers = {"X-Forwarded-For": address}
    async with httpx.AsyncClient(base_url=base, timeout=120, headers=headers) as client:
        for _ in range(tries):
            page = await client.get("/th/admin/login")
            csrf = re.search(r'name="csrf" value="([^"]+)"', page.text).group(1)
            r = await client.post("/th/admin/login", data={"username": "somsri", "password": "wrong password!",
                                                           "csrf": csrf})
            codes[r.status_code] += 1


async def watch_status(base: str, stop: asyncio.Event, latencies: list[float]) -> None:
    async with httpx.AsyncClient(base_url=base, timeout=120) as client:
        while not stop.is_set():
            started = time.perf_counter()
            r = await client.get("/th/status")
            latencies.append((time.perf_counter() - started) * 1000)
            assert r.status_code == 200, r.status_code
            await asyncio.sleep(0.05)


async def flood(base: str, addresses: int, tries: int) -> tuple[collections.Counter, list[float], float]:
    codes: collections.Counter = collections.Counter()
    latencies: list[float] = []
    stop = asyncio.Event()
    watcher = asyncio.create_task(watch_status(base, stop, latencies))
    started = time.perf_counter()
    await asyncio.gather(*(wrong_logins(base, f"2001:db8:{i:x}::1", tries, codes) for i in range(addresses)))
    elapsed = time.perf_counter() - started
    stop.set()
    await watcher
    return codes, latencies, elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--addresses", type=int, default=40)
    parser.add_argument("--tries", type=int, default=5)
    parser.add_argument("--service-path", default=str(SERVICE), help="the service folder to run (for before/after)")
    parser.add_argument("--trust-proxy", default="127.0.0.1", help="the value of CHANGWAT_SERVICE_TRUST_PROXY")
    parser.add_argument("--login-hashing", help="CHANGWAT_SERVICE_LOGIN_HASHING (default: the service's own)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp, socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
        probe.close()
        env = {k: v for k, v in os.environ.items() if not k.startswith("CHANGWAT_")}
        env.update(CHANGWAT_SERVICE_SECRET="b" * 64, CHANGWAT_SERVICE_DB_URL=f"sqlite:///{tmp}/flood.sqlite3",
                   CHANGWAT_SERVICE_TRUST_PROXY=args.trust_proxy, CHANGWAT_SERVICE_COOKIE_SECURE="false",
                   PYTHONPATH=args.service_path)
        if args.login_hashing:
            env["CHANGWAT_SERVICE_LOGIN_HASHING"] = args.login_hashing
        cmd = [sys.executable, "-m", "changwat_service"]
        subprocess.run(cmd + ["create-officer", "somsri", "--password-stdin"], input="a long enough password\n",
                       env=env, check=True, text=True, capture_output=True)
        server = subprocess.Popen(cmd + ["serve", "--port", str(port), "--log-level", "warning"], env=env)
        base = f"http://127.0.0.1:{port}"
        try:
            for _ in range(200):
                try:
                    httpx.get(base + "/healthz", timeout=1)
                    break
                except httpx.HTTPError:
                    time.sleep(0.1)
            idle = [httpx.get(base + "/th/status").elapsed.total_seconds() * 1000 for _ in range(20)]
            rss_before = vm(server.pid, "VmRSS")
            codes, latencies, elapsed = asyncio.run(flood(base, args.addresses, args.tries))
            peak = vm(server.pid, "VmHWM")
        finally:
            server.terminate()
            server.wait(10)
    latencies.sort()
    print(f"service: {args.service_path}")
    print(f"flood: {args.addresses} addresses x {args.tries} wrong passwords in {elapsed:.1f} s; "
          f"answers: {dict(sorted(codes.items()))}")
    print(f"memory: {rss_before} MiB before, {peak} MiB peak")
    print(f"status page: idle median {statistics.median(idle):.0f} ms; during the flood median "
          f"{statistics.median(latencies):.0f} ms, p95 {latencies[int(len(latencies) * 0.95) - 1]:.0f} ms, "
          f"max {latencies[-1]:.0f} ms ({len(latencies)} requests)")


if __name__ == "__main__":
    main()
