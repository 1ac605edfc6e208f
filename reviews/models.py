# Models arrive with the reviews and lists issues.
