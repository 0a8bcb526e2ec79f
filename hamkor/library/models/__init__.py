from hamkor.library.models.file import ItemFile
from hamkor.library.models.item import Item, Kind, Language, ReadingGroup
from hamkor.library.models.review import Comment, Rating, ReviewAssignment

__all__ = ["Comment", "Item", "ItemFile", "Kind", "Language", "Rating", "ReadingGroup", "ReviewAssignment"]
