from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "hamkor.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self) -> None:
        from hamkor.core import checks  # noqa: F401 - registers the system checks
        from hamkor.core.policy import install_core_policy
        from hamkor.core.schedule import every_day
        from hamkor.core.tasks import check_audit_chain, optimize_database

        install_core_policy()
        every_day("core.check_audit_chain", check_audit_chain)
        every_day("core.optimize_database", optimize_database)
