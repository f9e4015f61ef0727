"""The client's address, also behind the reverse proxy: the one place that derives it.

Behind nginx every request reaches gunicorn from 127.0.0.1, so `REMOTE_ADDR` alone would lock
every user out together (django-axes) and write the proxy's address into the audit chain.
X-Forwarded-For is believed only when the peer is a trusted proxy (settings.TRUSTED_PROXIES,
from DOORBRAAK_TRUSTED_PROXIES; none by default), and then read from the right: each trusted
proxy appends the address it saw, so the right-most address that is not itself a trusted proxy
is the client. Anything further left was sent by the client and may be made up.

Used by django-axes (AXES_CLIENT_IP_CALLABLE) and by every audit line's `origin`; an
anonymous reader's line keeps only the network (`client_network`, ADR 0013).
"""

import ipaddress

from django.conf import settings
from django.http import HttpRequest

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


def client_address(request: HttpRequest) -> str:
    """The client's IP address as text ('' when the request carries none)."""
    peer = _address(request.META.get("REMOTE_ADDR", ""))
    if peer is None:
        return ""
    if not _trusted(peer):
        return str(peer)
    hops = [hop.strip() for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    nearest = peer  # the nearest trusted proxy so far
    for hop in reversed([hop for hop in hops if hop]):
        address = _address(hop)
        if address is None:  # a trusted proxy vouches for no such thing: stop at that proxy
            return str(nearest)
        if not _trusted(address):
            return str(address)
        nearest = address
    return str(nearest)  # every hop a trusted proxy: the furthest one


# An anonymous reader's address is cut to its network before it is stored (ADR 0013):
# enough to see one network download the open data a thousand times, not who read it.
NETWORK_BITS = {4: 24, 6: 48}


def client_network(request: HttpRequest) -> str:
    """The client's network ('203.0.113.0/24', '2001:db8:1::/48'; '' without an address)."""
    address = _address(client_address(request))
    if address is None:
        return ""
    network = ipaddress.ip_network(f"{address}/{NETWORK_BITS[address.version]}", strict=False)
    return str(network)


def _address(text: str) -> IPAddress | None:
    try:
        address = ipaddress.ip_address(text.strip())
    except ValueError:
        return None
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        return address.ipv4_mapped
    return address


def _trusted(address: IPAddress) -> bool:
    return any(address in network for network in settings.TRUSTED_PROXIES)
