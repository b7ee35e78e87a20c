"""The framework's floor: the least a signed-in request to this product can cost."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse


@login_required
def floor(request):
    """No query of its own, no template: what remains is the server, the middleware
    (request id, security headers, CSP, session, language, CSRF, sign-in, two-factor,
    messages, axes), the request's transaction and the session saved on every request."""
    return HttpResponse(b"ok", content_type="text/plain")
