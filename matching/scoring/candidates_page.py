"""The candidates page below its title, rendered once and reused until something it shows changes.

A counselor comes back to a vacancy's ranked candidates while filling it (after each referral, with another booth
or target group), and the centre's counselors look at the same vacancies; the rows (twenty seekers with the parts
of their scores, the most costly part of the page to render) are the same between changes. The rendered page
(or, for htmx's "more", the next rows and the new "more" link) is kept in the cache under a key made of:

- a digest of what the rows and the filter show, read with the vacancy in the same query (`candidates_version`,
  matching/scoring/selectors.py): the stored list, the vacancy's and the listed seekers' profiles, their rows and
  booths' names, their open referrals for this vacancy, the weights, the booths of the filter's select; read before
  the rows and the booths, so a change committed after it gives the next request another key;
- the filters as applied (booth, target group) and the page's address (offset; the "more" link repeats the query);
- the viewer's role, centre (the seekers they may see) and language, and the day;
- a version of this code, bumped when the table shows something else.

The heading, the list's status (being recomputed, or when it was computed) and the filter form are kept with it: the
key holds the names the heading shows (read with the vacancy), and the digest the booths of the filter's select, so
a renamed booth shows in the filter at once. The forms' CSRF token is a placeholder
in the cache, replaced with the viewer's own on the way out. The seekers a rendering shows
are kept with it, and their access records are written each time it is served.
"""

import hashlib
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest
from django.middleware.csrf import get_token
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from jobcenter.security.access import record_kept_seekers, record_seekers_shown
from matching.scoring.selectors import StoredList

# Bump when the table's template or rows change what a kept rendering shows: the renderings of the previous code
# are then not served by the new one during a deploy.
VERSION = 4
CSRF_PLACEHOLDER = "CandidatesCsrfTokenPlaceholder"


def cache_key(
    request: HttpRequest, vacancy, *, part: str, booth_id: int | None, target_group: str, shown: tuple = ()
) -> str:
    """`shown`: what else the part shows that the vacancy's digest does not cover (the heading's names)."""
    user = request.user
    path = hashlib.sha256(request.get_full_path().encode()).hexdigest()[:16]
    viewer = f"{user.role}:{user.centre_id}:{get_language()}"
    filters = f"{booth_id or ''}:{target_group}:{path}"
    day = timezone.localdate().isoformat()
    names = hashlib.sha256(repr(shown).encode()).hexdigest()[:16]
    return f"candidates:{VERSION}:{vacancy.pk}:{vacancy.candidates_version}:{part}:{names}:{viewer}:{day}:{filters}"


def candidates_part(request: HttpRequest, key: str, render: Callable[[str], tuple[str, StoredList]]) -> SafeString:
    """The page below its title (or htmx's "more" rows): from the cache, or from `render(csrf_token)`'s html and
    rows, and kept."""
    cacheable = settings.CANDIDATES_CACHE_SECONDS > 0
    kept = cache.get(key) if cacheable else None
    if kept is not None:
        record_kept_seekers(request, kept["seekers"])
    else:
        html, found = render(CSRF_PLACEHOLDER)
        seekers = [row.seeker for row in found.rows if row.seeker is not None]
        record_seekers_shown(request, seekers)  # 접속기록
        kept = {"html": html, "seekers": [(seeker.pk, seeker.centre_id) for seeker in seekers]}
        if cacheable:
            cache.set(key, kept, settings.CANDIDATES_CACHE_SECONDS)
    return mark_safe(kept["html"].replace(CSRF_PLACEHOLDER, get_token(request)))  # rendered by templates, escaped
