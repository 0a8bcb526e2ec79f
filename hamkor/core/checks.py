"""System checks: a configuration that cannot work is reported at start-up, naming the setting."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import Error, register
from django.core.exceptions import ImproperlyConfigured


@register()
def data_keys(app_configs: Any, **kwargs: Any) -> list[Error]:
    from hamkor.core.crypto import parse_keys

    try:
        if not parse_keys(settings.HAMKOR_DATA_KEY):
            raise ImproperlyConfigured("HAMKOR_DATA_KEY holds no key.")
    except ImproperlyConfigured as exc:
        return [
            Error(
                str(exc),
                hint="Generate one with: python -c 'import base64,os; "
                "print(base64.b64encode(os.urandom(32)).decode())'",
                id="hamkor.E001",
            )
        ]
    return []
