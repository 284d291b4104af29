"""Confirmation before an action that cannot simply be taken back (withdraw, cancel, close, undo, delete).

The page's button opens the KRDS modal (`components/confirm_button.html`, static/js/ui.js), whose "yes" sends the
form with confirm=1. Without JavaScript the button sends the form without it, and the view answers with
`confirm_page`: the same question as a page of its own (`confirm_action.html`), whose form sends everything
again with confirm=1. So the action is asked about once, with or without JavaScript.
"""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def is_confirmed(request: HttpRequest) -> bool:
    return request.POST.get("confirm") == "1"


def confirm_page(
    request: HttpRequest, *, title: str, consequence: str, confirm_label: str, cancel_url: str
) -> HttpResponse:
    """The confirmation step for the POST in `request`: it repeats every field the form sent (but the CSRF token,
    which the page sets anew) to the same address, with confirm=1."""
    fields = [
        (name, value)
        for name, values in request.POST.lists()
        if name not in ("csrfmiddlewaretoken", "confirm")
        for value in values
    ]
    context = {
        "title": title,
        "consequence": consequence,
        "action": request.path,
        "fields": fields,
        "confirm_label": confirm_label,
        "cancel_url": cancel_url,
    }
    return render(request, "confirm_action.html", context)
