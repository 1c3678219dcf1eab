"""Is this push hook really from the office? GitLab's token, Gitea's and Forgejo's
signature, GitHub's signature: each checked in constant time against the office's
secret. Nothing here trusts the payload: a verified hook only asks for a sync of the
office it was sent for, and the sync reads the office's repository itself.
"""

from __future__ import annotations

import hashlib
import hmac
import re
from collections.abc import Mapping
from dataclasses import dataclass
from enum import Enum


class Verdict(Enum):
    SIGNED = "signed"  # every signature it carries matches the office's secret
    UNSIGNED = "unsigned"  # it carries none we accept (answered 401)
    FORGED = "forged"  # one it carries does not match (answered 403)


@dataclass(frozen=True)
class Hook:
    provider: str  # gitlab | gitea | forgejo | github | "" (unsigned)
    event: str  # push, ping... as the provider names it, lower case; "" if it says none
    verdict: Verdict


# The header each provider names its event in.
_EVENTS = {
    "gitlab": "x-gitlab-event",
    "gitea": "x-gitea-event",
    "forgejo": "x-forgejo-event",
    "github": "x-github-event",
}


def verify(headers: Mapping[str, str], body: bytes, secret: bytes) -> Hook:
    """What `headers` (names in any case) and `body` prove, against the office's `secret`.

    A hook may carry several signatures (Forgejo sends its own and Gitea's): all must
    match. GitHub's older SHA-1 header alone is not accepted."""
    headers = {name.lower(): value for name, value in headers.items()}
    checks = _signatures(headers, body, secret)
    if not checks:
        return Hook("", _event(headers, ""), Verdict.UNSIGNED)
    provider = checks[0][0]
    verdict = Verdict.SIGNED if all(ok for _, ok in checks) else Verdict.FORGED
    return Hook(provider, _event(headers, provider), verdict)


def _signatures(headers: Mapping[str, str], body: bytes, secret: bytes) -> list[tuple[str, bool]]:
    """(provider, matches) for every signature header present, in a fixed order."""
    found = []
    token = headers.get("x-gitlab-token")
    if token is not None:
        found.append(("gitlab", _same(token.encode("utf-8", "replace"), secret)))
    for provider, name in (("forgejo", "x-forgejo-signature"), ("gitea", "x-gitea-signature")):
        value = headers.get(name)
        if value is not None:
            found.append(
                (
                    provider,
                    _same(value.strip().lower().encode("ascii", "replace"), _hexmac(secret, body)),
                )
            )
    value = headers.get("x-hub-signature-256")
    if value is not None:
        given = value.strip()
        ok = given.startswith("sha256=") and _same(
            given.removeprefix("sha256=").lower().encode("ascii", "replace"), _hexmac(secret, body)
        )
        found.append(("github", ok))
    return found


def _hexmac(secret: bytes, body: bytes) -> bytes:
    return hmac.new(secret, body, hashlib.sha256).hexdigest().encode("ascii")


def _same(given: bytes, expected: bytes) -> bool:
    """Constant time, whatever `given` holds: a forger learns nothing from the timing."""
    return hmac.compare_digest(given, expected)


_NOT_IN_NAME = re.compile(r"[^a-z0-9 _.-]")


def _event(headers: Mapping[str, str], provider: str) -> str:
    names = [_EVENTS[provider]] if provider in _EVENTS else list(_EVENTS.values())
    for name in names:
        value = headers.get(name)
        if value:
            # Logged, and sent before any signature is checked: only a name's characters,
            # so no header can write a line of its own into the log.
            return _NOT_IN_NAME.sub("", value.strip().lower())[:40]
    return ""


def is_ping(hook: Hook) -> bool:
    """A provider's test delivery when the hook is set up: answered, never synced."""
    return hook.event in ("ping",)
