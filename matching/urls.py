from django.urls import path

from matching import views

app_name = "matching"
urlpatterns = [
    path("referrals/new/", views.referral_new, name="referral_new"),
    path("referrals/<int:pk>/", views.referral_detail, name="referral"),
    path("referrals/<int:pk>/transition/", views.referral_transition, name="referral_transition"),
    path("referrals/<int:pk>/interview/", views.referral_interview, name="referral_interview"),
    path("referrals/<int:pk>/hire/", views.referral_hire, name="referral_hire"),
    path("referrals/<int:pk>/correct/", views.referral_correct, name="referral_correct"),
    path("referrals/<int:pk>/chase/", views.referral_chase, name="referral_chase"),
    path("referrals/<int:pk>/history/", views.referral_history, name="referral_history"),
    path("seekers/<int:pk>/", views.seeker_referrals, name="seeker"),
    path("seekers/<int:pk>/placements/new/", views.placement_new, name="placement_new"),
    path("follow-ups/<int:pk>/", views.follow_up, name="follow_up"),
    path("calendar/", views.calendar, name="calendar"),
    path("retention/", views.retention, name="retention"),
    path("portal/referrals/", views.portal_referrals, name="portal_referrals"),
    path("my-referrals/", views.my_referrals, name="my_referrals"),
]

from matching.scoring_urls import urlpatterns as scoring_urlpatterns  # noqa: E402  (the scorer's pages)

urlpatterns += scoring_urlpatterns
