"""The second-factor pages (set up, enter a code), the managers' monthly access-log review, and the throttled login
and password-reset pages."""

import datetime

import segno
from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django_otp import devices_for_user
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from jobcenter.permissions import home_url_name, manager_required, staff_required
from jobcenter.security import selectors, throttles
from jobcenter.security.forms import LoginForm, ReviewForm, TokenForm
from jobcenter.security.models import SecurityEvent
from jobcenter.security.services import client_ip, security_event_log


def _next_url(request: HttpRequest) -> str:
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return reverse(home_url_name(request.user))


@never_cache
@login_required
@staff_required
def otp_setup(request: HttpRequest) -> HttpResponse:
    """First login of a staff member: show the secret as a QR code and confirm it with one code."""
    if any(True for _device in devices_for_user(request.user, confirmed=True)):
        # Re-enrolling must not be a way around an existing device: enter its code instead.
        return HttpResponseRedirect(f"{reverse('security:otp_verify')}?next={_next_url(request)}")
    device = TOTPDevice.objects.filter(user=request.user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=request.user, name=_("Authenticator app"), confirmed=False)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["token"]):
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            otp_login(request, device)
            security_event_log(
                kind=SecurityEvent.Kind.OTP_ENROLLED, username=request.user.get_username(), request=request
            )
            return HttpResponseRedirect(_next_url(request))
        form.add_error("token", _("That code is not right. Check the clock of your phone and try the newest code."))
    uri = device.config_url
    context = {
        "form": form,
        "qr_data_uri": segno.make(uri, error="m").svg_data_uri(scale=5, dark="#111", light="#fff"),
        "secret": _grouped_secret(uri),
        "uri": uri,
        "next": _next_url(request),
    }
    return render(
        request, "security/otp_setup.html", context, status=200 if form.is_valid() or not form.is_bound else 400
    )


def _grouped_secret(uri: str) -> str:
    from urllib.parse import parse_qs, urlparse

    secret = parse_qs(urlparse(uri).query)["secret"][0]
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


@never_cache
@login_required
@staff_required
def otp_verify(request: HttpRequest) -> HttpResponse:
    """Each login of a staff member: one code from the device set up before."""
    if request.user.is_verified():
        return HttpResponseRedirect(_next_url(request))
    devices = list(devices_for_user(request.user, confirmed=True))
    if not devices:
        return HttpResponseRedirect(f"{reverse('security:otp_setup')}?next={_next_url(request)}")
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        for device in devices:
            if device.verify_token(form.cleaned_data["token"]):
                otp_login(request, device)
                return HttpResponseRedirect(_next_url(request))
        security_event_log(kind=SecurityEvent.Kind.OTP_FAILED, username=request.user.get_username(), request=request)
        form.add_error("token", _("That code is not right. Enter the newest code your authenticator app shows."))
    status = 400 if form.is_bound and form.errors else 200
    return render(request, "security/otp_verify.html", {"form": form, "next": _next_url(request)}, status=status)


@login_required
@manager_required
def access_review(request: HttpRequest) -> HttpResponse:
    """A month of personal-data access per account, with the ones far above their centre's median flagged."""
    form = ReviewForm(request.GET or None)
    valid = form.is_valid() if form.is_bound else True
    month = (form.cleaned_data.get("month") if form.is_bound and valid else None) or _last_month()
    month = month.replace(day=1)
    review = selectors.access_review(user=request.user, month=month, factor=settings.ACCESS_REVIEW_FACTOR)
    return render(
        request,
        "security/access_review.html",
        {"form": form, "review": review, "month": month, "factor": settings.ACCESS_REVIEW_FACTOR},
        status=200 if valid else 400,
    )


def _last_month() -> datetime.date:
    first = timezone.localdate().replace(day=1)
    return (first - datetime.timedelta(days=1)).replace(day=1)


# --- Login and password reset, throttled (jobcenter/security/throttles.py) ---------------------------------------


class LoginView(auth_views.LoginView):
    """Django's login, refused with the time to try again once an address has failed LOGIN_FAILURES_PER_ADDRESS
    times across any usernames, or an account LOGIN_FAILURES_PER_ACCOUNT times from any addresses (axes still
    locks an account for one address after AXES_FAILURE_LIMIT)."""

    redirect_authenticated_user = True
    authentication_form = LoginForm

    def post(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        address, username = client_ip(request), request.POST.get("username", "")
        until = throttles.LOGIN_PER_ADDRESS.blocked_until(address) or throttles.LOGIN_PER_ACCOUNT.blocked_until(
            username
        )
        if until is not None:
            return throttles.throttled_page(request, until)
        return super().post(request, *args, **kwargs)

    def form_invalid(self, form):
        throttles.LOGIN_PER_ADDRESS.hit(client_ip(self.request))
        throttles.LOGIN_PER_ACCOUNT.hit(self.request.POST.get("username", ""))
        return super().form_invalid(form)


class PasswordResetView(auth_views.PasswordResetView):
    """Django's password reset: an address gets PASSWORD_RESETS_PER_ADDRESS requests a window, then the page says
    when to try again; an account gets PASSWORD_RESETS_PER_ACCOUNT mails a window, after which the page reads the
    same as ever (it never says whether an account exists) and no mail is sent."""

    def post(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        until = throttles.RESET_PER_ADDRESS.blocked_until(client_ip(request))
        if until is not None:
            return throttles.throttled_page(request, until)
        throttles.RESET_PER_ADDRESS.hit(client_ip(request))
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        email = form.cleaned_data["email"]
        if throttles.RESET_PER_ACCOUNT.blocked_until(email) is not None:
            return HttpResponseRedirect(self.get_success_url())
        throttles.RESET_PER_ACCOUNT.hit(email)
        return super().form_valid(form)
