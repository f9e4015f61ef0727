"""Django settings for doorbraak: one base, every operator choice an environment variable.

See docs/configuration.md for the list; `doorbraak.conf.env.REGISTRY` is its source.
"""

import os
from pathlib import Path

import dj_database_url
import django_stubs_ext
from django.core.exceptions import ImproperlyConfigured

from doorbraak.conf.env import flag, setting
from doorbraak.conf.security import local_only, secret_key_choose, trusted_proxies_parse

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
ALLOWED_HOSTS = setting(
    "DOORBRAAK_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]", "Comma-separated host names served."
).split(",")
HTTPS = flag(
    "DOORBRAAK_HTTPS",
    False,
    "Served over HTTPS (behind the reverse proxy): redirect to HTTPS, HSTS, secure cookies. "
    "On on every server (docs/deployment.md).",
)
# The secret key (conf/security.py): from the environment or a key file; the demo's key from
# the source code only while the server answers on this computer alone (localhost, no HTTPS:
# the demo, a developer, the tests). Any other server refuses to start without its own.
SECRET_KEY = secret_key_choose(
    setting(
        "DOORBRAAK_SECRET_KEY",
        "",
        "Django's secret key: at least 50 random characters. Required on every server; only a "
        "server that answers on localhost alone falls back to the demo's key.",
    ),
    setting(
        "DOORBRAAK_SECRET_KEY_FILE",
        "",
        "File holding the secret key instead of DOORBRAAK_SECRET_KEY (e.g. a systemd credential).",
    ),
    local=local_only(ALLOWED_HOSTS, https=HTTPS),
)
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
# The platform's own pseudonymisation key (contact persons' codes, `linkage.facts`): like the
# audit key, from the environment or a file outside the data folder (core.pseudonyms.key_load).
KEYS_DIR_DEFAULT = DATA_DIR.parent / f"{DATA_DIR.name}-sleutels"
REGISTER_KEY = setting(
    "DOORBRAAK_REGISTER_KEY",
    "",
    "The platform's pseudonymisation key for identifiers that arrive unkeyed (contact persons' "
    "codes) as hex (64 digits). Empty: the key file below.",
)
REGISTER_KEY_FILE = Path(
    setting(
        "DOORBRAAK_REGISTER_KEY_FILE",
        str(KEYS_DIR_DEFAULT / "registersleutel.txt"),
        "File with that key (hex); made with a new random key when missing. Never inside "
        "DOORBRAAK_DATA_DIR.",
    )
)
# The work zone's keys (casework, ADR 0024): its own settings, read only by `casework.keys`;
# no monitor-zone code reads them (tests/casework/test_keys_stay_in_the_work_zone.py).
WORK_ZONE_KEY = setting(
    "DOORBRAAK_WORK_ZONE_KEY",
    "",
    "The work zone's field-encryption key (AES-256-GCM) for identified casework data, as hex "
    "(64 digits). Empty: the key file below.",
)
WORK_ZONE_KEY_FILE = Path(
    setting(
        "DOORBRAAK_WORK_ZONE_KEY_FILE",
        str(KEYS_DIR_DEFAULT / "werkzonesleutel.txt"),
        "File with that key (hex); made with a new random key when missing. Never inside "
        "DOORBRAAK_DATA_DIR.",
    )
)
WORK_ZONE_OLD_KEYS = setting(
    "DOORBRAAK_WORK_ZONE_OLD_KEYS",
    "",
    "Earlier work-zone keys (hex, comma-separated) during a rotation: read, never written with.",
)
WORK_ZONE_PARTNER_KEY = setting(
    "DOORBRAAK_WORK_ZONE_PARTNER_KEY",
    "",
    "The partners' shared pseudonymisation key (hex) as the work zone holds it, so casework "
    "computes the partners' pseudonyms. Empty: the key file below.",
)
WORK_ZONE_PARTNER_KEY_FILE = Path(
    setting(
        "DOORBRAAK_WORK_ZONE_PARTNER_KEY_FILE",
        str(KEYS_DIR_DEFAULT / "werkzone-partnersleutel.txt"),
        "File with the partners' key for the work zone, as the key custodian delivers it; never "
        "made by doorbraak. Never inside DOORBRAAK_DATA_DIR.",
    )
)
BREAK_GLASS_HOURS = int(
    setting(
        "DOORBRAAK_BREAK_GLASS_HOURS",
        "3",
        "How long a colleague's emergency access to a household lasts (break-the-glass).",
    )
)
CASEWORK_INSTRUMENT = setting(
    "DOORBRAAK_CASEWORK_INSTRUMENT",
    "vijf-kapitalen:1.1",
    "The instrument (code:version, from register/data/instruments.yaml) professionals score "
    "the five capitals on in the work zone.",
)
CASEWORK_NO_CONTACT_DAYS = int(
    setting(
        "DOORBRAAK_CASEWORK_NO_CONTACT_DAYS",
        "61",
        "After how many days without a contact that reached them a household is on the "
        "professional's start page (two months).",
    )
)
OUTREACH_FIRST_ATTEMPT_DAYS = int(
    setting(
        "DOORBRAAK_OUTREACH_FIRST_ATTEMPT_DAYS",
        "14",
        "The norm for early signals: days from the signal date to the first contact attempt; "
        "a signal without an attempt after this many days is overdue on the worklist (ADR 0029).",
    )
)
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Many readers and one writer at a time, without "database is locked" (docs/audit.md):
    # WAL lets reads go on while a write is under way; IMMEDIATE makes a transaction take the
    # write lock when it begins, so it waits for the lock (SQLite retries it for up to
    # `timeout` seconds) instead of failing when it writes after reading; the audit chain
    # reads its last line and then writes the next one.
    # `synchronous`: FULL (SQLite's default) syncs the WAL on every commit, so a committed
    # audit line survives a power loss; NORMAL syncs only at checkpoints (a few ms less per
    # audit line, but the last commits can be lost, never half-written): ADR 0040.
    synchronous = setting(
        "DOORBRAAK_SQLITE_SYNCHRONOUS",
        "FULL",
        "SQLite only: FULL (every commit on disk) or NORMAL (faster; last commits lost on power "
        "loss, ADR 0040).",
    ).upper()
    if synchronous not in {"FULL", "NORMAL"}:
        raise ImproperlyConfigured("DOORBRAAK_SQLITE_SYNCHRONOUS moet FULL of NORMAL zijn.")
    DATABASES["default"]["OPTIONS"] = {
        "init_command": f"PRAGMA journal_mode=WAL; PRAGMA synchronous={synchronous}",
        "transaction_mode": "IMMEDIATE",
        "timeout": 30,
    }
# The audit chain's key and anchors live outside the database and outside the data folder
# (docs/audit.md): whoever can write the database cannot recompute the chain without the key,
# nor cut off its end unnoticed while the anchors are out of reach.
AUDIT_DIR_DEFAULT = DATA_DIR.parent / f"{DATA_DIR.name}-audit"
AUDIT_KEY = setting(
    "DOORBRAAK_AUDIT_KEY",
    "",
    "The audit chain's key as hex (64 digits); several, comma-separated, newest first, during a "
    "rotation. Empty: the key file below.",
)
AUDIT_KEY_FILE = Path(
    setting(
        "DOORBRAAK_AUDIT_KEY_FILE",
        str(AUDIT_DIR_DEFAULT / "auditsleutel.txt"),
        "File with the audit chain's key (hex, one per line, newest first); made with a new "
        "random key when missing. Never inside DOORBRAAK_DATA_DIR.",
    )
)
AUDIT_ANCHOR_FILE = Path(
    setting(
        "DOORBRAAK_AUDIT_ANCHOR_FILE",
        str(AUDIT_DIR_DEFAULT / "auditankers.jsonl"),
        "File the audit chain's anchors are appended to (one JSON line each).",
    )
)
AUDIT_ANCHOR_EVERY = int(
    setting(
        "DOORBRAAK_AUDIT_ANCHOR_EVERY",
        "1",
        "Write an anchor every N audit lines (1: every line).",
    )
)
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
GATE_WORKERS = int(
    setting(
        "DOORBRAAK_GATE_WORKERS",
        str(os.cpu_count() or 1),
        "Processes that solve the disclosure gate's linear programs of a monitor run (forked "
        "for the gate, ADR 0046); 1 solves them in the run's own process. The same cells are "
        "hidden either way.",
    )
)
MONITOR_ENGINE = setting(
    "DOORBRAAK_MONITOR_ENGINE",
    "duckdb",
    "Where `doorbraak monitor run` computes: `duckdb` (a columnar extract of the register in "
    "DuckDB, the default) or `database` (the operational database). Both give the same cells.",
)
# DuckDB's own bounds (ADR 0045): beyond the memory limit it spills to the temporary folder
# instead of growing until the operating system ends the process.
MONITOR_DUCKDB_MEMORY = setting(
    "DOORBRAAK_MONITOR_DUCKDB_MEMORY",
    "25%",
    "Most memory DuckDB may use in a monitor run (its `memory_limit`): a size such as `4GB` or "
    "a share of the computer's memory such as `25%`. Beyond it DuckDB spills to the folder "
    "below. Python's own share of the run (the tables the gate works on) comes on top.",
)
MONITOR_DUCKDB_THREADS = int(
    setting(
        "DOORBRAAK_MONITOR_DUCKDB_THREADS",
        "0",
        "Threads DuckDB may use in a monitor run; 0: one per core.",
    )
)
MONITOR_DUCKDB_TEMP_DIR = Path(
    setting(
        "DOORBRAAK_MONITOR_DUCKDB_TEMP_DIR",
        str(DATA_DIR / "duckdb-tmp"),
        "Folder where DuckDB spills what does not fit in DOORBRAAK_MONITOR_DUCKDB_MEMORY; made "
        "when first needed, emptied by DuckDB when the run ends.",
    )
)
DELIVERY_RHYTHM = setting(
    "DOORBRAAK_DELIVERY_RHYTHM",
    "kwartaal",
    "How often a partner's dataset is agreed to arrive when its mapping sets no `rhythm`: "
    "maand, kwartaal, halfjaar or jaar. A dataset whose last delivery is older is late.",
)
NODE_MODULES_DIR = Path(
    setting(
        "DOORBRAAK_NODE_MODULES",
        str(PROJECT_DIR / "node_modules"),
        "Where the front-end packages (NL Design System CSS, htmx) were installed by npm.",
    )
)

INSTALLED_APPS = [
    # first: its `createsuperuser` (audited) replaces Django's own (ADR 0014)
    "doorbraak.partners",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_otp",  # the second login step (ADR 0014)
    "django_otp.plugins.otp_totp",
    "django_otp_webauthn",  # security keys and passkeys as the second step (ADR 0014)
    "axes",  # login throttling and lockout
    "rest_framework",
    "drf_spectacular",
    "django_tasks",
    "django_tasks_db",
    "doorbraak.core",
    "doorbraak.areas",
    "doorbraak.programme",
    "doorbraak.register",
    "doorbraak.intake",
    "doorbraak.linkage",
    "doorbraak.learning",  # the learning network's register and experiments (ADR 0036)
    "doorbraak.monitor",
    "doorbraak.pipeline",
    "doorbraak.api",
    "doorbraak.opendata",
    "doorbraak.web",
    "doorbraak.casework",  # the work zone: identified casework (ADR 0024)
    "doorbraak.outreach",  # the work zone: early signals and outreach (ADR 0029)
    "doorbraak.reports",  # the eiland van reflectie: the yearly report (ADR 0038)
    "doorbraak.surveys",  # XLSForm surveys, invitations, anonymous responses (ADR 0035)
    "doorbraak.evaluation",  # effect estimates, research extracts, decisions (ADR 0037)
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "doorbraak.partners.middleware.IdleTimeoutMiddleware",
    "doorbraak.partners.middleware.SecondStepMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",  # Content-Security-Policy (below: CONTENT_SECURITY_POLICY)
    "doorbraak.web.cache_control.NoStoreMiddleware",  # no-store for logged-in users' pages
    "axes.middleware.AxesMiddleware",  # last, as django-axes asks
]

# The read-only API (/api/v1, docs/api.md): JSON only, a token for tools or the browser's
# session, readable by roles that may see the programme, errors as Dutch problem+json.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "doorbraak.api.authentication.ApiTokenAuthentication",  # first: anonymous gets 401
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

# Logging in (ADR 0014, docs/configuration.md): a local password or the organisation's own
# OpenID Connect provider, then a second step for every staff role (a TOTP code, or the
# provider's own MFA when its token says so); django-axes locks out after repeated failures.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # first: refuses a locked-out login before the rest
    "django.contrib.auth.backends.ModelBackend",
    "doorbraak.partners.oidc.OidcBackend",  # answers only on the OIDC callback, when configured
]
DEMO = flag(
    "DOORBRAAK_DEMO",
    False,
    "Demo mode: the demo accounts (`doorbraak demo`) log in without a second step, and every "
    "page says so. `doorbraak demo` turns it on. Never on a server with real data.",
)
SESSION_IDLE_MINUTES = int(
    setting(
        "DOORBRAAK_SESSION_IDLE_MINUTES",
        "30",
        "Log a user out after this many minutes without a request (sliding).",
    )
)
SESSION_MAX_HOURS = int(
    setting(
        "DOORBRAAK_SESSION_MAX_HOURS",
        "8",
        "Log a user out this many hours after logging in, active or not.",
    )
)
SESSION_COOKIE_AGE = SESSION_IDLE_MINUTES * 60  # renewed while the user is active
AXES_FAILURE_LIMIT = int(
    setting(
        "DOORBRAAK_LOGIN_FAILURE_LIMIT",
        "5",
        "Failed logins (per user name and address) after which logging in is locked.",
    )
)
AXES_COOLOFF_TIME = (
    float(
        setting(
            "DOORBRAAK_LOGIN_COOLOFF_MINUTES",
            "15",
            "Minutes a locked login stays locked, also for the right password.",
        )
    )
    / 60
)  # django-axes reads a number as hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_CALLABLE = "doorbraak.partners.lockout.username_key"  # never the name as typed
AXES_SENSITIVE_PARAMETERS = ["username", "otp_token"]
AXES_LOCKOUT_CALLABLE = "doorbraak.partners.lockout.lockout_response"
AXES_DISABLE_ACCESS_LOG = True  # successful logins are in the audit chain
AXES_RESET_ON_SUCCESS = True
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False  # a lock lasts the cool-off, no longer
AXES_VERBOSE = False
AXES_CLIENT_IP_CALLABLE = "doorbraak.core.client_address.client_address"  # behind the proxy
OTP_TOTP_ISSUER = "doorbraak"
# WebAuthn (security keys, passkeys) as the second step beside the app (ADR 0014): bound to
# this server's name (the relying party id) and accepted only from its own web address.
OTP_WEBAUTHN_RP_ID = setting(
    "DOORBRAAK_WEBAUTHN_RP_ID",
    "localhost",
    "The server's host name for security keys (WebAuthn relying party id), e.g. "
    "doorbraak.example.nl. A key registered under one name does not work under another.",
)
OTP_WEBAUTHN_ALLOWED_ORIGINS = [
    origin.strip().rstrip("/")
    for origin in setting(
        "DOORBRAAK_WEBAUTHN_ORIGINS",
        "http://localhost:8000",
        "Comma-separated web addresses (scheme://host[:port]) the browser may use a security key "
        "from, e.g. https://doorbraak.example.nl. Only https, except http://localhost.",
    ).split(",")
    if origin.strip()
]
OTP_WEBAUTHN_RP_NAME = "doorbraak"
OTP_WEBAUTHN_ALLOW_PASSWORDLESS_LOGIN = False  # a key is the second step, never the only one
OTP_WEBAUTHN_HELPER_CLASS = "doorbraak.partners.security_keys.KeyHelper"
API_TOKEN_DAYS = int(
    setting(
        "DOORBRAAK_API_TOKEN_DAYS",
        "90",
        "Days an API token from `doorbraak api token` stays valid (`--dagen` overrides).",
    )
)
OIDC_RP_CLIENT_ID = setting(
    "DOORBRAAK_OIDC_CLIENT_ID",
    "",
    "Client id at the organisation's OpenID Connect provider. Empty: OIDC login is off.",
)
OIDC_ENABLED = bool(OIDC_RP_CLIENT_ID)
OIDC_RP_CLIENT_SECRET = setting(
    "DOORBRAAK_OIDC_CLIENT_SECRET", "", "Client secret at the OpenID Connect provider."
)
OIDC_OP_ISSUER = setting(
    "DOORBRAAK_OIDC_ISSUER", "", "The provider's issuer (`iss`); ID tokens of any other refused."
)
OIDC_OP_AUTHORIZATION_ENDPOINT = setting(
    "DOORBRAAK_OIDC_AUTHORIZATION_ENDPOINT", "", "The provider's authorization endpoint (URL)."
)
OIDC_OP_TOKEN_ENDPOINT = setting(
    "DOORBRAAK_OIDC_TOKEN_ENDPOINT", "", "The provider's token endpoint (URL)."
)
OIDC_OP_USER_ENDPOINT = setting(
    "DOORBRAAK_OIDC_USERINFO_ENDPOINT", "", "The provider's userinfo endpoint (URL)."
)
OIDC_OP_JWKS_ENDPOINT = setting(
    "DOORBRAAK_OIDC_JWKS_ENDPOINT", "", "The provider's public signing keys (JWKS URL)."
)
OIDC_RP_SIGN_ALGO = setting(
    "DOORBRAAK_OIDC_SIGN_ALGO", "RS256", "Algorithm the provider signs ID tokens with."
)
OIDC_RP_SCOPES = setting(
    "DOORBRAAK_OIDC_SCOPES", "openid email profile", "Scopes asked of the provider."
)
OIDC_MATCH_CLAIM = setting(
    "DOORBRAAK_OIDC_MATCH_CLAIM",
    "email",
    "Claim that names the doorbraak account: `email` (matched to the account's e-mail "
    "address) or another claim, e.g. `preferred_username` (matched to the user name).",
)
OIDC_MFA_AMR = setting(
    "DOORBRAAK_OIDC_MFA_AMR",
    "mfa",
    "Comma-separated `amr` values that show the provider did multi-factor authentication.",
)
OIDC_MFA_ACR = setting(
    "DOORBRAAK_OIDC_MFA_ACR",
    "",
    "Comma-separated `acr` values that show the same (e.g. the provider's level for MFA).",
)
OIDC_USE_PKCE = True
OIDC_CREATE_USER = False  # accounts, roles and partners are kept in doorbraak
OIDC_AUTHENTICATION_CALLBACK_URL = "web:oidc_callback"
OIDC_TIMEOUT = 10

# E-mail: password reset links. No host: printed on the console (development; tests use
# Django's in-memory outbox).
EMAIL_HOST = setting("DOORBRAAK_EMAIL_HOST", "", "SMTP server. Empty: e-mail on the console.")
EMAIL_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend"
)
EMAIL_PORT = int(setting("DOORBRAAK_EMAIL_PORT", "587", "SMTP port (STARTTLS)."))
EMAIL_HOST_USER = setting("DOORBRAAK_EMAIL_USER", "", "SMTP user name.")
EMAIL_HOST_PASSWORD = setting("DOORBRAAK_EMAIL_PASSWORD", "", "SMTP password.")
EMAIL_USE_TLS = bool(EMAIL_HOST)
DEFAULT_FROM_EMAIL = setting(
    "DOORBRAAK_EMAIL_FROM", "doorbraak <noreply@localhost>", "Sender of doorbraak's e-mail."
)

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

# Security headers (BIO, NL API Design Rules, docs/deployment.md): no framing, no sniffing, no
# referrer leaks; over HTTPS a redirect from http, HSTS and cookies that never go over http.
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
SECURE_COOKIES = flag(
    "DOORBRAAK_SECURE_COOKIES",
    False,
    "Send cookies only over HTTPS. On by itself with DOORBRAAK_HTTPS.",
)
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = SECURE_COOKIES or HTTPS
SECURE_SSL_REDIRECT = HTTPS
SECURE_HSTS_SECONDS = (
    int(
        setting(
            "DOORBRAAK_HSTS_SECONDS",
            "31536000",
            "With DOORBRAAK_HTTPS: how long browsers keep to HTTPS (Strict-Transport-Security "
            "max-age); 0 turns HSTS off.",
        )
    )
    if HTTPS
    else 0
)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = flag(
    "DOORBRAAK_HSTS_PRELOAD",
    True,
    "With DOORBRAAK_HTTPS: add `preload` to the HSTS header (browsers' built-in HTTPS list).",
)
if flag(
    "DOORBRAAK_PROXY_HTTPS_HEADER",
    False,
    "Trust the reverse proxy's `X-Forwarded-Proto: https` (only when gunicorn listens on "
    "127.0.0.1 or a socket that nothing but the proxy reaches).",
):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# The client's address behind the reverse proxy (core.client_address): X-Forwarded-For is
# believed only from these peers; none by default, so REMOTE_ADDR stands.
TRUSTED_PROXIES = trusted_proxies_parse(
    setting(
        "DOORBRAAK_TRUSTED_PROXIES",
        "",
        "Comma-separated addresses or networks (CIDR) of the reverse proxies whose "
        "X-Forwarded-For is believed, e.g. 127.0.0.1. Empty: none; the peer's address is used.",
    )
)
# A strict Content-Security-Policy (django-csp): scripts, styles, images and fonts from this
# server only, no inline script or style, no eval; the charts run Vega's CSP-safe interpreter.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
SPECTACULAR_SETTINGS = {
    # `level` and `areaLevel` share one set of choices, the hierarchy's levels and the dorp and
    # experiment area (ADR 0042): one name in the OpenAPI document
    # (conf imports no app: tests/api/test_openapi_levels.py holds this to api.schema's list)
    "ENUM_NAME_OVERRIDES": {"AreaLevelEnum": ["region", "gemeente", "wijk", "dorp", "experiment"]},
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {"doorbraak": {"level": "INFO", "handlers": ["console"], "propagate": False}},
}
