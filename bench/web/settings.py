"""Django settings for the web benchmark only: the product's settings, plus two baseline views.

The baselines (`/bench/minimal`, `/bench/insert`) must run in the same processes,
through the same middleware and database settings as the product's pages, or their
ratios would compare different things; yet they must never be part of the product's
URLs. So this module changes exactly one thing, the URL configuration, and the
benchmark starts gunicorn with DJANGO_SETTINGS_MODULE pointing here.

CSRF protection stays on: the load generator sends a csrftoken cookie and the same
token in X-CSRFToken, as the questionnaire page's htmx does.
"""

from cxmaturity.web.settings import *  # noqa: F403 (all of the product's settings, unchanged)

ROOT_URLCONF = "bench.web.urls"
