from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EmployersConfig(AppConfig):
    name = "employers"
    verbose_name = _("Employers")

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save

        from employers.validators import minimum_wages_forget
        from jobcenter.models import MinimumWage

        post_save.connect(minimum_wages_forget, sender=MinimumWage, dispatch_uid="minimum_wages_forget_saved")
        post_delete.connect(minimum_wages_forget, sender=MinimumWage, dispatch_uid="minimum_wages_forget_deleted")
