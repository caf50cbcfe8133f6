# SPDX-License-Identifier: EUPL-1.2
"""WSGI entry point used by `lifegate serve` (granian) and any WSGI server."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lifegate.config.settings")
application = get_wsgi_application()
