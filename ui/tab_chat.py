"""对话 tab: streaming answers from ``agents.chat.respond`` with the 来源 list folded into a <details> block."""

from __future__ import annotations

import gradio as gr

from ui import actions_docs as D
from ui.common import guard
from ui.services import Services

EXAMPLES = [
    "依申请公开的答复期限是多少个工作日？",
    "年度报告应当包括哪些内容？",
    "本年新收申请数量和上年相比有什么变化？",
]


def build(svc: Services, pid: gr.Textbox) -> None:
    @guard
    def respond(message, history, project_id):
        yield from D.chat(svc, message, history, project_id)

    gr.ChatInterface(
        respond,
        chatbot=gr.Chatbot(label="年报助手", elem_id="chatbot", height=520,
                           placeholder="可询问《条例》规定、年报格式要求、本机关或其他机关往年年报中的数据。"),
        textbox=gr.Textbox(placeholder="输入问题后按回车发送", elem_id="msg", show_label=False,
                           submit_btn="发送", stop_btn="停止"),
        additional_inputs=[pid],
        api_name="chat",
        # waiting on a model is I/O: its own, larger pool (bounded by the chat deadline), never offline work's slots
        concurrency_limit="default" if svc.offline else svc.settings.llm_concurrency,
        fill_height=False,
    )
