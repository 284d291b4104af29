from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from jobcenter import baseline_views, views
from jobcenter.administration import views as administration_views
from jobcenter.security import views as security_views

urlpatterns = [
    path("", views.home, name="home"),
    path("residents/", views.front, name="front"),
    path("healthz", views.healthz, name="healthz"),
    path("baseline/json", baseline_views.constant_json, name="baseline_json"),
    path("baseline/query", baseline_views.one_query, name="baseline_query"),
    path("worklist/", views.worklist, name="worklist"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("data-check/", views.data_check, name="data_check"),
    path("administration/", views.administration, name="administration"),
    path("administration/", include("jobcenter.administration.urls")),
    path("legal/<slug:kind>/", administration_views.legal_notice, name="legal_notice"),
    path("accounts/login/", security_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/password/change/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path("accounts/password/change/done/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"),
    path("accounts/password/reset/", security_views.PasswordResetView.as_view(), name="password_reset"),
    path("accounts/password/reset/done/", auth_views.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path(
        "accounts/reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path("accounts/reset/done/", auth_views.PasswordResetCompleteView.as_view(), name="password_reset_complete"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("seekers/", include("seekers.urls")),
    path("employers/", include("employers.urls")),
    path("matching/", include("matching.urls")),
    path("events/", include("events.urls")),
    path("outreach/", include("outreach.urls")),
    path("resumes/", include("resumes.urls")),
    path("alerts/", include("alerts.urls")),
    path("statistics/", include("jobcenter.statistics.urls")),
    path("", include("jobcenter.security.urls")),
]

handler500 = "jobcenter.error_views.server_error"
