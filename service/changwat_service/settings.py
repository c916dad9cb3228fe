"""Settings from the environment, optionally from a TOML file named by CHANGWAT_SERVICE_SETTINGS.

The environment wins over the file so that a deployment can keep secrets out of files it commits.
"""

from __future__ import annotations

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
    "cookie_secure": "CHANGWAT_SERVICE_COOKIE_SECURE",
    "max_body_bytes": "CHANGWAT_SERVICE_MAX_BODY_BYTES",
}

# bucket -> (capacity, seconds to refill the whole bucket). Generous for people, tight for scripts.
DEFAULT_RATE_LIMITS = "form=10/600,status=30/60,beacon=120/60,login=5/300,survey=10/600"


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
    trust_proxy: bool = False
    cookie_secure: bool = True
    max_body_bytes: int = 64 * 1024

    def __post_init__(self):
        # The secret signs e-mail links and sessions: a short one makes every link forgeable.
        if len(self.secret) < 32:
            raise SettingsError("CHANGWAT_SERVICE_SECRET must be at least 32 characters (e.g. `openssl rand -hex 32`).")
        if self.smtp_security not in ("none", "starttls", "tls"):
            raise SettingsError("CHANGWAT_SMTP_SECURITY must be none, starttls or tls.")

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


def _coerce(name: str, value):
    if name in ("smtp_port", "retention_days", "max_body_bytes"):
        return int(value)
    if name in ("trust_proxy", "cookie_secure"):
        return value if isinstance(value, bool) else str(value).strip().lower() in ("1", "true", "yes", "on")
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
    values.update(overrides)
    unknown = set(values) - set(ENV)
    if unknown:
        raise SettingsError(f"Unknown settings: {', '.join(sorted(unknown))}")
    if "secret" not in values:
        raise SettingsError("Set CHANGWAT_SERVICE_SECRET (at least 32 random characters).")
    return Settings(**{k: _coerce(k, v) for k, v in values.items()})
