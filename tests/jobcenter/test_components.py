"""The KRDS components under templates/components/ and their template tags (jobcenter/templatetags/components.py)."""

import re
from pathlib import Path

from django.template import engines

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"


def render(source: str, **context) -> str:
    return engines["django"].from_string("{% load components %}" + source).render(context)


def test_every_table_of_every_page__is_a_krds_data_table():
    bare = []
    for path in TEMPLATES.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        for match in re.finditer(r"<table\b", text):
            if not text[: match.start()].rstrip().endswith("{% data_table %}"):
                bare.append(f"{path.relative_to(TEMPLATES)}:{text[: match.start()].count(chr(10)) + 1}")
    assert bare == []


def test_every_data_table__has_a_caption():
    missing = []
    for path in TEMPLATES.rglob("*.html"):
        for match in re.finditer(r"\{% data_table[^%]*%\}\s*<table[^>]*>\s*(?P<next>\S+)", path.read_text("utf-8")):
            if not match.group("next").startswith("<caption"):
                missing.append(str(path.relative_to(TEMPLATES)))
    assert missing == []


def test_data_table__scrolls_in_a_region_named_by_its_caption_with_scoped_headers():
    html = render(
        '{% data_table css="wide" %}<table class="mine"><caption>구직자 <b>명단</b></caption>'
        '<thead><tr><th>이름</th><th scope="colgroup">연락처</th></tr></thead>'
        "<tbody><tr><th>김하나</th><td>010-****-1234</td></tr></tbody></table>{% enddata_table %}"
    )
    assert html.startswith('<div class="krds-table-wrap data-table" role="region" tabindex="0" aria-label="구직자 명단">')
    assert '<table class="tbl data wide mine">' in html
    assert '<th scope="col">이름</th><th scope="colgroup">연락처</th>' in html
    assert '<th scope="row">김하나</th>' in html
