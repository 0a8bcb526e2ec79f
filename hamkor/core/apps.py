from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "hamkor.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self) -> None:
        from hamkor.core import checks  # noqa: F401 - registers the system checks
        from hamkor.core.policy import install_core_policy

        install_core_policy()
