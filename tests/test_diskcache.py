"""The on-disk cache speeds runs up and never breaks one."""

from __future__ import annotations

import time

from auditor.diskcache import cached
from auditor.policy import load_policies


def plain(name, key, build):
    return cached(name, key, build, lambda v: v, lambda v: v)


def test_value_is_built_once_then_read(tmp_path, monkeypatch):
    monkeypatch.setenv("AUDITOR_CACHE_DIR", str(tmp_path))
    calls = []
    build = lambda: calls.append(1) or {"answer": 42}  # noqa: E731
    assert plain("thing", "k1", build) == {"answer": 42}
    assert plain("thing", "k1", build) == {"answer": 42}
    assert len(calls) == 1
    plain("thing", "k2", build)  # another key: rebuilt
    assert len(calls) == 2


def test_only_the_most_recently_used_entries_are_kept(tmp_path, monkeypatch):
    monkeypatch.setenv("AUDITOR_CACHE_DIR", str(tmp_path))
    for key in ("k1", "k2", "k3"):
        plain("thing", key, lambda: 1)
        time.sleep(0.01)
    plain("thing-index", "other", lambda: 2)  # another cache whose name starts alike: not counted, kept
    plain("thing", "k1", lambda: 1)  # read: k1 is now the most recently used
    time.sleep(0.01)
    plain("thing", "k4", lambda: 4)
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "thing-index-other.json", "thing-k1.json", "thing-k3.json", "thing-k4.json"
    ]


def test_corrupt_or_unwritable_cache_is_ignored(tmp_path, monkeypatch):
    monkeypatch.setenv("AUDITOR_CACHE_DIR", str(tmp_path))
    (tmp_path / "thing-k.json").write_bytes(b"not json")
    assert plain("thing", "k", lambda: 7) == 7
    blocked = tmp_path / "file"
    blocked.write_text("x")
    monkeypatch.setenv("AUDITOR_CACHE_DIR", str(blocked / "sub"))  # cannot be created
    assert plain("thing", "k", lambda: 8) == 8


def test_no_cache_switch(tmp_path, monkeypatch):
    monkeypatch.setenv("AUDITOR_CACHE_DIR", str(tmp_path))
    monkeypatch.setenv("AUDITOR_NO_CACHE", "1")
    plain("thing", "k", lambda: 1)
    assert not any(tmp_path.iterdir())


def test_cached_policies_equal_fresh_ones(tmp_path, monkeypatch):
    monkeypatch.setenv("AUDITOR_CACHE_DIR", str(tmp_path))
    first = load_policies()
    second = load_policies()  # from the cache
    monkeypatch.setenv("AUDITOR_NO_CACHE", "1")
    fresh = load_policies()
    assert first.infos() == second.infos() == fresh.infos()
    assert sorted(second.rules) == sorted(fresh.rules)
    assert second.pack_for_teacher("OpenAI", "gpt-4o").id == "openai-business-terms"


def test_changed_pack_folder_is_revalidated(tmp_path, monkeypatch):
    monkeypatch.setenv("AUDITOR_CACHE_DIR", str(tmp_path / "cache"))
    packs = tmp_path / "packs"
    packs.mkdir()
    pack = packs / "p.yaml"
    body = (
        "id: my-pack\ntitle: Mine\nkind: licence\nversion: '1'\neffective: 2025-01-01\n"
        "source: https://example.org\napplies_to: {licences: [LicenseRef-Mine]}\nclauses: []\n"
    )
    pack.write_text(body)
    assert load_policies([packs]).packs["my-pack"].version == "1"
    pack.write_text(body.replace("version: '1'", "version: '2'"))
    assert load_policies([packs]).packs["my-pack"].version == "2"
