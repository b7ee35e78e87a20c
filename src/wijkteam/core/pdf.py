"""Documents for families as PDF: a Django template rendered to HTML, then to PDF.

Letters and summaries (the support plan, the decision letter, the clarification summary)
are ordinary templates that extend `pdf/base.html`; `render_pdf` turns them into a PDF
with WeasyPrint (ADR 0004). WeasyPrint needs the Pango library of the operating system
(Debian: `libpango-1.0-0`); it is imported only when a PDF is made, so the rest of the
product runs without it and a missing library gives a clear error instead of a crash
at start-up.
"""

from django.conf import settings
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils.text import slugify


class PdfUnavailable(RuntimeError):
    """The PDF library cannot run here (the system's Pango library is missing)."""


def render_pdf(template_name: str, context: dict, *, request=None) -> bytes:
    """Render a template that extends `pdf/base.html` to PDF bytes."""
    try:
        from weasyprint import HTML
    except OSError as exc:  # the shared libraries of Pango are missing
        raise PdfUnavailable(
            "PDF documents need the Pango library (Debian: apt-get install libpango-1.0-0)."
        ) from exc
    html = render_to_string(
        template_name,
        {"municipality_name": settings.WIJKTEAM_MUNICIPALITY_NAME, **context},
        request=request,
    )
    # No base_url: the documents use no external files (fonts and styles are inline), so
    # nothing is fetched while rendering.
    return HTML(string=html).write_pdf()


def pdf_response(pdf: bytes, filename: str, *, inline: bool = True) -> HttpResponse:
    """An HTTP response with the PDF; the file name never holds personal data."""
    response = HttpResponse(pdf, content_type="application/pdf")
    disposition = "inline" if inline else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{slugify(filename)}.pdf"'
    response["Cache-Control"] = "no-store"
    return response
