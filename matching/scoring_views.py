"""Counselor pages of the scorer: a vacancy's best candidates, a seeker's best vacancies, the weights."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from employers.selectors import vacancies_for_user
from jobcenter.layout import kept_page
from jobcenter.params import id_param
from jobcenter.permissions import counselor_required, manager_required
from jobcenter.security.access import record_seekers_shown
from matching.scoring import rank_seekers_for_vacancy
from matching.scoring.candidates_page import cache_key, candidates_part
from matching.scoring.results import LIST_SIZE, current_weights
from matching.scoring.selectors import StoredList, candidates_vacancy, stored_candidates, stored_vacancies
from matching.scoring.services import match_weights_update
from matching.scoring_forms import CandidateFilterForm, MatchWeightsForm
from matching.scoring_models import VacancyMatchProfile
from seekers.selectors import booths_for_user, get_seeker_for_user


def _offset(request: HttpRequest) -> int:
    return min(id_param(request.GET.get("offset")) or 0, 1000)


def _render(request: HttpRequest, page: str, context: dict) -> HttpResponse:
    """The page; for htmx's "more" the next rows plus the new "more" link (swapped out of band)."""
    if request.htmx and request.GET.get("offset"):
        rows = render_to_string(f"{page}#rows", context, request=request)
        more = render_to_string(f"{page}#more", {**context, "oob": True}, request=request)
        return HttpResponse(rows + more)
    return render(request, page, context)


@counselor_required
def vacancy_candidates(request: HttpRequest, pk: int) -> HttpResponse:
    """The page below its title is kept between visits until what it shows changes
    (matching/scoring/candidates_page.py)."""
    page = "matching/scoring_candidates.html"
    vacancy = candidates_vacancy(request.user, pk)

    def filter_form() -> CandidateFilterForm:
        # Its booths read from the database, after the key's digest of them (candidates_vacancy): a booth renamed
        # since gives the next visit another key.
        return CandidateFilterForm(request.GET or None, booths=booths_for_user(request.user))

    # Without a filter asked for, the form filters nothing: it is built only to be rendered (not on a kept visit).
    form, booth_id, target_group = None, None, ""
    if "booth" in request.GET or "target_group" in request.GET:
        form = filter_form()
        if form.is_valid():
            booth, target_group = form.cleaned_data["booth"], form.cleaned_data["target_group"]
            booth_id = booth.pk if booth else None
    more = bool(request.htmx and request.GET.get("offset"))

    def render_part(csrf_token: str) -> tuple[str, StoredList]:
        found = stored_candidates(
            user=request.user, vacancy=vacancy, booth_id=booth_id, target_group=target_group, offset=_offset(request)
        )
        query = request.GET.copy()
        query.pop("offset", None)
        context = {"vacancy": vacancy, "found": found, "filter_query": query.urlencode(), "csrf_token": csrf_token}
        # Without the request: the kept HTML holds nothing of the viewer but what its key does (and the context
        # processors, the base page's, are not run again for it).
        if more:  # htmx's "more": the next rows plus the new "more" link (swapped out of band)
            rows = render_to_string(f"{page}#rows", context)
            return rows + render_to_string(f"{page}#more", {**context, "oob": True}), found
        return render_to_string(f"{page}#content", {**context, "form": form or filter_form()}), found

    key = cache_key(
        request, vacancy, part="more" if more else "content", booth_id=booth_id, target_group=target_group,
        shown=(vacancy.title, vacancy.company.name, vacancy.region and vacancy.region.name),
    )  # fmt: skip
    content = candidates_part(request, key, render_part)
    if more:
        return HttpResponse(content)
    return kept_page(request, title=_("Best candidates for %(title)s") % {"title": vacancy.title}, body=content)


@counselor_required
def seeker_vacancies(request: HttpRequest, pk: int) -> HttpResponse:
    seeker = get_seeker_for_user(request.user, pk)
    found = stored_vacancies(user=request.user, seeker=seeker, offset=_offset(request))
    profile = getattr(seeker, "match_profile", None)
    context = {"seeker": seeker, "found": found, "matchable": profile is None or profile.is_active}
    record_seekers_shown(request, [seeker])  # 접속기록
    return _render(request, "matching/scoring_vacancies.html", context)


@manager_required
@require_http_methods(["GET", "POST"])
def match_weights(request: HttpRequest) -> HttpResponse:
    """Edit the weights; "Preview" shows how a sample vacancy's ranking changes before saving."""
    weights = current_weights()
    saved = weights.as_dict()  # before the form writes the proposed values into the instance
    form = MatchWeightsForm(request.POST or None, instance=weights)
    sample = _sample_vacancy(request)
    preview = None
    if request.method == "POST" and form.is_valid():
        proposed = {part: float(form.cleaned_data[part]) for part in weights.PARTS} | {
            f"{condition}_rule": form.cleaned_data[f"{condition}_rule"] for condition in weights.CONDITIONS
        }
        if "save" in request.POST:
            try:
                match_weights_update(by=request.user, values=proposed)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("The weights were saved. Every stored list is being recomputed."))
                return redirect("matching:match_weights")
        elif sample is not None:
            preview = _preview(request, sample, current=saved, proposed=proposed)
    context = {"form": form, "weights": weights, "sample": sample, "preview": preview}
    return render(request, "matching/scoring_weights.html", context)


def _sample_vacancy(request: HttpRequest):
    """The vacancy the preview ranks: the one asked for, else the user's latest open vacancy."""
    vacancies = vacancies_for_user(request.user).filter(
        pk__in=VacancyMatchProfile.objects.filter(is_open=True).values("vacancy_id")
    )
    asked = id_param(request.POST.get("sample") or request.GET.get("sample"))
    if asked:
        return vacancies.filter(pk=asked).first()
    return vacancies.order_by("-published_at", "-pk").first()


PREVIEW_DEPTH = 200


PREVIEW_SIZE = 10


def _preview(request: HttpRequest, vacancy, *, current: dict, proposed: dict) -> dict:
    """The top 10 under the proposed weights beside their place in the stored ranking ("현재"; computed with
    the saved weights when the vacancy has no stored list yet), and who of the stored top 10 left it."""

    def visible(ranked: list) -> list:
        user = request.user
        return [m for m in ranked if m.seeker and (user.is_administrator or m.seeker.centre_id == user.centre_id)]

    stored = stored_candidates(user=request.user, vacancy=vacancy, limit=LIST_SIZE).rows
    before = stored or visible(rank_seekers_for_vacancy(vacancy, limit=PREVIEW_DEPTH, weights=current))
    after = visible(rank_seekers_for_vacancy(vacancy, limit=PREVIEW_DEPTH, weights=proposed))
    position_before = {match.seeker_id: index for index, match in enumerate(before, start=1)}
    score_before = {match.seeker_id: match.score for match in before}
    position_after = {match.seeker_id: index for index, match in enumerate(after, start=1)}
    rows = []
    for position, match in enumerate(after[:PREVIEW_SIZE], start=1):
        old = position_before.get(match.seeker_id)
        rows.append(
            {
                "position": position,
                "match": match,
                "old_position": old,
                "old_score": score_before.get(match.seeker_id),
                "moved": (old - position) if old else None,
            }
        )
    left = [
        {"match": match, "old_position": index, "new_position": position_after.get(match.seeker_id)}
        for index, match in enumerate(before[:PREVIEW_SIZE], start=1)
        if position_after.get(match.seeker_id, PREVIEW_SIZE + 1) > PREVIEW_SIZE
    ]
    moved = sum(1 for row in rows if row["moved"] != 0)
    return {"rows": rows, "left": left, "moved": moved, "from_stored": bool(stored)}
