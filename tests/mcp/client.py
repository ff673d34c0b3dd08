"""Drive `docskill mcp` with the official Python MCP client; print what it saw as JSON.

usage: python client.py DOCSKILL_BINARY IN.docx OUT.docx WORKBOOK.xlsx FORM.pdf
"""
import asyncio
import json
import sys

from mcp import ClientSession, StdioServerParameters
from mcp.client.stdio import stdio_client


def payload(result):
    return {"is_error": bool(result.is_error), "json": json.loads(result.content[0].text)}


async def main(binary, docx, out, xlsx, form):
    seen = {}
    params = StdioServerParameters(command=binary, args=["mcp"])
    async with stdio_client(params) as (read, write):
        async with ClientSession(read, write) as session:
            init = await session.initialize()
            seen["server"] = init.server_info.name
            tools = await session.list_tools()
            seen["tools"] = sorted(t.name for t in tools.tools)
            edit = next(t for t in tools.tools if t.name == "docx.edit")
            seen["docx.edit required"] = sorted(edit.input_schema.get("required", []))
            r = await session.call_tool("docx.edit", {
                "input": docx, "output": out, "author": "MCP client", "date": "2026-11-22",
                "edits": [{"replace": {"find": "thirty", "replace": "forty"}}]})
            seen["edit"] = payload(r)["json"]["result"]["edits"]
            r = await session.call_tool("docx.text", {"input": out, "changes": "all", "parts": ["body"]})
            seen["text line 2"] = payload(r)["json"]["text"].splitlines()[1]
            r = await session.call_tool("xlsx.info", {"input": xlsx})
            seen["xlsx sheets"] = [s["name"] for s in payload(r)["json"]["result"]["sheets"]]
            r = await session.call_tool("pdf.fields", {"input": form})
            seen["pdf fields"] = [[f["field_id"], f["type"]] for f in payload(r)["json"]["result"]["fields"]]
            r = await session.call_tool("docx.text", {"input": out + ".missing"})
            p = payload(r)
            seen["missing file"] = [p["is_error"], p["json"]["error"]["code"]]
            r = await session.call_tool("docx.edit", {"input": docx, "bogus": 1})
            p = payload(r)
            seen["bad arguments"] = [p["is_error"], p["json"]["error"]["code"]]
            res = await session.list_resources()
            seen["resources"] = sorted(str(x.uri) for x in res.resources)
            rr = await session.read_resource("skill://docx/SKILL.md")
            seen["skill first lines"] = rr.contents[0].text.splitlines()[:2]
    print(json.dumps(seen, indent=2, sort_keys=True))


asyncio.run(main(*sys.argv[1:]))
