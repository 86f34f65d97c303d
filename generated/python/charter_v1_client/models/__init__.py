""" Contains all the data models used in inputs/outputs """

from .dependency_check import DependencyCheck
from .dependency_check_status import DependencyCheckStatus
from .error_item import ErrorItem
from .health import Health
from .health_api_status import HealthApiStatus
from .health_status import HealthStatus
from .organization import Organization
from .organization_create import OrganizationCreate
from .organization_envelope import OrganizationEnvelope
from .organization_page import OrganizationPage
from .organization_patch import OrganizationPatch
from .organization_replace import OrganizationReplace
from .plan_name import PlanName
from .problem import Problem
from .readiness import Readiness
from .readiness_checks import ReadinessChecks
from .readiness_status import ReadinessStatus
from .v1_error import V1Error
from .v1_error_error import V1ErrorError

__all__ = (
    "DependencyCheck",
    "DependencyCheckStatus",
    "ErrorItem",
    "Health",
    "HealthApiStatus",
    "HealthStatus",
    "Organization",
    "OrganizationCreate",
    "OrganizationEnvelope",
    "OrganizationPage",
    "OrganizationPatch",
    "OrganizationReplace",
    "PlanName",
    "Problem",
    "Readiness",
    "ReadinessChecks",
    "ReadinessStatus",
    "V1Error",
    "V1ErrorError",
)
