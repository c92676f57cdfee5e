"""Exports of the PAKN report: XLSX, CSV, DOCX, JSON and an SVG chart; each takes a Report and returns bytes or str."""
