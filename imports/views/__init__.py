from .exports import export, export_download
from .imports import import_apply, import_review, import_row, import_start, import_template

__all__ = ["export", "export_download", "import_apply", "import_review", "import_row",
           "import_start", "import_template"]  # fmt: skip
