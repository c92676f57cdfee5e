"""Vietnamese text as people type it: one normal form (NFC, tone marks where the orthography puts them), folded
without diacritics, and cut into words. Both the procedure catalog's search and the PAKN rules (content, names,
khiếu nại / tố cáo words, unit choice) compare text this way; neither owns it."""
