"""年报助手 — composition root: settings -> services -> UI -> launch. (Placeholder page until the UI issue.)"""

from __future__ import annotations

import os

os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")


def build_app():
    import gradio as gr

    with gr.Blocks(title="年报助手") as demo:
        gr.Markdown("# 年报助手\n政府信息公开工作年度报告助手（建设中）。")
    return demo


def main() -> None:
    from settings import get_settings

    s = get_settings()
    build_app().queue().launch(server_name=s.server_name, server_port=s.server_port)


if __name__ == "__main__":
    main()
