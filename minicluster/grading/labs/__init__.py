"""One module per lab; each defines LAB (a grading.model.Lab) with its scenarios and public checks."""
