"""kubectl in miniature: argv-compatible commands and kubectl 1.32's printers."""
