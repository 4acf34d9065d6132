// The baseline of the cold-start row: a process that loads one empty module and exits.
