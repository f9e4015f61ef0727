"""The monitor's pages kept per process while their inputs stay the same (ADR 0034).

What a page shows depends only on the finished runs, the plan version, its targets and the
rules file, so the views keep a page's context (`kept`) and its rendered content (`page_key`)
per process for as long as none of those changed (`_state`): one cheap lookup decides,
instead of rebuilding the page's tables on every request. Both keys also hold what the
viewer's role may see (`viewer_key`: its capabilities, and its organisation where a capability
reads it), so a page kept for one role is never served to another (ADR 0034).
"""

import hashlib
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

from django.core.cache import caches
from django.db.models import Max

from doorbraak.areas.models import AreaStatistic
from doorbraak.core.page_shell import shells_forget
from doorbraak.monitor.definitions import DEFAULT_FILE
from doorbraak.monitor.models import MonitorRun
from doorbraak.partners.access import Capability, user_capabilities
from doorbraak.programme import models as pm

T = TypeVar("T")
_PAGES: OrderedDict[Hashable, object] = OrderedDict()
_PAGES_MAX = 256
_PAGES_LOCK = threading.Lock()


STATE_SECONDS = 2.0  # how long one process trusts its last look at the inputs
_last_state: list[tuple[float, tuple[object, ...]]] = []


def _state() -> tuple[object, ...]:
    """What every page's content depends on: the newest finished run, the newest plan version
    and target change, the newest CBS figures, and the rules file's version; looked up at most
    every STATE_SECONDS per process (a run in this process forgets it at once, `pages_forget`)."""
    now = time.monotonic()
    with _PAGES_LOCK:
        if _last_state and now - _last_state[0][0] < STATE_SECONDS:
            return _last_state[0][1]
    runs = (
        MonitorRun.objects.filter(status=MonitorRun.Status.DONE)
        .aggregate(run=Max("id"), at=Max("finished_at"))
        .values()
    )
    plan = pm.PlanVersion.objects.aggregate(version=Max("id"))["version"]
    target = pm.TargetChange.objects.aggregate(change=Max("id"))["change"]
    cbs = AreaStatistic.objects.aggregate(figure=Max("id"))["figure"]
    state = (*runs, plan, target, cbs, DEFAULT_FILE.stat().st_mtime_ns)
    with _PAGES_LOCK:
        _last_state[:] = [(now, state)]
    return state


Viewer = tuple[str, tuple[str, ...], int | None]
# The viewer of what does not depend on who asks (behind the same permission check): the
# API's lookup of the run that holds a query's cells.
EVERYONE: Viewer = ("*", (), None)


PUBLIC: Viewer = ("", (), None)  # what anyone may see: published figures only


def viewer_key(user: Any) -> Viewer:
    """What a page built for `user` may depend on: their role (one screen per role), its
    capabilities, and their organisation when a capability reads it. Users with the same key
    may share a kept page; any other role gets its own (ADR 0034)."""
    capabilities = user_capabilities(user)
    partner = getattr(user, "partner_id", None)
    own = partner if Capability.OWN_ORGANISATION in capabilities else None
    role = str(getattr(user, "role", "") or "") if capabilities else ""
    return role, tuple(sorted(capabilities)), own


def kept(name: str, argument: str, build: Callable[[], T], *, viewer: Viewer) -> T:
    """`build()`, kept in this process for `viewer` (`viewer_key`) for as long as the
    monitor's inputs stay the same."""
    key = (name, argument, viewer, _state())
    with _PAGES_LOCK:
        if key in _PAGES:
            _PAGES.move_to_end(key)
            return _PAGES[key]  # type: ignore[return-value]
    page = build()
    with _PAGES_LOCK:
        _PAGES[key] = page
        while len(_PAGES) > _PAGES_MAX:
            _PAGES.popitem(last=False)
    return page


def page_key(name: str, argument: str = "", *, viewer: Viewer) -> str:
    """A key for a rendered page's content (the template's fragment cache): it changes when
    anything the page shows may have changed, and with what the viewer may see."""
    return hashlib.sha256(repr((name, argument, viewer, _state())).encode()).hexdigest()[:32]


def pages_forget() -> None:
    """Drop every kept page (tests that roll back runs whose ids come back)."""
    with _PAGES_LOCK:
        _PAGES.clear()
        _last_state.clear()
    caches["default"].clear()
    shells_forget()
