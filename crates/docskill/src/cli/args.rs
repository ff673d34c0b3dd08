//! Command-line arguments (clap derive). Field names match the request fields.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

/// Work on Word, Excel, PowerPoint and PDF files the way a careful professional would.
#[derive(Debug, Parser)]
#[command(
    name = "docskill",
    version,
    propagate_version = true,
    after_help = "Examples:\n  docskill opc ls report.docx\n  docskill xlsx build spec.json -o report.xlsx\n  docskill opc check deck.pptx --json\n  docskill run request.json\n  docskill schema opc.unpack\n\nExit codes: 0 success, 1 the operation failed (or found problems), 2 bad usage."
)]
pub struct Cli {
    /// Answer in JSON on standard output (errors too), for scripts and agents.
    #[arg(long, global = true)]
    pub json: bool,
    /// Log each operation (op, time, outcome) on standard error, as text or JSON lines.
    #[arg(long, global = true, value_enum)]
    pub log_format: Option<LogFormat>,
    /// Least severe log level shown with --log-format.
    #[arg(long, global = true, value_enum, default_value_t = LogLevel::Info)]
    pub log_level: LogLevel,
    #[command(subcommand)]
    pub command: Command,
}

/// How logs are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum LogFormat {
    /// One readable line per event.
    Text,
    /// One JSON object per line (timestamp, level, fields).
    Json,
}

/// Log levels, most severe first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum LogLevel {
    /// Errors only.
    Error,
    /// And warnings (failed operations).
    Warn,
    /// And each finished operation.
    Info,
    /// And more detail.
    Debug,
    /// Everything.
    Trace,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Look inside any OOXML package (.docx, .xlsx, .pptx): list, read, unpack, pack, check.
    #[command(subcommand)]
    Opc(OpcCommand),
    /// Word documents: text with addresses, tracked edits, review, checks.
    #[command(subcommand)]
    Docx(DocxCommand),
    /// Excel workbooks: build from a JSON spec, describe, read values and formulas.
    #[command(subcommand)]
    Xlsx(XlsxCommand),
    /// PowerPoint decks: inventory with warnings, text, text replacement, slide assembly.
    #[command(subcommand)]
    Pptx(PptxCommand),
    /// PDF files: info, text in reading order or layout, words with positions; form fields and filling; merge, split, select, rotate.
    #[command(subcommand)]
    Pdf(PdfCommand),
    /// Agent Skills shipped with docskill: list, show, install, lint.
    #[command(subcommand)]
    Skills(SkillsCommand),
    /// Run many requests (JSON Lines, one per line) in parallel; a result line per job, in order.
    #[command(
        after_help = "Examples:\n  docskill batch jobs.jsonl --results results.jsonl\n  docskill batch jobs.jsonl --results results.jsonl --keep-going --jobs 8\n  docskill batch jobs.jsonl --results results.jsonl --resume      # skip jobs already done\n  docskill batch jobs.jsonl --results part2.jsonl --shard 2/4     # every 4th job from the 2nd\n\nEach line of JOBS is a request as for `docskill run`. Each result line is\n{\"job\": N, \"hash\": ..., \"ok\": true|false, \"response\": {...}}. Without --keep-going the\nbatch stops after the first failure. --resume skips jobs whose request and input file are\nunchanged since their result was recorded (delete a job's line to run it again). Exit code 1 when any job failed."
    )]
    Batch(BatchArgs),
    /// Serve every operation as an MCP tool over stdio (and the skills as resources).
    #[cfg(feature = "mcp")]
    #[command(
        after_help = "Example (an MCP client's server entry):\n  {\"command\": \"docskill\", \"args\": [\"mcp\"]}\n\nTools are named like operations (docx.edit) and take the request's fields;\n`docskill schema OP` shows them. Skills are resources: skill://docx/SKILL.md."
    )]
    Mcp,
    /// Run a JSON request (or an array of them) from a file or `-` (standard input).
    #[command(
        after_help = "Example:\n  echo '{\"op\": \"opc.ls\", \"input\": \"report.docx\"}' | docskill run -\n\nThe answer is always JSON: one response, or an array for an array of requests.\nSee the fields of each operation with `docskill schema OP`."
    )]
    Run {
        /// Request file, or `-` for standard input.
        request: PathBuf,
    },
    /// Print the JSON Schema of a request: one operation, or all of them.
    #[command(
        after_help = "Examples:\n  docskill schema            # every operation (one schema with a variant per op)\n  docskill schema opc.pack   # one operation\n  docskill schema --list     # operation names\n  docskill schema --all -o schemas/   # a file per operation (OP.json) and request.json"
    )]
    Schema {
        /// Operation name, e.g. `opc.ls`.
        op: Option<String>,
        /// List operation names only.
        #[arg(long, conflicts_with = "op")]
        list: bool,
        /// Write every schema into the folder given with -o: OP.json each, and request.json.
        #[arg(long, conflicts_with_all = ["op", "list"], requires = "output")]
        all: bool,
        /// Folder for --all.
        #[arg(short, long, requires = "all")]
        output: Option<PathBuf>,
    },
}

#[derive(Debug, Subcommand)]
pub enum PptxCommand {
    /// Slides, layouts, shapes (kind, placeholder, position, effective text formatting) and warnings.
    #[command(
        after_help = "Examples:\n  docskill pptx inventory template.pptx\n  docskill pptx inventory deck.pptx --issues-only      # overflow, off-slide, overlap, leftover placeholder text\n\nThe answer is JSON."
    )]
    Inventory {
        /// The deck or template (.pptx, .potx).
        input: PathBuf,
        /// Only the warnings.
        #[arg(long)]
        issues_only: bool,
    },
    /// Text per slide: titles, bullets by level, tables, notes.
    #[command(
        after_help = "Examples:\n  docskill pptx text deck.pptx\n  docskill pptx text deck.pptx --format json"
    )]
    Text {
        /// The deck.
        input: PathBuf,
        /// md (default) or json.
        #[arg(long, value_enum, default_value_t = PptxFormatArg::Md)]
        format: PptxFormatArg,
    },
    /// Replace the text of named shapes; new paragraphs keep the look of the ones they replace.
    #[command(
        after_help = "Examples:\n  docskill pptx replace deck.pptx replacements.json -o out.pptx\n\nreplacements.json: {\"slide-0\": {\"Title 1\": {\"paragraphs\": [{\"text\": \"Q3 review\", \"bold\": true}]},\n  \"Content Placeholder 2\": {\"paragraphs\": [{\"text\": \"Revenue up 12%\", \"level\": 0}]}}}\nParagraph fields: text, level, bullet, bold, italic, color, alignment, font_size.\nShapes by name or id (see `pptx inventory`); \"clear_unlisted\": true empties the others."
    )]
    Replace {
        /// The deck.
        input: PathBuf,
        /// The replacements (JSON file).
        replacements: PathBuf,
        /// Output file (written atomically).
        #[arg(short, long, required_unless_present = "in_place")]
        output: Option<PathBuf>,
        /// Replace the input file instead.
        #[arg(long)]
        in_place: bool,
    },
    /// Keep, reorder and duplicate slides, and add slides from layouts.
    #[command(
        after_help = "Examples:\n  docskill pptx assemble template.pptx -o deck.pptx --slides 0,3,3,5\n  docskill pptx assemble template.pptx -o deck.pptx --slides 0 --add-layout \"Title and Content\"\n\nRepeated indexes duplicate a slide (with its own charts and notes); slides not listed are\nremoved with the parts only they used."
    )]
    Assemble {
        /// The template or deck.
        input: PathBuf,
        /// The deck to write.
        #[arg(short, long)]
        output: PathBuf,
        /// Slide indexes from 0, comma-separated (default: all).
        #[arg(long, value_delimiter = ',')]
        slides: Option<Vec<usize>>,
        /// A layout (name or index) to add a slide from; repeat for more.
        #[arg(long)]
        add_layout: Vec<String>,
    },
    /// A deck from an outline (Markdown or JSON), slides mapped to the template's layouts by role.
    #[command(
        after_help = "Examples:\n  docskill pptx build talk.md -o talk.pptx\n  docskill pptx build outline.json -o deck.pptx --template company.potx\n  docskill pptx build talk.md -o talk.pptx --style dark\n\nMarkdown: # Title (first) opens the deck, later # are section slides; ## Heading a content slide:\n  - bullets (indent to nest), ||| between two columns, ![caption](chart.png), | pipe | tables |,\n  > quote with > -- Name; {closing} (or {quote}, {two-column}...) after a heading forces the kind;\n  a Notes: line starts the speaker notes. Image paths are relative to the outline's folder.\nJSON (schema: docskill schema pptx.build, field outline):\n  {\"slides\": [{\"kind\": \"title\", \"title\": \"Q3\", \"subtitle\": \"Team\"},\n    {\"kind\": \"bullets\", \"title\": \"Highlights\", \"bullets\": [\"Up 12%\", {\"text\": \"Europe\", \"items\": [\"+20%\"]}], \"notes\": \"...\"},\n    {\"kind\": \"two-column\", \"title\": \"..\", \"left\": [..], \"right\": [..]}, {\"kind\": \"image\", \"image\": \"c.png\", \"caption\": \"..\"},\n    {\"kind\": \"table\", \"title\": \"..\", \"rows\": [[\"a\", \"b\"]]}, {\"kind\": \"quote\", \"text\": \"..\", \"attribution\": \"..\"},\n    {\"kind\": \"section\", \"title\": \"..\"}, {\"kind\": \"closing\", \"title\": \"Thank you\"}]}"
    )]
    Build {
        /// The outline: .json, or Markdown (any other extension).
        input: PathBuf,
        /// The deck to write.
        #[arg(short, long)]
        output: PathBuf,
        /// A .pptx or .potx to build on (default: docskill's own).
        #[arg(long)]
        template: Option<PathBuf>,
        /// The built-in look when no --template is given.
        #[arg(long, value_enum, default_value_t = PptxStyleArg::Light)]
        style: PptxStyleArg,
    },
    /// Slides as PNG images (slide-N.png), without LibreOffice; lists what it could not draw.
    #[command(
        after_help = "Examples:\n  docskill pptx thumbnails deck.pptx -o thumbs/\n  docskill pptx thumbnails deck.pptx -o thumbs/ --width 960 --slides 1,3-5\n\nLook at the images after every edit. The JSON answer (--json) lists each file and every\nelement drawn approximately (radar or stock charts as a titled frame, EMF pictures as a grey box...)."
    )]
    Thumbnails {
        /// The deck.
        input: PathBuf,
        /// The folder for slide-N.png (N from 1; created when missing).
        #[arg(short, long)]
        output: PathBuf,
        /// Image width in pixels.
        #[arg(long, default_value_t = 480)]
        width: u32,
        /// Slides to draw, numbered from 1: 1,3-5 (default: all).
        #[arg(long)]
        slides: Option<String>,
    },
    /// One contact sheet of all slides, numbered, hidden slides marked (several for large decks).
    #[command(
        after_help = "Examples:\n  docskill pptx grid deck.pptx -o grid.png\n  docskill pptx grid deck.pptx -o grid.png --cols 6 --width 240\n\nMore than cols × rows slides (default 4 × 6) continue on grid-2.png, grid-3.png..."
    )]
    Grid {
        /// The deck.
        input: PathBuf,
        /// The PNG to write.
        #[arg(short, long)]
        output: PathBuf,
        /// Tiles per row.
        #[arg(long, default_value_t = 4)]
        cols: u32,
        /// Rows per sheet.
        #[arg(long, default_value_t = 6)]
        rows: u32,
        /// Tile width in pixels.
        #[arg(long, default_value_t = 320)]
        width: u32,
    },
}

/// Built-in look of `pptx build`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum PptxStyleArg {
    /// White, blue accent, Calibri.
    Light,
    /// Navy, sky-blue accent, Arial.
    Dark,
}

#[derive(Debug, Subcommand)]
pub enum PdfCommand {
    /// Pages and sizes, version, encryption, metadata, fonts, form/XFA, tagging, image count.
    #[command(
        after_help = "Examples:\n  docskill pdf info report.pdf\n  docskill pdf info locked.pdf --password secret\n\nThe answer is JSON. Encrypted files open with the empty password when they allow it."
    )]
    Info {
        /// The PDF.
        input: PathBuf,
        /// Password (user or owner), tried after the empty one.
        #[arg(long)]
        password: Option<String>,
    },
    /// Text in reading order (columns detected), the visual layout, Markdown, or JSON words.
    #[command(
        after_help = "Examples:\n  docskill pdf text paper.pdf\n  docskill pdf text paper.pdf --pages 1-3,7\n  docskill pdf text statement.pdf --layout\n  docskill pdf text report.pdf --format md\n  docskill pdf text report.pdf --pages 2 --format json --chars\n\nPages: 1-3,7 or 5- (to the end) or -2 (first two) or all. Pages are separated by form feeds\nin text output. JSON gives words (and with --chars characters) with boxes in points from the\ntop-left corner, font, size and colour. Characters a font cannot map to Unicode appear as\nU+FFFD and are counted in a warning."
    )]
    Text {
        /// The PDF.
        input: PathBuf,
        /// Pages, e.g. 1-3,7 (default all).
        #[arg(long)]
        pages: Option<String>,
        /// Keep the visual arrangement (like pdftotext -layout).
        #[arg(long)]
        layout: bool,
        /// text (default), md or json.
        #[arg(long, value_enum, default_value_t = PdfFormatArg::Text)]
        format: PdfFormatArg,
        /// With --format json: every character too.
        #[arg(long)]
        chars: bool,
        /// Password (user or owner), tried after the empty one.
        #[arg(long)]
        password: Option<String>,
    },
    /// Tables: ruled (lattice) and whitespace (stream), cells with boxes, spans and text.
    #[command(
        after_help = "Examples:\n  docskill pdf tables report.pdf\n  docskill pdf tables report.pdf --pages 2-3 --format csv\n  docskill pdf tables statement.pdf --strategy text --format md\n  docskill pdf tables scan.pdf --strategy lines --snap-tolerance 5\n\nStrategies: lines (ruled tables: lines and rectangles crossing into a grid; a missing inner\nrule makes a merged cell with row_span/col_span), text (columns lined up by whitespace over at\nleast --min-rows lines), auto (default: ruled tables, then whitespace tables in the text\noutside them). JSON gives per table its page, bbox, strategy and rows of cells with bbox\n[x0, top, x1, bottom] in points from the top-left corner, text, row_span and col_span. CSV\nputs a blank line between tables; Markdown a heading per table. A table running over\nseveral pages is reported once per page."
    )]
    Tables {
        /// The PDF.
        input: PathBuf,
        /// Pages, e.g. 1-3,7 (default all).
        #[arg(long)]
        pages: Option<String>,
        /// json (default), csv or md.
        #[arg(long, value_enum, default_value_t = PdfTablesFormatArg::Json)]
        format: PdfTablesFormatArg,
        /// auto (default), lines or text.
        #[arg(long, value_enum, default_value_t = PdfStrategyArg::Auto)]
        strategy: PdfStrategyArg,
        /// Rules this close (points) are moved onto one line (default 3).
        #[arg(long)]
        snap_tolerance: Option<f64>,
        /// Rules on one line with gaps up to this (points) are joined (default 3).
        #[arg(long)]
        join_tolerance: Option<f64>,
        /// Rules this close (points) count as crossing (default 3).
        #[arg(long)]
        intersection_tolerance: Option<f64>,
        /// Shorter rules (points) are ignored (default 3).
        #[arg(long)]
        min_edge_length: Option<f64>,
        /// Whitespace tables: fewest rows (default 3).
        #[arg(long)]
        min_rows: Option<usize>,
        /// Whitespace tables: least gap between columns, in font sizes (default 1).
        #[arg(long)]
        column_gap: Option<f64>,
        /// Password (user or owner), tried after the empty one.
        #[arg(long)]
        password: Option<String>,
    },
    /// Every form field: name, type, page, rect, value, default, flags, options.
    #[command(
        after_help = "Examples:\n  docskill pdf fields form.pdf\n  docskill pdf fields form.pdf --format md\n\nfield_id is the name `pdf fill` takes. Checkboxes list checked_value/unchecked_value,\nradio groups radio_options, choices choice_options (value and shown text)."
    )]
    Fields {
        /// The PDF.
        input: PathBuf,
        /// json (default) or md.
        #[arg(long, value_enum, default_value_t = PdfFieldsFormatArg::Json)]
        format: PdfFieldsFormatArg,
        /// Password of an encrypted PDF.
        #[arg(long)]
        password: Option<String>,
    },
    /// Fill form fields from JSON; every viewer shows the values (appearance streams written).
    #[command(
        after_help = "Examples:\n  docskill pdf fill form.pdf values.json -o filled.pdf\n  docskill pdf fill form.pdf values.json -o flat.pdf --flatten\n\nvalues.json: {\"applicant.name\": \"Jane Doe\", \"agree\": true, \"state\": \"CA\", \"fruits\": [\"Apple\"]}\n(or the `pdf fields` output with value filled in). Every value is checked first: unknown\nnames (with the closest ones), options, read-only fields, max length, types."
    )]
    Fill {
        /// The PDF form.
        input: PathBuf,
        /// The values (JSON file, or - for standard input).
        values: PathBuf,
        /// Output file (written atomically).
        #[arg(short, long)]
        output: PathBuf,
        /// Draw the values into the pages and remove the form.
        #[arg(long)]
        flatten: bool,
        /// Password of an encrypted PDF.
        #[arg(long)]
        password: Option<String>,
    },
    /// Fill a form once per CSV/JSONL row, in parallel: one file and one JSON result line per row.
    #[command(
        name = "fill-batch",
        after_help = "Examples:\n  docskill pdf fill-batch form.pdf people.csv --out-dir filled/\n  docskill pdf fill-batch form.pdf rows.jsonl --out-dir filled/ --name \"{last_name}-{row}.pdf\" --flatten\n\nCSV: the header row names the fields; empty cells leave a field as it is; checkboxes take\ntrue/false, Yes/Off or the on-state. JSONL: one {\"field\": value} object per line, as for `pdf fill`.\nAn `id` column names the row in results and in {id} (default name \"{id}.pdf\"; {row} is the row\nnumber). A bad row (unknown option, bad name, two rows naming the same file) is reported\nwith \"ok\": false and skipped; the exit code is then 1."
    )]
    FillBatch {
        /// The PDF form (parsed once).
        input: PathBuf,
        /// The rows: .csv (header = field names) or .jsonl.
        data: PathBuf,
        /// Folder for the filled files (created when missing).
        #[arg(long, short = 'o')]
        out_dir: PathBuf,
        /// File name pattern with {column}, {id} and {row} placeholders.
        #[arg(long, default_value = "{id}.pdf")]
        name: String,
        /// Draw the values into the pages and remove the form.
        #[arg(long)]
        flatten: bool,
        /// csv or jsonl (default: from the data file's extension).
        #[arg(long, value_enum)]
        format: Option<PdfDataFormatArg>,
        /// Worker threads (default: one per core).
        #[arg(long, value_name = "N", default_value_t = 0)]
        jobs: usize,
        /// Password of an encrypted form.
        #[arg(long)]
        password: Option<String>,
    },
    /// Write text at boxes of pages (forms without fields): points or pixels of a page image.
    #[command(
        after_help = "Examples:\n  docskill pdf annotate scan.pdf boxes.json -o out.pdf\n  docskill pdf annotate scan.pdf boxes.json -o flat.pdf --flatten\n\nboxes.json: [{\"page\": 1, \"box\": [72, 100, 300, 118], \"text\": \"Jane Doe\", \"font_size\": 10}]\nThe box is [x0, y0, x1, y1] from the top-left corner of the page as displayed (after\n/Rotate, inside the crop box), y down, in points - the coordinates `pdf text --format json`\ngives. With \"image_size\": [1275, 1650] the box is in pixels of a page image that size\n(e.g. pdftoppm -r 150). Optional: \"align\" (left, center, right), \"color\" [r, g, b].\nWithout --flatten each box is a FreeText annotation with an appearance stream."
    )]
    Annotate {
        /// The PDF.
        input: PathBuf,
        /// The boxes (JSON file, or - for standard input).
        boxes: PathBuf,
        /// Output file (written atomically).
        #[arg(short, long)]
        output: PathBuf,
        /// Draw the text into the pages instead of adding annotations.
        #[arg(long)]
        flatten: bool,
        /// Password of an encrypted PDF.
        #[arg(long)]
        password: Option<String>,
    },
    /// Merge PDFs in order; forms kept (clashing field names renamed), bookmarks chained.
    #[command(after_help = "Example:\n  docskill pdf merge a.pdf b.pdf c.pdf -o all.pdf")]
    Merge {
        /// The PDFs, in order.
        #[arg(required = true, num_args = 1..)]
        inputs: Vec<PathBuf>,
        /// Output file.
        #[arg(short, long)]
        output: PathBuf,
        /// Password of an encrypted PDF.
        #[arg(long)]
        password: Option<String>,
    },
    /// Split into page groups (one file per comma-separated range) or single pages.
    #[command(
        after_help = "Examples:\n  docskill pdf split report.pdf --pages 1-3,4-9 -o parts/\n  docskill pdf split report.pdf --each -o pages/\n\nFiles are named STEM-1.pdf, STEM-2.pdf, ... in the folder."
    )]
    Split {
        /// The PDF.
        input: PathBuf,
        /// Page groups, e.g. 1-3,4-9 (one file each).
        #[arg(long, required_unless_present = "each", conflicts_with = "each")]
        pages: Option<String>,
        /// One file per page.
        #[arg(long)]
        each: bool,
        /// Output folder.
        #[arg(short, long)]
        output: PathBuf,
        /// Password of an encrypted PDF.
        #[arg(long)]
        password: Option<String>,
    },
    /// Keep only the given pages, in the given order.
    #[command(
        after_help = "Example:\n  docskill pdf select report.pdf --pages 3,1-2 -o out.pdf\n\nPages: 1-3,7 or 5- or -2 or all."
    )]
    Select {
        /// The PDF.
        input: PathBuf,
        /// Page range.
        #[arg(long)]
        pages: String,
        /// Output file.
        #[arg(short, long)]
        output: PathBuf,
        /// Password of an encrypted PDF.
        #[arg(long)]
        password: Option<String>,
    },
    /// Remove the given pages.
    #[command(after_help = "Example:\n  docskill pdf delete report.pdf --pages 2,5- -o out.pdf")]
    Delete {
        /// The PDF.
        input: PathBuf,
        /// Page range.
        #[arg(long)]
        pages: String,
        /// Output file.
        #[arg(short, long)]
        output: PathBuf,
        /// Password of an encrypted PDF.
        #[arg(long)]
        password: Option<String>,
    },
    /// Put the given pages first, in that order; the rest follow.
    #[command(after_help = "Example:\n  docskill pdf reorder report.pdf --pages 3,1 -o out.pdf")]
    Reorder {
        /// The PDF.
        input: PathBuf,
        /// Page order.
        #[arg(long)]
        pages: String,
        /// Output file.
        #[arg(short, long)]
        output: PathBuf,
        /// Password of an encrypted PDF.
        #[arg(long)]
        password: Option<String>,
    },
    /// Rotate pages clockwise by a multiple of 90 degrees.
    #[command(
        after_help = "Example:\n  docskill pdf rotate scan.pdf --degrees 90 --pages 2-3 -o out.pdf"
    )]
    Rotate {
        /// The PDF.
        input: PathBuf,
        /// Degrees clockwise (90, 180, 270, -90).
        #[arg(long, allow_hyphen_values = true)]
        degrees: i64,
        /// Page range (default all).
        #[arg(long, default_value = "all")]
        pages: String,
        /// Output file.
        #[arg(short, long)]
        output: PathBuf,
        /// Password of an encrypted PDF.
        #[arg(long)]
        password: Option<String>,
    },
}

/// Data format of `pdf fill-batch`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum PdfDataFormatArg {
    /// Comma-separated values with a header row.
    Csv,
    /// One JSON object per line.
    Jsonl,
}

/// Output format of `pdf text`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum PdfFormatArg {
    /// Plain text.
    Text,
    /// Markdown.
    Md,
    /// JSON.
    Json,
}

/// Output format of `pdf tables`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum PdfTablesFormatArg {
    /// JSON.
    Json,
    /// CSV, a blank line between tables.
    Csv,
    /// Markdown, a heading per table.
    Md,
}

/// Table strategy of `pdf tables`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum PdfStrategyArg {
    /// Ruled tables, then whitespace tables outside them.
    Auto,
    /// Ruled tables only.
    Lines,
    /// Whitespace tables only.
    Text,
}

/// Output format of `pdf fields`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum PdfFieldsFormatArg {
    /// JSON.
    Json,
    /// Markdown table.
    Md,
}

/// Output format of `pptx text`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum PptxFormatArg {
    /// Markdown.
    Md,
    /// JSON.
    Json,
}

/// `docskill batch` arguments.
#[derive(Debug, Args)]
pub struct BatchArgs {
    /// The jobs: one JSON request per line.
    #[arg(value_name = "JOBS")]
    pub file: PathBuf,
    /// Worker threads (default: one per core).
    #[arg(long = "jobs", value_name = "N", default_value_t = 0)]
    pub threads: usize,
    /// Where result lines go (default: standard output).
    #[arg(long)]
    pub results: Option<PathBuf>,
    /// Run every job even after one fails.
    #[arg(long)]
    pub keep_going: bool,
    /// Skip jobs the results file already records (appends to it).
    #[arg(long, requires = "results")]
    pub resume: bool,
    /// Run one shard of the jobs, I/N: the jobs whose 0-based index is I-1 modulo N.
    #[arg(long, value_parser = parse_shard)]
    pub shard: Option<(usize, usize)>,
}

fn parse_shard(s: &str) -> Result<(usize, usize), String> {
    let (i, n) = s
        .split_once('/')
        .ok_or_else(|| format!("{s:?} is not I/N, e.g. 2/4"))?;
    let i: usize = i.parse().map_err(|_| format!("{i:?} is not a number"))?;
    let n: usize = n.parse().map_err(|_| format!("{n:?} is not a number"))?;
    if n == 0 || i == 0 || i > n {
        return Err(format!("shard {i}/{n}: need 1 <= I <= N"));
    }
    Ok((i, n))
}

#[derive(Debug, Subcommand)]
pub enum SkillsCommand {
    /// Name and description of each skill: the cheap index an agent reads first.
    #[command(after_help = "Example:\n  docskill skills list\n  docskill skills list --json")]
    List,
    /// Print a skill's SKILL.md, or one of its reference files.
    #[command(
        after_help = "Examples:\n  docskill skills show docx\n  docskill skills show docx --reference edits.md"
    )]
    Show {
        /// The skill, e.g. docx.
        name: String,
        /// A reference file of the skill, e.g. edits.md.
        #[arg(long)]
        reference: Option<String>,
    },
    /// Copy the skill folders into DIR (a folder per skill), where an agent looks for skills.
    #[command(
        after_help = "Example:\n  docskill skills install ~/.claude/skills\n  docskill skills install .agents/skills"
    )]
    Install {
        /// Destination folder.
        dir: PathBuf,
    },
    /// Check skill folders: frontmatter, body size, links (exact case), and that every
    /// `docskill ...` command in them parses with this CLI.
    #[command(
        after_help = "Examples:\n  docskill skills lint             # the skills built into this binary\n  docskill skills lint skills/     # a folder of skill folders\n\nExit code 1 when problems are found."
    )]
    Lint {
        /// A folder of skill folders (default: the built-in skills).
        dir: Option<PathBuf>,
    },
}

#[derive(Debug, Subcommand)]
pub enum OpcCommand {
    /// List parts with content type and sizes.
    #[command(
        after_help = "Example:\n  docskill opc ls report.docx\n  docskill opc ls report.docx --json"
    )]
    Ls(InputArg),
    /// Print one part (raw bytes, or indented XML with --pretty).
    #[command(
        after_help = "Examples:\n  docskill opc cat report.docx word/document.xml --pretty\n  docskill opc cat deck.pptx ppt/media/image1.png -o image1.png"
    )]
    Cat {
        #[command(flatten)]
        input: InputArg,
        /// Part name, with or without the leading `/`.
        part: String,
        /// Indent XML for reading.
        #[arg(long)]
        pretty: bool,
        /// Write the part to this file instead of standard output.
        #[arg(short, long)]
        output: Option<PathBuf>,
    },
    /// Unpack every part into a folder, XML indented for reading and editing.
    #[command(
        after_help = "Example:\n  docskill opc unpack report.docx report/\n  $EDITOR report/word/document.xml\n  docskill opc pack report/ -o report-edited.docx\n\nText content is never re-indented: w:t, a:t, t, w:delText, w:instrText and anything\nunder xml:space=\"preserve\" keep their whitespace exactly."
    )]
    Unpack {
        #[command(flatten)]
        input: InputArg,
        /// The folder to write (created if missing; must be empty unless --force).
        dir: PathBuf,
        /// Keep XML exactly as stored instead of indenting it.
        #[arg(long)]
        raw: bool,
        /// Write into a folder that is not empty.
        #[arg(long)]
        force: bool,
    },
    /// Pack a folder (as `opc unpack` writes it) into a package, deterministically.
    #[command(
        after_help = "Example:\n  docskill opc pack report/ -o report-edited.docx\n\nLayout whitespace added by `unpack` is removed again; text content is kept exactly.\nThe same folder always gives the same bytes. Problems `opc check` would report are\nprinted as warnings."
    )]
    Pack {
        /// The folder holding `[Content_Types].xml` and the parts.
        dir: PathBuf,
        /// The package to write (written atomically).
        #[arg(short, long)]
        output: PathBuf,
        /// Keep XML exactly as in the files.
        #[arg(long)]
        raw: bool,
    },
    /// Report malformed XML, parts without a content type, broken relationships,
    /// duplicate names and orphan parts. Exit code 1 when anything is found.
    #[command(
        after_help = "Example:\n  docskill opc check report.docx\n  docskill opc check deck.pptx --json"
    )]
    Check(InputArg),
}

#[derive(Debug, Args)]
pub struct InputArg {
    /// The package (.docx/.docm/.dotx, .xlsx/.xlsm/.xltx, .pptx/.pptm/.potx).
    pub input: PathBuf,
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum ChangesArg {
    /// Every revision accepted.
    Accept,
    /// Every revision rejected (the original).
    Reject,
    /// Both, marked {++inserted++} {--deleted--}, each group followed by {>>@author<<};
    /// comments as {>>author: text<<}.
    All,
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum DocxFormatArg {
    /// One line per paragraph.
    Text,
    /// Paragraphs with addresses and styles.
    Json,
    /// The body as Markdown (headings, lists, tables, links, images, notes).
    Md,
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum PartsArg {
    Body,
    Headers,
    Footers,
    Notes,
    Comments,
}

#[derive(Debug, Subcommand)]
pub enum DocxCommand {
    /// The document's text; `--format json` gives every paragraph's address for edits.
    #[command(
        after_help = "Examples:\n  docskill docx text contract.docx\n  docskill docx text contract.docx --changes all          # revisions as {++ins++} {--del--}\n  docskill docx text contract.docx --format json --parts body,notes\n  docskill docx text report.docx --format md\n\nAddresses: p12 (body paragraph), t1.r2.c3.p1 (table 1, row 2, cell 3), header1.p1,\nfooter2.p1, footnote3.p1, endnote1.p1, comment0.p1."
    )]
    Text {
        #[command(flatten)]
        input: InputArg,
        /// Revision view.
        #[arg(long, value_enum, default_value = "accept")]
        changes: ChangesArg,
        /// Output format.
        #[arg(long, value_enum, default_value = "text")]
        format: DocxFormatArg,
        /// Only these parts (comma-separated; default all).
        #[arg(long, value_enum, value_delimiter = ',')]
        parts: Vec<PartsArg>,
    },
    /// Edit with native tracked changes (all or nothing): from an edits file or one edit given by flags.
    #[command(
        after_help = "Examples:\n  docskill docx edit contract.docx -o out.docx --author \"Contract Bot\" --replace \"30 days\" --with \"60 days\"\n  docskill docx edit contract.docx -o out.docx --author Bot --edits edits.json --date 2026-11-22\n\nedits.json is an array of one-key objects, applied in order:\n  [{\"replace\": {\"find\": \"30 days\", \"replace\": \"60 days\", \"occurrence\": \"first\"}},\n   {\"delete\": {\"find\": \"draft \"}},\n   {\"insert\": {\"text\": \" (as amended)\", \"after\": \"this Agreement\"}},\n   {\"insert_paragraph\": {\"after\": \"p3\", \"text\": \"New clause.\"}},\n   {\"delete_paragraph\": {\"address\": \"p14\"}}]\nOptional keys of replace: occurrence (first|last|all|N), in (an address), match_case, whole_word.\nSee every field with `docskill schema docx.edit`."
    )]
    Edit {
        #[command(flatten)]
        input: InputArg,
        /// Output file (written atomically).
        #[arg(short, long, required_unless_present = "in_place")]
        output: Option<PathBuf>,
        /// Replace the input file instead.
        #[arg(long)]
        in_place: bool,
        /// Author of the revisions, as reviewers see it in Word.
        #[arg(long)]
        author: String,
        /// Revision date (ISO 8601); default `SOURCE_DATE_EPOCH`, else none.
        #[arg(long)]
        date: Option<String>,
        /// JSON file with an array of edits.
        #[arg(long, conflicts_with_all = ["replace", "delete", "delete_paragraph"])]
        edits: Option<PathBuf>,
        /// One replacement: the text to find (with --with).
        #[arg(long, requires = "with")]
        replace: Option<String>,
        /// The replacement text for --replace.
        #[arg(long)]
        with: Option<String>,
        /// One deletion: the text to delete.
        #[arg(long, conflicts_with = "replace")]
        delete: Option<String>,
        /// Delete the paragraph at this address.
        #[arg(long, conflicts_with_all = ["replace", "delete"])]
        delete_paragraph: Option<String>,
        /// Which match for --replace/--delete: first, last, all or a number.
        #[arg(long)]
        occurrence: Option<String>,
        /// Only in the paragraph at this address, for --replace/--delete.
        #[arg(long = "in")]
        within: Option<String>,
        /// Turn on Track Changes in the document too.
        #[arg(long)]
        track_future_edits: bool,
    },
    /// List tracked changes: id, kind, author, date, text, paragraph address.
    #[command(
        after_help = "Example:\n  docskill docx changes contract.docx\n  docskill docx changes contract.docx --json"
    )]
    Changes(InputArg),
    /// Accept tracked changes (all, or by author or id).
    #[command(
        after_help = "Examples:\n  docskill docx accept contract.docx -o clean.docx\n  docskill docx accept contract.docx -o out.docx --author Alice\n  docskill docx accept contract.docx -o out.docx --ids 3,4"
    )]
    Accept(ResolveArgs),
    /// Reject tracked changes (all, or by author or id).
    #[command(
        after_help = "Examples:\n  docskill docx reject contract.docx -o original.docx\n  docskill docx reject contract.docx -o out.docx --author \"Contract Bot\""
    )]
    Reject(ResolveArgs),
    /// Report what makes Word say \"unreadable content\": duplicate ids, control characters in
    /// text, text in deletions, unpaired comment ranges, dangling relationship and numbering ids.
    #[command(
        after_help = "Example:\n  docskill docx check out.docx      # exit code 1 when problems are found"
    )]
    Check(InputArg),
    /// Create a Word document from Markdown or a JSON outline, on docskill's clean default template or yours.
    #[command(
        after_help = "Examples:\n  docskill docx create report.md -o report.docx\n  docskill docx create report.md -o report.docx --template house-style.dotx --page letter\n  docskill docx create outline.json -o report.docx --footer \"Page {page} of {pages}\"\n\nMarkdown: # headings, paragraphs with **bold**, *italic*, `code`, [links](https://...),\nnested - and 1. lists, | pipe | tables | (alignment row honoured), ```code```, > quotes,\n![alt](image.png){width=8cm} (PNG, JPEG, GIF; paths relative to the input file), footnotes\n[^1] with [^1]: text, \\pagebreak, and [TOC] for a table of contents.\n\nJSON outline (a .json input; schema: docskill schema docx.create):\n  {\"header\": \"Acme\\tReport\", \"footer\": \"Page {page} of {pages}\",\n   \"blocks\": [{\"heading\": {\"text\": \"Scope\", \"level\": 1}},\n              {\"paragraph\": {\"text\": \"Body with **bold**.\", \"style\": \"Quote\", \"align\": \"center\"}},\n              {\"list\": {\"ordered\": false, \"items\": [\"a\", {\"text\": \"b\", \"items\": [\"b1\"]}]}},\n              {\"table\": {\"columns\": [{\"header\": \"Item\", \"width_cm\": 6, \"align\": \"left\"}], \"rows\": [[\"Pens\"]]}},\n              {\"image\": {\"path\": \"chart.png\", \"alt\": \"Chart\", \"width_cm\": 12}},\n              {\"code\": {\"text\": \"...\"}}, {\"quote\": {\"text\": \"...\"}}, {\"page_break\": {}}, {\"toc\": {}}],\n   \"footnotes\": {\"src\": \"Cited as [^src] in any text.\"}}\nThe default template has a footer with page numbers; --header/--footer replace the template's."
    )]
    Create {
        /// The Markdown file, or a JSON outline (.json).
        input: PathBuf,
        /// The document to write (written atomically).
        #[arg(short, long)]
        output: PathBuf,
        /// A .docx or .dotx whose styles, numbering, headers and footers to use.
        #[arg(long)]
        template: Option<PathBuf>,
        /// Page size (default: the template's; A4 for the default template).
        #[arg(long, value_enum)]
        page: Option<PageArg>,
        /// Header text on every page: {page} and {pages} are page numbers, tabs split left|centre|right.
        #[arg(long)]
        header: Option<String>,
        /// Footer text, like --header, e.g. "Page {page} of {pages}".
        #[arg(long)]
        footer: Option<String>,
    },
    /// List comments and replies: id, author, date, anchor paragraph, thread, done.
    #[command(
        after_help = "Example:\n  docskill docx comments contract.docx\n  docskill docx comments contract.docx --json"
    )]
    Comments(InputArg),
    /// Add a comment on text or a paragraph, reply to a comment, or resolve one.
    #[command(
        after_help = "Examples:\n  docskill docx comment contract.docx -o out.docx --author Bot --anchor \"30 days\" --text \"Too short?\"\n  docskill docx comment contract.docx -o out.docx --author Bot --address p12 --text \"Cite the statute.\"\n  docskill docx comment out.docx --in-place --author Alice --reply-to 3 --text \"Agreed.\"\n  docskill docx comment out.docx --in-place --author Alice --resolve 3\n\nWrites comments.xml and, as Word does, commentsExtended.xml (threads, done),\ncommentsIds.xml and people.xml; the range markers and reference go into the document."
    )]
    Comment {
        #[command(flatten)]
        input: InputArg,
        /// Output file (written atomically).
        #[arg(short, long, required_unless_present = "in_place")]
        output: Option<PathBuf>,
        /// Replace the input file instead.
        #[arg(long)]
        in_place: bool,
        /// The comment's author.
        #[arg(long)]
        author: String,
        /// The author's initials.
        #[arg(long)]
        initials: Option<String>,
        /// Date (ISO 8601); default `SOURCE_DATE_EPOCH`, else none.
        #[arg(long)]
        date: Option<String>,
        /// The comment's text.
        #[arg(long, required_unless_present = "resolve")]
        text: Option<String>,
        /// Anchor on this text.
        #[arg(long, conflicts_with_all = ["reply_to", "resolve"])]
        anchor: Option<String>,
        /// Which match of --anchor: first, last or a number.
        #[arg(long, requires = "anchor")]
        occurrence: Option<String>,
        /// Anchor on this paragraph (with --anchor: search only there).
        #[arg(long, conflicts_with_all = ["reply_to", "resolve"])]
        address: Option<String>,
        /// Reply to the comment with this id.
        #[arg(long, conflicts_with = "resolve")]
        reply_to: Option<String>,
        /// Mark the comment with this id done.
        #[arg(long)]
        resolve: Option<String>,
    },
}

#[derive(Debug, Args)]
pub struct ResolveArgs {
    #[command(flatten)]
    pub input: InputArg,
    /// Output file (written atomically).
    #[arg(short, long, required_unless_present = "in_place")]
    pub output: Option<PathBuf>,
    /// Replace the input file instead.
    #[arg(long)]
    pub in_place: bool,
    /// Only revisions by this author.
    #[arg(long)]
    pub author: Option<String>,
    /// Only revisions with these ids (comma-separated; see `docx changes`).
    #[arg(long, value_delimiter = ',')]
    pub ids: Option<Vec<String>>,
}

#[derive(Debug, Subcommand)]
pub enum XlsxCommand {
    /// Edit an existing workbook in place: values, formulas, styles, sheets, widths, merges,
    /// freeze panes, validation, conditional formats, names. Untouched parts stay byte for byte.
    #[command(
        after_help = "Examples:\n  docskill xlsx edit model.xlsx -o out.xlsx --ops ops.json\n  docskill xlsx edit model.xlsx --in-place --ops ops.json\n\nops.json is an array of one-key objects, applied in order, all or nothing:\n  [{\"set\": {\"cell\": \"Data!B2\", \"value\": 42}},\n   {\"set\": {\"cell\": \"C2\", \"formula\": \"=A2*B2\"}},\n   {\"rename_sheet\": {\"sheet\": \"Data\", \"name\": \"Inputs\"}}]\nA cell without a sheet means the first sheet. Every op and field: `docskill schema xlsx.edit`.\nChanged formulas drop calcChain.xml and ask Excel and LibreOffice to recalculate on open."
    )]
    Edit {
        /// The workbook.
        input: PathBuf,
        /// The edit operations (JSON array).
        #[arg(long)]
        ops: PathBuf,
        /// Output file (written atomically).
        #[arg(short, long, required_unless_present = "in_place")]
        output: Option<PathBuf>,
        /// Replace the input file instead.
        #[arg(long)]
        in_place: bool,
    },
    /// Compute every formula with docskill's own engine and write the values into the
    /// workbook (cached values every viewer shows); report errors with their origin,
    /// circular references and unsupported functions.
    #[command(
        after_help = "Examples:\n  docskill xlsx recalc model.xlsx -o model.xlsx.out --check\n  docskill xlsx recalc model.xlsx --check --json\n  docskill xlsx recalc model.xlsx --in-place --date 2025-03-31\n  docskill xlsx recalc excel-saved.xlsx --compare-cached --json\n\nWithout -o or --in-place nothing is written: only the report. With --check the command\nexits 1 when any formula gives an error, a circular reference exists or a function is\nunsupported: the gate to run before handing a workbook over. NOW/TODAY take --date (else\nSOURCE_DATE_EPOCH, else 2025-01-01T12:00); RAND takes --seed. calcChain.xml is removed;\nevery other part keeps its bytes."
    )]
    Recalc {
        /// The workbook.
        input: PathBuf,
        /// Write the recalculated workbook here (atomically).
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// Replace the input file.
        #[arg(long, conflicts_with = "output")]
        in_place: bool,
        /// Date and time `NOW()` and `TODAY()` see (ISO 8601).
        #[arg(long)]
        date: Option<String>,
        /// Seed of `RAND()` and `RANDBETWEEN()`.
        #[arg(long)]
        seed: Option<u64>,
        /// Exit 1 when any error, circular reference or unsupported function exists.
        #[arg(long)]
        check: bool,
        /// List cells whose computed value differs from the value cached in the file.
        #[arg(long)]
        compare_cached: bool,
    },
    /// Evaluate one formula against a workbook (its formulas computed first).
    #[command(
        after_help = "Examples:\n  docskill xlsx eval model.xlsx \"=SUM(Data!B2:B99)\"\n  docskill xlsx eval model.xlsx \"=VLOOKUP(\\\"b\\\",A1:B9,2,FALSE)\" --sheet Data --json"
    )]
    Eval {
        /// The workbook.
        input: PathBuf,
        /// The formula, with or without its `=`.
        formula: String,
        /// Sheet the formula stands on (default: the first).
        #[arg(long)]
        sheet: Option<String>,
        /// Date and time `NOW()` and `TODAY()` see (ISO 8601).
        #[arg(long)]
        date: Option<String>,
    },
    /// Build a workbook from a JSON spec: values, dates, formulas, styles, column widths,
    /// merges, freeze panes, autofilter, data validation, conditional formats, defined names.
    #[command(
        after_help = "Example:\n  docskill xlsx build fixtures/xlsx/full-spec.json -o full.xlsx\n\nA minimal spec:\n  {\"sheets\": [{\"name\": \"Data\", \"cells\": {\"A1\": \"qty\", \"A2\": 3,\n    \"B2\": {\"formula\": \"=A2*2\"}, \"C2\": {\"value\": \"2024-01-31\", \"type\": \"date\"}}}]}\n\nEvery field: `docskill schema xlsx.build`. Formulas are checked before anything is\nwritten; newer functions (XLOOKUP, LET, FILTER, IFS...) get their _xlfn. prefix. The same\nspec always gives the same bytes."
    )]
    Build {
        /// The JSON spec file.
        spec: PathBuf,
        /// The workbook to write (written atomically).
        #[arg(short, long)]
        output: PathBuf,
        /// Creation time for the document properties (ISO 8601), when the spec has none.
        #[arg(long)]
        created: Option<String>,
    },
    /// Describe a workbook: sheets (visibility, kind, used range, cells, formulas, merges),
    /// defined names, tables.
    #[command(
        after_help = "Example:\n  docskill xlsx info report.xlsx\n  docskill xlsx info report.xlsx --json"
    )]
    Info(InputArg),
    /// Read typed values of a sheet or range: numbers, text, booleans, dates as ISO 8601,
    /// formulas beside values with --formulas.
    #[command(
        after_help = "Examples:\n  docskill xlsx read report.xlsx --sheet Data --range A1:F40\n  docskill xlsx read report.xlsx --format csv --formulas > data.csv\n  docskill xlsx read report.xlsx --json\n  docskill xlsx read big.xlsx --format csv -o big.csv    # streamed, no cell limit\n\nWith --format csv or md, a cell holding a formula shows the formula (=...) when\n--formulas is given; in JSON it is {\"value\": ..., \"formula\": \"=...\"}.\nWith -o the sheet is written to the file a row at a time: memory holds one row, so\n--max-cells does not apply; the answer then gives the range and row count."
    )]
    Read {
        #[command(flatten)]
        input: InputArg,
        /// Sheet name (default: the first sheet).
        #[arg(long)]
        sheet: Option<String>,
        /// Range in A1 notation (default: the used range).
        #[arg(long)]
        range: Option<String>,
        /// Output format.
        #[arg(long, value_enum, default_value = "md")]
        format: ReadFormatArg,
        /// Show formulas beside (JSON) or instead of (CSV, Markdown) values.
        #[arg(long)]
        formulas: bool,
        /// Refuse to read more cells than this.
        #[arg(long)]
        max_cells: Option<u64>,
        /// Write the values to this file a row at a time (any size; --max-cells does not
        /// apply) instead of answering them.
        #[arg(short = 'o', long = "output")]
        output: Option<PathBuf>,
    },
}

/// `--format` of `xlsx read`.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum ReadFormatArg {
    /// Typed JSON rows.
    Json,
    /// Comma-separated values.
    Csv,
    /// A Markdown table with row numbers and column letters.
    Md,
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum PageArg {
    /// 210 × 297 mm.
    A4,
    /// 8.5 × 11 in.
    Letter,
}
