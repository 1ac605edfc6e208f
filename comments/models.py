# Models arrive with the comments issue.
