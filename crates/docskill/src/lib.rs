//! docskill
