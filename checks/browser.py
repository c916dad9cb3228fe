"""A headless Debian Chromium for the gate's browser checks, and a local web server for a site folder.

Reusable by other tests and tools (the screenshots, changwat.screenshots):

    with serve(site_dir) as base_url, chromium() as driver:
        emulate(driver, 360, 800, 3)          # a phone: viewport, pixel ratio, mobile, touch
        driver.get(base_url + "en/")

The driver paths are explicit (CHANGWAT_CHROMIUM / CHANGWAT_CHROMEDRIVER, default Debian's
/usr/bin/chromium and /usr/bin/chromedriver), so Selenium Manager never tries to download a browser.
"""
from __future__ import annotations

import contextlib
import functools
import http.server
import os
import shutil
import tempfile
import threading
from pathlib import Path
from typing import Callable, Iterator

from . import tools

INSTALL_CHROMIUM = ("install Debian's Chromium and its driver (`apt-get install chromium chromium-driver`), "
                    "or set CHANGWAT_CHROMIUM and CHANGWAT_CHROMEDRIVER to their paths")

FLAGS = [
    "--headless=new",
    "--no-sandbox",  # CI containers run as root, where Chromium's sandbox cannot start
    "--disable-gpu",
    "--disable-dev-shm-usage",  # small /dev/shm in containers makes Chromium crash on big pages
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
    # Only the local server is reachable: the pages are judged as they ship, offline and fast.
    # A request to another host is the privacy check's finding, not something to wait for here.
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
]
WINDOW = (1280, 1024)


class BrowserUnavailable(RuntimeError):
    """Chromium or chromedriver is missing or would not start: a TOOL failure, not a page problem."""


def _executable(path: str, what: str) -> str:
    found = shutil.which(path) if not os.path.isabs(path) else (path if os.access(path, os.X_OK) else None)
    if not found:
        raise BrowserUnavailable(f"{what} was not found at {path!r}")
    return found


@contextlib.contextmanager
def chromium(width: int = WINDOW[0], height: int = WINDOW[1], extra_flags: list[str] | None = None) -> Iterator:
    """One headless Chromium with a fresh profile; quit and its profile removed on exit."""
    # Selenium Manager must never fetch a browser or driver: the machines reach no download hosts.
    os.environ.setdefault("SE_OFFLINE", "true")
    from selenium import webdriver
    from selenium.common.exceptions import WebDriverException
    from selenium.webdriver.chrome.service import Service

    binary = _executable(tools.chromium(), "Chromium")
    driver_path = _executable(tools.chromedriver(), "chromedriver")
    profile = tempfile.mkdtemp(prefix="changwat-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = binary
    for flag in FLAGS + (extra_flags or []) + [f"--user-data-dir={profile}", f"--window-size={width},{height}"]:
        options.add_argument(flag)
    try:
        driver = webdriver.Chrome(service=Service(executable_path=driver_path), options=options)
    except WebDriverException as e:
        shutil.rmtree(profile, ignore_errors=True)
        raise BrowserUnavailable(f"Chromium would not start: {str(e.msg or e).strip().splitlines()[0]}") from e
    try:
        driver.set_page_load_timeout(60)
        driver.set_script_timeout(120)
        yield driver
    finally:
        with contextlib.suppress(Exception):
            driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def emulate(driver, width: int, height: int, dpr: float, mobile: bool = True, touch: bool = True) -> None:
    """Chromium's device emulation (DevTools protocol): the viewport in CSS pixels, the pixel ratio, the mobile
    layout (meta viewport, overlay scrollbars) and touch, as a phone or tablet shows a page. The screen is the
    viewport's size (a desktop's would otherwise be the headless window's)."""
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                           {"width": width, "height": height, "deviceScaleFactor": dpr, "mobile": mobile,
                            "screenWidth": width, "screenHeight": height})
    driver.execute_cdp_cmd("Emulation.setTouchEmulationEnabled",
                           {"enabled": True, "maxTouchPoints": 5} if touch else {"enabled": False})


def stop_emulating(driver) -> None:
    """Back to the browser's own window (WINDOW), no touch."""
    driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
    driver.execute_cdp_cmd("Emulation.setTouchEmulationEnabled", {"enabled": False})


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    base_path = "/"
    request_log = None  # called with each requested URL path (page_cache.RequestLog)

    def log_message(self, *args) -> None:  # the gate prints findings, not access logs
        pass

    def send_head(self):
        if self.request_log:
            self.request_log(self.path)
        return super().send_head()

    def end_headers(self) -> None:
        # The browser asks again for every file on every page load (a 304 when unchanged), so the server sees
        # each file a page uses, even one the browser had cached: the page cache keys results on exactly those.
        self.send_header("Cache-Control", "no-cache")
        super().end_headers()

    def translate_path(self, path: str) -> str:
        # Serve the folder under the site's base path, so a site published in a sub-folder works as built.
        if self.base_path != "/" and path.startswith(self.base_path):
            path = "/" + path[len(self.base_path):]
        return super().translate_path(path)


@contextlib.contextmanager
def serve(folder: Path | str, base_path: str = "/", log: Callable[[str], None] | None = None) -> Iterator[str]:
    """Serve a folder on 127.0.0.1 at a free port in a thread; yields the base URL ending in "/".
    `log`: called with the URL path of every request."""
    attributes = {"base_path": base_path, "request_log": staticmethod(log) if log else None}
    handler = functools.partial(type("Handler", (_QuietHandler,), attributes),
                                directory=str(Path(folder).resolve()))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, name="changwat-serve", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{base_path}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)
