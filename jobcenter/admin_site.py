"""Django's admin, for superuser administrators only (the technical fallback): `is_staff` alone (set by mistake on a
counselor) is not enough, and an administrator invited in the product works in the product's pages."""

from django.contrib import admin
from django.contrib.admin.apps import AdminConfig
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _


class JobcenterAdminSite(admin.AdminSite):
    site_header = _("Job centre administration")
    site_title = _("Job centre administration")

    def has_permission(self, request: HttpRequest) -> bool:
        user = request.user
        return bool(user.is_active and user.is_staff and user.is_superuser and getattr(user, "is_administrator", False))


class JobcenterAdminConfig(AdminConfig):
    default_site = "jobcenter.admin_site.JobcenterAdminSite"
