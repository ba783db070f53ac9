"""Orchestration: everything that talks to a model; the offline drafter; chat.

- ``llm``: the one place that builds the chat model (``build_chat_model``) and explains failures in Chinese.
- ``factsheet`` / ``provenance``: the numbers a draft may use, each with a cell id, derived expression or fact id.
- ``offline`` (+ ``offline_text``, ``writer``): deterministic drafts of sections 一、五、六 with provenance.
- ``retrieval`` / ``drafting`` / ``checking``: retrieval in code, one model call, numbers checked, bounded repair.
- ``tools`` / ``chat``: ``respond(message, history, session)`` with a tool-using agent or offline routing.

Importing ``agents`` loads no model, network or vector-store code; those are imported where they are used.
"""
