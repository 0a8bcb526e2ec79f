"""Django settings for Hamkor, read from HAMKOR_* environment variables (see README)."""

from __future__ import annotations

from pathlib import Path

from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from hamkor.env import env_bool, env_database, env_int, env_list, env_secret, env_str

PACKAGE_DIR = Path(__file__).resolve().parent
BASE_DIR = PACKAGE_DIR.parent
VAR_DIR = Path(env_str("HAMKOR_VAR_DIR", str(BASE_DIR / "var")))

DEBUG = env_bool("HAMKOR_DEBUG", False)

SECRET_KEY = env_secret("HAMKOR_SECRET_KEY") or ""
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "HAMKOR_SECRET_KEY (or HAMKOR_SECRET_KEY_FILE) must be set when HAMKOR_DEBUG is off."
        )
    SECRET_KEY = "hamkor-debug-only-secret-key-never-use-in-production-0123456789"

# Field-encryption key: base64 of 32 random bytes. Kept outside the database on purpose.
HAMKOR_DATA_KEY = env_secret("HAMKOR_DATA_KEY") or ""
if not HAMKOR_DATA_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("HAMKOR_DATA_KEY (or HAMKOR_DATA_KEY_FILE) must be set when HAMKOR_DEBUG is off.")
    HAMKOR_DATA_KEY = "ZGVidWctb25seS1kYXRhLWtleS0zMi1ieXRlcyEhISE="

ALLOWED_HOSTS = env_list("HAMKOR_ALLOWED_HOSTS", ["127.0.0.1", "localhost"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env_list("HAMKOR_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "ninja",
    "django_tasks",
    "django_tasks_db",
    "hamkor.core",
    "hamkor.cases",
    "hamkor.council",
    "hamkor.library",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "hamkor.core.middleware.ApiBodyLimitMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "hamkor.core.middleware.NulCharacterMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "hamkor.core.middleware.SecondFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "hamkor.core.middleware.ContentSecurityPolicyMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "hamkor.urls"
WSGI_APPLICATION = "hamkor.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "hamkor.core.navigation.navigation",
            ],
        },
    }
]

DATABASES = {"default": env_database("HAMKOR_DATABASE_URL", VAR_DIR / "hamkor.sqlite3")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "core.User"
LOGIN_URL = "core:login"
LOGIN_REDIRECT_URL = "core:dashboard"
LOGOUT_REDIRECT_URL = "core:login"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Lockout: five failures for one account from one address lock it for an hour.
AXES_FAILURE_LIMIT = env_int("HAMKOR_LOCKOUT_FAILURES", 5)
AXES_COOLOFF_TIME = 1
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_FORM_FIELD = "username"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "core/locked_out.html"
AXES_VERBOSE = False

OTP_TOTP_ISSUER = "Hamkor"

# Sessions end after 30 minutes without a request.
SESSION_COOKIE_AGE = env_int("HAMKOR_SESSION_IDLE_SECONDS", 30 * 60)
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = not DEBUG and env_bool("HAMKOR_SECURE_COOKIES", True)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_SSL_REDIRECT = not DEBUG and env_bool("HAMKOR_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = 0 if DEBUG else env_int("HAMKOR_HSTS_SECONDS", 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if env_bool("HAMKOR_BEHIND_PROXY") else None
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Uploaded files live outside the static tree and are served only through views that ask the access policy.
MEDIA_ROOT = Path(env_str("HAMKOR_MEDIA_DIR", str(VAR_DIR / "media")))
MEDIA_URL = "/media/"
HAMKOR_MAX_UPLOAD_BYTES = env_int("HAMKOR_MAX_UPLOAD_BYTES", 25 * 1024 * 1024)
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024

# Request bodies over this size are refused before they are parsed (pages and API).
DATA_UPLOAD_MAX_MEMORY_SIZE = env_int("HAMKOR_MAX_BODY_BYTES", 1024 * 1024)

LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", _("English")),
    ("ru", _("Russian")),
    ("uz", _("Uzbek")),
]
# Catalogues that exist but are not complete yet; they join LANGUAGES once translated.
HAMKOR_PLANNED_LANGUAGES = ["kk", "ky", "tg", "tk"]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "UTC"

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if env_bool("HAMKOR_STATIC_MANIFEST", not DEBUG)
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = not env_bool("HAMKOR_STATIC_MANIFEST", not DEBUG)

# The database cache is shared by the web processes and the worker (which refreshes shared statistics).
CACHES = {
    "default": {
        "BACKEND": env_str("HAMKOR_CACHE_BACKEND", "django.core.cache.backends.db.DatabaseCache"),
        "LOCATION": "hamkor_cache",
    }
}

TASKS = {
    "default": {
        "BACKEND": env_str("HAMKOR_TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default"],
    }
}

EMAIL_BACKEND = env_str(
    "HAMKOR_EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend" if DEBUG else "django.core.mail.backends.smtp.EmailBackend",
)
DEFAULT_FROM_EMAIL = env_str("HAMKOR_FROM_EMAIL", "hamkor@localhost")

HAMKOR_API_TOKEN_DEFAULT_DAYS = env_int("HAMKOR_API_TOKEN_DEFAULT_DAYS", 90)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("HAMKOR_LOG_LEVEL", "WARNING")},
}
