//! What reading input may cost: rows, cells, characters, inflated bytes.
//! Past a bound the input is refused, not read further.

/// Most rows a sheet may have; more is refused rather than exhausting memory.
pub const MAX_ROWS: usize = 200_000;
/// Most cells a sheet may span, from its first to its last filled row and
/// column (a cell far to the right must not make every row that wide).
pub const MAX_CELLS: usize = 20_000_000;
/// Most bytes one part of a zip-based workbook (a sheet's XML, the shared
/// strings) may inflate to: far above any register (200,000 rows of twenty
/// columns are about 160 MB), far below what exhausts a laptop.
pub const MAX_PART_BYTES: u64 = 256 << 20;
/// Most bytes all parts of a zip-based workbook may inflate to together.
pub const MAX_INFLATED_BYTES: u64 = 512 << 20;
/// Most characters a cell may hold.
pub const MAX_CELL_CHARS: usize = 100_000;
