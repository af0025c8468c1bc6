"""The vocabulary of Chinese terms, by the role a phrase plays in a clause (the ``patterns`` of the Chinese path).

Chinese writes no spaces, so roles are found on the characters: each role is one regular
expression (an alternation of plain phrases, no nested repetition, so matching stays linear),
and scoring combines the roles' positions (character offsets) in a sentence, as the English
path combines its token cues.  Look-alikes are kept out here where a neighbouring character
tells them apart: 不得不 (must) is no prohibition, 不正当竞争 (unfair competition) and 竞争优势
are no competing product, 其他类似行为 (other similar acts) compares nothing with the provider.
"""

from __future__ import annotations

import re
from functools import lru_cache

# Who is bound: the user (or anyone, which includes the user) or the provider itself.
USER_WORDS = "您|你|用户|用戶|使用者|开发者|開發者|客户|客戶|被许可人|任何人|任何用户|任何用戶|任何一方|第三方|贵方"
PROVIDER_WORDS = "我们|我們|我方|本公司|公司|本平台|平台|本网站|本網站|本站|服务提供者|服務提供者|服务方|提供方|开发团队"

ROLES: dict[str, tuple[str, ...]] = {
    "PROHIBIT": (
        "不得(?!不)", "不應", "不允許", "嚴禁", "請勿", "不能", "不可以", "不可(?!抗|逆|替代|撤销|转让)", "不应(?!当?承担)", "不应当", "不允许", "不被允许",
        "禁止", "严禁", "不准", "切勿", "请勿", "不要", "无权", "不予许可", "不享有.{0,6}?权利",
        "(?:承诺|保证|同意|确认)(?:将)?(?:不会|不)(?!会?(?:承担|保证|负责))", "不利用", "不以任何", "不会利用",
    ),
    # "Without written consent" is the prohibition itself ("未经书面许可，不得 ..." also has 不得).
    "CONSENT": ("未经(?:[^，,。；;：:]{0,12}?)(?:书面|事先|明确|明示|授权|许可|同意|允许|批准)",),
    "NEGATED_BAN": ("不限制", "并不禁止", "不禁止", "不妨碍", "不排除(?:您|你|用户)", "不受(?:本协议)?限制", "不构成对.{0,8}?限制"),
    "PERMIT": (
        "可以", "(?<!不)可(?=将|用|使用|利用|基于|对|在|自由|免费|进行|开展|训练|蒸馏|微调)", "(?<!不)允许", "(?<!无)有权(?=将|使用|利用|基于|对)",
        "(?<!不予)许可(?:您|你|用户)", "授予(?:您|你|用户)", "欢迎", "鼓励", "支持(?:您|你|用户)", "免费(?:使用|用于)",
    ),
    "MODEL": (
        "大语言模型", "语言模型", "語言模型", "大模型", "模型", "人工智能(?:系统|技术)?", "人工智慧", "演算法", "(?<![A-Za-z])AI(?![A-Za-z云])", "算法", "神经网络",
        "机器学习", "LLMs?", "智能体",
    ),
    "OTHER_MODEL": (
        "(?:其他|其它|另一|别的|別的|第三方|他人|自有|自己的|自身的?|任何其他|任何其它)(?:的)?(?:[\u4e00-\u9fff]{0,4}?)(?:模型|算法|人工智能|AI|LLM)",
    ),
    "OURS": (
        "(?:我们|我方|本公司|公司|平台|本平台|本服务)(?:的|自身的?|自有的?)?(?:[\u4e00-\u9fff]{0,3}?)(?:模型|算法|服务|产品)",
        "(?:模型|服务)(?:和|与|及)?(?:服务)?(?:的)?优化",
    ),
    "TRAIN": ("训练", "訓練", "预训练", "微调", "微調", "精调", "蒸馏", "蒸餾", "学习(?:数据|样本|语料)?", "调优", "再训练"),
    "DEVELOP": (
        "开发", "開發", "研发", "研發", "训练", "訓練", "微调", "微調", "構建", "優化", "改進", "精调", "构建", "搭建", "创建", "建立", "打造", "制作", "生产", "提供", "服务(?=与)",
        "改进", "优化", "提升", "完善", "改善", "增强", "迭代", "设计",
    ),
    "IMPROVE": ("改进", "改進", "优化", "優化", "提升", "完善", "改善", "增强", "迭代"),
    "DISTILL": ("蒸馏", "蒸餾"),
    "EXTRACT_MODEL": ("(?:提取|窃取|抽取|复制|还原|获取)(?:[\u4e00-\u9fff、]{0,6}?)(?:模型权重|模型参数|权重|参数)(?!设置)",),
    "COMPETE": (
        "(?<!不正当)(?<!不正當)(?:竞争|競爭)(?!优势|優勢|力|秩序|法|环境|条件|关系中)", "竞品", "競品", "竞争对手",
        "同类(?:的)?(?:[A-Za-z\u4e00-\u9fff ]{0,8}?)(?:产品|服务|模型|应用|软件|平台|功能)",
        "(?<!其他)(?<!其它)(?<!或)(?:类似|相似|相近|近似)(?:的)?(?:[A-Za-z ]{0,6}?)(?:产品|服务|模型|应用|软件|平台|功能)",
        "替代(?:品|产品|服务|方案)", "(?:实质|功能)(?:上)?(?:相同|相似|类似)",
    ),
    "PRODUCT": ("产品", "產品", "服务", "服務", "应用程序", "应用", "软件", "平台", "工具", "功能", "技术"),
    "SOURCE": ("输出", "輸出", "內容", "數據", "資料", "生成(?:的)?(?:内容|结果|数据|文本)", "回复", "回答", "响应", "结果", "内容", "数据", "本服务", "服务"),
    "OUTPUT": ("(?:输出|輸出)(?:结果|結果|内容|內容)?", "生成(?:的)?(?:内容|结果|物)"),
    "OWN": ("所有权", "归(?:属于)?(?:您|你|用户)(?:所有)?", "权利归(?:属)?", "知识产权(?:归|属于)", "不主张"),
    "SCRAPE": ("爬虫", "爬取", "网络爬", "抓取", "采集", "蜘蛛", "spider", "机器人程序", "自动化(?:程序|脚本|工具|方式|手段)", "盗链"),
    "COMMERCIAL": ("商业(?:目的|用途|使用|化|性|利用)", "商用", "营利"),
    "NONCOMMERCIAL": ("非商业", "非商用", "非营利"),
    # A ban only on a purpose ("出于军事或非法目的") forbids that purpose, not training as such.
    "PURPOSE_ONLY": ("(?:出于|用于|为了?|以)(?:[\u4e00-\u9fff、或和及]{0,8}?)(?:军事|非法|违法|不法|恶意|犯罪)(?:[\u4e00-\u9fff、或和及]{0,6}?)(?:目的|用途)", "法律法规[^。；]{0,30}?(?:禁止|不允许)的(?:目的|方式)"),
    # Warranties disclaimed ("不对……所有权……作任何保证"): no one is given ownership.
    "DISCLAIM": ("保证", "担保", "不对"),
}

# The words a sentence needs to state any clause of the Chinese path: anything else is not scored.
ANCHORS = ("MODEL", "TRAIN", "DISTILL", "COMPETE", "SCRAPE", "COMMERCIAL", "NONCOMMERCIAL", "OUTPUT", "EXTRACT_MODEL")


@lru_cache(maxsize=1)
def compiled() -> dict[str, re.Pattern[str]]:
    """Each role as one expression, built once per process."""
    return {role: re.compile("|".join(f"(?:{phrase})" for phrase in phrases), re.I) for role, phrases in ROLES.items()}


@lru_cache(maxsize=1)
def anchor() -> re.Pattern[str]:
    """One expression over every anchor role: the Chinese prefilter."""
    return re.compile("|".join(f"(?:{phrase})" for role in ANCHORS for phrase in ROLES[role]), re.I)


def find(text: str) -> dict[str, list[tuple[int, int]]]:
    """Role -> the (start, end) character spans where it occurs in ``text``."""
    out: dict[str, list[tuple[int, int]]] = {}
    for role, pattern in compiled().items():
        spans = [match.span() for match in pattern.finditer(text) if match.end() > match.start()]
        if spans:
            out[role] = spans
    return out
