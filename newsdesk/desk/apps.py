from django.apps import AppConfig


class DeskConfig(AppConfig):
    name = "newsdesk.desk"
    label = "desk"
    verbose_name = "Newsroom desk"

    def ready(self) -> None:
        from newsdesk.desk import services
        from newsdesk.newsroom.admin.articles import ArticleAdmin

        # The article form is the newsroom's; the desk adds autosave and presence to it
        # (docs/architecture.md: the higher layer registers itself with the lower).
        ArticleAdmin.desk_scripts = ["newsdesk/desk.js"]
        ArticleAdmin.draft_source = staticmethod(services.autosave_to_restore)
        ArticleAdmin.after_save.append(services.autosave_settled)
        from newsdesk.desk.admin import NoteInline

        # Editorial notes, beside the form: the newsroom's own, never a reader's.
        ArticleAdmin.inlines = [*ArticleAdmin.inlines, NoteInline]

        from newsdesk.desk.admin import PreviewLinkInline

        # Preview links, for editors: a draft shown to someone outside (docs/desk.md).
        ArticleAdmin.inlines = [*ArticleAdmin.inlines, PreviewLinkInline]
