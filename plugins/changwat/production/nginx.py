"""nginx.conf for the production profile, from deploy/nginx/nginx.conf.in.

Everything nginx writes (pid, logs, temporary files) stays under one folder, so the profile runs beside any
system nginx without touching /etc/nginx, and a test can run it on a free port."""

from __future__ import annotations

import getpass
import os
import re
from dataclasses import dataclass
from pathlib import Path

TEMPLATE = Path(__file__).resolve().parent / "deploy" / "nginx" / "nginx.conf.in"
TLS_TEMPLATE = TEMPLATE.with_name("tls-intermediate.conf")
BROTLI_MODULE = Path("/usr/lib/nginx/modules/ngx_http_brotli_filter_module.so")
BROTLI_TYPES = ("text/css application/javascript application/json application/xml application/rss+xml "
                "application/atom+xml text/xml text/plain image/svg+xml")


@dataclass(frozen=True)
class Profile:
    site_root: Path
    prefix: Path
    headers: Path
    site_listen: str = "127.0.0.1:8080"
    service_listen: str = "127.0.0.1:8081"
    upstream: str = "127.0.0.1:8001"
    site_name: str = "_"
    service_name: str = "_"
    # With a certificate and key the servers listen with TLS (Mozilla intermediate, tls-intermediate.conf).
    tls_certificate: Path | None = None
    tls_key: Path | None = None
    brotli: bool | None = None  # None: when Debian's module is installed
    user: str | None = None  # the workers' user (www-data on a server); None: as below


def _listen(address: str, profile: Profile) -> str:
    if profile.tls_certificate is None:
        return f"        listen {address};"
    return "\n".join([
        f"        listen {address} ssl http2;",
        f"        ssl_certificate {profile.tls_certificate};",
        f"        ssl_certificate_key {profile.tls_key};",
        f"        include {TLS_TEMPLATE};",
    ])


def render(profile: Profile) -> str:
    brotli = BROTLI_MODULE.exists() if profile.brotli is None else profile.brotli
    # As root, nginx hands its workers to `nobody`, who cannot read a site in a private folder; the local
    # profile keeps them as the user who started it. A real deployment runs the distribution's nginx as www-data.
    if profile.user:
        user = f"user {profile.user};"
    else:
        user = f"user {getpass.getuser()};" if os.geteuid() == 0 else "# user: the one who started nginx"
    values = {
        "USER": user,
        "PREFIX": str(profile.prefix),
        "LOAD_MODULES": f"load_module {BROTLI_MODULE};" if brotli else "# brotli: module not installed",
        "BROTLI": (f"    brotli on;\n    brotli_comp_level 5;\n    brotli_min_length 256;\n"
                   f"    brotli_types {BROTLI_TYPES};") if brotli else "",
        "UPSTREAM": profile.upstream,
        "SITE_LISTEN": _listen(profile.site_listen, profile),
        "SERVICE_LISTEN": _listen(profile.service_listen, profile),
        "SITE_NAME": profile.site_name,
        "SERVICE_NAME": profile.service_name,
        "SITE_ROOT": str(profile.site_root),
        "HEADERS": str(profile.headers),
    }
    text = TEMPLATE.read_text(encoding="utf-8")
    text = re.sub(r"@([A-Z_]+)@", lambda m: values[m.group(1)], text)
    return text


def write(profile: Profile) -> Path:
    for folder in ("logs", "tmp"):
        (profile.prefix / folder).mkdir(parents=True, exist_ok=True)
    conf = profile.prefix / "nginx.conf"
    conf.write_text(render(profile), encoding="utf-8")
    return conf
