from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SecurityConfig(AppConfig):
    name = "jobcenter.security"
    label = "security"
    verbose_name = _("Security")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from jobcenter.security import receivers  # noqa: F401 - lockout and unlock are logged
        from jobcenter.security.resident_numbers import install

        install()  # every form's text refuses resident registration numbers
