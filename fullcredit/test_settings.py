"""Settings for the test suite: the production settings with test-only defaults.

Only defaults are set here; a DATABASE_URL in the environment (CI's PostgreSQL run) still wins.
"""

import os
import tempfile

os.environ.setdefault("SECRET_KEY", "test-suite-key")
os.environ.setdefault("ALLOWED_HOSTS", "localhost,127.0.0.1,testserver")
os.environ.setdefault("EMAIL_URL", "outbox:")
# The suite runs with DEBUG off against a local address, so it allows one explicitly.
os.environ.setdefault("SITE_URL", "http://127.0.0.1:8000")
os.environ.setdefault("SITE_URL_ALLOW_INSECURE", "true")
os.environ.setdefault("VAR_DIR", tempfile.mkdtemp(prefix="fullcredit-test-"))

from fullcredit.settings import *  # noqa: F403

# A file, not SQLite's default in-memory test database, so the fault tests' real worker
# processes share the test database with the test (PostgreSQL's test database is shared anyway).
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / "test.sqlite3")}  # noqa: F405

# Hashing dominates test time with the default PBKDF2 iterations.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
ACCOUNT_RATE_LIMITS = False

# WhiteNoise warns about a missing STATIC_ROOT on every request; the test run never collects.
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # noqa: F405

# Tests call the verification pages far more often than a person would; the rate-limit test
# sets its own small limit.
VERIFY_RATE_LIMIT_PER_MINUTE = 100_000

# The same for the JSON API's limits (the API's rate-limit tests set small ones).
API_RATE_LIMIT_PER_MINUTE = 100_000
API_PUBLIC_RATE_LIMIT_PER_MINUTE = 100_000
