"""Encryption of identity fields and free text at rest (AES-256-GCM), with keys kept outside the database.

``HAMKOR_DATA_KEY`` holds one or more base64-encoded 32-byte keys separated by commas; the first encrypts, all
decrypt. Every stored value names the key that sealed it (``<key id>$<base64 nonce+ciphertext>``, the key id
being a fingerprint of the key), so ``hamkor rotate_data_key`` can re-encrypt row by row while the application
keeps running with both keys loaded.

A value that cannot be decrypted (wrong or missing key, altered ciphertext) raises ``DecryptionError``: it is
never shown in place of the plaintext. An empty text is stored empty: there is nothing in it to seal. A sealed
column cannot be searched, so filtering on one (other than ``isnull``) raises ``TypeError`` instead of silently
matching nothing.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import models
from django.db.backends.base.base import BaseDatabaseWrapper

_NONCE_BYTES = 12
_SEALED = re.compile(r"[0-9a-f]{8}\$[A-Za-z0-9+/]+={0,2}")


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


class _Sealed:
    """What both sealed fields share: no lookup but ``isnull`` (a sealed value never equals its plaintext)."""

    encrypted = True

    def get_lookup(self, lookup_name: str) -> Any:
        if lookup_name != "isnull":
            raise TypeError(f"A sealed field cannot be searched ({lookup_name!r}); filter on codes and ids instead.")
        return super().get_lookup(lookup_name)  # type: ignore[misc]


class EncryptedTextField(_Sealed, models.TextField[Any, Any]):
    """Text stored encrypted; reads give the plaintext, and a failure to decrypt raises ``DecryptionError``."""

    def from_db_value(self, value: str | None, expression: Any, connection: Any) -> str | None:
        return None if value is None else open_text(value)

    def to_python(self, value: Any) -> Any:
        return value

    def get_prep_value(self, value: Any) -> Any:
        if value is None:
            return None
        return seal_text(str(value))


class EncryptedJSONField(_Sealed, models.TextField[Any, Any]):
    """A JSON document stored encrypted as one sealed value."""

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


def seal_text(text: str) -> str:
    """``text`` sealed under the current key; the empty text stays empty."""
    return keyring().encrypt(text) if text else ""


def open_text(stored: str) -> str:
    """The plaintext of a value of ``seal_text``."""
    return keyring().decrypt(stored) if stored else ""


def is_sealed(stored: str) -> bool:
    """Whether ``stored`` has the form of a sealed value (``<key id>$<base64>``); it says nothing of the key."""
    return _SEALED.fullmatch(stored) is not None


def encrypted_fields() -> list[tuple[type[models.Model], str]]:
    """Every (model, field name) that holds sealed values, across all apps."""
    from django.apps import apps

    return [
        (model, field.name)
        for model in apps.get_models()
        for field in model._meta.concrete_fields
        if getattr(field, "encrypted", False)
    ]


def rewrite_column(
    connection: BaseDatabaseWrapper,
    model: type[models.Model],
    field_name: str,
    change: Callable[[str], str | None],
    *,
    skip_prefix: str = "",
    batch: int = 500,
) -> int:
    """Replace each non-empty value of a column by ``change(value)`` (``None`` keeps it), a batch per
    transaction, straight in SQL so nothing is decoded on the way. Each value is replaced only if it still holds
    what was read (compare-and-set), so a write by the application meanwhile is never overwritten. Values
    starting with ``skip_prefix`` are not read. Used by key rotation and by the migrations that seal a column."""
    from django.db import transaction

    qn = connection.ops.quote_name
    table = qn(model._meta.db_table)
    column = qn(str(getattr(model._meta.get_field(field_name), "column", field_name)))
    pk = qn(str(model._meta.pk.column) if model._meta.pk else "id")
    skip = f" AND {column} NOT LIKE %s" if skip_prefix else ""
    changed, last = 0, None
    while True:
        after = "" if last is None else f" AND {pk} > %s"
        params: list[Any] = [*([skip_prefix + "%"] if skip_prefix else []), *([] if last is None else [last]), batch]
        with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
            cursor.execute(
                f"SELECT {pk}, {column} FROM {table} "  # noqa: S608 - names from the model
                f"WHERE {column} IS NOT NULL AND {column} <> ''{skip}{after} ORDER BY {pk} LIMIT %s",
                params,
            )
            rows = cursor.fetchall()
            for row_pk, stored in rows:
                replaced = change(str(stored))
                if replaced is not None and replaced != stored:
                    cursor.execute(
                        f"UPDATE {table} SET {column} = %s WHERE {pk} = %s AND {column} = %s",  # noqa: S608
                        [replaced, row_pk, stored],
                    )
                    changed += cursor.rowcount
        if len(rows) < batch:
            return changed
        last = rows[-1][0]


def seal_clear(stored: str) -> str | None:
    """For a migration that seals a column: the clear value sealed (a value already sealed is kept)."""
    return None if is_sealed(stored) else keyring().encrypt(stored)


def open_sealed(stored: str) -> str | None:
    """For undoing such a migration: the sealed value opened (a clear value is kept)."""
    return keyring().decrypt(stored) if is_sealed(stored) else None


def sealing_step(app_label: str, fields: list[tuple[str, str]]) -> Any:
    """A migration's data step sealing the clear values of ``fields`` ((model name, field name) of the app),
    and opening them again when the migration is undone. Runs after the fields became sealed fields."""
    from django.db import migrations

    def run(change: Callable[[str], str | None]) -> Callable[[Any, Any], None]:
        def step(apps: Any, schema_editor: Any) -> None:
            connection = schema_editor.connection
            for model_name, field_name in fields:
                rewrite_column(connection, apps.get_model(app_label, model_name), field_name, change)
            if connection.vendor == "postgresql":
                # Check the deferred foreign keys of the rows just written now: PostgreSQL refuses to alter a
                # table with pending trigger events, which undoing the migration does next.
                with connection.cursor() as cursor:
                    cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
                    cursor.execute("SET CONSTRAINTS ALL DEFERRED")

        return step

    return migrations.RunPython(run(seal_clear), run(open_sealed))
