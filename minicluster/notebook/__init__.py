"""Jupyter / VS Code front end: the %helm / %kubectl magics, result views and the hook timeline."""
