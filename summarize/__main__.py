from summarize.cli import entry

entry()
