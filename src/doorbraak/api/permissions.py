"""Who may read the API: the same roles as the monitor dashboard (Capability.VIEW_PROGRAMME).

The decision is `partners.access`'s; this is only its DRF form. Anonymous requests get 401
(TokenAuthentication is the first authenticator, so DRF can name the scheme), a logged-in
role without the capability (a household) gets 403.
"""

from typing import Any

from rest_framework.permissions import BasePermission

from doorbraak.partners.access import Capability, user_can


class CanViewProgramme(BasePermission):
    def has_permission(self, request: Any, view: Any) -> bool:
        return user_can(request.user, Capability.VIEW_PROGRAMME)
