"""Django settings for doorbraak: one base, every operator choice an environment variable.

See docs/configuration.md for the list; `doorbraak.conf.env.REGISTRY` is its source.
"""

from pathlib import Path

import dj_database_url
import django_stubs_ext

from doorbraak.conf.env import flag, setting

django_stubs_ext.monkeypatch()  # lets admin classes carry type parameters at run time

PACKAGE_DIR = Path(__file__).resolve().parent.parent
PROJECT_DIR = PACKAGE_DIR.parent.parent

DATA_DIR = Path(
    setting(
        "DOORBRAAK_DATA_DIR",
        str(PROJECT_DIR / "var"),
        "Folder for the SQLite database, logs and generated files.",
    )
)
DEBUG = flag("DOORBRAAK_DEBUG", False, "Django debug mode. Never on a server with real data.")
SECRET_KEY = setting(
    "DOORBRAAK_SECRET_KEY",
    "onveilig-alleen-voor-de-demo-op-deze-computer",
    "Django's secret key. Set a long random value on every server.",
)
ALLOWED_HOSTS = setting(
    "DOORBRAAK_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]", "Comma-separated host names served."
).split(",")
DATABASES = {
    "default": dj_database_url.parse(
        setting(
            "DOORBRAAK_DATABASE_URL",
            f"sqlite:///{DATA_DIR / 'doorbraak.sqlite3'}",
            "Database URL: sqlite:///PATH (embedded default) or postgres://USER@HOST:PORT/NAME.",
        ),
        conn_max_age=60,
    )
}
REGION = setting(
    "DOORBRAAK_REGION",
    "veenkolonien",
    "Region configuration to load: a file name in doorbraak/areas/data/regions/ (without .yaml).",
)
PLAN_FILE = Path(
    setting(
        "DOORBRAAK_PLAN_FILE",
        str(PACKAGE_DIR / "programme" / "data" / "plan-alliantie-van-kracht.yaml"),
        "Programme plan definition file loaded by `doorbraak demo` and `doorbraak plan load`.",
    )
)
DISCLOSURE_THRESHOLD = int(
    setting(
        "DOORBRAAK_DISCLOSURE_THRESHOLD",
        "10",
        "Smallest count (and numerator/denominator of a rate) that may leave the monitor zone.",
    )
)
MONITOR_ENGINE = setting(
    "DOORBRAAK_MONITOR_ENGINE",
    "database",
    "Where `doorbraak monitor run` computes: `database` (the operational database) or `duckdb` "
    "(a columnar extract of the register in DuckDB).",
)
NODE_MODULES_DIR = Path(
    setting(
        "DOORBRAAK_NODE_MODULES",
        str(PROJECT_DIR / "node_modules"),
        "Where the front-end packages (NL Design System CSS, htmx) were installed by npm.",
    )
)

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "django_tasks",
    "django_tasks_db",
    "doorbraak.core",
    "doorbraak.partners",
    "doorbraak.areas",
    "doorbraak.programme",
    "doorbraak.register",
    "doorbraak.intake",
    "doorbraak.linkage",
    "doorbraak.monitor",
    "doorbraak.pipeline",
    "doorbraak.api",
    "doorbraak.opendata",
    "doorbraak.web",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

# The read-only API (/api/v1, docs/api.md): JSON only, a token for tools or the browser's
# session, readable by roles that may see the programme, errors as Dutch problem+json.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",  # first: anonymous gets 401
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["doorbraak.api.permissions.CanViewProgramme"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "doorbraak.api.problems.exception_handler",
}

# The pipeline's job queue lives in the database (ADR 0008): no Redis or other server. Its
# worker is `doorbraak pipeline worker`. After a delivery is accepted (web upload or
# `doorbraak import`) the intake calls each function named here with the batch.
TASKS = {
    "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["pijplijn"]},
}
INTAKE_ACCEPTED = ["doorbraak.pipeline.services.delivery_accepted"]

ROOT_URLCONF = "doorbraak.conf.urls"
WSGI_APPLICATION = "doorbraak.conf.wsgi.application"
AUTH_USER_MODEL = "partners.User"
LOGIN_URL = "web:login"
LOGIN_REDIRECT_URL = "web:start"
LOGOUT_REDIRECT_URL = "web:public"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "doorbraak.web.context.navigation",
            ],
        },
    },
]

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Dutch for every user. Texts go through gettext so an English catalogue can follow; until it
# exists there is no LocaleMiddleware, so a browser asking for English still gets Dutch dates.
LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", "Nederlands"), ("en", "English")]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # WhiteNoise warns on every start without it
STATICFILES_DIRS = [
    ("vendor/utrecht", NODE_MODULES_DIR / "@utrecht" / "component-library-css" / "dist"),
    (
        "vendor/tokens",
        NODE_MODULES_DIR / "@nl-design-system-unstable" / "voorbeeld-design-tokens" / "dist",
    ),
    ("vendor/htmx", NODE_MODULES_DIR / "htmx.org" / "dist"),
    ("vendor/vega", NODE_MODULES_DIR / "vega" / "build"),
    ("vendor/vega-lite", NODE_MODULES_DIR / "vega-lite" / "build"),
    ("vendor/vega-embed", NODE_MODULES_DIR / "vega-embed" / "build"),
]
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Security headers (BIO, NL API Design Rules): no framing, no sniffing, no referrer leaks.
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = 8 * 60 * 60
SECURE_COOKIES = flag(
    "DOORBRAAK_SECURE_COOKIES", False, "Send cookies only over HTTPS. Turn on behind TLS."
)
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = SECURE_COOKIES

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {"doorbraak": {"level": "INFO", "handlers": ["console"], "propagate": False}},
}
