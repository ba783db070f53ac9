"""Slots per kind of work: audits (CPU-bound) get AUDIT_CONCURRENCY slots — one per core by default — and offline
chat keeps its own pool, so a queue of audits never holds the chats (bench/load.py measures the effect)."""

import os

from settings import Settings
from ui.services import Services


def _fns_by_api(tmp_path, **env):
    from app import build_app

    values = {"DATA_DIR": str(tmp_path), "OPENAI_BASE_URL": "", **env}
    settings = Settings.model_validate(values)
    demo = build_app(settings, Services(settings))
    return {fn.api_name: fn for fn in demo.fns.values() if fn.api_name}


def test_audit_slots_follow_the_setting_and_chat_has_its_own(tmp_path):
    fns = _fns_by_api(tmp_path, AUDIT_CONCURRENCY="3")
    assert fns["audit"].concurrency_limit == 3
    assert fns["chat"].concurrency_id != fns["audit"].concurrency_id
    assert fns["chat"].concurrency_limit == "default"  # the queue's default pool (8 slots), not the audits'


def test_audit_slots_default_to_one_per_core():
    assert Settings.model_validate({}).audit_concurrency == max(1, os.cpu_count() or 2)
