# SPDX-License-Identifier: EUPL-1.2
from django.urls import path

from schakel.cases import views

app_name = "cases"

urlpatterns = [
    path("dashboard/", views.dashboard, name="dashboard"),
    path("signalen/<str:reference>/beoordelen/", views.triage, name="triage"),
    path("casussen/", views.case_list, name="list"),
    path("casussen/<str:reference>/", views.case_detail, name="detail"),
    path("casussen/<str:reference>/wijzigen/", views.case_edit, name="edit"),
    path("casussen/<str:reference>/status/", views.case_status, name="status"),
    path("casussen/<str:reference>/notitie/", views.case_note, name="note"),
    path("casussen/<str:reference>/doorverwijzen/", views.case_refer, name="refer"),
    path("casussen/<str:reference>/interventie/", views.case_intervention, name="intervention"),
    path("interventies/<int:pk>/", views.intervention_update, name="intervention_update"),
    path("doorverwijzingen/", views.referral_list, name="referrals"),
    path("doorverwijzingen/<int:pk>/", views.referral_detail, name="referral"),
    path("doorverwijzingen/<int:pk>/reageren/", views.referral_respond, name="referral_respond"),
    path("doorverwijzingen/<int:pk>/intrekken/", views.referral_revoke, name="referral_revoke"),
    path("casusoverleg/", views.conference_list, name="conferences"),
    path("casusoverleg/nieuw/", views.conference_new, name="conference_new"),
    path("casusoverleg/<int:pk>/", views.conference_detail, name="conference"),
    path("casusoverleg/<int:pk>/geheimhouding/", views.conference_confirm,
         name="conference_confirm"),
    path("casusoverleg/<int:pk>/verslag.pdf", views.conference_minutes,
         name="conference_minutes"),
    path("casusoverleg/<int:pk>/casus/<str:reference>/", views.agenda_case, name="agenda_case"),
    path("casusoverleg/<int:pk>/casus/<str:reference>/besluit/", views.agenda_decision,
         name="agenda_decision"),
]
