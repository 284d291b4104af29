"""Rollup tables of the placement statistics: the monthly figures dashboards and reports read.

The raw records (consultations, referrals, placements, ...) stay in their apps; `rollup.py` turns one month
of them into `MonthlyFigure` rows, and nothing else writes those rows.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class StatisticsMonth(models.Model):
    """One month of figures: running while the month is open, official once computed after it closed."""

    class Status(models.TextChoices):
        RUNNING = "running", _("Running (the month is not over)")
        OFFICIAL = "official", _("Official")

    month = models.DateField(_("month"), unique=True, help_text=_("The first day of the month."))
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.RUNNING)
    computed_at = models.DateTimeField(_("computed at"), null=True, blank=True)
    duration_ms = models.PositiveIntegerField(_("computation time (ms)"), default=0)
    figure_count = models.PositiveIntegerField(_("number of figures"), default=0)

    class Meta:
        ordering = ["-month"]
        verbose_name = _("statistics month")
        verbose_name_plural = _("statistics months")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(month__day=1),
                name="statistics_month_is_first_day",
                violation_error_message=_("A statistics month starts on the first day of the month."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.month:%Y-%m} ({self.get_status_display()})"


class MonthlyFigure(models.Model):
    """One number: a measure for one month, one centre (or the whole city), one breakdown member.

    `dimension` is empty for the total; otherwise `member` is the key of the breakdown value (a booth id,
    a counselor id, a target group, an age band, an occupation major group, a 시군구 code, a channel or a
    reason), with "-" for records that have none, so that the members of a dimension add up to the total.
    """

    NONE = "-"

    month = models.DateField(_("month"))
    # Empty for the whole city (every centre together).
    centre = models.ForeignKey(
        "jobcenter.Centre",
        verbose_name=_("job centre"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    measure = models.CharField(_("measure"), max_length=40)
    dimension = models.CharField(_("breakdown"), max_length=20, blank=True, default="")
    member = models.CharField(_("breakdown value"), max_length=40, blank=True, default="")
    value = models.DecimalField(_("value"), max_digits=16, decimal_places=2)

    class Meta:
        ordering = ["month", "measure"]
        verbose_name = _("monthly figure")
        verbose_name_plural = _("monthly figures")
        constraints = [
            models.UniqueConstraint(
                fields=["month", "centre", "measure", "dimension", "member"],
                name="monthly_figure_unique",
                nulls_distinct=False,
            ),
        ]
        indexes = [
            # The dashboard: one scope (centre or city, breakdown member), a run of months.
            models.Index(fields=["centre", "dimension", "member", "month"], name="monthly_figure_scope_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.month:%Y-%m} {self.centre_id or '*'} {self.measure} {self.dimension}={self.member}: {self.value}"


class StatisticsChange(models.Model):
    """How many statements changed a table whose rows the dashboard shows: the rollup tables, the data check's runs
    and the names of centres, booths, counselors, occupations and regions. One row per table, counted by database
    triggers (jobcenter migration 0011), so no service, bulk update or import can forget to count. Their sum and the
    latest change's time are the version the rendered dashboard is kept under (jobcenter/statistics/dashboard_page.py):
    the time as well, so that a database restored from a backup, whose counts start again lower, cannot give the
    version of a rendering kept before."""

    source = models.CharField(_("table"), max_length=63, primary_key=True)
    changes = models.BigIntegerField(_("changes"), default=0)
    changed_at = models.DateTimeField(_("changed at"))

    class Meta:
        verbose_name = _("statistics change count")
        verbose_name_plural = _("statistics change counts")

    def __str__(self) -> str:
        return f"{self.source}: {self.changes}"


class StatisticsRecomputation(models.Model):
    """History: who had a month computed again, when and why (the automatic runs are logged too)."""

    month = models.DateField(_("month"))
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reason = models.CharField(_("reason"), max_length=300)
    requested_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    became_official = models.BooleanField(_("made the official figures"), default=False)

    class Meta:
        ordering = ["-requested_at"]
        verbose_name = _("statistics recomputation")
        verbose_name_plural = _("statistics recomputations")

    def __str__(self) -> str:
        return f"{self.month:%Y-%m} by {self.requested_by_id}: {self.reason}"


class PerformanceReport(models.Model):
    """월간 실적보고: the monthly performance report of one centre (or the city), as Excel and PDF."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Being generated")
        READY = "ready", _("Ready")
        FAILED = "failed", _("Failed")

    month = models.DateField(_("month"))
    centre = models.ForeignKey(
        "jobcenter.Centre",
        verbose_name=_("job centre"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("Empty for the whole city."),
    )
    status = models.CharField(_("status"), max_length=8, choices=Status.choices, default=Status.PENDING)
    xlsx = models.BinaryField(_("Excel file"), null=True, blank=True)
    pdf = models.BinaryField(_("PDF file"), null=True, blank=True)
    error = models.TextField(_("error"), blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    requested_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    generated_at = models.DateTimeField(_("generated at"), null=True, blank=True)

    class Meta:
        ordering = ["-month", "-requested_at"]
        verbose_name = _("monthly performance report")
        verbose_name_plural = _("monthly performance reports")
        indexes = [models.Index(fields=["centre", "-month"], name="performance_report_scope_idx")]

    def __str__(self) -> str:
        return f"{self.month:%Y-%m} {self.centre or '*'}"


class ReportDownload(models.Model):
    """Every download of a performance report: who, when, which file and why."""

    class Format(models.TextChoices):
        XLSX = "xlsx", _("Excel")
        PDF = "pdf", _("PDF")

    report = models.ForeignKey(
        PerformanceReport, verbose_name=_("report"), on_delete=models.CASCADE, related_name="downloads"
    )
    format = models.CharField(_("format"), max_length=4, choices=Format.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("who"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    reason = models.CharField(_("reason"), max_length=300)
    at = models.DateTimeField(_("when"), auto_now_add=True)
    ip_address = models.GenericIPAddressField(_("from where (IP address)"), null=True, blank=True)

    class Meta:
        ordering = ["-at"]
        verbose_name = _("report download")
        verbose_name_plural = _("report downloads")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(reason=""),
                name="report_download_has_reason",
                violation_error_message=_("Say why you download the report."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} {self.report} {self.at:%Y-%m-%d %H:%M}"


__all__ = [
    "MonthlyFigure",
    "PerformanceReport",
    "ReportDownload",
    "StatisticsChange",
    "StatisticsMonth",
    "StatisticsRecomputation",
]
