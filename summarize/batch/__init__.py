"""`summarize batch`: many articles from folders, JSONL files and feeds into SQLite."""
