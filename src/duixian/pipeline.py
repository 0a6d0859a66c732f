"""The only module that knows the order of the stages."""

from __future__ import annotations

import os

from duixian.clean import clean
from duixian.extract import Extraction, extract
from duixian.ingest import read_raw
from duixian.meta import read_meta
from duixian.model import Document, RawText, StructuredDocument
from duixian.structure import build


def read(path: str | os.PathLike[str]) -> RawText:
    return read_raw(path)


def clean_file(path: str | os.PathLike[str]) -> Document:
    return clean(read_raw(path))


def parse(path: str | os.PathLike[str]) -> StructuredDocument:
    return parse_document(clean(read_raw(path)))


def parse_document(doc: Document) -> StructuredDocument:
    return build(doc, read_meta(doc))


def extract_file(path: str | os.PathLike[str]) -> Extraction:
    return extract(parse(path))
