"""FullCredit settings: every environment variable is read here, and only here.

`.env.example` documents each variable. Start-up refuses to continue with a clear message when a
production deployment (DEBUG off) lacks something it cannot run safely without.
"""

from __future__ import annotations

import ipaddress
import os
from decimal import Decimal, InvalidOperation
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
import dj_email_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env(name: str, default: str = "") -> str:
    return os.environ.get(name, default).strip()


def env_bool(name: str, default: bool = False) -> bool:
    raw = env(name)
    if not raw:
        return default
    if raw.lower() in {"1", "true", "yes", "on"}:
        return True
    if raw.lower() in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {raw!r}.")


def env_int(name: str, default: int) -> int:
    raw = env(name)
    if not raw:
        return default
    try:
        return int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {raw!r}.") from None


def env_float(name: str, default: float, *, minimum: float = 0.01) -> float:
    raw = env(name)
    if not raw:
        return default
    try:
        value = float(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a number of seconds, not {raw!r}.") from None
    if not value >= minimum:
        raise ImproperlyConfigured(f"{name} must be at least {minimum}.")
    return value


def env_decimal(name: str, default: str) -> Decimal:
    raw = env(name, default)
    try:
        value = Decimal(raw)
    except InvalidOperation:
        raise ImproperlyConfigured(f"{name} must be a number such as 0.25, not {raw!r}.") from None
    if value <= 0:
        raise ImproperlyConfigured(f"{name} must be greater than zero.")
    return value


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in env(name, default).split(",") if item.strip()]


def is_full_url(url: str) -> bool:
    """An http(s) address with a host name, such as https://ce.example.org."""
    try:
        parts = urlsplit(url)
        return parts.scheme in {"http", "https"} and bool(parts.hostname)
    except ValueError:  # e.g. a malformed [IPv6] host
        return False


def site_url_problem(url: str) -> str:
    """Why `url` may not serve as production's SITE_URL without SITE_URL_ALLOW_INSECURE ("" if
    it may): an address on this machine, or one without HTTPS."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    try:
        address = ipaddress.ip_address(host)
        local = address.is_loopback or address.is_unspecified
    except ValueError:
        local = host == "localhost" or host.endswith(".localhost")
    if local:
        return f"SITE_URL is {url}, an address on this machine: links to it reach nobody else."
    if parts.scheme != "https":
        return f"SITE_URL is {url}, without HTTPS."
    return ""


DEBUG = env_bool("DEBUG", False)
VAR_DIR = Path(env("VAR_DIR", str(BASE_DIR / "var")))

SECRET_KEY = env("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Production (DEBUG off) needs a long random SECRET_KEY in the "
            "environment; generate one with:\n"
            "  python -c 'import secrets; print(secrets.token_urlsafe(50))'"
        )
    SECRET_KEY = "development-only-key-never-use-in-production"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]" if DEBUG else "")
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured(
        "ALLOWED_HOSTS is not set. List the host names this site is served under, "
        "comma-separated, e.g. ALLOWED_HOSTS=ce.example.org"
    )
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

# Absolute address used in emails and printed links (no request is at hand in a background task).
# Each certificate prints SITE_URL + its verification path (text and QR code) into its frozen
# snapshot, which is never re-rendered: a wrong SITE_URL at the first issuance is on the official
# document for good. So production refuses, before anything is issued, a SITE_URL that is missing,
# local or plain HTTP; SITE_URL_ALLOW_INSECURE=true lets a deliberately local or HTTP-only
# deployment through (a missing SITE_URL never).
SITE_URL = env("SITE_URL", "http://127.0.0.1:8000" if DEBUG else "").rstrip("/")
SITE_URL_ALLOW_INSECURE = env_bool("SITE_URL_ALLOW_INSECURE", False)
if not DEBUG:
    if not SITE_URL:
        raise ImproperlyConfigured(
            "SITE_URL is not set. Production (DEBUG off) needs the site's public address, which "
            "emails and certificates link to, e.g. SITE_URL=https://ce.example.org"
        )
    if not is_full_url(SITE_URL):
        raise ImproperlyConfigured(
            f"SITE_URL must be a full address such as https://ce.example.org, not {SITE_URL!r}."
        )
    if (_problem := site_url_problem(SITE_URL)) and not SITE_URL_ALLOW_INSECURE:
        raise ImproperlyConfigured(
            f"{_problem} Set SITE_URL to the site's public https address, e.g. "
            "SITE_URL=https://ce.example.org (certificates print it and keep it for good). "
            "For a deployment that is deliberately local or without HTTPS, set "
            "SITE_URL_ALLOW_INSECURE=true."
        )

PROVIDER_NAME = env("PROVIDER_NAME", "FullCredit Demo Provider")
# Printed under the signature line of every certificate.
CERTIFICATE_SIGNATORY_NAME = env("CERTIFICATE_SIGNATORY_NAME", "Continuing Education Director")
CERTIFICATE_SIGNATORY_TITLE = env("CERTIFICATE_SIGNATORY_TITLE", f"on behalf of {PROVIDER_NAME}")
DEFAULT_USER_TIME_ZONE = env("DEFAULT_USER_TIME_ZONE", "America/New_York")

# --- CE rules the provider configures ---------------------------------------------------------
# Advertised hours must be a multiple of this (boards and accreditors count in quarter hours).
CE_HOURS_INCREMENT = env_decimal("CE_HOURS_INCREMENT", "0.25")
# Join Now opens this many minutes before an event starts.
JOIN_OPENS_MINUTES_BEFORE = env_int("JOIN_OPENS_MINUTES_BEFORE", 15)
# Days an attendee has to submit their evaluation after it is issued (staff can set it per event).
EVALUATION_DEADLINE_DAYS = env_int("EVALUATION_DEADLINE_DAYS", 30)
if not 1 <= EVALUATION_DEADLINE_DAYS <= 365:
    raise ImproperlyConfigured(
        f"EVALUATION_DEADLINE_DAYS must be between 1 and 365, not {EVALUATION_DEADLINE_DAYS}."
    )

# Public certificate verification: requests per minute per client address.
VERIFY_RATE_LIMIT_PER_MINUTE = env_int("VERIFY_RATE_LIMIT_PER_MINUTE", 60)

# --- JSON API ---------------------------------------------------------------------------------
# Requests per minute for each token (or signed-in session), and per client address on the
# public endpoints (catalog, events; verification uses VERIFY_RATE_LIMIT_PER_MINUTE).
API_RATE_LIMIT_PER_MINUTE = env_int("API_RATE_LIMIT_PER_MINUTE", 300)
API_PUBLIC_RATE_LIMIT_PER_MINUTE = env_int("API_PUBLIC_RATE_LIMIT_PER_MINUTE", 60)

# --- Meeting provider -----------------------------------------------------------------------
# "simulated": the built-in webinar room, for demos and tests; "zoom": Zoom webinars. The
# meetings app refuses to start with a name it has no adapter for (meetings.providers.PROVIDERS).
MEETING_PROVIDER = env("MEETING_PROVIDER", "simulated")
# Zoom Server-to-Server OAuth app credentials (checked at start-up when Zoom is selected).
ZOOM_ACCOUNT_ID = env("ZOOM_ACCOUNT_ID")
ZOOM_CLIENT_ID = env("ZOOM_CLIENT_ID")
ZOOM_CLIENT_SECRET = env("ZOOM_CLIENT_SECRET")
# The app's "Secret Token" for event notifications (webhooks); without it they are refused.
ZOOM_WEBHOOK_SECRET_TOKEN = env("ZOOM_WEBHOOK_SECRET_TOKEN")
# The Zoom user (email or user ID) who hosts the webinars; needs a Webinar license.
ZOOM_WEBINAR_HOST = env("ZOOM_WEBINAR_HOST", "me")
ZOOM_API_BASE_URL = env("ZOOM_API_BASE_URL", "https://api.zoom.us/v2").rstrip("/")
ZOOM_OAUTH_URL = env("ZOOM_OAUTH_URL", "https://zoom.us/oauth/token")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",
    "allauth",
    "allauth.account",
    # Before django_tasks_db: core's durable `db_worker` command replaces the library's.
    "core",
    "django_tasks",
    "django_tasks_db",
    "ninja",
    "accounts",
    "licensing",
    "events",
    "meetings",
    "attendance",
    "evaluations",
    "certificates",
    "tracker",
    "operations",
    "demo",
    "api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "core.middleware.SecurityHeadersMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "core.middleware.UserTimeZoneMiddleware",
]

ROOT_URLCONF = "fullcredit.urls"
WSGI_APPLICATION = "fullcredit.wsgi.application"

FORM_RENDERER = "core.forms.FormRenderer"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "core.context_processors.site",
                "operations.context_processors.staff_attention",
            ],
        },
    }
]

# --- Database -------------------------------------------------------------------------------
DATABASE_URL = env("DATABASE_URL", f"sqlite:///{VAR_DIR / 'fullcredit.sqlite3'}")
DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60)}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the web process read while the task worker writes; IMMEDIATE transactions take
    # the write lock up front, so two writers queue instead of failing with "database is locked".
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Background tasks -----------------------------------------------------------------------
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
# A failed task is tried again after 30 s, 2 min, 8 min, … (×4, at most the maximum) until it
# has had TASK_MAX_ATTEMPTS tries; then it waits on the staff background-work page.
TASK_MAX_ATTEMPTS = env_int("TASK_MAX_ATTEMPTS", 6)
TASK_RETRY_BASE_SECONDS = env_float("TASK_RETRY_BASE_SECONDS", 30.0)
TASK_RETRY_MAX_SECONDS = env_float("TASK_RETRY_MAX_SECONDS", 3600.0)
# Workers beat this often; a RUNNING task whose worker has not beaten for TASK_LEASE_SECONDS
# was interrupted (killed, out of memory, machine lost) and is queued again.
WORKER_HEARTBEAT_SECONDS = env_float("WORKER_HEARTBEAT_SECONDS", 5.0)
TASK_LEASE_SECONDS = env_float("TASK_LEASE_SECONDS", 60.0)
if TASK_LEASE_SECONDS < 2 * WORKER_HEARTBEAT_SECONDS:
    raise ImproperlyConfigured(
        "TASK_LEASE_SECONDS must be at least twice WORKER_HEARTBEAT_SECONDS, or live workers' "
        "tasks would be taken for interrupted ones."
    )
# The reconciler derives from the data what must exist (evaluations, certificates, due
# emails) and creates what is missing; it leaves alone what is younger than the grace period,
# which the normal tasks are still handling.
RECONCILE_INTERVAL_SECONDS = env_float("RECONCILE_INTERVAL_SECONDS", 300.0)
RECONCILE_GRACE_MINUTES = env_int("RECONCILE_GRACE_MINUTES", 10)
# Staff are alerted when background work has been failing for this long.
WORK_FAILING_ALERT_MINUTES = env_int("WORK_FAILING_ALERT_MINUTES", 30)
# Undelivered mail is retried for this long, then shown to staff as given up.
EMAIL_GIVE_UP_HOURS = env_int("EMAIL_GIVE_UP_HOURS", 72)
# Jobs every worker runs between them (each claimed once per interval across workers).
PERIODIC_JOBS = [
    ("core.durable.sweeper.sweep_interrupted_tasks", max(1.0, TASK_LEASE_SECONDS / 4)),
    ("operations.reconcile.reconcile_everything", RECONCILE_INTERVAL_SECONDS),
    ("operations.alerts.check_failing_work", 60.0),
]
PERIODIC_JOBS_TICK_SECONDS = min(5.0, WORKER_HEARTBEAT_SECONDS)

# --- Accounts -------------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_SIGNUP_FORM_CLASS = "accounts.forms.SignupDetailsForm"
# Reads the client address with the app's own rule (core.ratelimit.client_address).
ACCOUNT_ADAPTER = "accounts.adapter.AccountAdapter"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_BY_CODE_ENABLED = True
ACCOUNT_MAX_EMAIL_ADDRESSES = 5
ACCOUNT_EMAIL_SUBJECT_PREFIX = "FullCredit: "
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_PRESERVE_USERNAME_CASING = False
ACCOUNT_SESSION_REMEMBER = None

# --- Email ----------------------------------------------------------------------------------
# "outbox:" keeps every message in the database, readable at /dev/outbox/ while DEBUG is on.
EMAIL_URL = env("EMAIL_URL", "outbox:" if DEBUG else "")
if not EMAIL_URL:
    raise ImproperlyConfigured(
        "EMAIL_URL is not set. Production needs an SMTP server for sign-up and password mail, "
        "e.g. EMAIL_URL=submission://user:password@smtp.example.org:587"
    )
if EMAIL_URL == "outbox:":
    EMAIL_DELIVERY_BACKEND = "core.mail.OutboxBackend"
else:
    _mail = dj_email_url.parse(EMAIL_URL)
    EMAIL_DELIVERY_BACKEND = _mail.pop("EMAIL_BACKEND")
    globals().update({name: value for name, value in _mail.items() if value is not None})
# Every message is queued and delivered by a task with retries (core/outgoing.py); only that
# task talks to the mail server, never a web request.
EMAIL_BACKEND = "core.outgoing.QueuedEmailBackend"
# Seconds to wait on the mail server before a delivery try fails (and is retried later).
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", int(globals().get("EMAIL_TIMEOUT") or 20))
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "FullCredit <no-reply@fullcredit.localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
OUTBOX_PAGE_ENABLED = DEBUG and EMAIL_URL == "outbox:"

# --- Internationalisation -------------------------------------------------------------------
LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

# --- Static and uploaded files --------------------------------------------------------------
STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(env("STATIC_ROOT", str(VAR_DIR / "static")))
MEDIA_ROOT = Path(env("MEDIA_ROOT", str(VAR_DIR / "media")))
MEDIA_URL = "/media/"
# Files people upload about themselves (outside CE certificates): outside MEDIA_ROOT so no
# web server rule can ever publish them; only a view that checks the owner reads them.
PRIVATE_ROOT = VAR_DIR / "private"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# --- Security -------------------------------------------------------------------------------
SESSION_COOKIE_SECURE = not DEBUG and env_bool("SECURE_COOKIES", True)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", False)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0)
BEHIND_TLS_PROXY = env_bool("BEHIND_TLS_PROXY", False)
if BEHIND_TLS_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# How many proxies in front of the app append to X-Forwarded-For (TLS proxy, load balancer,
# CDN). The client is the entry the outermost of them wrote, the N-th from the right; anything
# further left was sent by the client and is ignored. Rate limits and failed-login lockouts
# count per that address, so a wrong count either lumps everyone together (too low) or lets a
# client pick its own address (too high).
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 1 if BEHIND_TLS_PROXY else 0)
if TRUSTED_PROXY_COUNT < 0:
    raise ImproperlyConfigured(
        f"TRUSTED_PROXY_COUNT must be 0 or more (the number of proxies in front of the app), "
        f"not {TRUSTED_PROXY_COUNT}."
    )
# allauth reads its own name for it. No ALLAUTH_TRUSTED_CLIENT_IP_HEADER: a header such as
# X-Real-IP is only safe if every proxy overwrites it, which the app cannot check.
ALLAUTH_TRUSTED_PROXY_COUNT = TRUSTED_PROXY_COUNT

# --- Logging --------------------------------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        # runserver prints its own "watching for file changes" line; don't log it twice.
        "django.utils.autoreload": {"level": "WARNING"},
    },
}
