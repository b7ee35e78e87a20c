"""Base settings shared by every environment. Environment variables: docs/operations.md."""

from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

from .checks import DEFAULT_SECRET_KEY
from .env import env_bool, env_int, env_list, env_str

SRC_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = SRC_DIR.parent.parent
VAR_DIR = Path(env_str("WIJKTEAM_VAR_DIR", str(BASE_DIR / "var")))
VAR_DIR.mkdir(parents=True, exist_ok=True)

SECRET_KEY = env_str("DJANGO_SECRET_KEY", DEFAULT_SECRET_KEY)
DEBUG = env_bool("DJANGO_DEBUG", False)
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", ["127.0.0.1", "localhost"])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.forms",
    "django_otp",
    "django_otp.plugins.otp_static",
    "django_otp.plugins.otp_totp",
    "two_factor",
    "axes",
    "csp",
    "rest_framework",
    "drf_spectacular",
    "wijkteam.core",
    "wijkteam.accounts",
    "wijkteam.audit",
    "wijkteam.people",
    "wijkteam.cases",
    "wijkteam.search",
    "wijkteam.portal",
    "wijkteam.assessment",
    "wijkteam.safety",
    "wijkteam.privacy",
    "wijkteam.quality",
    "wijkteam.partners",
    "wijkteam.catalogue",
    "wijkteam.plans",
    "wijkteam.providers",
    "wijkteam.allocation",
    "wijkteam.ijw",
    "wijkteam.insights",
]

MIDDLEWARE = [
    "wijkteam.audit.middleware.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "wijkteam.core.middleware.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "wijkteam.accounts.middleware.RequireTwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "wijkteam.urls"
WSGI_APPLICATION = "wijkteam.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [SRC_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wijkteam.core.context_processors.layout",
            ],
        },
    }
]

# --- Database: SQLite is the embedded default; DATABASE_URL selects PostgreSQL. ---
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'wijkteam.sqlite3'}"),
        conn_max_age=env_int("WIJKTEAM_DB_CONN_MAX_AGE", 0),
    )
}
# Every request runs in one transaction, so a read's audit entry commits or rolls back
# together with the response that showed the data.
DATABASES["default"]["ATOMIC_REQUESTS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Accounts and sign-in ---
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "two_factor:login"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "two_factor:login"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": env_int("WIJKTEAM_PASSWORD_MIN_LENGTH", 12, minimum=8)},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Lockout after repeated failures (django-axes).
AXES_FAILURE_LIMIT = env_int("WIJKTEAM_LOGIN_FAILURE_LIMIT", 5, minimum=1)
AXES_COOLOFF_TIME = env_int("WIJKTEAM_LOGIN_COOLOFF_MINUTES", 30, minimum=1) / 60
# Lock the account (from any address), not the address: rotating addresses must not
# help an attacker, and one office behind a shared address must not lock everyone out.
AXES_LOCKOUT_PARAMETERS = ["username"]
SILENCED_SYSTEM_CHECKS = ["axes.W006"]
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False

# Idle timeout: the session cookie's age is renewed on every request, so a session
# ends after this many minutes without activity.
SESSION_COOKIE_AGE = env_int("WIJKTEAM_IDLE_TIMEOUT_MINUTES", 15, minimum=1) * 60
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True

TWO_FACTOR_PATCH_ADMIN = False
TWO_FACTOR_REMEMBER_COOKIE_AGE = None
OTP_TOTP_ISSUER = env_str("WIJKTEAM_MUNICIPALITY_NAME", "Gemeente Voorbeeldstad") + " Wijkteam"

# Demo mode lets accounts flagged as demo accounts skip two-factor. Only the demo
# settings turn it on; production refuses it.
WIJKTEAM_DEMO_MODE = False

# --- Internationalisation: Dutch first, English available. ---
LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", "Nederlands"), ("en", "English")]
LOCALE_PATHS = [SRC_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "Europe/Amsterdam"
USE_TZ = True

# --- Static files ---
STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("WIJKTEAM_STATIC_ROOT", str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [SRC_DIR / "static"]

# --- Security headers (all environments, so tests see what production sends) ---
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

# --- API ---
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
        # Systems: a hashed, expiring token an administrator issued (manage.py
        # issue_api_token); a refused token is a 401 (accounts/authentication.py).
        "wijkteam.accounts.authentication.ApiTokenAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": [
        "rest_framework.permissions.IsAuthenticated",
        "wijkteam.accounts.api_permissions.IsVerified",
    ],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "EXCEPTION_HANDLER": "wijkteam.core.api.exception_handler",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Wijkteam API",
    "DESCRIPTION": "API of the Wijkteam case-management product. See docs/api.md.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        # The 401 of a refused API token, on every operation that accepts one.
        "wijkteam.core.api.document_token_refusal",
    ],
    # Choice sets used in more than one place get one name.
    "ENUM_NAME_OVERRIDES": {
        "SufficiencyEnum": "wijkteam.assessment.models.Sufficiency",
        "RiskLevelEnum": "wijkteam.safety.models.RiskLevel",
        "SafetyAssessmentStatusEnum": "wijkteam.safety.models.AssessmentStatus",
        "CaseStatusEnum": "wijkteam.cases.models.CaseStatus",
        # The names these had before complaints and partners brought other "channel"
        # and "kind" choices.
        "ChannelEnum": "wijkteam.cases.models.Channel",
        "KindEnum": "wijkteam.assessment.models.ConsultantKind",
        "OutcomeEnum": "wijkteam.safety.models.FrameworkOutcome",
        "TargetEnum": "wijkteam.cases.serializers.TARGET_CHOICES",
        "ComplaintOutcomeEnum": "wijkteam.quality.models.ComplaintOutcome",
        "ComplaintStatusEnum": "wijkteam.quality.models.ComplaintStatus",
        "ComplaintChannelEnum": "wijkteam.quality.models.ComplaintChannel",
        "StaffComplaintChannelEnum": "wijkteam.quality.models.STAFF_CHANNEL_CHOICES",
        "ComplaintEventKindEnum": "wijkteam.quality.models.ComplaintEventKind",
        "PartnerKindEnum": "wijkteam.partners.models.PartnerKind",
        "CoordinationHolderEnum": "wijkteam.plans.models.CoordinationHolder",
        "EvaluationKindEnum": "wijkteam.plans.models.EvaluationKind",
        "PlanChangeKindEnum": "wijkteam.plans.versions.CHANGE_KINDS",
        "DecisionStatusEnum": "wijkteam.allocation.models.DecisionStatus",
        "InterventionLevelEnum": "wijkteam.allocation.models.InterventionLevel",
        "DecisionActionEnum": "wijkteam.allocation.rules.ACTIONS",
        "MessageStatusEnum": "wijkteam.ijw.models.MessageStatus",
        "MessageKindEnum": "wijkteam.ijw.models.MessageKind",
    },
}

# --- Product settings ---
WIJKTEAM_MUNICIPALITY_NAME = env_str("WIJKTEAM_MUNICIPALITY_NAME", "Gemeente Voorbeeldstad")
# A certificate of conduct (VOG) counts as current for this many months after issue.
# How long an API token issued to a system is valid (manage.py issue_api_token --days).
WIJKTEAM_API_TOKEN_DAYS = env_int("WIJKTEAM_API_TOKEN_DAYS", 90, minimum=1)
if WIJKTEAM_API_TOKEN_DAYS > 365:
    raise ImproperlyConfigured("WIJKTEAM_API_TOKEN_DAYS must be at most 365.")
WIJKTEAM_VOG_VALIDITY_MONTHS = env_int("WIJKTEAM_VOG_VALIDITY_MONTHS", 36, minimum=1)
# Warn this many days before a VOG stops counting as current.
WIJKTEAM_VOG_WARNING_DAYS = env_int("WIJKTEAM_VOG_WARNING_DAYS", 60, minimum=0)
# Counts below this are shown as "<N" wherever aggregates are shown.
WIJKTEAM_SMALL_COUNT_THRESHOLD = env_int("WIJKTEAM_SMALL_COUNT_THRESHOLD", 5, minimum=1)
# Recurring questions: a theme at one partner or in one district in a period is shown from
# this many help questions on (docs/kpis.md).
WIJKTEAM_RECURRING_THRESHOLD = env_int("WIJKTEAM_RECURRING_THRESHOLD", 5, minimum=1)
# Trust X-Forwarded-For for the client address only behind a known proxy.
WIJKTEAM_TRUST_X_FORWARDED_FOR = env_bool("WIJKTEAM_TRUST_X_FORWARDED_FOR", False)
# Response norms for first contact after registration (working days; 0 = the same day),
# and for the first home visit on a regular question (calendar days).
WIJKTEAM_NORM_CRISIS_WORKING_DAYS = env_int("WIJKTEAM_NORM_CRISIS_WORKING_DAYS", 0)
WIJKTEAM_NORM_URGENT_WORKING_DAYS = env_int("WIJKTEAM_NORM_URGENT_WORKING_DAYS", 2)
WIJKTEAM_NORM_REGULAR_WORKING_DAYS = env_int("WIJKTEAM_NORM_REGULAR_WORKING_DAYS", 5)
WIJKTEAM_NORM_HOME_VISIT_DAYS = env_int("WIJKTEAM_NORM_HOME_VISIT_DAYS", 7)
# Crisis care may start without a current safety assessment; the assessment is then due
# within this many working days.
WIJKTEAM_CRISIS_SAFETY_DUE_WORKING_DAYS = env_int(
    "WIJKTEAM_CRISIS_SAFETY_DUE_WORKING_DAYS", 3, minimum=1
)
# Support plans (ADR 0006). Own support (eigen inzet) is short or low-intensity: past
# this many months or contacts the worker is asked to reconsider it.
WIJKTEAM_OWN_SUPPORT_MAX_MONTHS = env_int("WIJKTEAM_OWN_SUPPORT_MAX_MONTHS", 3, minimum=1)
WIJKTEAM_OWN_SUPPORT_MAX_CONTACTS = env_int("WIJKTEAM_OWN_SUPPORT_MAX_CONTACTS", 12, minimum=1)
# Warn this many months before a young person with open help turns 18.
WIJKTEAM_TRANSITION_WARNING_MONTHS = env_int("WIJKTEAM_TRANSITION_WARNING_MONTHS", 6, minimum=1)
# A plan is evaluated at least this often (and at half of every decision period).
WIJKTEAM_EVALUATION_INTERVAL_MONTHS = env_int("WIJKTEAM_EVALUATION_INTERVAL_MONTHS", 12, minimum=1)
# A new help question for a person within this many months of a closure is a repeated
# call on help (an outcome indicator).
WIJKTEAM_REPEATED_CALL_MONTHS = env_int("WIJKTEAM_REPEATED_CALL_MONTHS", 12, minimum=1)
# --- Allocation of youth care and the iJw messages (docs/ijw.md, ADR 0007) ---
# A decision (beschikking) runs for at most this many months.
WIJKTEAM_DECISION_MAX_MONTHS = env_int("WIJKTEAM_DECISION_MAX_MONTHS", 12, minimum=1)
# Where the decision letter tells the family to send an objection, and whom to contact
# with a complaint (empty: the letter names the municipal executive and the complaints
# coordinator without an address).
WIJKTEAM_OBJECTION_ADDRESS = env_str("WIJKTEAM_OBJECTION_ADDRESS", "")
WIJKTEAM_COMPLAINTS_CONTACT = env_str("WIJKTEAM_COMPLAINTS_CONTACT", "")
# The municipality's CBS code: the sender of every allocation (JW301), the receiver of
# every message from a provider.
WIJKTEAM_MUNICIPALITY_CODE = env_str("WIJKTEAM_MUNICIPALITY_CODE", "0193")
if not (len(WIJKTEAM_MUNICIPALITY_CODE) == 4 and WIJKTEAM_MUNICIPALITY_CODE.isdigit()):
    raise ImproperlyConfigured("WIJKTEAM_MUNICIPALITY_CODE must be four digits, e.g. 0193.")
# Who providers call about an allocation: added as a comment to every JW301.
IJW_SENDER_CONTACT = env_str("IJW_SENDER_CONTACT", "")
# The exchange folders: messages to providers are written to the outbox, messages from
# them are read from the inbox (ijw_import). Empty: messages wait in the database.
IJW_OUTBOX_DIR = env_str("IJW_OUTBOX_DIR", "")
IJW_INBOX_DIR = env_str("IJW_INBOX_DIR", "")
# The official iJw 3.2 schemas; empty: messages are marked "not schema-checked".
IJW_XSD_DIR = env_str("IJW_XSD_DIR", "")

# The public forms (self-registration, partner referral): sends per client address per
# hour, counted per form in the cache below.
# Retention (privacy.retention): years a file is kept after it was closed, per kind.
WIJKTEAM_RETENTION_CASE_YEARS = env_int("WIJKTEAM_RETENTION_CASE_YEARS", 20, minimum=1)
WIJKTEAM_RETENTION_TRIAGE_ONLY_YEARS = env_int("WIJKTEAM_RETENTION_TRIAGE_ONLY_YEARS", 5, minimum=1)
WIJKTEAM_RETENTION_COMPLAINT_YEARS = env_int("WIJKTEAM_RETENTION_COMPLAINT_YEARS", 5, minimum=1)
WIJKTEAM_RETENTION_AUDIT_YEARS = env_int("WIJKTEAM_RETENTION_AUDIT_YEARS", 20, minimum=1)
WIJKTEAM_PUBLIC_FORM_LIMIT_PER_HOUR = env_int("WIJKTEAM_PUBLIC_FORM_LIMIT_PER_HOUR", 5, minimum=1)
# Complaints (ADR 0009): warn this many days before the legal deadline (Awb 9:11).
WIJKTEAM_COMPLAINT_WARNING_DAYS = env_int("WIJKTEAM_COMPLAINT_WARNING_DAYS", 7)
# Where residents reach the municipal complaints officer, and the ombudsman they may turn
# to after the municipal procedure; shown on the complaint pages.
WIJKTEAM_COMPLAINTS_CONTACT = env_str(
    "WIJKTEAM_COMPLAINTS_CONTACT", "telefoon 14 0000 of klachten@voorbeeldstad.example"
)
WIJKTEAM_OMBUDSMAN_NAME = env_str("WIJKTEAM_OMBUDSMAN_NAME", "de Nationale ombudsman")
WIJKTEAM_OMBUDSMAN_CONTACT = env_str(
    "WIJKTEAM_OMBUDSMAN_CONTACT", "telefoon 0800 33 55 555, www.nationaleombudsman.nl"
)
# The independent confidential adviser for youth care (Jeugdwet), free for families.
WIJKTEAM_YOUTH_CONFIDANT_CONTACT = env_str(
    "WIJKTEAM_YOUTH_CONFIDANT_CONTACT", "het AKJ, telefoon 088 555 1000, www.akj.nl"
)
# Client-experience survey: an invitation's link works for this many days.
WIJKTEAM_SURVEY_VALID_DAYS = env_int("WIJKTEAM_SURVEY_VALID_DAYS", 30, minimum=1)
# Fixed faces (002): share of schools and of GP practices with a fixed contact, in percent.
WIJKTEAM_COVERAGE_TARGET_SCHOOLS = env_int("WIJKTEAM_COVERAGE_TARGET_SCHOOLS", 100)
WIJKTEAM_COVERAGE_TARGET_GP_PRACTICES = env_int("WIJKTEAM_COVERAGE_TARGET_GP_PRACTICES", 90)

# --- Cache: per process by default; Redis shares it (and the rate limits) between
# processes and servers. ---
WIJKTEAM_REDIS_URL = env_str("WIJKTEAM_REDIS_URL", "")
if WIJKTEAM_REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": WIJKTEAM_REDIS_URL,
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "wijkteam",
        }
    }

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "wijkteam.audit.middleware.RequestIdLogFilter"}},
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s [%(request_id)s] %(name)s: %(message)s"}
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["request_id"],
            "formatter": "plain",
        }
    },
    "root": {"handlers": ["console"], "level": env_str("WIJKTEAM_LOG_LEVEL", "INFO")},
    "loggers": {"axes": {"level": "WARNING"}},
}
FORM_RENDERER = "wijkteam.core.forms.UtrechtFormRenderer"
