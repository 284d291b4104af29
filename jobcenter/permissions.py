"""Who may do what. Views ask here; object scoping lives in each app's selectors.

Conventions for every guarded view:
- anonymous users are sent to the login page;
- a logged-in user without the role gets 403;
- an object outside the user's reach (another centre's seeker, another company's vacancy) gets 404,
  so its existence is not revealed.
"""

from collections.abc import Callable
from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse

from jobcenter.models import STAFF_ROLES, Role

COUNSELING_ROLES = (Role.COUNSELOR, Role.MANAGER)


def role_required(*roles: str) -> Callable:
    """Let through only logged-in users with one of `roles`; others get login or 403."""

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if request.user.role not in roles:
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


staff_required = role_required(*STAFF_ROLES)
counselor_required = role_required(*COUNSELING_ROLES)
seeker_required = role_required(Role.SEEKER)
employer_required = role_required(Role.EMPLOYER)
manager_required = role_required(Role.MANAGER, Role.ADMINISTRATOR)
administrator_required = role_required(Role.ADMINISTRATOR)


def home_url_name(user) -> str:
    """The page each role lands on after login."""
    return {
        Role.SEEKER: "seekers:home",
        Role.EMPLOYER: "employers:portal",
        Role.COUNSELOR: "worklist",
        Role.MANAGER: "dashboard",
        Role.ADMINISTRATOR: "administration",
    }[user.role]
