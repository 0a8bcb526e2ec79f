"""Typed readers for the HAMKOR_* environment variables.

Every setting the platform takes from the environment goes through one of these, so a wrong value fails at
start-up with ``ImproperlyConfigured`` naming the variable, instead of surfacing later as a strange error.
"""

from __future__ import annotations

import os
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name} must be one of 1/0, true/false, yes/no, on/off; got {raw!r}")


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be an integer; got {raw!r}") from None


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


def env_secret(name: str) -> str | None:
    """A secret from ``NAME`` or from the file named by ``NAME_FILE`` (the file wins when both are set)."""
    file_var = f"{name}_FILE"
    path = os.environ.get(file_var)
    if path:
        try:
            return Path(path).read_text(encoding="utf-8").strip()
        except OSError as exc:
            raise ImproperlyConfigured(f"{file_var} points to {path!r}, which cannot be read: {exc}") from None
    value = os.environ.get(name)
    return value or None


def env_database(name: str, default_sqlite: Path) -> dict[str, object]:
    """Parse ``sqlite:///path`` or ``postgres://user:password@host:port/name`` into a Django DATABASES entry.

    SQLite gets WAL (readers never wait for the writer) and IMMEDIATE transactions (a writer takes the lock when
    its transaction starts, so two writers queue instead of failing half-way with "database is locked").
    """
    from urllib.parse import unquote, urlsplit

    raw = os.environ.get(name, "").strip() or f"sqlite:///{default_sqlite}"
    url = urlsplit(raw)
    if url.scheme == "sqlite":
        path = unquote(url.path[1:] if url.path.startswith("//") else url.path)
        if not path:
            raise ImproperlyConfigured(f"{name} names no SQLite file: {raw!r}")
        return {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": path,
            "OPTIONS": {
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=10000;",
                "transaction_mode": "IMMEDIATE",
            },
            "TEST": {"NAME": None},
        }
    if url.scheme in {"postgres", "postgresql"}:
        return {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": unquote(url.path.lstrip("/")) or "hamkor",
            "USER": unquote(url.username or ""),
            "PASSWORD": unquote(url.password or ""),
            "HOST": url.hostname or "",
            "PORT": str(url.port or ""),
            "CONN_MAX_AGE": 60,
        }
    raise ImproperlyConfigured(f"{name} must start with sqlite:/// or postgres://; got {raw!r}")
