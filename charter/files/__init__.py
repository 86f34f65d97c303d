"""Files (seed 001's CloudSync): blob stores, streamed uploads, files and directories, shares."""
