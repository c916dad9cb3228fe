"""python -m changwat.production --site site --out build/production: the security headers from the built site,
and a runnable nginx.conf (nginx -p build/production -c nginx.conf)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .csp import InlineCodeError, scan_site
from .headers import nginx_include, security_headers
from .nginx import Profile, write


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m changwat.production", description=__doc__)
    parser.add_argument("--site", type=Path, default=Path("site"), help="the built site (default: site)")
    parser.add_argument("--out", type=Path, default=Path("build/production"),
                        help="where security-headers.conf, nginx.conf, logs/ and tmp/ go")
    parser.add_argument("--service-origin", action="append", default=[],
                        help="another origin the pages may post to and fetch from (the forms' own are found)")
    parser.add_argument("--listen", default="127.0.0.1:8080", help="the site's address")
    parser.add_argument("--service-listen", default="127.0.0.1:8081", help="the proxied service's address")
    parser.add_argument("--upstream", default="127.0.0.1:8001", help="where the service runs")
    parser.add_argument("--server-name", default="_", help="the site's host name (e.g. www.province.go.th)")
    parser.add_argument("--service-server-name", default="_", help="the service's host name")
    parser.add_argument("--user", help="the workers' user when nginx starts as root (a server: www-data)")
    parser.add_argument("--tls-certificate", type=Path, help="serve with TLS (Mozilla intermediate)")
    parser.add_argument("--tls-key", type=Path)
    args = parser.parse_args(argv)
    if (args.tls_certificate is None) != (args.tls_key is None):
        parser.error("--tls-certificate and --tls-key go together")

    try:
        found = scan_site(args.site)
    except (InlineCodeError, FileNotFoundError) as e:
        print(f"changwat.production: {e}", file=sys.stderr)
        return 1
    out = args.out.resolve()
    out.mkdir(parents=True, exist_ok=True)
    headers = security_headers(found, tuple(args.service_origin))
    include = out / "security-headers.conf"
    include.write_text(nginx_include(headers, found), encoding="utf-8")
    conf = write(Profile(
        site_root=args.site.resolve(), prefix=out, headers=include, site_listen=args.listen,
        service_listen=args.service_listen, upstream=args.upstream, site_name=args.server_name,
        service_name=args.service_server_name, tls_certificate=args.tls_certificate and args.tls_certificate.resolve(),
        tls_key=args.tls_key and args.tls_key.resolve(), user=args.user))
    print(f"{found.pages} pages, {len(found.scripts)} inline scripts, {len(found.styles)} inline styles, "
          f"{len(found.style_attributes)} style attributes: {include}\n"
          f"Content-Security-Policy: {headers['Content-Security-Policy']}\n"
          f"Run: nginx -p {out} -c {conf} -g 'daemon off;'")
    return 0


if __name__ == "__main__":
    sys.exit(main())
