"""The WSGI application that gunicorn serves (see `cxm serve`)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cxmaturity.web.settings")
application = get_wsgi_application()
