"""Production-safe base settings. Every environment-dependent value is read through ``env``."""

from pathlib import Path

from kombu import Queue

from .broker import broker_transport_options
from .env import env_bool, env_choice, env_database, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parents[2]
PROJECT_DIR = BASE_DIR / "sites"

DEBUG = False
SECRET_KEY = env_str("SECRET_KEY")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", [])

INSTALLED_APPS = [
    # wagtail_modeltranslation must come before the apps whose models it translates, and its
    # makemigrations/migrate overrides must win over Django's own commands.
    "wagtail_modeltranslation",
    "wagtail_modeltranslation.makemigrations",
    "wagtail_modeltranslation.migrate",
    "sites.spaces",
    "sites.images",
    "sites.core",
    "sites.events",
    "sites.visits",
    "sites.translation",
    "sites.sync",
    "sites.federation",
    "sites.fediverse",
    "sites.pagecache",
    "sites.dashboard",
    "sites.sitesearch",
    "sites.tenancy",
    "sites.security",
    "sites.discovery",
    "sites.identity",
    "sites.demo",
    "playbook",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_celery_beat",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    # A cached page is served by its address alone, before anything else is looked at, with the
    # headers the middleware below added when it was rendered (security headers, X-Frame-Options...).
    # It applies the HTTPS redirect's rule itself (sites/pagecache/middleware.py).
    "sites.pagecache.middleware.PageCacheMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "sites.security.headers.ContentSecurityPolicyMiddleware",
    "sites.security.headers.PermissionsPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # A space's editors reach their own space's objects in the admin, and nothing else.
    "sites.tenancy.boundary.AdminTenantBoundary",
    "django.contrib.messages.middleware.MessageMiddleware",
    # After a failed Publish, tells the editor that autosave kept their changes as a draft.
    "sites.spaces.autosave.AutosaveNoticeMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Resolves the space from the hostname and gates the URL's language (replaces LocaleMiddleware).
    "sites.spaces.middleware.SpaceLanguageMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "sites.urls"
WSGI_APPLICATION = "sites.wsgi.application"
# Load balancers' probes (/healthz, /readyz) are answered before every other middleware: no host
# check, no HTTPS redirect, no space, no page cache (sites/health.py).
MIDDLEWARE.insert(0, "sites.health.HealthCheckMiddleware")

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PROJECT_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {"default": env_database("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Sign-in ---------------------------------------------------------------------------
# Failed sign-ins are counted per name typed and per address, in the database; past either
# limit, sign-ins fail like a wrong password until the window (opened by the first failure) ends.
AUTHENTICATION_BACKENDS = ["sites.security.backends.ThrottledModelBackend"]
WAGTAILADMIN_USER_LOGIN_FORM = "sites.security.forms.ThrottledLoginForm"
SOCLE_LOGIN_FAILURES_PER_ACCOUNT = env_int("SOCLE_LOGIN_FAILURES_PER_ACCOUNT", 10)
# An office or a city's coworking shares one address: higher than one account's budget.
SOCLE_LOGIN_FAILURES_PER_ADDRESS = env_int("SOCLE_LOGIN_FAILURES_PER_ADDRESS", 50)
SOCLE_LOGIN_COOL_OFF_SECONDS = env_int("SOCLE_LOGIN_COOL_OFF_SECONDS", 15 * 60)
# Proxies in front of Socle that append to X-Forwarded-For (0: clients connect directly).
SOCLE_TRUSTED_PROXIES = env_int("SOCLE_TRUSTED_PROXIES", 0)

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# --- Languages -------------------------------------------------------------------------
# The network's languages. Each space serves an ordered subset of them (see spaces.Space).
# Names are endonyms: a visitor looks for their language written in its own script.
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("fr", "Français"),
    ("en", "English"),
    ("ru", "Русский"),
    ("hi", "हिन्दी"),
    ("kn", "ಕನ್ನಡ"),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "UTC"

MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
# Outside a space (the admin, shell, tasks) a field falls back through every network language so it
# is never blank; on public pages the space's own default language is tried first (spaces.localize).
MODELTRANSLATION_FALLBACK_LANGUAGES = {"default": ("en", "fr", "ru", "hi", "kn")}
# One slug per page in every language: the language lives in the URL prefix, and the language
# switcher keeps the visitor on the same path.
WAGTAILMODELTRANSLATION_TRANSLATE_SLUGS = False
# The network core is written in French first; a space's page forms narrow this to the space's own
# languages (spaces/static/spaces/js/space_languages.js).
WAGTAILMODELTRANSLATION_LOCALE_PICKER_DEFAULT = ("fr", "en")
# Never together with wagtail-modeltranslation: the two translation models conflict.
WAGTAIL_I18N_ENABLED = False

# --- Static and media ------------------------------------------------------------------
STATICFILES_DIRS = [PROJECT_DIR / "static"]
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "var" / "static")))
STATIC_URL = "/static/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "var" / "media")))
MEDIA_URL = "/media/"

# --- Wagtail ---------------------------------------------------------------------------
WAGTAIL_SITE_NAME = "Socle"
WAGTAILADMIN_BASE_URL = env_str("WAGTAILADMIN_BASE_URL", "http://localhost:8000")
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
# Documents go through Wagtail's view, which checks their collection's privacy and serves them as
# attachments under a policy that blocks embedded content.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_EXTENSIONS = ["pdf", "odt", "ods", "odp", "docx", "xlsx", "pptx", "doc", "xls", "ppt", "txt", "csv"]
# SVG can carry scripts: images are bitmaps only.
# Images carry their alt text in every language of the network (sites/images/models.py).
WAGTAILIMAGES_IMAGE_MODEL = "images.SpaceImage"
# Its form asks for the alt text in every language, required in the default one of the image's space.
WAGTAILIMAGES_IMAGE_FORM_BASE = "sites.images.forms.SpaceImageForm"
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = env_int("SOCLE_MAX_IMAGE_BYTES", 10 * 1024 * 1024)
WAGTAILIMAGES_MAX_IMAGE_PIXELS = env_int("SOCLE_MAX_IMAGE_PIXELS", 40_000_000)
WAGTAILDOCS_MAX_UPLOAD_SIZE = env_int("SOCLE_MAX_DOCUMENT_BYTES", 20 * 1024 * 1024)
# A form's fields without its files (a long page with every language is well under this).
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
# Uploads bigger than this are written to a temporary file rather than held in memory.
FILE_UPLOAD_MAX_MEMORY_SIZE = 2621440
WAGTAIL_ENABLE_UPDATE_CHECK = False
# Avatars from gravatar.com would make every admin page call a third party: keep them local.
WAGTAIL_GRAVATAR_PROVIDER_URL = None

# --- Celery ----------------------------------------------------------------------------
# With no broker configured, tasks run in-process (eagerly); with one, they go to a worker.
CELERY_BROKER_URL = env_str("CELERY_BROKER_URL", "")
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = env_int("CELERY_WORKER_PREFETCH_MULTIPLIER", 1)
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
# The sync engine: spaces per delivery task; how often the re-dispatcher runs; after how long a
# delivery the broker never got, or got and then lost, is handed to it again; and after how long a
# pending delivery is handed again whatever its queue holds (the fallback for a busy queue). Seconds.
SOCLE_SYNC_BATCH_SIZE = env_int("SOCLE_SYNC_BATCH_SIZE", 100)
SOCLE_SYNC_REDISPATCH_EVERY = env_int("SOCLE_SYNC_REDISPATCH_EVERY", 10)
SOCLE_SYNC_LOST_AFTER = env_int("SOCLE_SYNC_LOST_AFTER", 15)
SOCLE_SYNC_STUCK_AFTER = env_int("SOCLE_SYNC_STUCK_AFTER", 300)
# The worker's CPU priority, a nice value from 0 (the web's) to 19 (the lowest): on a machine it
# shares with the web, visitors' requests get the processor first and deliveries take what is left.
SOCLE_WORKER_NICE = env_int("SOCLE_WORKER_NICE", 10, lowest=0, highest=19)
# How often beat publishes the pages (and core items) whose go-live date has come and takes down
# those whose expiry date has passed, in seconds: a date is honoured at most this late.
SOCLE_PUBLISH_SCHEDULED_EVERY = env_int("SOCLE_PUBLISH_SCHEDULED_EVERY", 60)
# How often an install pulls what each linked install owes it, in seconds.
SOCLE_LINK_PULL_EVERY = env_int("SOCLE_LINK_PULL_EVERY", 10, lowest=1)
# How often a member install reports its spaces' status to the network's install, in seconds.
SOCLE_LINK_REPORT_EVERY = env_int("SOCLE_LINK_REPORT_EVERY", 60, lowest=1)
# Delivery batches have a queue of their own, which the re-dispatcher measures to spot lost messages;
# a worker consumes every queue declared here unless told otherwise (-Q).
SOCLE_SYNC_QUEUE = "deliveries"
CELERY_TASK_DEFAULT_QUEUE = "celery"
CELERY_TASK_QUEUES = (Queue("celery"), Queue(SOCLE_SYNC_QUEUE))
CELERY_TASK_ROUTES = {"sites.sync.tasks.deliver_batch_task": {"queue": SOCLE_SYNC_QUEUE}}
CELERY_BEAT_SCHEDULE = {
    # Hands again to the broker what never reached it (broker down at publish) or what it lost. A run
    # still waiting when the next is due is dropped: the next one does its work. (The database
    # scheduler keeps the schedule in its tables, updated from here when beat starts.)
    "sync-redispatch": {
        "task": "sites.sync.tasks.redispatch_task",
        "schedule": float(SOCLE_SYNC_REDISPATCH_EVERY),
        "options": {"expire_seconds": SOCLE_SYNC_REDISPATCH_EVERY},
    },
    # Go-live and expiry dates (Wagtail acts on them only when asked). A run still waiting when the
    # next is due is dropped, and two runs that overlap skip what the other holds (spaces.scheduled).
    # Socle Link: catch up with every linked install (what a push missed, or all of it after an outage).
    "link-pull": {
        "task": "sites.federation.tasks.pull_task",
        "schedule": float(SOCLE_LINK_PULL_EVERY),
        "options": {"expire_seconds": SOCLE_LINK_PULL_EVERY},
    },
    # Socle Link: the member install's spaces, as the network's dashboard shows them.
    "link-report": {
        "task": "sites.dashboard.tasks.report_task",
        "schedule": float(SOCLE_LINK_REPORT_EVERY),
        "options": {"expire_seconds": SOCLE_LINK_REPORT_EVERY},
    },
    # The fediverse: activities a space owes its followers' servers, asked again when their time comes.
    "fediverse-push": {
        "task": "sites.fediverse.tasks.redispatch_task",
        "schedule": 60.0,
        "options": {"expire_seconds": 60},
    },
    "publish-scheduled": {
        "task": "sites.spaces.tasks.publish_scheduled_task",
        "schedule": float(SOCLE_PUBLISH_SCHEDULED_EVERY),
        "options": {"expire_seconds": SOCLE_PUBLISH_SCHEDULED_EVERY},
    },
}
# Workers and beat wait for the broker for ever, at start-up and after losing it (retrying every
# 2, 4… then 30 s at most): a broker outage never stops them.
CELERY_BROKER_CONNECTION_RETRY = True
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BROKER_CONNECTION_MAX_RETRIES = None
# RabbitMQ: a connection that stops answering is dropped after two missed heartbeats, then
# re-established. (Redis: kombu checks its consumers' connections every 25 s.)
CELERY_BROKER_HEARTBEAT = 10
# No remote control (celery inspect/control): on RabbitMQ its queue is exclusive to the worker's
# connection, and a worker reconnecting before the broker has dropped its old connection finds the
# queue locked and stops ("Unrecoverable error: ResourceLocked"). Nothing in Socle uses it.
CELERY_WORKER_ENABLE_REMOTE_CONTROL = False
# A worker that loses the broker finishes the batches it is running rather than abandoning them;
# the broker hands them out again anyway, and the engine makes the second delivery a no-op.
CELERY_WORKER_CANCEL_LONG_RUNNING_TASKS_ON_CONNECTION_LOSS = False
# Publishing must never hang a coordinator's request on a broker that is down or hung (accepts the
# connection, never answers): each call gives up after this many seconds, and one retry on a fresh
# connection covers a connection the broker dropped (under a second in all). The outbox keeps what
# was not handed over.
SOCLE_BROKER_TIMEOUT = 0.3
CELERY_BROKER_CONNECTION_TIMEOUT = SOCLE_BROKER_TIMEOUT
CELERY_TASK_PUBLISH_RETRY_POLICY = {"max_retries": 1, "interval_start": 0, "interval_step": 0.1, "interval_max": 0.1}
# Redis: kombu's transport with a worker that keeps consuming after a failed acknowledgement.
CELERY_BROKER_TRANSPORT = "sites.celery_redis:Transport" if CELERY_BROKER_URL.startswith("redis://") else None
CELERY_BROKER_TRANSPORT_OPTIONS = broker_transport_options(
    CELERY_BROKER_URL,
    # A message a worker took but never acknowledged (the worker died) goes back to the queue after this.
    visibility_timeout=env_int("CELERY_VISIBILITY_TIMEOUT", 3600),
    timeout=SOCLE_BROKER_TIMEOUT,
)

# Socle Link (sites/federation/): where other installs reach this one, the name they see, and the
# timeouts of a request to them. A linked install at a private, loopback or link-local address is
# refused unless allowed here (two installs on one machine or one private network).
SOCLE_LINK_ADDRESS = env_str("SOCLE_LINK_ADDRESS", WAGTAILADMIN_BASE_URL)
SOCLE_LINK_NAME = env_str("SOCLE_LINK_NAME", "Socle")
SOCLE_LINK_ALLOW_PRIVATE_ADDRESSES = env_bool("SOCLE_LINK_ALLOW_PRIVATE_ADDRESSES", False)
SOCLE_LINK_CONNECT_TIMEOUT = 5
SOCLE_LINK_READ_TIMEOUT = 15

# Email a space's editors when a principle they follow has a new version (needs outgoing mail).
SOCLE_NOTIFY_BY_EMAIL = env_bool("SOCLE_NOTIFY_BY_EMAIL", False)

# The demo's drawn images (sites/demo/photos.py) at this fraction of their size: 1 for the demo; the
# tests draw them small, so that their renditions are made in a blink.
SOCLE_DEMO_IMAGE_SCALE = 1.0

# Visitors' pages are cached per space and purged when what they show changes; 0 turns it off.
SOCLE_PAGE_CACHE_SECONDS = env_int("SOCLE_PAGE_CACHE_SECONDS", 600)
SOCLE_PAGE_CACHE_ALIAS = "default"
CELERY_TIMEZONE = "UTC"

# The demo's and the tests' cache, in the process. Room for a network of 1,000 spaces: past its
# limit it forgets a third of its keys at random, which a purge of every space (a key per space)
# would reach at Django's default of 300.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "OPTIONS": {"MAX_ENTRIES": 100_000}}}

SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", True)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", True)
# Django's defaults, written down: sites.security.headers adds the Content-Security-Policy.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# django-csp: public pages load only the site's own scripts, styles, images and fonts (no inline
# code, no third party, no framing). The admin's policy is in sites/security/headers.py.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "media-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env_choice("LOG_LEVEL", "INFO", LOG_LEVELS)},
    # One line per background index update is noise, not news.
    "loggers": {"django_tasks": {"level": "WARNING"}},
}
