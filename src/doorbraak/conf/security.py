"""Security settings that need a decision, not just a value: the secret key and the trusted
reverse proxies (docs/deployment.md).

Imported by `settings` before Django is set up, so it imports nothing of Django but its
`ImproperlyConfigured`, which `doorbraak` (cli.py) and gunicorn show with its Dutch message.
"""

import ipaddress
from collections.abc import Iterable
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

# Host names that reach only this computer: a server that answers to nothing else is the demo,
# a developer's machine or the test suite, never a production server.
LOCAL_HOSTS = frozenset({"localhost", "127.0.0.1", "[::1]", "::1"})
# Only for a server that answers on this computer alone (`local_only`); the prefix makes
# `check --deploy` call it insecure (security.W009) wherever it would still turn up.
LOCAL_SECRET_KEY = "django-insecure-alleen-demo-en-tests-op-deze-computer"  # noqa: S105
MIN_SECRET_KEY_CHARS = 50


def local_only(hosts: Iterable[str], *, https: bool) -> bool:
    """Does this server answer on this computer alone (and not behind TLS)?"""
    names = [host.strip().lower() for host in hosts if host.strip()]
    return bool(names) and not https and all(name in LOCAL_HOSTS for name in names)


def secret_key_choose(value: str, path: str, *, local: bool) -> str:
    """Django's SECRET_KEY: the variable, else the key file, else (on this computer alone) the
    demo's. A server that others can reach refuses to start without a key of its own."""
    if value.strip():
        return _checked(value.strip(), "DOORBRAAK_SECRET_KEY")
    if path.strip():
        return _checked(_read(Path(path.strip())), path.strip())
    if local:
        return LOCAL_SECRET_KEY
    raise ImproperlyConfigured(
        "DOORBRAAK_SECRET_KEY ontbreekt. doorbraak start op een server niet met de "
        "voorbeeldsleutel uit de broncode: zet DOORBRAAK_SECRET_KEY (of "
        "DOORBRAAK_SECRET_KEY_FILE) op een lange willekeurige waarde, bijvoorbeeld uit "
        "`python3 -c 'import secrets; print(secrets.token_urlsafe(50))'`. Zie docs/deployment.md."
    )


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8").strip()
    except OSError as error:
        raise ImproperlyConfigured(
            f"Het sleutelbestand {path} (DOORBRAAK_SECRET_KEY_FILE) kan niet gelezen worden: "
            f"{error.strerror or error}."
        ) from error


def _checked(key: str, where: str) -> str:
    if key == LOCAL_SECRET_KEY or len(key) < MIN_SECRET_KEY_CHARS or len(set(key)) < 5:
        raise ImproperlyConfigured(
            f"De geheime sleutel uit {where} is te kort of te eenvoudig: gebruik minstens "
            f"{MIN_SECRET_KEY_CHARS} willekeurige tekens, niet de voorbeeldsleutel van de demo."
        )
    return key


IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network


def trusted_proxies_parse(value: str) -> tuple[IPNetwork, ...]:
    """DOORBRAAK_TRUSTED_PROXIES: comma-separated addresses or networks (CIDR) of the reverse
    proxies whose X-Forwarded-For is believed (`core.client_address`). Empty: none."""
    networks = []
    for item in (part.strip() for part in value.split(",")):
        if not item:
            continue
        try:
            networks.append(ipaddress.ip_network(item, strict=False))
        except ValueError as error:
            raise ImproperlyConfigured(
                f"DOORBRAAK_TRUSTED_PROXIES: '{item}' is geen IP-adres of netwerk (zoals "
                "127.0.0.1 of 10.0.0.0/8). Zie docs/deployment.md."
            ) from error
    return tuple(networks)
