from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class JobcenterConfig(AppConfig):
    name = "jobcenter"
    verbose_name = _("Job centre")

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save

        from jobcenter.context_processors import refresh_footer_centres
        from jobcenter.models import Centre

        # The footer's contact details are cached; a changed centre shows at once.
        post_save.connect(refresh_footer_centres, sender=Centre, dispatch_uid="footer-centres-save")
        post_delete.connect(refresh_footer_centres, sender=Centre, dispatch_uid="footer-centres-delete")
