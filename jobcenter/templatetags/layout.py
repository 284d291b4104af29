"""The header and footer of templates/base.html, kept rendered in the process (jobcenter/layout.py)."""

from django import template

from jobcenter import layout

register = template.Library()


@register.simple_tag(takes_context=True)
def site_header(context: template.Context):
    """`{% include "components/header.html" with links=nav_links %}`, from a kept rendering."""
    return layout.header_html(
        user=context.get("user"),
        links=context.get("nav_links"),
        csrf_token=context.get("csrf_token"),
        request=context.get("request"),
    )


@register.simple_tag(takes_context=True)
def site_footer(context: template.Context):
    """`{% include "components/footer.html" with centres=footer_centres %}`, from a kept rendering."""
    centres = context.get("footer_centres")  # the context processor's function; missing on the 500 page
    return layout.footer_html(centres() if callable(centres) else list(centres or []))
