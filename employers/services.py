"""Writes to companies and vacancies. The employers capability owns this module.

Every state change of a vacancy goes through `_transition`, which checks the table `TRANSITIONS` and
writes a `VacancyEvent` row.
"""

import datetime

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connections, router, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from employers.models import (
    Company,
    CompanyInvitation,
    CompanyMember,
    Interest,
    Vacancy,
    VacancyEvent,
    contact_emails,
)
from employers.validators import (
    normalize_business_number,
    validate_business_number,
    validate_no_age_limit,
    validate_no_sex_restriction,
    work_terms_errors,
)
from jobcenter.models import Centre, Role, User
from jobcenter.notifications import notify
from matching.scoring import schedule_vacancy

S = Vacancy.Status

# action -> (states it may start from, state it leads to). Nothing else is allowed.
TRANSITIONS: dict[str, tuple[frozenset[str], str]] = {
    "submit": (frozenset({S.DRAFT}), S.SUBMITTED),
    # Counselors publish what employers submitted, and what they recorded themselves straight from a draft.
    "publish": (frozenset({S.DRAFT, S.SUBMITTED}), S.PUBLISHED),
    "return": (frozenset({S.SUBMITTED}), S.DRAFT),
    "fill": (frozenset({S.PUBLISHED}), S.FILLED),
    "reopen": (frozenset({S.FILLED}), S.PUBLISHED),
    "close": (frozenset({S.DRAFT, S.SUBMITTED, S.PUBLISHED, S.FILLED}), S.CLOSED),
    "expire": (frozenset({S.PUBLISHED}), S.EXPIRED),
}

# Free-text fields in which an age limit is looked for.
AGE_CHECKED_FIELDS = ("title", "duties", "certificates_required", "hiring_steps", "benefits", "contact")

VACANCY_FIELDS = {
    "title",
    "occupation",
    "duties",
    "openings",
    "employment_type",
    "wage_type",
    "wage_amount",
    "working_days",
    "working_hours",
    "weekly_hours",
    "shifts",
    "region",
    "address",
    "education_required",
    "experience_years",
    "certificates_required",
    "suitable_for",
    "benefits",
    "deadline",
    "contact",
    "hiring_steps",
    "accepts_accompanied_interview",
    "application_method",
    "external_ref",
}

COMPANY_FIELDS = {
    "name",
    "representative",
    "industry",
    "size",
    "employee_count",
    "region",
    "address",
    "contact_name",
    "contact_phone",
    "contact_email",
    "external_ref",
}


# --- Companies ---------------------------------------------------------------------------------


def _check_fields(fields: dict, allowed: set[str]) -> None:
    unknown = set(fields) - allowed
    if unknown:
        raise TypeError(f"Unknown fields: {sorted(unknown)}")


@transaction.atomic
def company_create(*, by: User | None, centre: Centre, source: str, business_number: str, **fields) -> Company:
    """Register a company; a business registration number already registered anywhere is refused."""
    _check_fields(fields, COMPANY_FIELDS)
    number = normalize_business_number(business_number)
    validate_business_number(number)
    if Company.objects.filter(business_number=number).exists():
        raise ValidationError(
            {"business_number": _("A company with this business registration number is already registered.")}
        )
    verified = source != Company.Source.PORTAL and by is not None and by.is_centre_staff
    try:
        with transaction.atomic():
            return Company.objects.create(
                centre=centre,
                source=source,
                business_number=number,
                verified_at=timezone.now() if verified else None,
                verified_by=by if verified else None,
                **fields,
            )
    except IntegrityError as error:  # a concurrent registration of the same number, or the same external ref
        if "external_ref" in str(error):
            raise ValidationError(
                {"external_ref": _("Another company of this centre has that external reference.")}
            ) from error
        raise ValidationError(
            {"business_number": _("A company with this business registration number is already registered.")}
        ) from error


@transaction.atomic
def company_update(*, company: Company, by: User, **fields) -> Company:
    _check_fields(fields, COMPANY_FIELDS)
    for name, value in fields.items():
        setattr(company, name, value)
    company.save()
    return company


@transaction.atomic
def company_verify(*, company: Company, by: User) -> Company:
    """A counselor confirms the company is real; only then are its vacancies published."""
    if company.verified_at is None:
        company.verified_at = timezone.now()
        company.verified_by = by
        company.save(update_fields=["verified_at", "verified_by"])
    return company


@transaction.atomic
def employer_signup(
    *,
    username: str,
    password: str,
    email: str,
    last_name: str,
    first_name: str,
    phone: str = "",
    centre: Centre,
    company_fields: dict,
) -> User:
    """A new employer account with a new company (waiting for a counselor's verification)."""
    user = _employer_account_create(
        username=username, password=password, email=email, last_name=last_name, first_name=first_name, phone=phone
    )
    company = company_create(by=user, centre=centre, source=Company.Source.PORTAL, **company_fields)
    CompanyMember.objects.create(user=user, company=company)
    return user


def _employer_account_create(
    *, username: str, password: str, email: str, last_name: str, first_name: str, phone: str
) -> User:
    if User.objects.filter(username__iexact=username).exists():
        raise ValidationError({"username": _("This login name is taken. Please choose another one.")})
    user = User(
        username=username, email=email, last_name=last_name, first_name=first_name, phone=phone, role=Role.EMPLOYER
    )
    try:
        validate_password(password, user)
    except ValidationError as error:
        raise ValidationError({"password1": error.messages}) from error
    user.set_password(password)
    user.save()
    return user


@transaction.atomic
def company_invite(*, company: Company, email: str, by: User, base_url: str = "") -> CompanyInvitation:
    """Invite someone to act for the company on the portal (a recorded company's contact, or a colleague)."""
    invitation = CompanyInvitation.objects.create(company=company, email=email, invited_by=by)
    link = base_url + reverse("employers:invitation_accept", kwargs={"token": invitation.token})
    notify(
        template="employers_invitation",
        context={"company": company, "link": link, "invited_by": by},
        email=email,
        key=f"company-invitation:{invitation.pk}",
    )
    return invitation


@transaction.atomic
def invitation_accept(
    *,
    invitation: CompanyInvitation,
    username: str,
    password: str,
    last_name: str,
    first_name: str,
    phone: str = "",
) -> User:
    """Create the invited person's employer account and join the company; an invitation works once."""
    invitation = CompanyInvitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.accepted_at is not None:
        raise ValidationError(_("This invitation has already been used. Please log in instead."))
    user = _employer_account_create(
        username=username,
        password=password,
        email=invitation.email,
        last_name=last_name,
        first_name=first_name,
        phone=phone,
    )
    CompanyMember.objects.create(user=user, company=invitation.company)
    invitation.accepted_at = timezone.now()
    invitation.save(update_fields=["accepted_at"])
    return user


# --- Vacancies ---------------------------------------------------------------------------------


def vacancy_law_errors(vacancy: Vacancy, *, on: datetime.date | None = None) -> dict[str, list[str]]:
    """Minimum wage, weekly hours, age limits and sex restrictions: what the law forbids whatever the state of the
    vacancy. The wage and hours are checked by the same code as a hire's (validators.work_terms_errors)."""
    errors: dict[str, list[str]] = {}
    for name in AGE_CHECKED_FIELDS:
        for validate in (validate_no_age_limit, validate_no_sex_restriction):
            try:
                validate(getattr(vacancy, name) or "")
            except ValidationError as error:
                errors.setdefault(name, []).extend(error.messages)
    terms = work_terms_errors(
        wage_type=vacancy.wage_type, wage_amount=vacancy.wage_amount, weekly_hours=vacancy.weekly_hours, on=on
    )
    for name, messages in terms.items():
        errors.setdefault(name, []).extend(messages)
    return errors


def vacancy_completeness_errors(vacancy: Vacancy) -> dict[str, list[str]]:
    """What a vacancy needs before it is submitted or published (a draft may lack it)."""
    errors: dict[str, list[str]] = {}
    required = {
        "title": _("Give the vacancy a title."),
        "occupation": _("Choose the occupation."),
        "duties": _("Describe the duties."),
        "wage_amount": _("State the wage."),
        "region": _("Choose the workplace region."),
        "employment_type": _("Choose the employment type."),
    }
    for name, message in required.items():
        if getattr(vacancy, name if name not in ("occupation", "region") else f"{name}_id") in (None, ""):
            errors[name] = [message]
    if vacancy.deadline and vacancy.deadline < timezone.localdate():
        errors["deadline"] = [_("The application deadline has passed. Choose a later date.")]
    return errors


def _raise_if(errors: dict[str, list[str]]) -> None:
    if errors:
        raise ValidationError(errors)


def _transition(*, vacancy: Vacancy, action: str, by: User | None, comment: str = "") -> Vacancy:
    sources, target = TRANSITIONS[action]
    if vacancy.status not in sources:
        raise ValidationError(
            _("A vacancy that is “%(status)s” cannot be changed that way."),
            code="invalid_transition",
            params={"status": vacancy.get_status_display()},
        )
    previous = vacancy.status
    vacancy.status = target
    vacancy.save()
    VacancyEvent.objects.create(vacancy=vacancy, from_status=previous, to_status=target, by=by, comment=comment)
    schedule_vacancy(vacancy.pk)  # the scorer recomputes its candidates after commit
    return vacancy


def _locked(vacancy: Vacancy) -> Vacancy:
    return Vacancy.objects.select_for_update().select_related("company").get(pk=vacancy.pk)


@transaction.atomic
def vacancy_create(*, by: User | None, company: Company, source: str, status: str = S.DRAFT, **fields) -> Vacancy:
    """A new vacancy of `company`. Drafts may be incomplete; anything further is checked in full."""
    _check_fields(fields, VACANCY_FIELDS)
    vacancy = Vacancy(company=company, centre_id=company.centre_id, source=source, created_by=by, **fields)
    errors = vacancy_law_errors(vacancy)
    if status != S.DRAFT:
        errors = {**vacancy_completeness_errors(vacancy), **errors}
    if status == S.PUBLISHED and not company.is_verified:
        errors.setdefault("__all__", []).append(_("The company must be verified before its vacancies are published."))
    _raise_if(errors)
    vacancy.status = status
    if status == S.PUBLISHED:
        vacancy.published_at = timezone.now()
    try:
        with transaction.atomic():
            vacancy.save()
    except IntegrityError as error:
        if "external_ref" in str(error):
            raise ValidationError(
                {"external_ref": _("Another vacancy of this centre has that external reference.")}
            ) from error
        raise
    VacancyEvent.objects.create(vacancy=vacancy, from_status="", to_status=status, by=by)
    if status == S.PUBLISHED:  # published at once (an import, the counselor's form): ranked without waiting
        schedule_vacancy(vacancy.pk)  # the scorer computes its candidates after commit
    return vacancy


@transaction.atomic
def vacancy_update(*, vacancy: Vacancy, by: User, **fields) -> Vacancy:
    """Change the content of a vacancy; a published one is checked in full again."""
    _check_fields(fields, VACANCY_FIELDS)
    vacancy = _locked(vacancy)
    if vacancy.status in (S.CLOSED, S.EXPIRED, S.FILLED):
        raise ValidationError(_("A closed, expired or filled vacancy cannot be edited. Copy it to post it again."))
    for name, value in fields.items():
        setattr(vacancy, name, value)
    errors = vacancy_law_errors(vacancy)
    if vacancy.status != S.DRAFT:
        errors = {**vacancy_completeness_errors(vacancy), **errors}
    _raise_if(errors)
    vacancy.save()
    schedule_vacancy(vacancy.pk)  # the scorer recomputes its candidates after commit
    return vacancy


@transaction.atomic
def vacancy_submit(*, vacancy: Vacancy, by: User) -> Vacancy:
    """The employer sends a complete, lawful draft to the centre for review."""
    vacancy = _locked(vacancy)
    _raise_if({**vacancy_completeness_errors(vacancy), **vacancy_law_errors(vacancy)})
    return _transition(vacancy=vacancy, action="submit", by=by)


@transaction.atomic
def vacancy_publish(*, vacancy: Vacancy, by: User) -> Vacancy:
    """A counselor publishes a submitted (or own draft) vacancy of a verified company."""
    vacancy = _locked(vacancy)
    errors = {**vacancy_completeness_errors(vacancy), **vacancy_law_errors(vacancy)}
    if not vacancy.company.is_verified:
        errors.setdefault("__all__", []).append(_("The company must be verified before its vacancies are published."))
    _raise_if(errors)
    vacancy.published_at = timezone.now()
    vacancy.review_comment = ""
    _transition(vacancy=vacancy, action="publish", by=by)
    for email in _company_emails(vacancy.company):
        notify(
            template="employers_vacancy_published",
            context={"vacancy": vacancy},
            email=email,
            key=f"vacancy-published:{vacancy.pk}:{vacancy.published_at.isoformat()}:{email}",
        )
    return vacancy


@transaction.atomic
def vacancy_return(*, vacancy: Vacancy, by: User, comment: str) -> Vacancy:
    """Send a submitted vacancy back to the employer with a comment saying what to change."""
    comment = (comment or "").strip()
    if not comment:
        raise ValidationError({"comment": _("Say what the employer should change.")})
    vacancy = _locked(vacancy)
    vacancy.review_comment = comment
    _transition(vacancy=vacancy, action="return", by=by, comment=comment)
    event_count = vacancy.events.count()
    for email in _company_emails(vacancy.company):
        notify(
            template="employers_vacancy_returned",
            context={"vacancy": vacancy, "comment": comment},
            email=email,
            key=f"vacancy-returned:{vacancy.pk}:{event_count}:{email}",
        )
    return vacancy


@transaction.atomic
def vacancy_close(*, vacancy: Vacancy, by: User, comment: str = "") -> Vacancy:
    return _transition(vacancy=_locked(vacancy), action="close", by=by, comment=comment)


@transaction.atomic
def vacancy_expire(*, vacancy_id: int) -> Vacancy | None:
    """Expire one published vacancy whose deadline has passed; does nothing to any other (idempotent)."""
    vacancy = Vacancy.objects.select_for_update().filter(pk=vacancy_id).first()
    if vacancy is None or vacancy.status != S.PUBLISHED or not vacancy.deadline:
        return vacancy
    if vacancy.deadline >= timezone.localdate():
        return vacancy
    return _transition(vacancy=vacancy, action="expire", by=None, comment=_("The application deadline passed."))


@transaction.atomic
def vacancy_copy(*, vacancy: Vacancy, by: User) -> Vacancy:
    """A new draft with the content of a past vacancy (deadline and history left behind)."""
    fields = {name: getattr(vacancy, name) for name in VACANCY_FIELDS - {"deadline", "external_ref"}}
    fields["suitable_for"] = list(vacancy.suitable_for)
    source = S.DRAFT
    copy = Vacancy(company=vacancy.company, centre_id=vacancy.centre_id, source=vacancy.source, created_by=by, **fields)
    copy.status = source
    copy.save()
    VacancyEvent.objects.create(
        vacancy=copy,
        from_status="",
        to_status=S.DRAFT,
        by=by,
        comment=_("Copied from vacancy %(pk)s") % {"pk": vacancy.pk},
    )
    return copy


def _take_an_opening_not_the_last(vacancy_id: int) -> bool:
    """One opening more filled, unless it is the vacancy's last (or none is left): whether it was. The ORM's
    `filter(pk=..., openings_filled__lt=F("openings") - 1).update(openings_filled=F("openings_filled") + 1,
    updated_at=now)`, written out: building and compiling that UPDATE cost the web process more than its work."""
    using = router.db_for_write(Vacancy)
    connection = connections[using]
    quote = connection.ops.quote_name
    table = quote(Vacancy._meta.db_table)
    filled, openings, updated_at, pk = (
        quote(Vacancy._meta.get_field(name).column) for name in ("openings_filled", "openings", "updated_at", "id")
    )
    sql = (
        f"UPDATE {table} SET {filled} = ({table}.{filled} + 1), {updated_at} = %s "
        f"WHERE ({table}.{filled} < ({table}.{openings} - 1) AND {table}.{pk} = %s)"
    )
    with transaction.mark_for_rollback_on_error(using), connection.cursor() as cursor:
        cursor.execute(sql, [timezone.now(), vacancy_id])
        return cursor.rowcount > 0


def vacancy_record_placement(*, vacancy_id: int, by: User | None = None) -> None:
    """Fill one opening of the vacancy (called by the placement services); filled when none is left.
    Runs in the caller's transaction (placement_record's), with no savepoint of its own: a failure here undoes
    the whole hire.

    An opening that is not the last is taken by one conditional UPDATE (the common case, one query); the last
    one, or none left, reads the row locked to fill the vacancy or refuse."""
    if _take_an_opening_not_the_last(vacancy_id):
        return
    vacancy = (
        Vacancy.objects.select_for_update()
        .only("status", "openings", "openings_filled", "updated_at")
        .get(pk=vacancy_id)
    )
    if vacancy.openings_free <= 0:
        raise ValidationError(_("All openings of this vacancy are already filled."))
    vacancy.openings_filled += 1
    if vacancy.openings_free == 0 and vacancy.status == S.PUBLISHED:
        _transition(vacancy=vacancy, action="fill", by=by)
    else:
        vacancy.save(update_fields=["openings_filled", "updated_at"])


@transaction.atomic
def vacancy_release_placement(*, vacancy_id: int, by: User | None = None) -> Vacancy:
    """Give an opening back (a placement recorded in error was removed); a filled vacancy is published again."""
    vacancy = Vacancy.objects.select_for_update().get(pk=vacancy_id)
    if vacancy.openings_filled > 0:
        vacancy.openings_filled -= 1
        if vacancy.status == S.FILLED:
            _transition(vacancy=vacancy, action="reopen", by=by)
        else:
            vacancy.save(update_fields=["openings_filled", "updated_at"])
    return vacancy


def _company_emails(company: Company) -> list[str]:
    return contact_emails(company.contact_email, company.members.values_list("user__email", flat=True))


# --- Interest from the job board ---------------------------------------------------------------


@transaction.atomic
def interest_create(*, seeker, vacancy: Vacancy) -> Interest:
    """A seeker asks to be referred to a published vacancy; marking it twice keeps one request."""
    if vacancy.status != S.PUBLISHED:
        raise ValidationError(_("This vacancy is no longer open."))
    interest, _created = Interest.objects.get_or_create(seeker=seeker, vacancy=vacancy)
    return interest


@transaction.atomic
def interest_handle(*, interest: Interest, user: User) -> Interest:
    """Take the request off the counselor's worklist (the referral was made or declined)."""
    if interest.handled_at is None:
        interest.handled_at = timezone.now()
        interest.handled_by = user
        interest.save(update_fields=["handled_at", "handled_by"])
    return interest
