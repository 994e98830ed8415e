"""Ingest: sources (files, folders, globs, JSON, JSON Lines, standard input) -> Documents.

Modules:

* ``sources``    which files a list of sources names (folders, globs, ``-``), in order
* ``formats``    one byte stream -> Documents, the format decided by content
* ``decode``     bytes -> text: strict UTF-8, BOM stripped, clear errors
* ``text``       plain text -> speaker segments
* ``structured`` JSON transcripts -> Documents
* ``document``   Document, Segment, DocumentFailure

Every problem with one document is a ``DocumentFailure`` carrying an
``InputError`` whose ``kind`` is ``not-found``, ``io``, ``encoding``,
``empty`` or ``json``; nothing in ingest raises for bad input.
"""

from __future__ import annotations

from auditor.ingest.document import Document, DocumentFailure, Segment
from auditor.ingest.sources import SourceOptions, iter_documents

__all__ = ["Document", "DocumentFailure", "Segment", "SourceOptions", "iter_documents"]
