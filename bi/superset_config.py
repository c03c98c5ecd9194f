"""Superset's settings for wirehouse (bi/serve.py points SUPERSET_CONFIG_PATH here).

Superset keeps its metadata (users, the database connection, charts, dashboards) in SQLite in
WIREHOUSE_BI_HOME, a folder beside the warehouse that bi/serve.py creates with a secret key in it.
The page loads nothing from outside this server: no telemetry pixel, no web fonts, no map tiles.
"""
import os
from pathlib import Path

HOME = Path(os.environ["WIREHOUSE_BI_HOME"])
SQLALCHEMY_DATABASE_URI = f"sqlite:///{HOME / 'superset.db'}"
SECRET_KEY = (HOME / "secret_key").read_text(encoding="utf-8").strip()

# SQL Lab runs queries in the web process: no Celery, no Redis to run beside it.
SQLLAB_ASYNC_TIME_LIMIT_SEC = 60
SQLLAB_TIMEOUT = 60
SUPERSET_WEBSERVER_TIMEOUT = 60

# The browser may reach this server only: Superset's default policy also allows its telemetry
# host, Mapbox and tile servers, Google and Adobe fonts.
TALISMAN_ENABLED = True
TALISMAN_CONFIG = {
    "content_security_policy": {
        "base-uri": ["'self'"],
        "default-src": ["'self'"],
        "img-src": ["'self'", "blob:", "data:"],
        "worker-src": ["'self'", "blob:"],
        "connect-src": ["'self'"],
        "object-src": "'none'",
        "style-src": ["'self'", "'unsafe-inline'"],
        "font-src": ["'self'", "data:"],
        "script-src": ["'self'", "'strict-dynamic'"],
    },
    "content_security_policy_nonce_in": ["script-src"],
    "force_https": False,               # served on loopback over plain HTTP
    "session_cookie_secure": False,
}
