"""Chinese terms: each case is a short document in our own wording, read through ``detect_clauses`` or the CLI.

The sentences paraphrase how Chinese user agreements state (or only seem to state) a ban on
building models with a service's outputs; none is copied from a real document.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from auditor.cli import cli
from auditor.clauses import BANS, detect_clauses
from auditor.documents import load_document
from test_hostile_markup import finishes  # the hang guard of the hostile-markup tests


def _found(tmp_path: Path, text: str, suffix: str = ".md") -> list[tuple[str, str]]:
    path = tmp_path / f"zh{suffix}"
    path.write_text(text, encoding="utf-8")
    return [(c.category, c.text) for c in detect_clauses(load_document(path))]


def _bans(tmp_path: Path, text: str) -> list[tuple[str, str]]:
    return [(category, text) for category, text in _found(tmp_path, text) if category in BANS]


FIRE = {
    "outputs to build a competing model": ("您不得使用本服务的输出结果开发与我们相竞争的模型。", "competing-models", "您不得"),
    "a product of the same kind": ("用户不得利用本平台的生成内容研发同类产品。", "competing-models", "用户不得"),
    "a qualified service of the same kind": ("您不得以类似方式提供同类 AI 对话服务。", "competing-models", "您不得"),
    "outputs to train other models": ("你不得将本服务的输出用于训练其他人工智能模型。", "model-training-ban", "你不得"),
    "consent as the prohibition, nominal training": ("未经我们书面同意，禁止将生成内容用于模型训练。", "model-training-ban", "未经"),
    "distillation": ("严禁通过模型蒸馏等方式复现本服务的能力。", "model-training-ban", "严禁"),
    "weights extracted": ("未经书面许可，不得对本服务进行逆向工程或提取模型参数。", "model-training-ban", "未经"),
    "improving other models": ("您不得利用输出内容改进其他模型。", "improve-other-models", "您不得"),
    "lead-in over a numbered item": (
        "用户不得从事以下行为：\n1. 干扰平台的正常运行；\n2. 使用回复内容训练自己的大模型；\n",
        "model-training-ban",
        "2. 使用回复",
    ),
    "heading over a bullet": ("## 禁止行为\n\n- 分享账号密码\n- 以任何形式蒸馏本服务所依托的模型\n", "model-training-ban", "- 以任何形式"),
    "nested items two levels down": (
        "第五条 使用限制\n5.1 您不得：\n5.1.1 转售账号；\n（1）将输出用于开发竞争性产品或模型；\n（2）删除标识。\n",
        "competing-models",
        "（1）将输出",
    ),
    "inline items on one line": ("您在使用时不得有下列行为：（1）转售服务；（2）用生成结果训练别的模型。", "model-training-ban", "（2）用生成"),
    "traditional characters": ("您不得使用本服務的輸出開發與我們競爭的模型。", "competing-models", "您不得"),
    "wrapped line of a PDF": (
        "您承诺不会利用本服务的任何输出内容以任何方式开发、训练或者改进\n与本公司存在竞争关系的模型或者产品服务。\n",
        "competing-models",
        "您承诺",
    ),
}

QUIET = {
    "the provider's promise": "我们不会使用您的数据训练我们的模型。",
    "a passive promise": "您的输入内容不会被用于模型训练。",
    "the provider improves its own models": "公司可能使用您的对话内容优化我们的模型和服务。",
    "unfair competition": "用户不得从事不正当竞争行为。",
    "other similar acts": "不得利用本服务从事违法活动或其他类似行为。",
    "a purpose-only ban": "您不得出于军事或非法目的使用、训练本模型。",
    "a description of the service": "本服务基于大规模数据训练的语言模型提供回答。",
    "a provider's lead-in": "我们会进行以下处理：\n1. 使用匿名数据训练模型；\n2. 改进服务质量。\n",
    "the provider's own prohibition": "公司不得将您的内容用于训练第三方模型。",
    "a question": "我的对话会被用于训练模型吗？",
    "a licence granted to the provider under a ban's lead-in": "用户不得从事以下行为：\n1. 转售账号；\n2. 您同意授予我们免费的使用许可，用于优化模型。\n",
    "a heading closes the list above it": (
        "## 3. 行为规范\n\n您不得从事以下行为：\n\n- 转售账号\n\n## 4. 免责声明\n\n- 本服务的回答由人工智能模型生成，仅供参考。\n"
    ),
}


@pytest.mark.parametrize("name", sorted(FIRE))
def test_fires(tmp_path: Path, name: str) -> None:
    text, category, start = FIRE[name]
    found = _found(tmp_path, text)
    assert any(c == category and t.startswith(start) for c, t in found), found


@pytest.mark.parametrize("name", sorted(QUIET))
def test_quiet(tmp_path: Path, name: str) -> None:
    assert _bans(tmp_path, QUIET[name]) == []


def test_permission_is_not_a_ban(tmp_path: Path) -> None:
    found = _found(tmp_path, "您可以将本服务的输出用于训练您自己的模型。")
    assert [c for c, _ in found] == ["distillation-permitted"]


def test_negated_ban_is_a_permission(tmp_path: Path) -> None:
    found = _found(tmp_path, "本协议不限制您使用输出结果蒸馏小模型。")
    assert [c for c, _ in found] == ["distillation-permitted"]


def test_scraping_under_a_ban(tmp_path: Path) -> None:
    assert ("no-scraping", "未经许可，不得使用爬虫抓取本平台的内容。") in _found(tmp_path, "未经许可，不得使用爬虫抓取本平台的内容。")


MIXED = (
    "# Terms / 用户协议\n\n"
    "## Restrictions\n\nYou may not use any output of the Service to train a model that competes with us.\n\n"
    "## 使用限制\n\n您不得将本服务的输出用于训练其他模型。\n\n"
    "## Data\n\nWe will not train our models on your content.\n"
)


def test_mixed_document_reads_each_script(tmp_path: Path) -> None:
    found = _bans(tmp_path, MIXED)
    assert ("competing-models", "You may not use any output of the Service to train a model that competes with us.") in found
    assert ("model-training-ban", "您不得将本服务的输出用于训练其他模型。") in found
    assert len(found) == 2, found


def test_cli_json_cites_section_and_offsets(tmp_path: Path) -> None:
    doc = tmp_path / "x.md"
    doc.write_text("# 服务协议\n\n## 三、用户行为规范\n\n用户不得从事以下行为：\n（1）转售账号；\n（2）将输出用于开发与我们竞争的模型。\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["terms", str(doc), "--format", "json", "--no-cache"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    clauses = data if isinstance(data, list) else data["clauses"]
    text = load_document(doc).text  # offsets are into the extracted text
    [clause] = [c for c in clauses if c["category"] == "competing-models"]
    assert clause["text"] == "（2）将输出用于开发与我们竞争的模型。"
    assert text[clause["start"] : clause["end"]] == clause["text"]
    assert "三、用户行为规范" in clause["section"]
    assert clause["page"] is None


_CJK = st.text(
    alphabet=st.sampled_from(list("您你我们不得禁止未经许可训练模型输出竞争同类产品蒸馏：；。！？（）()一二三、1.①\n 　*#-以下行为用于开发其他")),
    max_size=400,
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(_CJK)
def test_never_crashes_on_arbitrary_chinese(tmp_path: Path, text: str) -> None:
    for category, quote in _found(tmp_path, text):
        assert quote and quote in text


@pytest.mark.parametrize(
    "unit",
    ["未经", "不得", "（1）", "您的数据", "；或 a)", "模型", "我们不", "，", "一、", "训练其他", "（1）不得以下：\n", "1.1 禁止\n\n"],
)
def test_hostile_chinese_runs_stay_linear(tmp_path: Path, unit: str) -> None:
    path = tmp_path / "hostile.txt"
    path.write_text(unit * (200 * 1024 // len(unit)), encoding="utf-8")
    with finishes():
        clauses = detect_clauses(load_document(path))
    assert all(len(clause.text) <= 4000 for clause in clauses)


def test_terms_diff_sees_a_chinese_ban_added(tmp_path: Path) -> None:
    old, new = tmp_path / "v1.md", tmp_path / "v2.md"
    old.write_text("## 使用规范\n\n用户不得从事违法活动。\n", encoding="utf-8")
    new.write_text("## 使用规范\n\n用户不得从事违法活动。\n\n用户不得将输出用于训练其他模型。\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["terms", "diff", "-f", "json", str(old), str(new)])
    assert result.exit_code == 0, result.output
    changes = json.loads(result.output)["changes"]
    assert [c["change"] for c in changes] == ["added"], changes
    assert "用户不得将输出用于训练其他模型" in json.dumps(changes, ensure_ascii=False)
