"""Settings for the test suite: the real settings module, read with test values in the environment.

Production-like on purpose (DEBUG off, secrets required), minus what a plain-HTTP test server cannot do.
"""

import os

_TEST_ENV = {
    "HAMKOR_DEBUG": "0",
    "HAMKOR_SECRET_KEY": "test-secret-key-for-the-hamkor-suite-only-0123456789abcdef",
    "HAMKOR_DATA_KEY": "dGVzdC1vbmx5LWRhdGEta2V5LTMyLWJ5dGVzLWxvbmc=",
    "HAMKOR_ALLOWED_HOSTS": "testserver,localhost,127.0.0.1",
    "HAMKOR_SSL_REDIRECT": "0",
    "HAMKOR_SECURE_COOKIES": "0",
    "HAMKOR_STATIC_MANIFEST": "0",
    "HAMKOR_EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
    "HAMKOR_TASKS_BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
    "HAMKOR_CACHE_BACKEND": "django.core.cache.backends.locmem.LocMemCache",
}
for _name, _value in _TEST_ENV.items():
    os.environ.setdefault(_name, _value)

from hamkor.settings import *  # noqa: E402, F403  (the one place a star import is the point)

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # fast; Argon2 is tested on its own
