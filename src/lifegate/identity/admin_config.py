# SPDX-License-Identifier: EUPL-1.2
"""Django's admin app with `OperatorAdminSite` as its default site (named in INSTALLED_APPS).

This is Django's documented way to replace the default admin site; every block's
`admin.site.register(...)` then lands on it.
"""

from django.contrib.admin.apps import AdminConfig


class OperatorAdminConfig(AdminConfig):
    default_site = "lifegate.identity.admin_site.OperatorAdminSite"
