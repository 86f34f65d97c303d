""" Contains all the data models used in inputs/outputs """

from .error_item import ErrorItem
from .health import Health
from .health_api_status import HealthApiStatus
from .health_status import HealthStatus
from .problem import Problem
from .v2_error import V2Error
from .v2_error_error import V2ErrorError
from .v2_error_error_details import V2ErrorErrorDetails

__all__ = (
    "ErrorItem",
    "Health",
    "HealthApiStatus",
    "HealthStatus",
    "Problem",
    "V2Error",
    "V2ErrorError",
    "V2ErrorErrorDetails",
)
