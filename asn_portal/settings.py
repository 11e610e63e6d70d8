"""Django settings for ASN Portal, read from the environment (and `.env` when present)."""

import sys
from pathlib import Path

import environ
from celery.schedules import crontab
from csp.constants import NONCE, NONE, SELF
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env(
    DEBUG=(bool, False),
    ALLOWED_HOSTS=(list, ["127.0.0.1", "localhost"]),
    CSRF_TRUSTED_ORIGINS=(list, []),
    CELERY_BROKER_URL=(str, ""),
)
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env("DEBUG")
SECRET_KEY = env("SECRET_KEY", default="")
TESTING = "pytest" in sys.modules
if not SECRET_KEY:
    if not (DEBUG or TESTING):
        raise environ.ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    SECRET_KEY = "django-insecure-development-only-key-change-me-0123456789abcdefghij"
ALLOWED_HOSTS = env("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "crispy_forms",
    "crispy_bootstrap5",
    "treebeard",
    "auditlog",
    "import_export",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django_celery_beat",
    "csp",
    "asn_portal.common",
    "asn_portal.personnel",
    "asn_portal.accounts",
    "asn_portal.portal",
    "payroll",
    "recruitment",
    "complaints",
    "appraisal",
    "training",
    "rewards",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "asn_portal.common.middleware.RejectNulMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "asn_portal.accounts.middleware.AccountGuardMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "auditlog.middleware.AuditlogMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "asn_portal.urls"
WSGI_APPLICATION = "asn_portal.wsgi.application"

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
                "django.template.context_processors.i18n",
                "asn_portal.common.context_processors.agency",
                "csp.context_processors.nonce",
            ],
            "builtins": ["asn_portal.common.templatetags.formatting"],
        },
    }
]

DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=0))
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
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
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "portal:dashboard"
LOGOUT_REDIRECT_URL = "home"

# Login throttling (django-axes): lock a NIP/username from one address after repeated failures,
# and an address after repeated failures across usernames (password spraying).
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_IP_FAILURE_LIMIT = env.int("AXES_IP_FAILURE_LIMIT", default=20)
AXES_COOLOFF_TIME = env.float("AXES_COOLOFF_HOURS", default=0.5)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "ip_address"]
AXES_HANDLER = "asn_portal.accounts.lockout.AddressAwareHandler"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"

# Password reset links by email are valid this long (and once: they die with the password).
PASSWORD_RESET_TIMEOUT = env.int("PASSWORD_RESET_TIMEOUT_HOURS", default=24) * 3600
# Staff (is_staff) confirm every sign-in with a TOTP code; off in development (make run).
OTP_REQUIRED = env.bool("OTP_REQUIRED", default=not DEBUG)
OTP_TOTP_ISSUER = env("OTP_TOTP_ISSUER", default="ASN Portal")

LANGUAGE_CODE = "id"
LANGUAGES = [("id", _("Indonesian")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Jakarta"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": env(
            "STATICFILES_BACKEND",
            default="whitenoise.storage.CompressedManifestStaticFilesStorage"
            if not DEBUG
            else "django.contrib.staticfiles.storage.StaticFilesStorage",
        )
    },
}
# Development and tests serve static files from their sources; production from collectstatic.
WHITENOISE_AUTOREFRESH = DEBUG or TESTING
MEDIA_URL = "media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
# Personal documents (uploads) live outside the web root and are served only through views.
PRIVATE_MEDIA_ROOT = env.path("PRIVATE_MEDIA_ROOT", default=BASE_DIR / "private_media")

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Cache: Redis when REDIS_URL is set, otherwise in-process memory.
REDIS_URL = env("REDIS_URL", default="")
CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
        if REDIS_URL
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )
}

# Celery: without a broker URL tasks run eagerly in-process; with Redis they run on workers.
# With DEBUG off the web server refuses to start without a broker unless CELERY_ALLOW_EAGER is
# on (asn_portal/wsgi.py): production never runs tasks inside requests by accident.
CELERY_BROKER_URL = env("CELERY_BROKER_URL")
CELERY_ALLOW_EAGER = env.bool("CELERY_ALLOW_EAGER", default=False)
CELERY_RESULT_BACKEND = env("CELERY_RESULT_BACKEND", default=CELERY_BROKER_URL or None)
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# A request never waits long on the broker: short socket timeouts, one quick publish retry, and
# the Redis result backend gives up at once (its default is 20 reconnections, one a second).
# Requests enqueue through asn_portal.common.queueing.enqueue (no retry, no result, logged);
# the outboxes and beat's sweeps deliver what a lost message left behind.
CELERY_BROKER_CONNECTION_TIMEOUT = 2
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "socket_connect_timeout": 2,
    "socket_timeout": 5,
    # kombu's reconnection when a producer needs a channel (default: 3 tries over 2 s)
    "max_retries": 1,
    "interval_start": 0,
    "interval_step": 0.2,
    "interval_max": 0.2,
}
CELERY_TASK_PUBLISH_RETRY_POLICY = {
    "max_retries": 1,
    "interval_start": 0,
    "interval_step": 0.5,
    "interval_max": 0.5,
}
CELERY_REDIS_SOCKET_CONNECT_TIMEOUT = 2
CELERY_REDIS_SOCKET_TIMEOUT = 5
CELERY_RESULT_BACKEND_TRANSPORT_OPTIONS = {
    "retry_policy": {"max_retries": 1, "interval_start": 0, "interval_step": 0.5}
}
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
# Long jobs hold a lease their worker renews every third of this; a dead worker's job is taken
# over once it expires (asn_portal.common.jobs).
JOB_LEASE_SECONDS = env.int("JOB_LEASE_SECONDS", default=60)
# Periodic tasks, synced into django-celery-beat's tables by its DatabaseScheduler.
# Each module adds its entries here; tasks are idempotent, so a double tick sends nothing twice.
CELERY_BEAT_SCHEDULE: dict = {
    "notification-outbox": {
        "task": "asn_portal.common.tasks.notification_outbox_task",
        "schedule": 600.0,
    },
    "complaints-outbox": {"task": "complaints.tasks.reporter_outbox_task", "schedule": 300.0},
    "complaints-sla": {
        "task": "complaints.tasks.complaint_sla_task",
        "schedule": crontab(minute=30, hour="7,13"),
    },
    "recruitment-reminders": {
        "task": "recruitment.tasks.recruitment_reminders_task",
        "schedule": crontab(minute=15, hour="7,13"),
    },
    "appraisal-daily": {  # twice a day: the second run catches a missed first one
        "task": "appraisal.tasks.appraisal_daily_task",
        "schedule": crontab(minute=0, hour="7,13"),
    },
    "training-below-target": {  # Oct–Dec, working days; twice a day, sent once a day
        "task": "training.tasks.below_target_reminders_task",
        "schedule": crontab(minute=45, hour="7,13", month_of_year="10-12"),
    },
    "jobs-sweep": {  # resume long jobs whose worker died (expired leases, see common.jobs)
        "task": "asn_portal.common.tasks.jobs_sweep_task",
        "schedule": 60.0,
    },
    "rewards-dismissals": {
        "task": "rewards.tasks.dismissals_apply_task",
        "schedule": crontab(minute=5, hour=7),
    },
    "attendance-discipline": {  # imported attendance -> proposed discipline cases, once each
        "task": "payroll.tasks.attendance_discipline_task",
        "schedule": crontab(minute=40, hour=6),
    },
}

EMAIL_BACKEND = env(
    "EMAIL_BACKEND",
    default="django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = env("EMAIL_HOST", default="localhost")
EMAIL_PORT = env.int("EMAIL_PORT", default=25)
EMAIL_HOST_USER = env("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=False)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="ASN Portal <noreply@bkd.example.go.id>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# The agency this installation serves: shown on every page and on PDF letterheads.
AGENCY_NAME = env("AGENCY_NAME", default="Badan Kepegawaian dan Pengembangan Sumber Daya Manusia")
AGENCY_REGION = env("AGENCY_REGION", default="Kabupaten Contoh")
AGENCY_ADDRESS = env("AGENCY_ADDRESS", default="Jl. Merdeka No. 1, Kota Contoh")
AGENCY_LOGO = env("AGENCY_LOGO", default="img/logo.svg")
COMPLAINTS_SUBMIT_LIMIT = env.int("COMPLAINTS_SUBMIT_LIMIT", default=5)  # per address per hour

# Production hardening, on by default when DEBUG is off (`manage.py check --deploy` is clean);
# SECURE=0 is the explicit opt-out for a plain-HTTP intranet. Tests run without it.
SECURE = env.bool("SECURE", default=not (DEBUG or TESTING))
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=60 * 60 * 8)
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
CSRF_FAILURE_VIEW = "asn_portal.common.errors.csrf_failure"

# Content-Security-Policy (django-csp) on every response: only our own scripts and styles, and
# inline <script>/<style> only with the per-request nonce ({{ CSP_NONCE }}); no style="…"
# attributes. Bootstrap's CSS draws some icons from data: URIs. PDFs (WeasyPrint) are not HTML.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF, NONCE],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
if SECURE:
    SECURE_SSL_REDIRECT = True
    SECURE_REDIRECT_EXEMPT = [r"^healthz/$"]  # the container's health check speaks plain HTTP
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}
