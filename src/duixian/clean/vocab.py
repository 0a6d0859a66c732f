"""The words that tell page chrome, web footers, collector headers and spam from report text.

One place for the cleaner's vocabulary, so that a reader can extend it without touching the
rules. Every list is of words that a 政府工作报告 never uses as its own text in the position the
rule looks at (a whole line, the head before the report, the tail after it); the rules in
``web.py`` say where each list applies.
"""

from __future__ import annotations

import re

# Labels of a collector's header block or a news page's metadata line (``标题：…``, ``发文时间：…``,
# ``时间：2023-03-30 作者：… 来源：… 阅读：175``).  Only a line that *starts* with one of them,
# followed by a colon, counts, and only before the report begins.
HEAD_LABELS = (
    "标题", "题名", "发文单位", "发文机关", "发文时间", "发文日期", "发文字号", "成文日期", "报告人", "来源URL", "来源url",
    "原文链接", "链接", "网址", "正文", "内容摘要", "摘要", "时间", "作者", "来源", "阅读", "评论", "浏览", "点击",
    "发布时间", "发布日期", "发布机构", "浏览次数", "点击数", "阅读次数", "字号", "字体", "当前位置", "您当前的位置",
    "所属栏目", "栏目", "关键词", "索引号", "分类",
)

# Site navigation items and page widgets of government and news portals.  A head line made only of
# such items (or several of them separated by spaces / ``|``) is navigation.
NAV_WORDS = (
    "首页", "网站首页", "新闻中心", "政府信息公开", "信息公开", "政务服务", "互动交流", "政民互动", "专题专栏", "领导之窗",
    "走进", "政府数据", "长者模式", "无障碍", "繁體中文", "繁体中文", "简体中文", "EN", "English", "网站地图", "登录", "注册",
    "搜索", "要闻", "动态", "公示公告", "通知公告", "办事服务", "便民服务", "政策解读", "政策文件", "人事信息", "大", "中", "小",
    "推荐朋友", "打印本稿", "打印", "关闭", "收藏", "纠错", "分享", "返回", ">", ">>", "»", "›", "|", "【", "】", "[", "]",
)

# Lines that start a web page's footer (share buttons, related-article lists, site credits).  From
# the first of them after the report's last paragraph, everything to the end is page furniture.
FOOTER_STARTS = (
    "责任编辑", "编辑", "审核", "校对", "来源", "打印本页", "打印", "关闭窗口", "关闭", "【打印】", "【关闭】", "分享到", "分享",
    "扫一扫", "上一篇", "下一篇", "相关文章", "相关阅读", "相关链接", "相关新闻", "相关报道", "本栏最新", "本栏推荐", "阅读排行",
    "热点排行", "热门文章", "标签云", "QQ空间", "新浪微博", "腾讯微博", "人人网", "开心网", "百度空间", "和讯", "天涯社区", "微信",
    "网站地图", "联系我们", "返回顶部", "版权所有", "主办", "承办", "技术支持", "网站标识码", "ICP", "公网安备",
)

# Words of gambling and adult-content spam injected into scraped pages.  None is a word a report
# uses (三级, 免费看 and 赌场 are left out: 三级医院, 免费看病, 打击赌场 are report words); a line
# needs two different ones, densely,, and an injected phrase needs a site brand
# (letters or digits) glued to the word.
SPAM_WORDS = (
    "一级片", "三级片", "毛片", "无码", "做爰", "特黄", "黄色视频", "成人片", "成人视频", "成人电影", "av在线", "AV在线",
    "投注", "博彩", "百家乐", "娱乐城", "备用网址", "六合彩", "时时彩", "老虎机", "真人娱乐", "棋牌游戏", "彩票网", "电影三级",
)
SPAM_INJECTED = ("投注", "备用网址", "博彩", "娱乐城", "百家乐", "六合彩", "时时彩")

# A news or blog page's reading-time and word-count widget (``本篇文章1607字,读完约4分钟``).
READING_WIDGET = re.compile(r"^(?:本篇)?文章\s*\d+\s*字[,，]?\s*(?:读完|阅读)(?:约|需)?\s*\d+\s*分钟$|^(?:阅读时间|预计阅读)[：:]?\s*\d+\s*分钟$")

# A document-sharing site's preview banner (``《….docx》由会员分享,可在线阅读,更多相关…请在…文库网上搜索``).
PREVIEW_BANNER = re.compile(r"由会员分享|可在线阅读|更多相关《|文库网?上搜索|\.(?:docx?|pdf)[》)]")

# How chapter titles (一、…) of the genre end.  On a line where the title runs straight into the
# chapter's first sentence (a one-line or whitespace-flattened report), the title ends after the
# last of these words within its first characters.
CHAPTER_TITLE_ENDS = ("工作回顾", "的回顾", "回顾", "工作安排", "总体要求", "主要目标", "目标任务", "主要任务", "重点工作", "自身建设")
