"""The decision rubric as data: `rubric.yaml` (approaches, criteria, cited scoring rules) and
`prices.yaml` (dated, editable example prices), with their schemas and loaders."""
