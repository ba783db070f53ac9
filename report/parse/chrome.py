"""Page chrome of saved or crawled web pages, removed before the sections are cut.

Browser notices (「您的浏览器版本过低」), the phone QR prompt (「扫一扫在手机上查看当前页面」), print / close / share
buttons and the site footer (主办单位, 网站标识码, ICP备案, 版权所有 …) are not part of the report; left in, they end up
inside section 六 and their numbers are read as narrative figures. Each notice is removed where it stands; a site
footer ends the document (everything from the first footer line after section 六's heading is dropped; in crawler
text the footer follows the last sentence on the same line).
"""

from __future__ import annotations

import re

_NOTICE_RE = re.compile(
    r"扫一扫在手机(?:上)?(?:打开|查看)当前页(?:面)?|扫一扫在手机打开当前页|"
    r"您(?:的|当前使用的)浏览器版本(?:过低|太低)[^\n。]{0,40}[。！!]?|为了(?:获得)?更好的(?:浏览|访问)体验[^\n。]{0,40}[。！!]?|"
    r"建议(?:您)?使用[^\n。]{0,20}浏览器[^\n。]{0,20}[。！!]?|"
    r"【\s*(?:打印|关闭|打印本页|关闭窗口|收藏|分享)\s*】|(?<![\u4e00-\u9fff])(?:打印本页|关闭窗口|分享到[:：]?)(?![\u4e00-\u9fff])|"
    r"(?:微信|微博|QQ空间)(?:\s+(?:微信|微博|QQ空间))+|"
    # a web page's breadcrumb and view buttons above the report: 「当前位置： 首页政务公开…年报」「全真版 文字版 文件下载
    # 相关链接：」 (the byline 「来源： 时间：…」 stays: its date is the publication date report.rules.meta reads)
    r"当前位置[:：][ \t]*[^\s。，]+(?:[ \t]*[>›»][ \t]*[^\s。，]+)*|"
    r"(?<![\u4e00-\u9fff])(?:全真版[ \t]*文字版|文件下载|相关链接[:：])(?![\u4e00-\u9fff]{2})"
)
_FOOTER_RE = re.compile(  # at a line start, or glued to the end of the report in crawler text
    r"(?m)(?:^[ \t]*|(?<=[。！）)日\s]))(?:主办单位[:：]|承办单位[:：]|网站标识码|版权所有|Copyright|[京闽沪苏浙粤湘]ICP备|[京闽沪苏浙粤湘]公网安备|"
    r"网站地图[ \t|｜]*联系我们)"
)


def strip_chrome(text: str, body_end_from: int = 0) -> str:
    """``text`` without browser notices and without a site footer found after ``body_end_from``."""
    text = _NOTICE_RE.sub("", text)
    m = _FOOTER_RE.search(text, body_end_from)
    return text[: m.start()].rstrip() + "\n" if m else text
