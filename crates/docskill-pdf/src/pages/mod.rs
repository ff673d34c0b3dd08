//! Page operations: select, delete, reorder, rotate, split and merge.
