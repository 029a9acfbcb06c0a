"""What each command shows: data for machines, blocks for people."""
