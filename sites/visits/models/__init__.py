from .statement import AccessibilityStatementPage
from .visit import HoursException, OpeningHours, VisitPage

__all__ = ["AccessibilityStatementPage", "HoursException", "OpeningHours", "VisitPage"]
