"""Job alerts (맞춤 채용정보): a seeker's saved search, sent to them daily or weekly while they hold the consent to
receive job news (seekers.ConsentText.Kind.JOB_NEWS)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from jobcenter.models import EmploymentType, Occupation, Region


class JobAlert(models.Model):
    class Kind(models.TextChoices):
        FILTERS = "filters", _("A job board search")
        PROFILE = "profile", _("Jobs like my profile")

    class Frequency(models.TextChoices):
        DAILY = "daily", _("Daily")
        WEEKLY = "weekly", _("Weekly (Mondays)")

    class Channel(models.TextChoices):
        EMAIL = "email", _("E-mail")
        SMS = "sms", _("Text message")

    seeker = models.ForeignKey(
        "seekers.Seeker", verbose_name=_("job seeker"), on_delete=models.CASCADE, related_name="job_alerts"
    )
    kind = models.CharField(_("kind"), max_length=8, choices=Kind.choices, default=Kind.FILTERS)
    # The job board's filters (employers.forms.BoardFilterForm), for kind=filters.
    q = models.CharField(_("keyword"), max_length=100, blank=True)
    occupation = models.ForeignKey(
        Occupation, verbose_name=_("occupation"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    region = models.ForeignKey(
        Region, verbose_name=_("region"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    employment_type = models.CharField(_("employment type"), max_length=16, choices=EmploymentType.choices, blank=True)
    min_wage = models.PositiveIntegerField(_("monthly wage at least (KRW)"), null=True, blank=True)
    frequency = models.CharField(_("how often"), max_length=8, choices=Frequency.choices, default=Frequency.WEEKLY)
    channel = models.CharField(pgettext_lazy("alert", "sent by"), max_length=8, choices=Channel.choices)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    # Vacancies published after this moment are new to the alert; moved forward by each run (alerts.services).
    checked_until = models.DateTimeField(_("checked until"))
    stopped_at = models.DateTimeField(_("unsubscribed at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("job alert")
        verbose_name_plural = _("job alerts")
        indexes = [
            models.Index(fields=["frequency"], name="jobalert_active_idx", condition=models.Q(stopped_at__isnull=True))
        ]
        constraints = [
            # The same search saved twice (a double click, the form sent again) would send everything twice.
            models.UniqueConstraint(
                fields=[
                    "seeker",
                    "kind",
                    "q",
                    "occupation",
                    "region",
                    "employment_type",
                    "min_wage",
                    "frequency",
                    "channel",
                ],
                condition=models.Q(stopped_at__isnull=True),
                nulls_distinct=False,
                name="jobalert_one_active_per_search",
                violation_error_message=_("You already have this job alert."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.seeker_id} · {self.get_kind_display()} · {self.get_frequency_display()}"

    @property
    def is_active(self) -> bool:
        return self.stopped_at is None
