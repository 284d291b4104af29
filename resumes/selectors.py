"""Reads of résumés and applications, scoped to the acting user (404 for anything not theirs to know of).

A seeker sees their own résumés and applications; counselors and managers those of their centre's seekers (the
résumé clinic); an employer only the résumés sent to its own vacancies, as sent (Application.document), never a
seeker's résumé itself.
"""

from django.db.models import QuerySet
from django.http import Http404

from jobcenter.models import Role, User
from matching.models import OPEN_STATES
from matching.selectors import referrals_for_user
from resumes.models import Application, Resume


def resumes_for_user(user: User) -> QuerySet[Resume]:
    resumes = Resume.objects.select_related("seeker")
    if not user.is_authenticated:
        return resumes.none()
    if user.role == Role.SEEKER:
        return resumes.filter(seeker__user=user)
    if user.role in (Role.COUNSELOR, Role.MANAGER):
        return resumes.filter(seeker__centre_id=user.centre_id)
    if user.role == Role.ADMINISTRATOR:
        return resumes
    return resumes.none()


def get_resume_for_user(user: User, pk: int) -> Resume:
    resume = resumes_for_user(user).filter(pk=pk).first()
    if resume is None:
        raise Http404
    return resume


def applications_for_user(user: User) -> QuerySet[Application]:
    """The applications whose referral `user` may see (matching.selectors.referrals_for_user)."""
    if not user.is_authenticated:
        return Application.objects.none()
    return Application.objects.filter(referral__in=referrals_for_user(user)).select_related(
        "referral__seeker", "referral__vacancy__company"
    )


def get_application_for_user(user: User, pk: int) -> Application:
    application = applications_for_user(user).filter(pk=pk).first()
    if application is None:
        raise Http404
    return application


def applications_to_review(user: User) -> QuerySet[Application]:
    """Open applications of the counselor's centre on which no counselor has given an opinion yet, oldest first."""
    return (
        applications_for_user(user)
        .filter(referral__state__in=OPEN_STATES, counselor_opinion="")
        .order_by("referral__created_at", "pk")
    )


def seeker_resumes(seeker) -> QuerySet[Resume]:
    return seeker.resumes.prefetch_related("comments")
