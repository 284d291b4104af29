from django.urls import path, re_path

from jobcenter.statistics import views

app_name = "statistics"

urlpatterns = [
    path("records/", views.records, name="records"),
    path("reports/", views.reports, name="reports"),
    path("reports/new/", views.report_request, name="report_request"),
    re_path(r"^reports/(?P<pk>[0-9]+)/(?P<format>xlsx|pdf)/$", views.report_download, name="report_download"),
    path("recompute/", views.recompute, name="recompute"),
]
