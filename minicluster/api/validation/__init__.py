"""Per-kind validation with the apiserver's own error texts (entry point: `.registry`)."""
