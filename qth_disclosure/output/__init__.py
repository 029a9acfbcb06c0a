"""Drawing what views describe: the format vocabulary, tables, JSON and CSV."""
