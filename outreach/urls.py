from django.urls import path

from outreach import views

app_name = "outreach"
urlpatterns = [
    path("", views.index, name="index"),
    path("teams/new/", views.team_create, name="team_create"),
    path("plans/", views.plan_list, name="plan_list"),
    path("plans/new/", views.plan_create, name="plan_create"),
    path("plans/<int:pk>/", views.plan_detail, name="plan_detail"),
    path("plans/<int:pk>/day/<str:day>/", views.plan_day, name="plan_day"),
    path("visits/", views.visit_list, name="visit_list"),
    path("visits/new/", views.visit_create, name="visit_create"),
    path("visits/business-number/", views.business_number_check, name="business_number_check"),
    path("visits/<int:pk>/", views.visit_detail, name="visit_detail"),
    path("visits/<int:pk>/edit/", views.visit_edit, name="visit_edit"),
    path("visits/<int:pk>/reopen/", views.visit_reopen, name="visit_reopen"),
    path("follow-ups/<int:pk>/done/", views.follow_up_done, name="follow_up_done"),
    path("report/", views.report, name="report"),
    path("desks/", views.desk_list, name="desk_list"),
    path("desks/new/", views.desk_create, name="desk_create"),
    path("desks/<int:pk>/", views.desk_detail, name="desk_detail"),
    path("sessions/<int:pk>/", views.session_detail, name="session_detail"),
    path("sessions/<int:pk>/consultations/", views.session_consultation, name="session_consultation"),
    path("sessions/<int:pk>/registrations/", views.session_registration, name="session_registration"),
]
urlpatterns += [
    path("partners/", views.partner_list, name="partner_list"),
    path("partners/new/", views.partner_create, name="partner_create"),
    path("partners/<int:pk>/", views.partner_detail, name="partner_detail"),
    path("partners/<int:pk>/edit/", views.partner_edit, name="partner_edit"),
    path("seekers/<int:seeker_pk>/partner-linkage/", views.linkage_create, name="linkage_create"),
    path("partner-linkages/<int:pk>/outcome/", views.linkage_outcome, name="linkage_outcome"),
    path("agreements/", views.agreement_list, name="agreement_list"),
    path("agreements/new/", views.agreement_create, name="agreement_create"),
    path("agreements/<int:pk>/", views.agreement_detail, name="agreement_detail"),
    path("agreements/<int:pk>/edit/", views.agreement_edit, name="agreement_edit"),
    path("agreements/<int:pk>/hires/", views.agreement_hire_add, name="agreement_hire_add"),
    path("agreement-hires/<int:pk>/remove/", views.agreement_hire_remove, name="agreement_hire_remove"),
    path("campaigns/", views.campaign_list, name="campaign_list"),
    path("campaigns/new/", views.campaign_create, name="campaign_create"),
    path("campaigns/<int:pk>/", views.campaign_detail, name="campaign_detail"),
    path("campaigns/<int:pk>/letters.pdf", views.campaign_letters, name="campaign_letters"),
    path("campaigns/<int:pk>/contacts.xlsx", views.campaign_contacts, name="campaign_contacts"),
]
