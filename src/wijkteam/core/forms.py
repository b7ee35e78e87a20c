"""Forms render with NL Design System (Utrecht) markup project-wide."""

from django import forms
from django.forms.renderers import TemplatesSetting
from django.forms.widgets import Input

_WIDGET_CLASSES = {
    "checkbox": "utrecht-checkbox utrecht-checkbox--html-input utrecht-checkbox--custom",
    "radio": "utrecht-radio-button utrecht-radio-button--html-input",
    "select": "utrecht-select utrecht-select--html-select",
    "textarea": "utrecht-textarea utrecht-textarea--html-textarea",
}
_TEXTBOX = "utrecht-textbox utrecht-textbox--html-input"


def widget_class(widget: forms.Widget) -> str:
    if isinstance(widget, forms.CheckboxInput):
        return _WIDGET_CLASSES["checkbox"]
    if isinstance(widget, forms.RadioSelect | forms.CheckboxSelectMultiple):
        return ""
    if isinstance(widget, forms.Select):
        return _WIDGET_CLASSES["select"]
    if isinstance(widget, forms.Textarea):
        return _WIDGET_CLASSES["textarea"]
    if isinstance(widget, Input) and not isinstance(widget, forms.HiddenInput):
        return _TEXTBOX
    return ""


class UtrechtBoundField(forms.BoundField):
    def build_widget_attrs(self, attrs, widget=None):
        attrs = super().build_widget_attrs(attrs, widget)
        css = widget_class(widget or self.field.widget)
        if css:
            existing = attrs.get("class", "")
            attrs["class"] = f"{existing} {css}".strip()
            if self.errors:
                attrs["class"] += " utrecht-textbox--invalid"
        return attrs


class UtrechtFormRenderer(TemplatesSetting):
    form_template_name = "components/form.html"
    field_template_name = "components/field.html"
    bound_field_class = UtrechtBoundField


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")
