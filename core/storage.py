"""Where files only their owner may have are kept (settings.STORAGES["private"])."""

from __future__ import annotations

import os
from typing import IO, Any

from django.core.files import File
from django.core.files.storage import Storage, storages


class PrivateStorage(Storage):
    """The private storage, looked up on each use rather than when models are defined: so
    a site that keeps it in a bucket needs the bucket's package only to use it, and tests
    that point STORAGES elsewhere are obeyed."""

    @property
    def target(self) -> Storage:
        return storages["private"]

    def open(self, name: str, mode: str = "rb") -> File:
        return self.target.open(name, mode)

    def save(self, name: str | None, content: IO[Any], max_length: int | None = None) -> str:
        return self.target.save(name, content, max_length=max_length)

    def generate_filename(self, filename: str | os.PathLike[str]) -> str:
        return self.target.generate_filename(filename)

    def delete(self, name: str) -> None:
        self.target.delete(name)

    def exists(self, name: str) -> bool:
        return self.target.exists(name)

    def size(self, name: str) -> int:
        return self.target.size(name)

    def path(self, name: str) -> str:
        return self.target.path(name)

    def url(self, name: str | None) -> str:
        return self.target.url(name)


def private_storage() -> Storage:
    """What a FileField names as its storage: the function, so migrations name no object."""
    return PrivateStorage()
