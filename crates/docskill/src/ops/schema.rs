//! JSON Schemas of requests, derived from the same types that parse them.

use schemars::{JsonSchema, Schema, schema_for};

use super::{
    OpcCat, OpcCheck, OpcLs, OpcPack, OpcUnpack, Request, XlsxBuild, XlsxInfo, XlsxRead, docx, pdf,
    pdf_forms, pptx, pptx_render, skills,
};

fn with_op<T: JsonSchema>(op: &str) -> Schema {
    let mut s = schema_for!(T);
    if let Some(obj) = s.as_object_mut() {
        obj.insert("title".into(), format!("docskill request: {op}").into());
        if let Some(props) = obj.get_mut("properties").and_then(|p| p.as_object_mut()) {
            props.insert("op".into(), serde_json::json!({ "const": op }));
        }
        if let Some(req) = obj.get_mut("required").and_then(|r| r.as_array_mut()) {
            req.insert(0, "op".into());
        }
    }
    s
}

/// Every operation name with its schema.
fn table() -> Vec<(&'static str, Schema)> {
    vec![
        ("opc.ls", with_op::<OpcLs>("opc.ls")),
        ("opc.cat", with_op::<OpcCat>("opc.cat")),
        ("opc.unpack", with_op::<OpcUnpack>("opc.unpack")),
        ("opc.pack", with_op::<OpcPack>("opc.pack")),
        ("opc.check", with_op::<OpcCheck>("opc.check")),
        ("docx.text", with_op::<docx::DocxText>("docx.text")),
        ("docx.edit", with_op::<docx::DocxEdit>("docx.edit")),
        ("docx.changes", with_op::<docx::DocxChanges>("docx.changes")),
        ("docx.accept", with_op::<docx::DocxResolve>("docx.accept")),
        ("docx.reject", with_op::<docx::DocxResolve>("docx.reject")),
        ("docx.check", with_op::<docx::DocxCheck>("docx.check")),
        (
            "docx.comments",
            with_op::<docx::DocxComments>("docx.comments"),
        ),
        ("docx.comment", with_op::<docx::DocxComment>("docx.comment")),
        ("docx.create", with_op::<docx::DocxCreate>("docx.create")),
        ("xlsx.build", with_op::<XlsxBuild>("xlsx.build")),
        ("xlsx.info", with_op::<XlsxInfo>("xlsx.info")),
        ("xlsx.read", with_op::<XlsxRead>("xlsx.read")),
        ("xlsx.edit", with_op::<super::xlsx::XlsxEdit>("xlsx.edit")),
        ("xlsx.recalc", with_op::<super::XlsxRecalc>("xlsx.recalc")),
        ("xlsx.eval", with_op::<super::XlsxEval>("xlsx.eval")),
        (
            "pptx.inventory",
            with_op::<pptx::PptxInventory>("pptx.inventory"),
        ),
        ("pptx.text", with_op::<pptx::PptxText>("pptx.text")),
        ("pptx.replace", with_op::<pptx::PptxReplace>("pptx.replace")),
        (
            "pptx.assemble",
            with_op::<pptx::PptxAssemble>("pptx.assemble"),
        ),
        ("pptx.build", with_op::<pptx::PptxBuild>("pptx.build")),
        (
            "pptx.thumbnails",
            with_op::<pptx_render::PptxThumbnails>("pptx.thumbnails"),
        ),
        ("pptx.grid", with_op::<pptx_render::PptxGrid>("pptx.grid")),
        ("pdf.info", with_op::<pdf::PdfInfo>("pdf.info")),
        ("pdf.text", with_op::<pdf::PdfText>("pdf.text")),
        ("pdf.tables", with_op::<pdf::PdfTables>("pdf.tables")),
        ("pdf.fields", with_op::<pdf_forms::PdfFields>("pdf.fields")),
        ("pdf.fill", with_op::<pdf_forms::PdfFill>("pdf.fill")),
        (
            "pdf.fill_batch",
            with_op::<super::pdf_batch::PdfFillBatch>("pdf.fill_batch"),
        ),
        (
            "pdf.annotate",
            with_op::<super::pdf_annotate::PdfAnnotate>("pdf.annotate"),
        ),
        ("pdf.merge", with_op::<pdf_forms::PdfMerge>("pdf.merge")),
        ("pdf.split", with_op::<pdf_forms::PdfSplit>("pdf.split")),
        ("pdf.select", with_op::<pdf_forms::PdfPages>("pdf.select")),
        ("pdf.delete", with_op::<pdf_forms::PdfPages>("pdf.delete")),
        ("pdf.reorder", with_op::<pdf_forms::PdfPages>("pdf.reorder")),
        ("pdf.rotate", with_op::<pdf_forms::PdfRotate>("pdf.rotate")),
        ("skills.list", with_op::<skills::SkillsList>("skills.list")),
        ("skills.show", with_op::<skills::SkillsShow>("skills.show")),
        (
            "skills.install",
            with_op::<skills::SkillsInstall>("skills.install"),
        ),
        ("skills.lint", with_op::<skills::SkillsLint>("skills.lint")),
    ]
}

/// The names of all operations.
pub fn op_names() -> Vec<&'static str> {
    table().into_iter().map(|(n, _)| n).collect()
}

/// The schema of one operation's request, or of [`Request`] (every operation) for `None`.
///
/// # Errors
/// `usage` naming the valid operations when `op` is unknown.
pub fn request_schema(op: Option<&str>) -> super::OpResult<serde_json::Value> {
    let Some(op) = op else {
        return Ok(schema_for!(Request).to_value());
    };
    table()
        .into_iter()
        .find(|(n, _)| *n == op)
        .map(|(_, s)| s.to_value())
        .ok_or_else(|| {
            super::OpError::new("usage", format!("unknown operation {op:?}"))
                .hint(format!("valid operations: {}", op_names().join(", ")))
        })
}
