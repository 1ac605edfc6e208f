"""Where files only their owner may have are kept (settings.STORAGES["private"])."""

from django.core.files.storage import Storage, storages


def private_storage() -> Storage:
    """The private storage, looked up when used: a field names this function, not the storage,
    so that neither migrations nor tests hold on to one storage object."""
    return storages["private"]
