"""Generated clearance test: every read path, for every reader of the clearance world, shows nothing that the
reader's clearances forbid — no note, timeline line or assessment narrative of a compartment they may not open,
and nothing of a child without the child-protection clearance.

Each app lists its read paths in ``tests/read_paths.py``; a GET route or API operation without an entry there
fails the suite, so a new read path is walked (or declared not personal, with its reason) from its first day.
"""

from __future__ import annotations

import io
import zipfile
from typing import Any

import pytest
from django.urls import reverse

from hamkor.cases.tests import clearance_world
from hamkor.conftest import verified_client
from hamkor.core import services as core_services
from hamkor.core.tests.test_permissions import API_ROUTES, ROUTES
from hamkor.testing import Read, app_test_modules

READ_PATHS: dict[str, Read] = {k: v for m in app_test_modules("read_paths") for k, v in m.READ_PATHS.items()}


def _reads() -> set[str]:
    pages = {name for name, route in ROUTES.items() if route.method == "get"}
    return pages | {key for key in API_ROUTES if key.startswith("GET ")}


def test_every_read_path_has_a_clearance_entry():
    declared = {key.split("#")[0] for key in READ_PATHS}
    missing = _reads() - declared
    assert not missing, f"Add these read paths to a tests/read_paths.py: {sorted(missing)}"
    assert not declared - set(ROUTES) - set(API_ROUTES), "an entry names a route that no longer exists"


def _text(response: Any) -> str:
    body = b"".join(response.streaming_content) if response.streaming else response.content
    if body[:2] == b"PK":  # an XLSX workbook: search the sheets' XML
        with zipfile.ZipFile(io.BytesIO(body)) as book:
            return "".join(book.read(name).decode("utf-8", "replace") for name in book.namelist())
    return body.decode("utf-8", "replace")


def _open(key: str, read: Read, target: tuple[str, ...], keys: dict[str, Any], page: Any, api: Any) -> Any:
    kwargs = {name: keys[key_] for name, key_ in (pair.split("=") for pair in target)}
    data = dict(read.data)
    if key.startswith(("GET ", "POST ")):
        method, path = key.split(" ", 1)
        url = path.format(**kwargs)
        if method == "GET":
            return api.get(url, data)
        return api.post(url, data, content_type="application/json")
    url = reverse(key.split("#")[0], kwargs=kwargs)
    return page.post(url, data) if read.method == "post" else page.get(url, data)


class _Bearer:
    def __init__(self, client: Any, user: Any) -> None:
        issued = core_services.create_api_token(None, user, name="clearance walk", scopes=["read", "write"])
        self.client, self.headers = client, {"HTTP_AUTHORIZATION": f"Bearer {issued.secret}"}

    def get(self, url: str, data: dict[str, Any]) -> Any:
        return self.client.get(url, data, **self.headers)

    def post(self, url: str, data: dict[str, Any], **kwargs: Any) -> Any:
        return self.client.post(url, data, **kwargs, **self.headers)


@pytest.mark.django_db
def test_no_read_path_shows_what_the_readers_clearances_forbid(world, persona, client):
    built = clearance_world.build(world, persona)
    seen: dict[str, set[str]] = {g.marker: set() for g in built.guarded}
    answered: dict[str, set[str]] = {}
    leaks: list[str] = []
    for name, reader in built.readers.items():
        forbidden = built.forbidden(reader)
        page, api = verified_client(reader), _Bearer(client, reader)
        for key, read in READ_PATHS.items():
            if not read.personal:
                continue
            for target in read.targets:
                response = _open(key, read, target, built.keys, page, api)
                assert response.status_code < 500, f"{key} {target} as {name}: {response.status_code}"
                answered.setdefault(f"{key} {target}", set())
                if response.status_code != 200:
                    continue
                answered[f"{key} {target}"].add(name)
                text = _text(response)
                leaks += [f"{key} {target} shows {m} to {name}" for m in forbidden if m in text]
                for marker in seen:
                    if marker in text:
                        seen[marker].add(f"{key} as {name}")
    assert not leaks, "\n".join(leaks)
    # The walk can fail: every guarded text is shown to some reader cleared for it on some path.
    unseen = sorted(marker for marker, where in seen.items() if not where)
    assert not unseen, f"no read path showed {unseen} to anyone: the world or the walk is broken"
    unopened = sorted(path for path, readers in answered.items() if not readers)
    assert not unopened, f"no reader opened {unopened}: the walk checked nothing there"
