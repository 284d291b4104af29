from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class JobcenterConfig(AppConfig):
    name = "jobcenter"
    verbose_name = _("Job centre")

    def ready(self) -> None:
        from django import forms
        from django.db.models.signals import post_delete, post_migrate, post_save

        from jobcenter.context_processors import refresh_footer_centres
        from jobcenter.models import Centre
        from jobcenter.widgets import KrdsDateInput, PlainSelect

        # Every date field is a KRDS date input (text with its format, a calendar button with JavaScript),
        # those without a widget of their own included.
        forms.DateField.widget = KrdsDateInput
        # Every select of a choice field (model choice fields included) is written out without a template per
        # option: the same HTML, a fraction of the time.
        forms.ChoiceField.widget = PlainSelect

        # The footer's contact details are cached; a changed centre shows at once.
        post_save.connect(refresh_footer_centres, sender=Centre, dispatch_uid="footer-centres-save")
        post_delete.connect(refresh_footer_centres, sender=Centre, dispatch_uid="footer-centres-delete")
        post_migrate.connect(restore_code_tables, sender=self, dispatch_uid="restore-code-tables")


def restore_code_tables(sender, using: str = "default", **kwargs) -> None:
    """The shipped code tables (regions, occupations, industries, minimum wages) after `flush`, which empties every
    table, the rows a data migration loaded included, and then sends post_migrate: every page needs them. A test
    that commits (browser, Celery) ends with a flush, so the tests after it, in any order, find them again."""
    from django.db import DEFAULT_DB_ALIAS, connections

    from jobcenter.codes import load_shipped
    from jobcenter.models import Region

    if using != DEFAULT_DB_ALIAS or Region._meta.db_table not in connections[using].introspection.table_names():
        return
    if not Region.objects.using(using).exists():
        load_shipped()
