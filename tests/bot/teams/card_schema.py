"""A compact JSON Schema of Adaptive Cards 1.5: the elements, actions and properties these cards
use, with the value sets the official schema (adaptivecards.io/schemas/1.5.0/adaptive-card.json)
allows. Unknown element types and unknown properties fail, so a typo or a property Teams does not
support (e.g. `msteams.width`) is caught; extend it when a builder starts using something new."""

from __future__ import annotations

from typing import Any

SPACING = {"enum": ["default", "none", "small", "medium", "large", "extraLarge", "padding",
                    "Default", "None", "Small", "Medium", "Large", "ExtraLarge", "Padding"]}
COLORS = {"enum": ["Default", "Dark", "Light", "Accent", "Good", "Warning", "Attention"]}
SIZES = {"enum": ["Default", "Small", "Medium", "Large", "ExtraLarge"]}
WEIGHTS = {"enum": ["Default", "Lighter", "Bolder"]}
ID = {"type": "string", "minLength": 1}
COMMON = {"id": ID, "spacing": SPACING, "separator": {"type": "boolean"}, "isVisible": {"type": "boolean"}}


def element(type_: str, props: dict[str, Any], required: tuple[str, ...] = ()) -> dict[str, Any]:
    return {
        "type": "object",
        "properties": {"type": {"const": type_}, **COMMON, **props},
        "required": ["type", *required],
        "additionalProperties": False,
    }


ACTION_PROPS = {"title": {"type": "string"}, "iconUrl": {"type": "string"}, "tooltip": {"type": "string"},
                "style": {"enum": ["default", "positive", "destructive"]}, "id": ID}
SUBMIT = {
    "type": "object",
    "properties": {"type": {"const": "Action.Submit"}, **ACTION_PROPS, "data": {"type": "object"},
                   "associatedInputs": {"enum": ["auto", "none"]}},
    "required": ["type", "title", "data"],
    "additionalProperties": False,
}
OPEN_URL = {
    "type": "object",
    "properties": {"type": {"const": "Action.OpenUrl"}, **ACTION_PROPS, "url": {"type": "string", "format": "uri"}},
    "required": ["type", "title", "url"],
    "additionalProperties": False,
}
TOGGLE = {
    "type": "object",
    "properties": {
        "type": {"const": "Action.ToggleVisibility"}, **ACTION_PROPS,
        "targetElements": {"type": "array", "items": {"anyOf": [ID, {"type": "object"}]}, "minItems": 1},
    },
    "required": ["type", "title", "targetElements"],
    "additionalProperties": False,
}
ACTION = {"oneOf": [SUBMIT, OPEN_URL, TOGGLE]}

ELEMENTS: dict[str, Any] = {"$ref": "#/$defs/element"}
TEXT_BLOCK = element("TextBlock", {
    "text": {"type": "string"}, "wrap": {"type": "boolean"}, "color": COLORS, "size": SIZES, "weight": WEIGHTS,
    "isSubtle": {"type": "boolean"}, "italic": {"type": "boolean"}, "maxLines": {"type": "integer", "minimum": 1},
    "horizontalAlignment": {"enum": ["Left", "Center", "Right"]}, "fontType": {"enum": ["Default", "Monospace"]},
    "style": {"enum": ["default", "heading"]},
}, ("text",))
COLUMN = element("Column", {
    "items": {"type": "array", "items": ELEMENTS},
    "width": {"anyOf": [{"enum": ["auto", "stretch"]}, {"type": "number"}, {"type": "string", "pattern": r"^\d+px$"}]},
    "verticalContentAlignment": {"enum": ["Top", "Center", "Bottom"]},
    "style": {"enum": ["default", "emphasis", "good", "attention", "warning", "accent"]},
})
COLUMN_SET = element("ColumnSet", {"columns": {"type": "array", "items": COLUMN}})
CONTAINER = element("Container", {
    "items": {"type": "array", "items": ELEMENTS},
    "style": {"enum": ["default", "emphasis", "good", "attention", "warning", "accent"]},
}, ("items",))
FACT_SET = element("FactSet", {
    "facts": {"type": "array", "items": {
        "type": "object", "properties": {"title": {"type": "string"}, "value": {"type": "string"}},
        "required": ["title", "value"], "additionalProperties": False,
    }},
}, ("facts",))
ACTION_SET = element("ActionSet", {"actions": {"type": "array", "items": ACTION, "minItems": 1}}, ("actions",))
INPUT_PROPS = {"label": {"type": "string"}, "isRequired": {"type": "boolean"}, "errorMessage": {"type": "string"}}
INPUT_TEXT = element("Input.Text", {
    **INPUT_PROPS, "placeholder": {"type": "string"}, "isMultiline": {"type": "boolean"},
    "maxLength": {"type": "integer", "minimum": 1}, "value": {"type": "string"},
    "style": {"enum": ["text", "tel", "url", "email", "password"]},
}, ("id",))
CHOICE_SET = element("Input.ChoiceSet", {
    **INPUT_PROPS, "style": {"enum": ["compact", "expanded", "filtered"]}, "wrap": {"type": "boolean"},
    "isMultiSelect": {"type": "boolean"}, "value": {"type": "string"}, "placeholder": {"type": "string"},
    "choices": {"type": "array", "minItems": 1, "items": {
        "type": "object", "properties": {"title": {"type": "string", "minLength": 1}, "value": {"type": "string"}},
        "required": ["title", "value"], "additionalProperties": False,
    }},
}, ("id", "choices"))
IMAGE = element("Image", {
    "url": {"type": "string"}, "altText": {"type": "string"}, "size": {"enum": ["Auto", "Stretch", "Small",
                                                                                "Medium", "Large"]},
}, ("url",))

SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "type": "object",
    "properties": {
        "type": {"const": "AdaptiveCard"},
        "$schema": {"type": "string"},
        "version": {"const": "1.5"},
        "fallbackText": {"type": "string"},
        "speak": {"type": "string"},
        "lang": {"type": "string"},
        "body": {"type": "array", "items": ELEMENTS},
        "actions": {"type": "array", "items": ACTION},
        "msteams": {"type": "object", "properties": {"entities": {"type": "array"}}, "additionalProperties": False},
    },
    "required": ["type", "version", "body"],
    "additionalProperties": False,
    "$defs": {
        "element": {"oneOf": [TEXT_BLOCK, COLUMN_SET, CONTAINER, FACT_SET, ACTION_SET, INPUT_TEXT, CHOICE_SET, IMAGE]},
    },
}
