"""Who is asking: the owner of projects and uploaded documents.

With ``GRADIO_AUTH`` set, the owner is the logged-in user name. Without login the app serves 127.0.0.1 only, so
there is one local user, :data:`LOCAL_OWNER`. Everything a user creates is stored with its owner; a project or
document id alone grants nothing.
"""

from __future__ import annotations

from typing import Any, Optional

LOCAL_OWNER = "local"


def owner_of(request: Optional[Any]) -> str:
    """The owner for a gradio request (``gr.Request``; None in direct calls from tests and the CLI)."""
    name = getattr(request, "username", None) if request is not None else None
    return str(name) if name else LOCAL_OWNER


def current_owner() -> str:
    """The owner of the gradio request being handled in this thread (gradio keeps it in a context variable);
    :data:`LOCAL_OWNER` outside a request (tests, scripts) and without login."""
    from gradio.context import LocalContext

    return owner_of(LocalContext.request.get(None))
