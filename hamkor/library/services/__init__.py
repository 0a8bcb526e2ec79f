"""Every write of the library module. One transaction and one audit entry per verb; nothing else writes."""

from hamkor.library.services.feedback import comment, rate
from hamkor.library.services.files import add_file
from hamkor.library.services.items import (
    add_group_member,
    create_item,
    create_reading_group,
    link_translation,
    update_item,
)
from hamkor.library.services.review import assign_reviewers, publish, record_review, submit, withdraw

__all__ = [
    "add_file",
    "add_group_member",
    "assign_reviewers",
    "comment",
    "create_item",
    "create_reading_group",
    "link_translation",
    "publish",
    "rate",
    "record_review",
    "submit",
    "update_item",
    "withdraw",
]
