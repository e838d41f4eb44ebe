from .adoption import Adoption, Notification, ReviewItem
from .network import CoreVersion, Principle, Value
from .pages import PracticeIndexPage, PracticePage, PrinciplesPage

__all__ = [
    "Adoption",
    "CoreVersion",
    "Notification",
    "PracticeIndexPage",
    "PracticePage",
    "Principle",
    "PrinciplesPage",
    "ReviewItem",
    "Value",
]
