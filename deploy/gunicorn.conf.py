"""gunicorn's configuration: `gunicorn --config deploy/gunicorn.conf.py` (the application is named here).

Read from the environment (see deploy/env.example): GUNICORN_BIND, WEB_CONCURRENCY, GUNICORN_THREADS,
GUNICORN_TIMEOUT, FORWARDED_ALLOW_IPS. Logs go to standard output and error (journald, docker logs).
"""

import os

wsgi_app = "sites.wsgi:application"

# Behind the proxy on the same machine; a container binds 0.0.0.0 (GUNICORN_BIND=0.0.0.0:8000).
bind = os.environ.get("GUNICORN_BIND") or f"127.0.0.1:{os.environ.get('PORT') or 8000}"
# Worker processes: about two per core. Each holds its own database connection (CONN_MAX_AGE).
workers = int(os.environ.get("WEB_CONCURRENCY") or 2 * (os.cpu_count() or 1) + 1)
threads = int(os.environ.get("GUNICORN_THREADS") or 1)
timeout = int(os.environ.get("GUNICORN_TIMEOUT") or 30)
graceful_timeout = 30
keepalive = 5
# Recycle workers now and then, so a slow leak never grows for ever; seldom, and far apart, since
# a new worker spends about a second of CPU loading Socle: every worker recycled within the same
# two seconds stalls the whole server (pages from the cache answer over a thousand a second).
max_requests = 20000
max_requests_jitter = 10000
# Trust X-Forwarded-Proto and X-Forwarded-For from the proxy only.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS") or "127.0.0.1"
# Heartbeat files in memory, not on a disk that may stall.
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None  # noqa: S108

accesslog = "-"
errorlog = "-"
loglevel = (os.environ.get("LOG_LEVEL") or "info").lower()
access_log_format = '%(h)s "%(r)s" %(s)s %(b)s %(M)sms host=%({host}i)s'
