import datetime
from collections.abc import Callable

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import OuterRef, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from employers.selectors import vacancies_with_words
from jobcenter.models import EmploymentType, User, WageType
from jobcenter.params import id_param
from jobcenter.queries import annotation_sql, scoped_get
from jobcenter.widgets import KrdsDateInput
from matching.models import EndingReason, FollowUp, Referral, ReferralState
from matching.selectors import referable_vacancies, seekers_for_user
from matching.services import SPECIAL_TARGETS, allowed_targets
from seekers.models import ConsentText, Seeker, holds_consent


class DateInput(KrdsDateInput):
    """The KRDS date input (jobcenter.widgets), under the name this module's forms use."""


class TimeInput(forms.TimeInput):
    input_type = "time"


SEARCH_RESULTS = 20


class SearchChoiceField(forms.ModelChoiceField):
    """A choice among many rows (a centre's 50,000 seekers, every published vacancy), picked from search results.

    Validation is a ModelChoiceField's: the posted id must be in the (scoped) queryset. Rendering is not: the
    radio buttons offer only the chosen row and the rows found for the search text (ReferralForm sets
    `widget.choices`), never a <select> of the whole queryset."""

    widget = forms.RadioSelect

    def __init__(
        self, *args, label_from_instance: Callable, read_fields: tuple[str, ...], read_with: Callable = dict, **kwargs
    ) -> None:
        self.scope: tuple[Callable, User] | None = None  # (selector, user) of `queryset`: see set_scope
        super().__init__(*args, **kwargs)
        self._label = label_from_instance
        self.read_fields = read_fields
        self.read_with = read_with  # annotations read with the chosen row: {name: expression}

    def set_scope(self, selector: Callable[[User], QuerySet], user: User) -> None:
        """The rows `user` may choose, `selector(user)`; the chosen row is read by a query compiled once per process
        (jobcenter.queries.scoped_get: building and compiling it cost more than the database's work). The queryset
        itself is built when something reads it (the search results, a page shown again), not for a valid POST."""
        self._queryset = None
        self.scope = (selector, user)

    def _get_queryset(self) -> QuerySet | None:
        if self._queryset is None and self.scope is not None:
            selector, user = self.scope
            self._queryset = selector(user)
        return self._queryset

    queryset = property(_get_queryset, forms.ModelChoiceField._set_queryset)

    def _read_chosen(self, queryset: QuerySet) -> QuerySet:
        return queryset.select_related(None).only(*self.read_fields).annotate(**self.read_with())

    def label_from_instance(self, obj) -> str:
        return self._label(obj)

    def to_python(self, value):
        """The chosen row with only `read_fields` (what the form's caller uses of it): the whole row, with the
        joins the search results need for their labels, cost more than the rest of creating a referral."""
        if value in self.empty_values:
            return None
        self.validate_no_null_characters(value)
        try:
            if self.scope is None:
                return self._read_chosen(self.queryset).get(pk=value)
            selector, user = self.scope
            return scoped_get(
                ("search_choice", self.read_fields, self.read_with), selector, user, self._read_chosen, value
            )
        except (ValueError, TypeError, self.queryset.model.DoesNotExist) as error:
            raise ValidationError(
                self.error_messages["invalid_choice"], code="invalid_choice", params={"value": value}
            ) from error


def seeker_label(seeker) -> str:
    born = f" · {seeker.birth_date:%Y-%m-%d}" if seeker.birth_date else ""
    return f"{seeker.name}{born} · {seeker.masked_phone}" if seeker.phone else f"{seeker.name}{born}"


def vacancy_label(vacancy) -> str:
    return f"{vacancy.company.name} · {vacancy.title} ({vacancy.get_status_display()}) · #{vacancy.pk}"


def find_seekers(queryset: QuerySet, text: str) -> QuerySet:
    """By name (two characters on), or by phone digits when the text is digits."""
    from seekers.selectors import SeekerSearch, seeker_search

    text = text.strip()
    digits = text.replace("-", "")
    if digits.isdigit():
        found = seeker_search(queryset, SeekerSearch(phone_tail=digits))
    elif len(text.replace(" ", "")) >= 2:
        found = seeker_search(queryset, SeekerSearch(name=text))
    else:
        return queryset.none()
    return found.order_by("name", "pk")


def find_vacancies(queryset: QuerySet, text: str) -> QuerySet:
    """By vacancy number, or by words of its title, duties or certificates (the board's trigram index)."""
    text = text.strip().lstrip("#")
    if text.isdecimal():
        return queryset.filter(pk=id_param(text)) if id_param(text) else queryset.none()
    words = [word for word in text.split() if len(word) >= 2][:5]
    if not words:
        return queryset.none()
    return vacancies_with_words(queryset, words).order_by("-pk")


class ReferralForm(forms.Form):
    seeker_q = forms.CharField(
        label=_("Find a job seeker"),
        required=False,
        max_length=50,
        help_text=_("A name (two characters or more) or the last digits of the phone number."),
    )
    seeker = SearchChoiceField(
        label=_("Job seeker"),
        queryset=None,
        label_from_instance=seeker_label,
        read_fields=("name", "centre", "last_activity_at", "expired_at"),  # what referral_create reads
        # and whether the seeker lets employers see their profile (referral_create's `current`)
        read_with=lambda: {
            "shares_profile": annotation_sql(
                Seeker, "shares_profile", lambda: holds_consent(ConsentText.Kind.SHARING, OuterRef("pk"))
            )
        },
        error_messages={
            "invalid_choice": _("Choose a job seeker of your centre."),
            "required": _("Search for the job seeker and choose one."),
        },
    )
    vacancy_q = forms.CharField(
        label=_("Find a vacancy"),
        required=False,
        max_length=100,
        help_text=_("Words of the title or duties, or the vacancy number."),
    )
    vacancy = SearchChoiceField(
        label=_("Vacancy"),
        queryset=None,
        label_from_instance=vacancy_label,
        read_fields=("title", "status", "openings", "openings_filled"),
        error_messages={
            "invalid_choice": _("Choose a vacancy from the list."),
            "required": _("Search for the vacancy and choose one."),
        },
    )
    # The one note of a referral the employer reads (Referral.note); every other note is internal.
    note = forms.CharField(
        label=_("Note for the employer"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "The employer reads this note with the candidate's profile. Write why the seeker fits the vacancy; "
            "never consultation details, health or family circumstances."
        ),
    )
    interest = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, user: User, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["seeker"].set_scope(seekers_for_user, user)
        self.fields["vacancy"].set_scope(referable_vacancies, user)
        self.searched: dict[str, dict] = {}
        self._offer("seeker", "seeker_q", find_seekers)
        self._offer("vacancy", "vacancy_q", find_vacancies)

    def _raw(self, name: str) -> str:
        value = self.data.get(self.add_prefix(name)) if self.is_bound else self.initial.get(name)
        return str(value or "").strip()

    def _offer(self, name: str, search_name: str, find: Callable) -> None:
        """The radio choices: the chosen row (when the user may pick it), then up to SEARCH_RESULTS rows found
        for the search text. Lazy: a valid POST that redirects runs none of these queries."""
        field = self.fields[name]
        chosen, text = self._raw(name), self._raw(search_name)
        if "\x00" in text:  # PostgreSQL takes no NUL in text; the bound search field says so to the user
            text = ""
        searched = self.searched[name] = {"text": text, "found": 0}
        memo: list = []

        def choices() -> list[tuple[int, str]]:
            if not memo:
                rows = list(field.queryset.filter(pk=id_param(chosen))) if id_param(chosen) else []
                found = [row for row in find(field.queryset, text)[:SEARCH_RESULTS] if row not in rows] if text else []
                searched["found"] = len(found)
                memo.append([(row.pk, field.label_from_instance(row)) for row in rows + found])
            return memo[0]

        field.widget.choices = choices


class TransitionForm(forms.Form):
    prefix = "t"
    to_state = forms.ChoiceField(label=_("New state"))
    reason = forms.ChoiceField(
        label=_("Reason (when it ends without a hire)"),
        choices=[("", "---------"), *EndingReason.choices],
        required=False,
    )
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, referral: Referral, user: User, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        targets = [state for state in allowed_targets(referral, user) if state not in SPECIAL_TARGETS]
        # A blank first choice: after "sent" the first allowed move is an ending, which must not be the default.
        choices = [(state, ReferralState(state).label) for state in targets]
        self.fields["to_state"].choices = [("", _("Choose the next step")), *choices] if choices else []
        self.fields["to_state"].error_messages["invalid_choice"] = _("This step is not possible for this referral now.")

    def clean(self) -> dict:
        data = super().clean()
        if data.get("to_state") in (ReferralState.NOT_HIRED, ReferralState.WITHDRAWN) and not data.get("reason"):
            self.add_error("reason", _("Choose the reason why the referral ended without a hire."))
        return data


class InterviewForm(forms.Form):
    prefix = "i"
    date = forms.DateField(label=_("Date"), widget=DateInput)
    time = forms.TimeField(label=_("Time"), widget=TimeInput)
    place = forms.CharField(label=_("Place"), required=False, max_length=200)
    video_link = forms.URLField(
        label=_("Video link"),
        required=False,
        help_text=_("For a video interview, instead of a place."),
        assume_scheme="https",
    )
    accompanied = forms.BooleanField(label=_("A counselor accompanies the seeker (동행면접)"), required=False)
    override_reason = forms.CharField(
        label=_("Reason for an exception"),
        required=False,
        max_length=200,
        help_text=_("Only for an interview on a public holiday or outside 07:00–22:00; it is logged."),
    )
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, user: User, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if not user.is_centre_staff:
            del self.fields["accompanied"]

    def clean(self) -> dict:
        data = super().clean()
        if not data.get("place") and not data.get("video_link") and "video_link" not in self.errors:
            raise forms.ValidationError(_("Give the place of the interview or a video link."))
        if data.get("date") and data.get("time"):
            data["starts_at"] = timezone.make_aware(datetime.datetime.combine(data["date"], data["time"]))
        return data


class PlacementForm(forms.Form):
    prefix = "p"
    start_date = forms.DateField(label=_("Start date"), widget=DateInput)
    employment_type = forms.ChoiceField(label=_("Employment type"), choices=EmploymentType.choices)
    wage_type = forms.ChoiceField(label=_("Wage type"), choices=WageType.choices)
    wage_amount = forms.IntegerField(label=_("Wage (KRW)"), min_value=1, max_value=1_000_000_000)
    weekly_hours = forms.IntegerField(label=_("Hours per week"), min_value=1, max_value=80)
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class SelfReportedPlacementForm(PlacementForm):
    prefix = None
    employer_name = forms.CharField(label=_("Employer"), max_length=100)
    job_title = forms.CharField(label=_("Job title"), max_length=120, required=False)
    field_order = ["employer_name", "job_title"]


class CorrectionForm(forms.Form):
    prefix = "c"
    reason = forms.CharField(
        label=_("Why is the outcome corrected?"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Kept in the referral's history with your name and the time."),
    )


class FollowUpForm(forms.Form):
    outcome = forms.ChoiceField(label=_("What the contact found"), choices=FollowUp.Outcome.choices)
    left_reason = forms.CharField(
        label=_("Reason for leaving"), required=False, max_length=200, help_text=_("Only when the seeker left.")
    )
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def clean(self) -> dict:
        data = super().clean()
        if data.get("outcome") == FollowUp.Outcome.LEFT and not data.get("left_reason", "").strip():
            self.add_error("left_reason", _("Say why the seeker left the job."))
        return data


def label_notes(user: User, *forms_with_notes: forms.Form) -> None:
    """Say on every note field of a referral's forms who reads it: a staff member's note stays in the centre (the
    employer never sees it); an employer's note is read by the centre. Only the referral's "note for the employer"
    (ReferralForm.note) goes to the employer."""
    label = _("Internal note (the employer does not see it)") if user.is_centre_staff else _("Note to the job centre")
    for form in forms_with_notes:
        if form is not None and "note" in form.fields:
            form.fields["note"].label = label
