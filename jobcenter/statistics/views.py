"""Statistics pages: the records behind a figure, the monthly performance reports and recomputation.
The dashboard itself is `jobcenter.views.dashboard`."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from jobcenter.formatting import download_name, month_text
from jobcenter.models import Role
from jobcenter.permissions import manager_required, staff_required
from jobcenter.statistics import selectors, services
from jobcenter.statistics.forms import ReasonForm, RecomputeForm, RecordsForm, ReportRequestForm
from jobcenter.statistics.measures import DIMENSIONS, MEASURES_BY_KEY
from jobcenter.statistics.models import PerformanceReport, StatisticsMonth, StatisticsRecomputation


@login_required
@staff_required
def records(request: HttpRequest) -> HttpResponse:
    """The records behind one figure of the dashboard: names masked except for a counselor's own seekers."""
    form = RecordsForm(request.GET)
    if not form.is_valid():
        return render(request, "statistics/records.html", {"form": form}, status=400)
    data = form.cleaned_data
    scope = selectors.scope_for_user(request.user, centre_id=data["centre"])
    measure = MEASURES_BY_KEY[data["measure"]]
    result = selectors.records(
        scope, measure, data["month"], dimension=data["dimension"], member=data["member"].strip()
    )
    rows = selectors.record_rows(result, reveal_names=request.user.role == Role.COUNSELOR)
    if request.user.role == Role.COUNSELOR:  # names shown in full: 접속기록 per seeker
        from jobcenter.security.access import record_seekers_shown

        record_seekers_shown(
            request,
            [obj if obj._meta.label == "seekers.Seeker" else getattr(obj, "seeker", None) for obj in result.objects],
        )
    member_label = ""
    if data["dimension"] and not scope.is_counselor:
        member_label = selectors.member_labels(data["dimension"], {data["member"]})[data["member"]]
    return render(
        request,
        "statistics/records.html",
        {
            "form": form,
            "scope": scope,
            "measure": measure,
            "month": data["month"],
            "result": result,
            "rows": rows,
            "dimension": DIMENSIONS.get(data["dimension"]) if not scope.is_counselor else None,
            "member_label": member_label,
            "masked": request.user.role != Role.COUNSELOR,
        },
    )


@login_required
@manager_required
def reports(request: HttpRequest) -> HttpResponse:
    """The monthly performance reports (월간 실적보고) of the user's centre, or every centre's for an administrator."""
    form = ReportRequestForm(show_centre=request.user.role == Role.ADMINISTRATOR)
    report_list = selectors.reports_for_user(request.user)[:50]
    return render(request, "statistics/reports.html", {"form": form, "reports": report_list})


@login_required
@manager_required
@require_POST
def report_request(request: HttpRequest) -> HttpResponse:
    is_admin = request.user.role == Role.ADMINISTRATOR
    form = ReportRequestForm(request.POST, show_centre=is_admin)
    if not form.is_valid():
        report_list = selectors.reports_for_user(request.user)[:50]
        return render(request, "statistics/reports.html", {"form": form, "reports": report_list}, status=400)
    centre = form.cleaned_data.get("centre") if is_admin else request.user.centre
    try:
        report = services.report_request(month=form.cleaned_data["month"], centre=centre, by=request.user)
    except ValidationError as error:
        form.add_error(None, error)
        report_list = selectors.reports_for_user(request.user)[:50]
        return render(request, "statistics/reports.html", {"form": form, "reports": report_list}, status=400)
    messages.success(request, _("The report of %(month)s is being generated.") % {"month": month_text(report.month)})
    return redirect("statistics:reports")


@login_required
@manager_required
@require_http_methods(["GET", "POST"])
def report_download(request: HttpRequest, pk: int, format: str) -> HttpResponse:
    """Ask for the reason first; record who, when and why; then hand over the file."""
    report = selectors.get_report_for_user(request.user, pk)
    form = ReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.report_download_record(
                report=report,
                format=format,
                user=request.user,
                reason=form.cleaned_data["reason"],
                ip_address=request.META.get("REMOTE_ADDR"),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return _report_file(report, format)
    status = 400 if request.method == "POST" else 200
    return render(
        request, "statistics/report_download.html", {"report": report, "format": format, "form": form}, status=status
    )


def _report_file(report: PerformanceReport, format: str) -> HttpResponse:
    scope = report.centre.name if report.centre else _("All centres")
    name = download_name(_("Monthly performance report"), f"{report.month:%Y-%m}", scope, extension=format)
    if format == "xlsx":
        content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        content = bytes(report.xlsx)
    else:
        content_type = "application/pdf"
        content = bytes(report.pdf)
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=name)
    return response


@login_required
@manager_required
@require_http_methods(["GET", "POST"])
def recompute(request: HttpRequest) -> HttpResponse:
    """Compute a month again (late entries, corrections); who, when and why are logged."""
    form = RecomputeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.statistics_recompute_request(
                month=form.cleaned_data["month"], by=request.user, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The month is being computed again."))
            return redirect("statistics:recompute")
    context = {
        "form": form,
        "log": StatisticsRecomputation.objects.select_related("requested_by")[:30],
        "months": StatisticsMonth.objects.all()[:24],
        "refresh_minutes": selectors.running_month_refresh_minutes(),
    }
    return render(request, "statistics/recompute.html", context, status=400 if request.method == "POST" else 200)
