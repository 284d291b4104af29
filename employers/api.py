"""The public, read-only JSON API of published vacancies (for the city's website and partner portals).

Django REST framework gives the serializer, pagination and throttling; drf-spectacular derives the
OpenAPI 3 schema from the same code, so the documentation cannot drift from the API. Everything is set
on the views (no project-wide REST_FRAMEWORK settings): no sessions, no browsable API, JSON only.
"""

from django.core.cache import caches
from django.http import Http404, HttpRequest, JsonResponse
from django.urls import include, path, re_path
from django.utils.translation import gettext_lazy as _
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from drf_spectacular.views import SpectacularAPIView
from rest_framework import serializers
from rest_framework.exceptions import NotFound, Throttled, ValidationError
from rest_framework.generics import ListAPIView, RetrieveAPIView
from rest_framework.pagination import PageNumberPagination
from rest_framework.permissions import AllowAny
from rest_framework.renderers import JSONRenderer
from rest_framework.throttling import AnonRateThrottle

from employers import selectors
from employers.models import Vacancy
from jobcenter.models import EmploymentType, Occupation, Region
from jobcenter.security.services import client_ip


class PublicVacancySerializer(serializers.ModelSerializer):
    """Only what the public may see: no review comments, no external references, no staff."""

    company = serializers.CharField(source="company.name")
    occupation_code = serializers.CharField(source="occupation_id", allow_null=True)
    occupation = serializers.CharField(source="occupation.name_ko", allow_null=True, default=None)
    region_code = serializers.CharField(source="region_id", allow_null=True)
    region = serializers.CharField(source="region.name_ko", allow_null=True, default=None)
    openings_free = serializers.IntegerField()
    suitable_for = serializers.ListField(child=serializers.CharField())
    url = serializers.SerializerMethodField()

    class Meta:
        model = Vacancy
        fields = [
            "id",
            "title",
            "company",
            "occupation_code",
            "occupation",
            "duties",
            "openings",
            "openings_free",
            "employment_type",
            "wage_type",
            "wage_amount",
            "working_days",
            "working_hours",
            "weekly_hours",
            "shifts",
            "region_code",
            "region",
            "address",
            "education_required",
            "experience_years",
            "certificates_required",
            "suitable_for",
            "benefits",
            "deadline",
            "hiring_steps",
            "accepts_accompanied_interview",
            "published_at",
            "url",
        ]

    def get_url(self, vacancy: Vacancy) -> str:
        from django.urls import reverse

        request = self.context.get("request")
        path = reverse("employers:job", kwargs={"pk": vacancy.pk})
        return request.build_absolute_uri(path) if request else path


# The API's own wording for every refusal (DRF's defaults are English only): Korean by default, English with
# Accept-Language: en. DRF fills the {placeholders}.
TEXT_ERRORS = {
    "blank": _("Give a value, or leave the parameter out."),
    "invalid": _("Give text."),
    "max_length": _("At most {max_length} characters."),
    "null": _("Give a value, or leave the parameter out."),
}
NUMBER_ERRORS = {
    "invalid": _("Give a whole number."),
    "min_value": _("Give a number of at least {min_value}."),
    "max_value": _("Give a number of at most {max_value}."),
    "max_string_length": _("The number is too long."),
}
DATE_ERRORS = {"invalid": _("Give a date as YYYY-MM-DD."), "datetime": _("Give a date as YYYY-MM-DD.")}
CHOICE_ERRORS = {"invalid_choice": _("Not one of the allowed values.")}


class VacancyQuerySerializer(serializers.Serializer):
    """The query parameters; anything else, or a bad value (an empty one too), is a 400 with a message."""

    q = serializers.CharField(
        required=False,
        max_length=100,
        help_text=_("Keywords in title, duties, certificates."),
        error_messages=TEXT_ERRORS,
    )
    occupation = serializers.CharField(
        required=False, help_text=_("KECO code; matches the code and those below it."), error_messages=TEXT_ERRORS
    )
    region = serializers.CharField(
        required=False, help_text=_("Region code; matches the region and those in it."), error_messages=TEXT_ERRORS
    )
    employment_type = serializers.ChoiceField(
        required=False, choices=EmploymentType.choices, error_messages=CHOICE_ERRORS
    )
    min_wage = serializers.IntegerField(
        required=False, min_value=0, help_text=_("Monthly KRW (hourly × 209)."), error_messages=NUMBER_ERRORS
    )
    deadline_after = serializers.DateField(
        required=False, help_text=_("Open at least until this date (YYYY-MM-DD)."), error_messages=DATE_ERRORS
    )
    sort = serializers.ChoiceField(required=False, choices=["new", "deadline", "wage"], error_messages=CHOICE_ERRORS)
    page = serializers.IntegerField(required=False, min_value=1, error_messages=NUMBER_ERRORS)
    page_size = serializers.IntegerField(required=False, min_value=1, max_value=100, error_messages=NUMBER_ERRORS)

    def validate_occupation(self, value: str) -> str:
        if not Occupation.objects.filter(code=value).exists():
            raise NotFound({"occupation": [_("Unknown occupation code.")]})
        return value

    def validate_region(self, value: str) -> str:
        if not Region.objects.filter(code=value).exists():
            raise NotFound({"region": [_("Unknown region code.")]})
        return value


class VacancyPagination(PageNumberPagination):
    page_size = 20
    page_size_query_param = "page_size"
    max_page_size = 100

    def get_page_number(self, request, paginator):
        return request.query_params.get(self.page_query_param) or 1

    def paginate_queryset(self, queryset, request, view=None):
        try:
            return super().paginate_queryset(queryset, request, view)
        except NotFound as error:  # past the last page: nothing there (well-formed, so not a 400)
            raise NotFound({"page": [_("This page does not exist.")]}) from error


class PublicAPIThrottle(AnonRateThrottle):
    """Per client address, for everyone (the API has no accounts)."""

    scope = "public_api"
    rate = "120/min"

    @property
    def cache(self):
        # Counted in the shared cache (Redis, else PostgreSQL): every gunicorn worker counts the same requests.
        return caches["shared"]

    def get_ident(self, request) -> str:
        # The address behind the trusted proxies only: a new X-Forwarded-For value is no new client.
        return client_ip(request) or ""

    def get_cache_key(self, request, view):
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}


class TooManyRequests(Throttled):
    default_detail = _("Too many requests.")
    extra_detail_singular = _("Try again in {wait} second.")
    extra_detail_plural = _("Try again in {wait} seconds.")


class PublicAPIMixin:
    authentication_classes: list = []
    permission_classes = [AllowAny]
    renderer_classes = [JSONRenderer]
    throttle_classes = [PublicAPIThrottle]
    schema = AutoSchema()

    def throttled(self, request, wait):
        raise TooManyRequests(wait)


def api_not_found(request: HttpRequest, path: str = "") -> JsonResponse:
    """Any other address under the API (a negative id, a typo): a JSON 404 like the API's own, not the site's page."""
    return JsonResponse({"detail": _("No such address in the API.")}, status=404)


QUERY_PARAMETERS = [
    OpenApiParameter(
        "q", {"type": "string", "maxLength": 100}, description="Keywords (Korean or English); every word must appear."
    ),
    OpenApiParameter(
        "occupation", {"type": "string", "minLength": 1}, description="KECO occupation code, e.g. 8 or 81."
    ),
    OpenApiParameter("region", {"type": "string", "minLength": 1}, description="Region code, e.g. 28260 (인천 서구)."),
    OpenApiParameter("employment_type", OpenApiTypes.STR, enum=EmploymentType.values),
    OpenApiParameter(
        "min_wage", {"type": "integer", "minimum": 0}, description="Minimum monthly wage in KRW (hourly × 209)."
    ),
    OpenApiParameter("deadline_after", OpenApiTypes.DATE, description="Open at least until this date."),
    OpenApiParameter("sort", OpenApiTypes.STR, enum=["new", "deadline", "wage"]),
    OpenApiParameter("page", {"type": "integer", "minimum": 1}, description="1 or more, default 1."),
    OpenApiParameter("page_size", {"type": "integer", "minimum": 1, "maximum": 100}, description="1–100, default 20."),
]


@extend_schema(
    summary="Published vacancies",
    parameters=QUERY_PARAMETERS,
    responses={
        200: PublicVacancySerializer(many=True),
        400: OpenApiTypes.OBJECT,
        404: OpenApiTypes.OBJECT,  # an unknown occupation or region code, a page past the last
        429: OpenApiTypes.OBJECT,
    },
)
class VacancyList(PublicAPIMixin, ListAPIView):
    serializer_class = PublicVacancySerializer
    pagination_class = VacancyPagination

    def get_queryset(self):
        unknown = set(self.request.query_params) - set(VacancyQuerySerializer().fields)
        if unknown:
            raise ValidationError(
                {
                    name: [
                        _("Unknown parameter. Allowed: %(names)s.")
                        % {"names": ", ".join(VacancyQuerySerializer().fields)}
                    ]
                    for name in sorted(unknown)
                }
            )
        empty = sorted(name for name, value in self.request.query_params.items() if name != "q" and value == "")
        if empty:  # DRF takes an empty optional value for no value: `deadline_after=` would mean "any deadline"
            raise ValidationError({name: [TEXT_ERRORS["blank"]] for name in empty})
        query = VacancyQuerySerializer(data=self.request.query_params)
        query.is_valid(raise_exception=True)
        data = query.validated_data
        return selectors.search_published_vacancies(
            q=data.get("q", ""),
            occupation=data.get("occupation"),
            region=data.get("region"),
            employment_type=data.get("employment_type", ""),
            min_wage=data.get("min_wage"),
            deadline_after=data.get("deadline_after"),
            sort=data.get("sort", "new"),
        )


@extend_schema(
    summary="One published vacancy",
    # The URL takes digits only (<int:pk>): a negative id is no URL of the API, so the schema says so.
    parameters=[OpenApiParameter("id", {"type": "integer", "minimum": 0}, OpenApiParameter.PATH)],
    responses={200: PublicVacancySerializer, 404: OpenApiTypes.OBJECT, 429: OpenApiTypes.OBJECT},
)
class VacancyDetail(PublicAPIMixin, RetrieveAPIView):
    serializer_class = PublicVacancySerializer

    def get_queryset(self):
        return selectors.published_vacancies()

    def get_object(self):
        try:
            return super().get_object()
        except Http404 as error:
            raise NotFound(_("No published vacancy has this number.")) from error


vacancy_list = VacancyList.as_view()
vacancy_detail = VacancyDetail.as_view()
# Included by employers/urls.py under /employers/; the schema documents exactly these.
urlpatterns = [
    path("api/v1/vacancies/", vacancy_list, name="api_vacancies"),
    path("api/v1/vacancies/<int:pk>/", vacancy_detail, name="api_vacancy"),
]
# After the schema's own (employers/urls.py): everything else under api/v1/ is a JSON 404 (not in the schema).
fallback = [re_path(r"^api/v1/(?P<path>.*)$", api_not_found)]
schema = SpectacularAPIView.as_view(
    patterns=[path("employers/", include(urlpatterns))],
    authentication_classes=[],
    permission_classes=[AllowAny],
    custom_settings={
        "TITLE": "Job centre public vacancies API",
        "DESCRIPTION": "Published vacancies of the municipal job centres. Read-only, no authentication, "
        "rate-limited per client (120 requests a minute).",
        "VERSION": "1.0.0",
    },
)
