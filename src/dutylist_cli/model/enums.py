"""Enumerations of the spec: English tokens (canonical) with their Chinese labels."""

from __future__ import annotations

from enum import Enum
from typing import Annotated

from pydantic import BeforeValidator, WithJsonSchema


class LabeledEnum(str, Enum):
    """A str enum whose members also carry the Chinese label people write."""

    label: str

    def __new__(cls, token: str, label: str) -> LabeledEnum:
        member = str.__new__(cls, token)
        member._value_ = token
        member.label = label
        return member

    @classmethod
    def from_text(cls, text: object) -> object:
        """The member for a token or a Chinese label; anything else passes through unchanged."""
        if isinstance(text, str):
            for member in cls:
                if text == member.value or text == member.label:
                    return member
        return text

    @classmethod
    def choices(cls) -> str:
        return "、".join(f"{m.value}（{m.label}）" for m in cls)


class TownshipKind(LabeledEnum):
    SUBDISTRICT = ("subdistrict", "街道")
    TOWN = ("town", "镇")
    TOWNSHIP = ("township", "乡")
    ETHNIC_TOWNSHIP = ("ethnic_township", "民族乡")
    SUMU = ("sumu", "苏木")


class Category(LabeledEnum):
    BASIC = ("basic", "基本履职事项")
    COOPERATIVE = ("cooperative", "配合履职事项")
    RECOVERED = ("recovered", "上级部门收回事项")


class ItemSource(LabeledEnum):
    TEMPLATE = ("template", "通用模板")
    LOCAL = ("local", "个性化")


class Trigger(LabeledEnum):
    LEADERSHIP_ASSIGNMENT = ("leadership_assignment", "市县两级党委政府交办")
    DEPARTMENT_PROPOSAL = ("department_proposal", "县级以上部门动议")
    LAW_CHANGE = ("law_change", "法律法规立改废释")
    CENTRAL_DEPLOYMENT = ("central_deployment", "党中央、国务院部署")
    PROVINCIAL_REQUIREMENT = ("provincial_requirement", "省委、省政府要求")
    TOWNSHIP_APPLICATION = ("township_application", "乡镇（街道）自主申请")


class Action(LabeledEnum):
    ADD = ("add", "新增")
    REMOVE = ("remove", "取消")
    MOVE = ("move", "调整类别")
    MODIFY = ("modify", "调整")


class ApprovalLevel(LabeledEnum):
    COUNTY = ("county", "县级")
    CITY = ("city", "市级")
    PROVINCE = ("province", "省级")


class TaskStatus(LabeledEnum):
    OPEN = ("open", "未销号")
    CLOSED = ("closed", "已销号")


class AssessmentSubject(LabeledEnum):
    TOWNSHIP = ("township", "乡镇（街道）考核")
    DEPARTMENT = ("department", "县级部门考核")


def _accepting_labels_schema(enum: type[LabeledEnum]) -> WithJsonSchema:
    values = [m.value for m in enum] + [m.label for m in enum]
    return WithJsonSchema({"type": "string", "enum": values, "description": enum.choices()})


# Field types that take the English token or the Chinese label, and hold the member.
KindField = Annotated[
    TownshipKind, BeforeValidator(TownshipKind.from_text), _accepting_labels_schema(TownshipKind)
]
SourceField = Annotated[
    ItemSource, BeforeValidator(ItemSource.from_text), _accepting_labels_schema(ItemSource)
]
TriggerField = Annotated[
    Trigger, BeforeValidator(Trigger.from_text), _accepting_labels_schema(Trigger)
]
CategoryField = Annotated[
    Category, BeforeValidator(Category.from_text), _accepting_labels_schema(Category)
]
ActionField = Annotated[Action, BeforeValidator(Action.from_text), _accepting_labels_schema(Action)]
LevelField = Annotated[
    ApprovalLevel, BeforeValidator(ApprovalLevel.from_text), _accepting_labels_schema(ApprovalLevel)
]
StatusField = Annotated[
    TaskStatus, BeforeValidator(TaskStatus.from_text), _accepting_labels_schema(TaskStatus)
]
SubjectField = Annotated[
    AssessmentSubject,
    BeforeValidator(AssessmentSubject.from_text),
    _accepting_labels_schema(AssessmentSubject),
]
