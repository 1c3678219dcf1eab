"""Each provider's hook, verified against the office's secret; secrets kept out of
reach; hooks per office limited."""

from __future__ import annotations

import hashlib
import hmac
from pathlib import Path

import pytest

from generator.service.hooksecrets import SecretStore, misplaced
from generator.service.ratelimit import RateLimit
from generator.service.webhooks import Verdict, verify

SECRET = b"s3kret"
BODY = b'{"ref": "refs/heads/main"}'
MAC = hmac.new(SECRET, BODY, hashlib.sha256).hexdigest()


@pytest.mark.parametrize(
    ("headers", "provider", "verdict"),
    [
        ({"X-Hub-Signature-256": f"sha256={MAC}", "X-GitHub-Event": "push"}, "github", "signed"),
        ({"x-hub-signature-256": f"sha256={MAC.upper()}"}, "github", "signed"),
        ({"X-Hub-Signature-256": MAC}, "github", "forged"),  # without "sha256="
        ({"X-Hub-Signature-256": "sha256=" + "0" * 64}, "github", "forged"),
        ({"X-Gitea-Signature": MAC, "X-Gitea-Event": "push"}, "gitea", "signed"),
        ({"X-Forgejo-Signature": MAC, "X-Gitea-Signature": MAC}, "forgejo", "signed"),
        ({"X-Forgejo-Signature": MAC, "X-Gitea-Signature": "ab"}, "forgejo", "forged"),
        ({"X-Gitlab-Token": "s3kret", "X-Gitlab-Event": "Push Hook"}, "gitlab", "signed"),
        ({"X-Gitlab-Token": "s3kret "}, "gitlab", "forged"),
        ({"X-Gitlab-Token": "s3kreü"}, "gitlab", "forged"),
        ({"X-Hub-Signature": "sha1=abc"}, "", "unsigned"),
        ({}, "", "unsigned"),
    ],
)
def test_each_provider_is_verified(headers: dict[str, str], provider: str, verdict: str) -> None:
    hook = verify(headers, BODY, SECRET)
    assert (hook.provider, hook.verdict) == (provider, Verdict(verdict))


def test_a_signature_covers_the_whole_body() -> None:
    headers = {"X-Hub-Signature-256": f"sha256={MAC}"}
    assert verify(headers, BODY + b"\n", SECRET).verdict is Verdict.FORGED
    assert verify(headers, BODY, SECRET + b"x").verdict is Verdict.FORGED


def test_the_event_is_read_from_the_provider_header() -> None:
    hook = verify({"X-Gitlab-Token": "s3kret", "X-Gitlab-Event": "Push Hook"}, BODY, SECRET)
    assert hook.event == "push hook"


def test_a_secret_file_others_can_read_is_refused(tmp_path: Path) -> None:
    (tmp_path / "kaltim").write_bytes(b"rahasia\n")
    (tmp_path / "kaltim").chmod(0o644)
    store = SecretStore(tmp_path)
    assert store.lookup("kaltim").problem == "unsafe"
    (tmp_path / "kaltim").chmod(0o600)
    assert store.lookup("kaltim").secret == b"rahasia"
    assert store.lookup("ambon").problem == "missing"
    (tmp_path / "kosong").write_bytes(b"\n")
    (tmp_path / "kosong").chmod(0o600)
    assert store.lookup("kosong").problem == "empty"
    assert SecretStore(None).lookup("kaltim").secret is None


def test_a_secrets_folder_in_content_or_the_sites_is_named(tmp_path: Path) -> None:
    places = {"content/": tmp_path / "content", "site/": tmp_path / "site"}
    assert misplaced(tmp_path / "content" / "rahasia", places) == "content/"
    assert misplaced(tmp_path / "site", places) == "site/"
    assert misplaced(tmp_path / ".newsroom" / "rahasia", places) is None


def test_hooks_are_limited_per_office() -> None:
    limit = RateLimit(burst=2, every=10.0)
    assert limit.take("a", 0.0) == 0 and limit.take("a", 0.0) == 0
    assert limit.take("a", 0.0) == pytest.approx(10.0)
    assert limit.take("b", 0.0) == 0  # another office has its own
    assert limit.take("a", 5.0) == pytest.approx(5.0)
    assert limit.take("a", 10.0) == 0  # one more after ten seconds
