"""The process's blob store: local disk by default, an S3-protocol bucket when configured."""

from __future__ import annotations

from charter.files.blobs import BlobStore
from charter.files.local_blobs import LocalBlobStore
from charter.files.s3_blobs import S3BlobStore
from charter.platform.settings import Settings

_stores: dict[tuple[str, str, str], BlobStore] = {}


def store_for(settings: Settings) -> BlobStore:
    """The blob store the settings name, built once per process and configuration."""
    identity = (settings.file_store, settings.s3_endpoint_url, str(settings.var_dir))
    store = _stores.get(identity)
    if store is None:
        if settings.file_store:
            store = S3BlobStore(settings.file_store, settings)
        else:
            store = LocalBlobStore(settings.var_dir / "files")
        _stores[identity] = store
    return store
