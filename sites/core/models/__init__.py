from .adoption import Adoption, Notification, ReviewItem
from .network import CoreVersion, Principle, Value
from .pages import PracticeIndexPage, PracticePage, PrinciplesPage
from .translations import CoreTranslation

__all__ = [
    "Adoption",
    "CoreTranslation",
    "CoreVersion",
    "Notification",
    "PracticeIndexPage",
    "PracticePage",
    "Principle",
    "PrinciplesPage",
    "ReviewItem",
    "Value",
]
