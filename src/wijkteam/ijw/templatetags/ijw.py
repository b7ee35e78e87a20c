"""Template filters for iJw codes: a return code with its national description."""

from django import template

from wijkteam.ijw.codes import describe, from_message

register = template.Library()


@register.filter
def return_code_text(code: str) -> str:
    return describe("WJ001", from_message("WJ001", code))
