"""The whole ledger at once: one xlsx workbook (`workbook`), or a Frictionless Data Package
(`datapackage`); and the Sources sheet of any command's workbook (`sheets`)."""
