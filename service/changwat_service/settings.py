"""Settings from the environment, optionally from a TOML file named by CHANGWAT_SERVICE_SETTINGS.

The environment wins over the file so that a deployment can keep secrets out of files it commits.
"""

from __future__ import annotations

import ipaddress
import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

# Setting name -> environment variable. The TOML file uses the setting names as keys.
ENV = {
    "db_url": "CHANGWAT_SERVICE_DB_URL",
    "secret": "CHANGWAT_SERVICE_SECRET",
    "site_origin": "CHANGWAT_SITE_ORIGIN",
    "public_url": "CHANGWAT_SERVICE_PUBLIC_URL",
    "smtp_host": "CHANGWAT_SMTP_HOST",
    "smtp_port": "CHANGWAT_SMTP_PORT",
    "smtp_from": "CHANGWAT_SMTP_FROM",
    "smtp_user": "CHANGWAT_SMTP_USER",
    "smtp_password": "CHANGWAT_SMTP_PASSWORD",
    "smtp_security": "CHANGWAT_SMTP_SECURITY",
    "retention_days": "CHANGWAT_SERVICE_RETENTION_DAYS",
    "rate_limits": "CHANGWAT_SERVICE_RATE_LIMITS",
    "trust_proxy": "CHANGWAT_SERVICE_TRUST_PROXY",
    "login_budget": "CHANGWAT_SERVICE_LOGIN_BUDGET",
    "login_hashing": "CHANGWAT_SERVICE_LOGIN_HASHING",
    "cookie_secure": "CHANGWAT_SERVICE_COOKIE_SECURE",
    "max_body_bytes": "CHANGWAT_SERVICE_MAX_BODY_BYTES",
    "office_file": "CHANGWAT_OFFICE_FILE",
    "office_logo": "CHANGWAT_OFFICE_LOGO",
    "mail_retry_seconds": "CHANGWAT_SERVICE_MAIL_RETRY_SECONDS",
    "office_name_th": "CHANGWAT_OFFICE_NAME_TH",
    "office_name_en": "CHANGWAT_OFFICE_NAME_EN",
    "province_th": "CHANGWAT_PROVINCE_TH",
    "province_en": "CHANGWAT_PROVINCE_EN",
}

# bucket -> (capacity, seconds to refill the whole bucket). Generous for people, tight for scripts.
DEFAULT_RATE_LIMITS = "form=10/600,status=30/60,beacon=120/60,login=5/300,survey=10/600"
# Failed logins for the whole service, whatever their addresses: an office has a few dozen officers, and a
# flood from many addresses must not turn into hundreds of 64 MiB password checks.
DEFAULT_LOGIN_BUDGET = "30/60"
# The name the issue and the deployment profile use for the proxy setting; the same as TRUST_PROXY.
TRUST_PROXY_ALIAS = "CHANGWAT_TRUST_PROXY"


class SettingsError(ValueError):
    pass


@dataclass(frozen=True)
class Settings:
    secret: str
    db_url: str = "sqlite:///changwat-service.sqlite3"
    site_origin: str = "http://127.0.0.1:8000"
    public_url: str = "http://127.0.0.1:8100"
    smtp_host: str = "127.0.0.1"
    smtp_port: int = 25
    smtp_from: str = "no-reply@localhost"
    smtp_user: str = ""
    smtp_password: str = ""
    smtp_security: str = "none"  # none | starttls | tls
    retention_days: int = 365
    rate_limits: dict[str, tuple[int, float]] = field(default_factory=lambda: parse_rate_limits(DEFAULT_RATE_LIMITS))
    # The proxies whose X-Forwarded-For is believed (addresses or networks); none by default.
    trust_proxy: tuple = ()
    login_budget: tuple[int, float] | None = field(default_factory=lambda: parse_budget(DEFAULT_LOGIN_BUDGET))
    # Password checks at once per process (argon2id takes 64 MiB and one core each): the number of cores.
    login_hashing: int = field(default_factory=lambda: max(1, os.cpu_count() or 1))
    cookie_secure: bool = True
    max_body_bytes: int = 64 * 1024
    # Who the pages belong to, shown in their header and footer: the site's data/office.yml (its name and
    # province), each text replaceable by its own setting; without either, a generic name (office.py).
    office_file: str = ""
    # The site's logo (mkdocs.yml theme.logo, e.g. docs/assets/images/logo.svg), shown beside the office's name.
    office_logo: str = ""
    # How often each service process looks for receipt mails still waiting (the mail server was down when the
    # case came in); 0: never (then `notify` sends them at the next deploy).
    mail_retry_seconds: int = 60
    office_name_th: str = ""
    office_name_en: str = ""
    province_th: str = ""
    province_en: str = ""

    def __post_init__(self):
        # The secret signs e-mail links and sessions: a short one makes every link forgeable.
        if len(self.secret) < 32:
            raise SettingsError("CHANGWAT_SERVICE_SECRET must be at least 32 characters (e.g. `openssl rand -hex 32`).")
        if self.smtp_security not in ("none", "starttls", "tls"):
            raise SettingsError("CHANGWAT_SMTP_SECURITY must be none, starttls or tls.")
        if self.login_hashing < 1:
            raise SettingsError("CHANGWAT_SERVICE_LOGIN_HASHING must be at least 1 (the number of cores).")

    @property
    def base_url(self) -> str:
        return self.public_url.rstrip("/")


def parse_rate_limits(text: str) -> dict[str, tuple[int, float]]:
    """`form=10/600,beacon=120/60` -> {"form": (10, 600.0), ...}; `off` disables limits (benchmarks only)."""
    if text.strip().lower() == "off":
        return {}
    rules = {}
    for part in filter(None, (p.strip() for p in text.split(","))):
        name, _, spec = part.partition("=")
        capacity, _, seconds = spec.partition("/")
        try:
            rules[name.strip()] = (int(capacity), float(seconds))
        except ValueError:
            raise SettingsError(f"Bad rate limit {part!r}: write name=capacity/seconds, e.g. form=10/600.") from None
    return rules


def parse_networks(value) -> tuple:
    """`127.0.0.1, 10.0.0.0/8, ::1` (or a TOML list) -> networks; empty, `none` or `false` -> none."""
    items = value if isinstance(value, (list, tuple)) else str(value).split(",")
    items = [str(i).strip() for i in items if str(i).strip()]
    if [i.lower() for i in items] in ([], ["none"], ["false"], ["no"], ["0"], ["off"]):
        return ()
    if isinstance(value, bool) or [i.lower() for i in items] in (["true"], ["yes"], ["1"], ["on"]):
        raise SettingsError("CHANGWAT_SERVICE_TRUST_PROXY lists the proxy's addresses now, not true/false: "
                            "e.g. 127.0.0.1,::1 for a proxy on the same machine.")
    try:
        return tuple(ipaddress.ip_network(i, strict=False) for i in items)
    except ValueError:
        raise SettingsError(f"CHANGWAT_SERVICE_TRUST_PROXY: {value!r} is not a comma list of addresses or "
                            "networks, e.g. 127.0.0.1,10.0.0.0/8.") from None


def parse_budget(value) -> tuple[int, float] | None:
    """`30/60` -> (30, 60.0); `off` -> None."""
    if value is None or isinstance(value, tuple):
        return value
    if str(value).strip().lower() == "off":
        return None
    capacity, _, seconds = str(value).partition("/")
    try:
        return int(capacity), float(seconds)
    except ValueError:
        raise SettingsError(f"CHANGWAT_SERVICE_LOGIN_BUDGET {value!r}: write failures/seconds, e.g. 30/60.") from None


def _coerce(name: str, value):
    if name in ("smtp_port", "retention_days", "max_body_bytes", "login_hashing", "mail_retry_seconds"):
        return int(value)
    if name == "cookie_secure":
        return value if isinstance(value, bool) else str(value).strip().lower() in ("1", "true", "yes", "on")
    if name == "trust_proxy":
        return parse_networks(value)
    if name == "login_budget":
        return parse_budget(value)
    if name == "rate_limits":
        return parse_rate_limits(value) if isinstance(value, str) else {k: tuple(v) for k, v in value.items()}
    return str(value)


def load_settings(env: dict | None = None, **overrides) -> Settings:
    env = os.environ if env is None else env
    values: dict = {}
    path = env.get("CHANGWAT_SERVICE_SETTINGS")
    if path:
        with Path(path).open("rb") as fh:
            values.update(tomllib.load(fh))
    for name, var in ENV.items():
        if env.get(var) not in (None, ""):
            values[name] = env[var]
    alias = env.get(TRUST_PROXY_ALIAS)
    if alias not in (None, ""):
        if values.get("trust_proxy", alias) != alias:
            raise SettingsError(f"{TRUST_PROXY_ALIAS} and {ENV['trust_proxy']} differ: set one of them.")
        values["trust_proxy"] = alias
    values.update(overrides)
    unknown = set(values) - set(ENV)
    if unknown:
        raise SettingsError(f"Unknown settings: {', '.join(sorted(unknown))}")
    if "secret" not in values:
        raise SettingsError("Set CHANGWAT_SERVICE_SECRET (at least 32 random characters).")
    return Settings(**{k: _coerce(k, v) for k, v in values.items()})
