"""Reading the settings from the environment: typed values, and a secret key kept on disk."""

import os
import secrets
from pathlib import Path


def envbool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def envint(name: str, default: int) -> int:
    value = os.environ.get(name)
    return int(value) if value else default


def envfloat(name: str, default: float) -> float:
    value = os.environ.get(name)
    return float(value) if value else default


def envlist(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def secret_key(var_dir: Path) -> str:
    """SECRET_KEY from the environment, else a random one kept in var/secret_key.

    Several app servers must share one key: set SECRET_KEY for them (README, "Environment").
    """
    if key := os.environ.get("SECRET_KEY"):
        return key
    stored = var_dir / "secret_key"
    if not stored.exists() or not stored.read_text().strip():
        # Written whole under another name, then linked into place: two processes starting
        # at once agree on the first key, and a crash never leaves an empty file behind.
        var_dir.mkdir(parents=True, exist_ok=True)
        draft = var_dir / f".secret_key.{os.getpid()}"
        draft.write_text(secrets.token_urlsafe(64))
        draft.chmod(0o600)
        try:
            os.link(draft, stored)
        except FileExistsError:
            if not stored.read_text().strip():
                os.replace(draft, stored)
        finally:
            draft.unlink(missing_ok=True)
    return stored.read_text().strip()
