"""Where the Django admin remains (administrators only), the project's own models speak Korean there."""

import re

import pytest
from django.contrib import admin
from django.contrib.admin.utils import label_for_field
from django.urls import reverse
from django.utils import translation

PROJECT_APPS = {"jobcenter", "seekers", "employers", "matching", "events", "outreach", "security", "statistics"}
HANGUL = re.compile(r"[가-힣]")
LATIN_LABELS = {"ID", "PDF"}


def project_admins():
    return [
        (model, model_admin)
        for model, model_admin in admin.site._registry.items()
        if model._meta.app_label in PROJECT_APPS
    ]


def test_admin__every_project_model_and_column_has_a_korean_label():
    missing = []
    with translation.override("ko"):
        for model, model_admin in project_admins():
            labels = {
                "app": model._meta.app_config.verbose_name,
                "model": model._meta.verbose_name_plural,
                **{column: label_for_field(column, model, model_admin) for column in model_admin.list_display},
            }
            missing += [
                f"{model.__name__}.{key}: {label}"
                for key, label in labels.items()
                if not HANGUL.search(str(label)) and str(label) not in LATIN_LABELS
            ]
    assert project_admins()
    assert not missing, missing


@pytest.mark.django_db
def test_admin_index__in_korean__names_the_apps_in_korean(world, settings):
    settings.LANGUAGE_CODE = "ko"
    page = world.client_for("admin").get(reverse("admin:index"), HTTP_ACCEPT_LANGUAGE="ko").content.decode()
    assert "일자리센터" in page and "구직자" in page
