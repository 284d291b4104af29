"""Error pages in the site's layout and language (templates/400.html … 500.html, 403_csrf.html).

Django's own handlers already render 400, 403 and 404 with the request. These two differ from Django's:
the CSRF failure view renders with the request too (Django's has no user, menu or footer), and the 500
handler adds the user when that still works, without the context processors (they query the database,
which may be what failed).
"""

from django.http import HttpRequest, HttpResponseForbidden, HttpResponseServerError
from django.template import loader


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponseForbidden:
    return HttpResponseForbidden(loader.render_to_string("403_csrf.html", {"reason": reason}, request))


def server_error(request: HttpRequest) -> HttpResponseServerError:
    try:
        user = request.user if request.user.is_authenticated else None
    except Exception:  # the session or the database may be what broke
        user = None
    try:
        body = loader.render_to_string("500.html", {"user": user, "request": request})
    except Exception:  # last resort: Django's plain page
        body = "<h1>Server Error (500)</h1>"
    return HttpResponseServerError(body)
