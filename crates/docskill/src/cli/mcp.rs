//! `docskill mcp`: every operation as an MCP tool over stdio, and the skills
//! as MCP resources (official Rust SDK, `rmcp`).
//!
//! Tool names are the operation names (`docx.edit`); a tool's input schema is
//! the operation's request schema without `op`. A call runs the same
//! `execute` as the CLI; its answer is the response JSON, an error is a tool
//! result marked as an error with the error JSON (code, message, hint).

use std::sync::Arc;

use docskill::ops::{Request, Response, execute, op_names, request_schema};
use docskill::skills;
use rmcp::model::{
    CallToolRequestParams, CallToolResponse, CallToolResult, ContentBlock, Implementation,
    ListResourcesResult, ListToolsResult, PaginatedRequestParams, ReadResourceRequestParams,
    ReadResourceResponse, ReadResourceResult, Resource, ResourceContents, ServerCapabilities,
    ServerConfig, Tool,
};
use rmcp::service::RequestContext;
use rmcp::{ErrorData as McpError, RoleServer, ServerHandler, ServiceExt};
use serde_json::{Map, Value};

const URI_PREFIX: &str = "skill://";

/// The tools: one per operation.
fn tools() -> Vec<Tool> {
    op_names()
        .into_iter()
        .filter_map(|op| {
            let schema = request_schema(Some(op)).ok()?;
            let mut obj: Map<String, Value> = schema.as_object()?.clone();
            let description = obj
                .remove("description")
                .and_then(|d| d.as_str().map(str::to_owned))
                .unwrap_or_else(|| format!("docskill {op}"));
            obj.remove("title");
            if let Some(props) = obj.get_mut("properties").and_then(Value::as_object_mut) {
                props.remove("op");
            }
            if let Some(req) = obj.get_mut("required").and_then(Value::as_array_mut) {
                req.retain(|r| r != "op");
            }
            Some(Tool::new(op, description, Arc::new(obj)))
        })
        .collect()
}

#[derive(Clone)]
struct Server;

impl ServerHandler for Server {
    fn get_info(&self) -> ServerConfig {
        ServerConfig::new(
            ServerCapabilities::builder()
                .enable_tools()
                .enable_resources()
                .build(),
        )
        .with_server_info(Implementation::new("docskill", env!("CARGO_PKG_VERSION")))
        .with_instructions(
            "Office documents the careful way: Word tracked changes, Excel workbooks, PowerPoint decks, PDF. \
             Tools are named like the CLI's operations (docx.edit); read the skill resources \
             (skill://NAME/SKILL.md) for the workflows.",
        )
    }

    async fn list_tools(
        &self,
        _request: Option<PaginatedRequestParams>,
        _context: RequestContext<RoleServer>,
    ) -> Result<ListToolsResult, McpError> {
        Ok(ListToolsResult::with_all_items(tools()))
    }

    async fn call_tool(
        &self,
        request: CallToolRequestParams,
        _context: RequestContext<RoleServer>,
    ) -> Result<CallToolResponse, McpError> {
        let mut args: Map<String, Value> = request.arguments.clone().unwrap_or_default();
        args.insert("op".into(), Value::String(request.name.to_string()));
        let value = Value::Object(args);
        let answer = match Request::from_json(&value) {
            Err(e) => Err(Response::failure(Some(&request.name), &e)),
            Ok(req) => match execute(&req, &super::commands::context()) {
                Ok(resp) => {
                    let mut v = serde_json::to_value(&resp).unwrap_or_default();
                    // Text payloads (opc cat, docx text) are what the caller asked for.
                    if let Some(p) = resp.payload.as_deref()
                        && let Ok(text) = std::str::from_utf8(p)
                    {
                        v["text"] = Value::String(text.to_owned());
                    }
                    Ok(v)
                }
                Err(e) => Err(Response::failure(Some(req.op()), &e)),
            },
        };
        let result = match answer {
            Ok(v) => CallToolResult::success(vec![ContentBlock::text(v.to_string())]),
            Err(v) => CallToolResult::error(vec![ContentBlock::text(v.to_string())]),
        };
        Ok(result.into())
    }

    async fn list_resources(
        &self,
        _request: Option<PaginatedRequestParams>,
        _context: RequestContext<RoleServer>,
    ) -> Result<ListResourcesResult, McpError> {
        let resources = skills::embedded()
            .into_iter()
            .map(|f| {
                Resource::new(format!("{URI_PREFIX}{}", f.path), f.path.clone())
                    .with_mime_type("text/markdown")
            })
            .collect();
        Ok(ListResourcesResult::with_all_items(resources))
    }

    async fn read_resource(
        &self,
        request: ReadResourceRequestParams,
        _context: RequestContext<RoleServer>,
    ) -> Result<ReadResourceResponse, McpError> {
        let path = request.uri.strip_prefix(URI_PREFIX).unwrap_or(&request.uri);
        let file = skills::embedded()
            .into_iter()
            .find(|f| f.path == path)
            .ok_or_else(|| {
                McpError::resource_not_found(format!("no skill file {}", request.uri), None)
            })?;
        Ok(
            ReadResourceResult::new(vec![ResourceContents::text(file.text, request.uri.clone())])
                .into(),
        )
    }
}

/// Serve MCP on standard input and output until the client closes it.
pub fn serve() -> u8 {
    let runtime = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(r) => r,
        Err(e) => {
            super::output::stderr_line(&format!("error: cannot start the MCP server: {e}"));
            return 1;
        }
    };
    runtime.block_on(async {
        match Server.serve(rmcp::transport::stdio()).await {
            Ok(service) => {
                let _ = service.waiting().await;
                0
            }
            Err(e) => {
                super::output::stderr_line(&format!("error: MCP: {e}"));
                1
            }
        }
    })
}
