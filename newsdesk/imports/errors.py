"""Why an export file is refused. Not in the HTTP vocabulary (docs/errors.md): these reach
the person running the command, who gets the message and a non-zero exit."""


class ExportRefused(Exception):
    """The file cannot be imported; the message says why, with the line where it applies."""


class HostileExport(ExportRefused):
    """The XML declares entities or reaches outside itself (entity expansion, external
    entities): refused before anything is expanded or fetched."""


class MalformedExport(ExportRefused):
    """The file is not well-formed XML, or not a WordPress export."""
