"""Encryption of identity fields and free text at rest (AES-256-GCM), with keys kept outside the database.

``HAMKOR_DATA_KEY`` holds one or more base64-encoded 32-byte keys separated by commas; the first encrypts, all
decrypt. Every stored value names the key that sealed it (``<key id>$<base64 nonce+ciphertext>``, the key id
being a fingerprint of the key), so ``hamkor rotate_data_key`` can re-encrypt row by row while the application
keeps running with both keys loaded.

A value that cannot be decrypted (wrong or missing key, altered ciphertext) raises ``DecryptionError``: it is
never shown in place of the plaintext.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import models

_NONCE_BYTES = 12


class DecryptionError(Exception):
    """A stored value could not be decrypted with the keys this process holds."""


@dataclass(frozen=True)
class DataKey:
    key_id: str
    secret: bytes

    @property
    def index_secret(self) -> bytes:
        """A separate key for blind indexes, so an index digest reveals nothing about the encryption key."""
        return hmac.new(self.secret, b"hamkor blind index v1", hashlib.sha256).digest()


class Keyring:
    def __init__(self, keys: list[DataKey]) -> None:
        if not keys:
            raise ImproperlyConfigured("HAMKOR_DATA_KEY holds no key.")
        self.keys = keys
        self.by_id = {k.key_id: k for k in keys}

    @property
    def current(self) -> DataKey:
        return self.keys[0]

    def encrypt(self, plaintext: str) -> str:
        key = self.current
        nonce = os.urandom(_NONCE_BYTES)
        sealed = AESGCM(key.secret).encrypt(nonce, plaintext.encode("utf-8"), key.key_id.encode("ascii"))
        return f"{key.key_id}${base64.b64encode(nonce + sealed).decode('ascii')}"

    def decrypt(self, stored: str) -> str:
        key_id, _sep, payload = stored.partition("$")
        key = self.by_id.get(key_id)
        if key is None or not payload:
            raise DecryptionError(f"No key {key_id!r} to decrypt this value; is HAMKOR_DATA_KEY complete?")
        try:
            raw = base64.b64decode(payload, validate=True)
            opened = AESGCM(key.secret).decrypt(raw[:_NONCE_BYTES], raw[_NONCE_BYTES:], key_id.encode("ascii"))
        except (InvalidTag, ValueError) as exc:
            raise DecryptionError(f"A value sealed with key {key_id!r} does not decrypt (altered?).") from exc
        return opened.decode("utf-8")

    def blind_indexes(self, token: str) -> dict[str, str]:
        """The digest of ``token`` under every key, by key id (during a rotation rows carry either)."""
        return {k.key_id: _digest(k, token) for k in self.keys}

    def blind_index(self, token: str) -> tuple[str, str]:
        return self.current.key_id, _digest(self.current, token)


def _digest(key: DataKey, token: str) -> str:
    return hmac.new(key.index_secret, token.encode("utf-8"), hashlib.sha256).hexdigest()


def parse_keys(raw: str) -> list[DataKey]:
    keys = []
    for part in (p.strip() for p in raw.split(",")):
        if not part:
            continue
        try:
            secret = base64.b64decode(part, validate=True)
        except ValueError:
            raise ImproperlyConfigured("HAMKOR_DATA_KEY must be base64 of 32 random bytes (comma-separated).") from None
        if len(secret) != 32:
            raise ImproperlyConfigured(f"Each key in HAMKOR_DATA_KEY must be 32 bytes; one is {len(secret)}.")
        keys.append(DataKey(hashlib.sha256(secret).hexdigest()[:8], secret))
    return keys


@lru_cache(maxsize=4)
def _keyring_for(raw: str) -> Keyring:
    return Keyring(parse_keys(raw))


def keyring() -> Keyring:
    """The keys of this process (re-read when the setting changes, e.g. in tests)."""
    return _keyring_for(settings.HAMKOR_DATA_KEY)


def new_key() -> str:
    """A fresh key, base64-encoded, for HAMKOR_DATA_KEY."""
    return base64.b64encode(os.urandom(32)).decode("ascii")


class EncryptedTextField(models.TextField[Any, Any]):
    """Text stored encrypted; reads give the plaintext, and a failure to decrypt raises ``DecryptionError``."""

    encrypted = True

    def from_db_value(self, value: str | None, expression: Any, connection: Any) -> str | None:
        return None if value is None else keyring().decrypt(value)

    def to_python(self, value: Any) -> Any:
        return value

    def get_prep_value(self, value: Any) -> Any:
        if value is None:
            return None
        return keyring().encrypt(str(value))


class EncryptedJSONField(models.TextField[Any, Any]):
    """A JSON document stored encrypted as one sealed value."""

    encrypted = True
    _pyi_private_set_type: Any
    _pyi_private_get_type: Any

    def from_db_value(self, value: str | None, expression: Any, connection: Any) -> Any:
        return None if value is None else json.loads(keyring().decrypt(value))

    def to_python(self, value: Any) -> Any:
        return value

    def get_prep_value(self, value: Any) -> Any:
        if value is None:
            return None
        return keyring().encrypt(json.dumps(value, ensure_ascii=False, sort_keys=True))


def encrypted_fields() -> list[tuple[type[models.Model], str]]:
    """Every (model, field name) that holds sealed values, across all apps."""
    from django.apps import apps

    return [
        (model, field.name)
        for model in apps.get_models()
        for field in model._meta.concrete_fields
        if getattr(field, "encrypted", False)
    ]
