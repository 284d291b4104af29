from django.urls import path

from jobcenter.security import views

app_name = "security"

urlpatterns = [
    path("accounts/2fa/setup/", views.otp_setup, name="otp_setup"),
    path("accounts/2fa/verify/", views.otp_verify, name="otp_verify"),
    path("security/access-review/", views.access_review, name="access_review"),
]
